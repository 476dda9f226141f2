// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-fake-shopify as a program: GraphQL with its bucket, control routes, signed webhooks.
#include "core/base/clock.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/fulfillmentapi.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/webhookverifier.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>

using namespace pb;

namespace {

struct Delivery {
  QByteArray topic;
  QByteArray hmac;
  QByteArray body;
};

QJsonObject getJson(const QUrl &url)
{
  QNetworkAccessManager network;
  QNetworkReply *reply = network.get(QNetworkRequest(url));
  QEventLoop loop;
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  if (!reply->isFinished())
    loop.exec();
  const QJsonObject object = QJsonDocument::fromJson(reply->readAll()).object();
  reply->deleteLater();
  return object;
}

int postJson(const QUrl &url, const QJsonObject &body)
{
  QNetworkAccessManager network;
  QNetworkRequest request(url);
  request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
  QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
  QEventLoop loop;
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  if (!reply->isFinished())
    loop.exec();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  reply->deleteLater();
  return status;
}

} // namespace

class FakeShopifyProgramTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void program_servesGraphQlWithItsBucket_andSendsSignedWebhooks()
  {
    const QByteArray secret = QByteArrayLiteral("program-test-secret");
    QList<Delivery> deliveries;
    QHttpServer receiver;
    receiver.route(QStringLiteral("/webhooks/shopify"), QHttpServerRequest::Method::Post,
                   [&deliveries](const QHttpServerRequest &request) {
                     Delivery d;
                     for (const auto &header : request.headers()) {
                       if (header.first.compare("x-shopify-topic", Qt::CaseInsensitive) == 0)
                         d.topic = header.second;
                       if (header.first.compare("x-shopify-hmac-sha256", Qt::CaseInsensitive) == 0)
                         d.hmac = header.second;
                     }
                     d.body = request.body();
                     deliveries.append(d);
                     return QHttpServerResponse(QHttpServerResponse::StatusCode::Ok);
                   });
    const quint16 receiverPort = receiver.listen(QHostAddress::LocalHost, 0);
    QVERIFY(receiverPort > 0);

    QProcess fake;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PACKBENCH_FAKE_WEBHOOK_SECRET"), QString::fromLatin1(secret));
    fake.setProcessEnvironment(env);
    fake.start(QStringLiteral(PACKBENCH_FAKE_SHOPIFY_BINARY),
               {QStringLiteral("--orders"), QStringLiteral("2001:3"), QStringLiteral("--bucket"), QStringLiteral("600"),
                QStringLiteral("--restore-rate"), QStringLiteral("100"), QStringLiteral("--webhook-url"),
                QStringLiteral("http://127.0.0.1:%1/webhooks/shopify").arg(receiverPort)});
    QVERIFY(fake.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(fake.canReadLine(), 10000);
    const QUrl base(QString::fromUtf8(fake.readLine()).trimmed());
    QVERIFY2(base.isValid() && base.port() > 0, qPrintable(base.toString()));

    QTRY_COMPARE_WITH_TIMEOUT(deliveries.size(), 3, 15000);
    const shopify::WebhookVerifier verifier(secret);
    for (const Delivery &d : std::as_const(deliveries)) {
      QCOMPARE(d.topic, QByteArrayLiteral("orders/create"));
      QVERIFY(verifier.isAuthentic(d.body, d.hmac));
      QVERIFY(!shopify::WebhookVerifier("other").isAuthentic(d.body, d.hmac));
    }

    // The orders it announced are there to fulfil; the lookups cost what Shopify would charge.
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlSettings settings;
    settings.endpoint = QUrl(base.toString() + QStringLiteral("/admin/api/2026-01/graphql.json"));
    settings.accessToken = QByteArrayLiteral("shpat_fake_token");
    shopify::GraphQlClient client(settings, throttle);
    for (int i = 0; i < 3; ++i) {
      auto fos = shopify::fulfillmentapi::fetchFulfillmentOrders(client, QStringLiteral("2002"));
      QVERIFY2(fos.ok(), qPrintable(fos.ok() ? QString() : fos.error().message));
      QCOMPARE(fos->first().lines.size(), 2);
    }
    const QJsonObject stats = getJson(QUrl(base.toString() + QStringLiteral("/fake/stats")));
    QCOMPARE(stats.value(u"requests").toInt(), 3);
    QCOMPARE(stats.value(u"throttled").toInt(), 0); // 564 requested of 600 each time, refunds kept it full
    QCOMPARE(stats.value(u"bucket_maximum").toDouble(), 600.0);
    QCOMPARE(
        stats.value(u"operations").toObject().value(u"FulfillmentOrdersForOrder").toObject().value(u"requested_cost"),
        QJsonValue(564));

    // A big order over POST /fake/orders: the program pages its lines like Shopify.
    const QUrl orders(base.toString() + QStringLiteral("/fake/orders"));
    QCOMPARE(postJson(orders,
                      {{QStringLiteral("first"), 3001}, {QStringLiteral("count"), 1}, {QStringLiteral("lines"), 1000}}),
             400);
    QCOMPARE(postJson(orders,
                      {{QStringLiteral("first"), 3001}, {QStringLiteral("count"), 1}, {QStringLiteral("lines"), 120}}),
             200);
    auto big = shopify::fulfillmentapi::fetchFulfillmentOrders(client, QStringLiteral("3001"));
    QVERIFY2(big.ok(), qPrintable(big.ok() ? QString() : big.error().message));
    QCOMPARE(big->first().lines.size(), 120);
    QCOMPARE(big->first().lines.last().lineItemId, QStringLiteral("3001120"));
    QCOMPARE(getJson(QUrl(base.toString() + QStringLiteral("/fake/stats")))
                 .value(u"operations")
                 .toObject()
                 .value(u"FulfillmentOrderLineItems")
                 .toObject()
                 .value(u"calls"),
             QJsonValue(1));

    fake.terminate();
    QVERIFY(fake.waitForFinished(5000));
  }

  void program_badArguments_exitWithUsageError_data()
  {
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown plan") << QStringList{QStringLiteral("--plan"), QStringLiteral("gold")};
    QTest::newRow("webhooks without a secret")
        << QStringList{QStringLiteral("--orders"), QStringLiteral("1:1"), QStringLiteral("--webhook-url"),
                       QStringLiteral("http://127.0.0.1:1/webhooks/shopify")};
    QTest::newRow("orders not first:count") << QStringList{QStringLiteral("--orders"), QStringLiteral("12")};
    QTest::newRow("zero restore rate") << QStringList{QStringLiteral("--restore-rate"), QStringLiteral("0")};
  }

  void program_badArguments_exitWithUsageError()
  {
    QFETCH(QStringList, arguments);
    QProcess fake;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PACKBENCH_FAKE_WEBHOOK_SECRET"));
    fake.setProcessEnvironment(env);
    fake.start(QStringLiteral(PACKBENCH_FAKE_SHOPIFY_BINARY), arguments);
    QVERIFY(fake.waitForFinished(10000));
    QCOMPARE(fake.exitStatus(), QProcess::NormalExit);
    QCOMPARE(fake.exitCode(), 2);
    QVERIFY(!fake.readAllStandardError().isEmpty());
  }
};

QTEST_GUILESS_MAIN(FakeShopifyProgramTest)
#include "fake_shopify_program_test.moc"
