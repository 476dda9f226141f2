// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/httprequest.h"
#include "core/hub/httpresponse.h"

#include <QTest>

using namespace pb::hub::http;

class HttpRequestTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void webhook_isParsedWithItsHeadersAndBody()
  {
    const QByteArray wire = "POST /webhooks/shopify?x=1 HTTP/1.1\r\nHost: hub\r\nX-Shopify-Topic:  orders/create \r\n"
                            "Content-Length: 11\r\n\r\n{\"id\": 101}GET /healthz HTTP/1.1\r\n";
    const Parsed parsed = parse(wire, Limits{});
    QCOMPARE(parsed.kind, Parsed::Kind::Request);
    QCOMPARE(parsed.request.method, QByteArray("POST"));
    QCOMPARE(parsed.request.path(), QByteArray("/webhooks/shopify"));
    QCOMPARE(parsed.request.header("x-shopify-topic"), QByteArray("orders/create"));
    QCOMPARE(parsed.request.body, QByteArray("{\"id\": 101}"));
    QVERIFY(parsed.request.keepAlive);
    // The pipelined request behind it is left for the next parse.
    QCOMPARE(wire.sliced(parsed.consumed), QByteArray("GET /healthz HTTP/1.1\r\n"));
  }

  // One table for every outcome: what the bytes are (a whole request, not yet, refused with which status),
  // and what else they say (a 100 awaited, keep-alive).
  void wire_parsesAs_data()
  {
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<Parsed::Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("flag"); // NeedMore: expects 100-continue; Request: keep-alive
    const auto more = Parsed::Kind::NeedMore;
    const auto refused = Parsed::Kind::Refused;
    const auto request = Parsed::Kind::Request;
    QTest::newRow("nothing") << QByteArray() << more << 0 << false;
    QTest::newRow("half a request line") << QByteArray("POST /webhooks/sho") << more << 0 << false;
    QTest::newRow("head without its end") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << more << 0 << false;
    QTest::newRow("body short") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc") << more << 0 << false;
    QTest::newRow("waits for 100") << QByteArray("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
                                   << more << 0 << true;
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << refused << 411
                             << false;
    QTest::newRow("chunked and a length (smuggling)")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") << refused << 400
        << false;
    QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
                                 << refused << 400 << false;
    QTest::newRow("signed length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: +3\r\n\r\nabc") << refused << 400
                                   << false;
    QTest::newRow("space before colon") << QByteArray("POST / HTTP/1.1\r\nContent-Length : 3\r\n\r\nabc") << refused
                                        << 400 << false;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << refused << 400 << false;
    QTest::newRow("bare line feed") << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << refused << 400 << false;
    QTest::newRow("control character in a value")
        << QByteArray("GET / HTTP/1.1\r\nA: b\x01\r\n\r\n") << refused << 400 << false;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << refused << 400 << false;
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << refused << 505 << false;
    QTest::newRow("body over the limit") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2097153\r\n\r\n") << refused
                                         << 413 << false;
    QTest::newRow("head over the limit") << QByteArray("GET / HTTP/1.1\r\nA: " + QByteArray(17000, 'a')) << refused
                                         << 431 << false;
    QTest::newRow("target over the limit")
        << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n") << refused << 414 << false;
    QTest::newRow("1.1 keeps alive") << QByteArray("GET / HTTP/1.1\r\n\r\n") << request << 0 << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n") << request << 0
                               << false;
    QTest::newRow("1.0 closes") << QByteArray("GET / HTTP/1.0\r\n\r\n") << request << 0 << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << request << 0
                                    << true;
  }
  void wire_parsesAs()
  {
    QFETCH(QByteArray, wire);
    QFETCH(Parsed::Kind, kind);
    QFETCH(int, status);
    QFETCH(bool, flag);
    const Parsed parsed = parse(wire, Limits{});
    QCOMPARE(parsed.kind, kind);
    QCOMPARE(parsed.status, status);
    if (kind == Parsed::Kind::NeedMore)
      QCOMPARE(parsed.expectsContinue, flag);
    if (kind == Parsed::Kind::Request)
      QCOMPARE(parsed.request.keepAlive, flag);
  }

  void tooManyHeaders_is431()
  {
    QByteArray wire = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i)
      wire += "X-" + QByteArray::number(i) + ": v\r\n";
    wire += "\r\n";
    const Parsed parsed = parse(wire, Limits{});
    QCOMPARE(parsed.status, 431);
  }

  void emptyLinesBeforeARequest_arePassedOver()
  {
    const Parsed parsed = parse("\r\n\r\nGET /healthz HTTP/1.1\r\n\r\n", Limits{});
    QCOMPARE(parsed.kind, Parsed::Kind::Request);
    QCOMPARE(parsed.request.target, QByteArray("/healthz"));
    QCOMPARE(parse(QByteArray(40, '\r').replace("\r", "\r\n"), Limits{}).status, 400);
  }

  void response_isFramedWithItsLength()
  {
    Response response = Response::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}, 503);
    QCOMPARE(serialize(response, false),
             QByteArray("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                        "Content-Length: 15\r\n\r\n{\"status\":\"ok\"}"));
    QCOMPARE(serialize(Response{411, {}, {}, {}}, true),
             QByteArray("HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
  }
};

QTEST_GUILESS_MAIN(HttpRequestTest)
#include "http_request_test.moc"
