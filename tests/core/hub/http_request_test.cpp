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

  void incompleteRequests_waitForMore_data()
  {
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("expectsContinue");
    QTest::newRow("nothing") << QByteArray() << false;
    QTest::newRow("half a request line") << QByteArray("POST /webhooks/sho") << false;
    QTest::newRow("head without its end") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << false;
    QTest::newRow("body short") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc") << false;
    QTest::newRow("waits for 100") << QByteArray("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
                                   << true;
  }
  void incompleteRequests_waitForMore()
  {
    QFETCH(QByteArray, wire);
    QFETCH(bool, expectsContinue);
    const Parsed parsed = parse(wire, Limits{});
    QCOMPARE(parsed.kind, Parsed::Kind::NeedMore);
    QCOMPARE(parsed.expectsContinue, expectsContinue);
  }

  void badFraming_isRefused_data()
  {
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 411;
    QTest::newRow("chunked and a length (smuggling)")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
                                 << 400;
    QTest::newRow("signed length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: +3\r\n\r\nabc") << 400;
    QTest::newRow("space before colon") << QByteArray("POST / HTTP/1.1\r\nContent-Length : 3\r\n\r\nabc") << 400;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
    QTest::newRow("bare line feed") << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << 400;
    QTest::newRow("control character in a value") << QByteArray("GET / HTTP/1.1\r\nA: b\x01\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::newRow("body over the limit") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2097153\r\n\r\n") << 413;
    QTest::newRow("head over the limit") << QByteArray("GET / HTTP/1.1\r\nA: " + QByteArray(17000, 'a')) << 431;
    QTest::newRow("target over the limit") << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n") << 414;
  }
  void badFraming_isRefused()
  {
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    const Parsed parsed = parse(wire, Limits{});
    QCOMPARE(parsed.kind, Parsed::Kind::Refused);
    QCOMPARE(parsed.status, status);
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

  void keepAlive_followsTheVersionAndConnectionHeader_data()
  {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n") << false;
    QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true;
  }
  void keepAlive_followsTheVersionAndConnectionHeader()
  {
    QFETCH(QByteArray, head);
    QFETCH(bool, keepAlive);
    const Parsed parsed = parse(head, Limits{});
    QCOMPARE(parsed.kind, Parsed::Kind::Request);
    QCOMPARE(parsed.request.keepAlive, keepAlive);
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
