// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Webhook HMAC, order payload mapping and the cost throttle's arithmetic: no network, no database.
#include "core/shopify/costthrottle.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/webhookverifier.h"
#include "tests/support/manualclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pb;
using namespace pb::shopify;

class ShopifyParsingTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void hmac_data()
  {
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("authentic");
    const QByteArray body = QByteArrayLiteral("{\"id\":1}");
    // Independently computed: printf '{"id":1}' | openssl dgst -sha256 -hmac hush -binary | base64
    const QByteArray known = QByteArrayLiteral("VnKUjZsLuN5iZWjn5EntcBVCF9kMN43LglzCE1/GSeY=");
    QTest::newRow("known vector") << QByteArrayLiteral("hush") << body << known << true;
    QTest::newRow("whitespace around header") << QByteArrayLiteral("hush") << body << (known + "\r\n") << true;
    QTest::newRow("wrong secret") << QByteArrayLiteral("loud") << body << known << false;
    QTest::newRow("body changed") << QByteArrayLiteral("hush") << QByteArrayLiteral("{\"id\":2}") << known << false;
    QTest::newRow("missing header") << QByteArrayLiteral("hush") << body << QByteArray() << false;
    QTest::newRow("not base64") << QByteArrayLiteral("hush") << body << QByteArrayLiteral("%%%") << false;
    QTest::newRow("truncated") << QByteArrayLiteral("hush") << body << known.left(20) << false;
    QTest::newRow("empty secret") << QByteArray() << body << known << false;
  }

  void hmac()
  {
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(bool, authentic);
    QCOMPARE(WebhookVerifier(secret).isAuthentic(body, header), authentic);
  }

  void minorUnits_data()
  {
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("minor");
    QTest::newRow("usd") << QStringLiteral("19.99") << QStringLiteral("USD") << true << qint64(1999);
    QTest::newRow("usd whole") << QStringLiteral("20") << QStringLiteral("USD") << true << qint64(2000);
    QTest::newRow("one decimal") << QStringLiteral("0.5") << QStringLiteral("EUR") << true << qint64(50);
    QTest::newRow("rounds half up") << QStringLiteral("1.005") << QStringLiteral("USD") << true << qint64(101);
    QTest::newRow("yen") << QStringLiteral("1500") << QStringLiteral("JPY") << true << qint64(1500);
    QTest::newRow("negative") << QStringLiteral("-3.10") << QStringLiteral("USD") << true << qint64(-310);
    QTest::newRow("garbage") << QStringLiteral("12,50") << QStringLiteral("EUR") << false << qint64(0);
    QTest::newRow("empty") << QString() << QStringLiteral("USD") << false << qint64(0);
  }

  void minorUnits()
  {
    QFETCH(QString, amount);
    QFETCH(QString, currency);
    QFETCH(bool, ok);
    QFETCH(qint64, minor);
    auto result = ordermapper::toMinorUnits(amount, currency);
    QCOMPARE(result.ok(), ok);
    if (ok)
      QCOMPARE(*result, minor);
  }

  void restOrder_data()
  {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("errorContains");
    const QByteArray good =
        QByteArray("{\"id\":820982911946154508,\"admin_graphql_api_id\":\"gid://shopify/Order/"
                   "820982911946154508\",\"name\":\"#9999\",\"email\":\"jon@example.com\",\"updated_at\":\"2026-11-"
                   "01T08:00:00-04:00\","
                   "\"currency\":\"USD\",\"total_price\":\"403.00\",\"cancelled_at\":null,\"customer\":{\"id\":"
                   "115310627314723954,\"admin_graphql_api_id\":\"gid://shopify/Customer/115310627314723954\"},"
                   "\"shipping_address\":{\"first_name\":\"Steve\",\"last_name\":\"Shipper\"},"
                   "\"shipping_lines\":[{\"title\":\"UPS Ground\",\"code\":\"ups_ground\"}],"
                   "\"line_items\":[{\"id\":866550311766439020,\"admin_graphql_api_id\":\"gid://shopify/LineItem/"
                   "866550311766439020\",\"title\":\"Shirt\",\"sku\":\"S1\",\"quantity\":2,\"fulfillable_quantity\":1,"
                   "\"price\":\"199.00\"}]}");
    QTest::newRow("shopify sample") << good << true << QString();
    QTest::newRow("id past 2^53 without gid")
        << QByteArray("{\"id\":820982911946154508,\"updated_at\":\"2026-11-01T08:00:00Z\",\"line_items\":[]}") << false
        << QStringLiteral("id");
    QTest::newRow("not json") << QByteArrayLiteral("{\"id\":") << false << QStringLiteral("not JSON");
    QTest::newRow("array") << QByteArrayLiteral("[]") << false << QStringLiteral("not a JSON object");
    QTest::newRow("no id") << QByteArray("{\"updated_at\":\"2026-11-01T08:00:00Z\",\"line_items\":[]}") << false
                           << QStringLiteral("id");
    QTest::newRow("bad updated_at") << QByteArray("{\"id\":1,\"updated_at\":\"yesterday\",\"line_items\":[]}") << false
                                    << QStringLiteral("updated_at");
    QTest::newRow("line_items not array")
        << QByteArray("{\"id\":1,\"updated_at\":\"2026-11-01T08:00:00Z\",\"line_items\":{}}") << false
        << QStringLiteral("line_items");
    QTest::newRow("negative quantity")
        << QByteArray("{\"id\":1,\"updated_at\":\"2026-11-01T08:00:00Z\",\"line_items\":[{\"id\":2,\"quantity\":-1}]}")
        << false << QStringLiteral("quantity");
    QTest::newRow("bad total")
        << QByteArray("{\"id\":1,\"updated_at\":\"2026-11-01T08:00:00Z\",\"total_price\":\"lots\",\"line_items\":[]}")
        << false << QStringLiteral("decimal");
  }

  void restOrder()
  {
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, errorContains);
    auto order = ordermapper::fromRestJson(body);
    QCOMPARE(order.ok(), ok);
    if (!ok) {
      QCOMPARE(order.error().kind, ErrorKind::InvalidInput);
      QVERIFY2(order.error().message.contains(errorContains), qPrintable(order.error().message));
      QVERIFY(!order.error().message.contains(u"example.com")); // errors never carry customer data
      return;
    }
    QCOMPARE(order->id, QStringLiteral("820982911946154508"));
    QCOMPARE(order->customerId, QStringLiteral("115310627314723954"));
    QCOMPARE(order->totalMinor, 40300);
    QCOMPARE(order->updatedAt, QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC));
    QCOMPARE(order->customerName, QStringLiteral("Steve Shipper"));
    QCOMPARE(order->shippingMethod, QStringLiteral("UPS Ground"));
    QCOMPARE(order->shippingCode, QStringLiteral("ups_ground")); // the service rules match on it
    QCOMPARE(order->lines.size(), 1);
    QCOMPARE(order->lines.first().quantity, 2);
    QCOMPARE(order->lines.first().fulfillableQuantity, 1);
    QCOMPARE(order->lines.first().priceMinor, 19900);
    QVERIFY(!order->cancelledAt.isValid());
  }

  void graphQlOrder_mapsToTheSameShape()
  {
    const QJsonObject node =
        QJsonDocument::fromJson(
            QByteArray("{\"id\":\"gid://shopify/Order/"
                       "77\",\"name\":\"#1077\",\"updatedAt\":\"2026-11-02T10:00:00Z\",\"cancelledAt\":null,"
                       "\"currencyCode\":\"EUR\",\"totalPriceSet\":{\"shopMoney\":{\"amount\":\"12.5\","
                       "\"currencyCode\":\"EUR\"}},\"shippingLine\":{\"title\":\"Express\",\"code\":\"EXP-1\"},"
                       "\"lineItems\":{\"nodes\":[{\"id\":\"gid://shopify/LineItem/"
                       "7701\",\"title\":\"Mug\",\"quantity\":3,\"currentQuantity\":2,\"unfulfilledQuantity\":2}]}}"))
            .object();
    auto order = ordermapper::fromGraphQl(node);
    QVERIFY(order.ok());
    QCOMPARE(order->id, QStringLiteral("77"));
    QCOMPARE(order->totalMinor, 1250);
    QCOMPARE(order->shippingMethod, QStringLiteral("Express"));
    QCOMPARE(order->shippingCode, QStringLiteral("EXP-1"));
    QCOMPARE(order->lines.first().lineItemId, QStringLiteral("7701"));
    QCOMPARE(order->lines.first().quantity, 2);
  }

  void graphQlOrder_negativeQuantity_isRefused_notAnAssert()
  {
    // Found by ordermapper_fuzz (10^7 run): qBound(0, x, -1) asserted; the webhook path already refused it.
    const QJsonObject node =
        QJsonDocument::fromJson(
            QByteArrayLiteral("{\"id\":\"gid://shopify/Order/78\",\"updatedAt\":\"2026-11-02T10:00:00Z\","
                              "\"lineItems\":{\"nodes\":[{\"id\":\"gid://shopify/LineItem/7801\","
                              "\"title\":\"Mug\",\"quantity\":-1,\"unfulfilledQuantity\":0}]}}"))
            .object();
    auto order = ordermapper::fromGraphQl(node);
    QVERIFY(!order.ok());
    QVERIFY2(order.error().message.contains(QStringLiteral("non-negative")), qPrintable(order.error().message));
  }

  void throttle_waitsByRestoreRate()
  {
    test::ManualClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    CostThrottle throttle(clock);
    const QString op = QStringLiteral("FulfillmentCreate");
    QCOMPARE(throttle.reserve(op), 0);
    throttle.observe(
        op, QJsonObject{{QStringLiteral("requestedQueryCost"), 40},
                        {QStringLiteral("throttleStatus"), QJsonObject{{QStringLiteral("maximumAvailable"), 100},
                                                                       {QStringLiteral("currentlyAvailable"), 50},
                                                                       {QStringLiteral("restoreRate"), 10}}}});
    QCOMPARE(throttle.reserve(op), 0);    // 50 -> 10
    QCOMPARE(throttle.reserve(op), 3105); // 40 + 1.05 safety: 31.05 more points at 10/s
    clock.advanceMs(3104);
    QVERIFY(throttle.reserve(op) > 0);
    clock.advanceMs(1);
    QCOMPARE(throttle.reserve(op), 0);
    clock.advanceMs(60000);
    QCOMPARE(throttle.available(), 100.0); // never above the bucket's size
    // After THROTTLED the wait comes from Shopify's own status.
    const qint64 wait = throttle.delayAfterThrottled(
        op, QJsonObject{{QStringLiteral("requestedQueryCost"), 40},
                        {QStringLiteral("throttleStatus"), QJsonObject{{QStringLiteral("maximumAvailable"), 100},
                                                                       {QStringLiteral("currentlyAvailable"), 0},
                                                                       {QStringLiteral("restoreRate"), 20}}}});
    QCOMPARE(wait, 2055); // 40 + 1.1 safety at 20/s
  }

  void throttle_learnsABiggerBucket_andCountsCallsInFlight()
  {
    test::ManualClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    CostThrottle throttle(clock); // assumes 1000 until told
    const QString op = QStringLiteral("FulfillmentOrdersForOrder");
    auto answer = [](double available) {
      return QJsonObject{
          {QStringLiteral("requestedQueryCost"), 558},
          {QStringLiteral("actualQueryCost"), 14},
          {QStringLiteral("throttleStatus"), QJsonObject{{QStringLiteral("maximumAvailable"), 2000},
                                                         {QStringLiteral("currentlyAvailable"), available},
                                                         {QStringLiteral("restoreRate"), 100}}}};
    };
    CostReservation first;
    QCOMPARE(throttle.reserve(op, &first), 0);
    throttle.observe(op, answer(1986), first);
    QCOMPARE(throttle.available(), 1986.0 - 100); // raised to Shopify's figure less 5% kept back
    // Two lookups in flight; the first answer's figure does not yet include the second's charge.
    CostReservation a;
    CostReservation b;
    QCOMPARE(throttle.reserve(op, &a), 0);
    QCOMPARE(throttle.reserve(op, &b), 0);
    QCOMPARE(throttle.available(), 1886.0 - 2 * 14);
    throttle.observe(op, answer(1972), a);
    QCOMPARE(throttle.available(), 1886.0 - 2 * 14); // not raised to 1972: b is still out
    throttle.abandon(b);                             // b's answer was lost: its points stay spent
    QCOMPARE(throttle.available(), 1886.0 - 2 * 14);
    // Too little for a lookup's requested cost: wait, though it would cost only 14 in the end.
    throttle.observe(op, answer(500), {});
    QCOMPARE(throttle.reserve(op), 595); // 58 points and 1.5 of safety at 100/s
  }

  void throttle_creditsTheRefundOfRequestedMinusActual()
  {
    test::ManualClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    CostThrottle throttle(clock);
    const QString op = QStringLiteral("FulfillmentOrdersForOrder");
    auto status = [](double available) {
      return QJsonObject{{QStringLiteral("maximumAvailable"), 1000},
                         {QStringLiteral("currentlyAvailable"), available},
                         {QStringLiteral("restoreRate"), 100}};
    };
    CostReservation first;
    QCOMPARE(throttle.reserve(op, &first), 0);
    throttle.observe(op,
                     QJsonObject{{QStringLiteral("requestedQueryCost"), 558},
                                 {QStringLiteral("actualQueryCost"), 14},
                                 {QStringLiteral("throttleStatus"), status(986)}},
                     first);
    QCOMPARE(throttle.available(), 986.0);
    CostReservation second;
    QCOMPARE(throttle.reserve(op, &second), 0); // needs 558 in the bucket, holds what it cost last time
    QCOMPARE(second.cost, 14.0);
    QCOMPARE(throttle.available(), 972.0);
    throttle.observe(op,
                     QJsonObject{{QStringLiteral("requestedQueryCost"), 558},
                                 {QStringLiteral("actualQueryCost"), 14},
                                 {QStringLiteral("throttleStatus"), status(972)}},
                     second);
    QCOMPARE(throttle.available(), 972.0); // the refund came back
    // Someone else spent from the same bucket: Shopify's lower figure wins.
    CostReservation third;
    QCOMPARE(throttle.reserve(op, &third), 0);
    throttle.observe(op,
                     QJsonObject{{QStringLiteral("requestedQueryCost"), 558},
                                 {QStringLiteral("actualQueryCost"), 14},
                                 {QStringLiteral("throttleStatus"), status(600)}},
                     third);
    QCOMPARE(throttle.available(), 600.0);
    // THROTTLED: not run, nothing charged; the wait is for the requested cost.
    CostReservation fourth;
    QCOMPARE(throttle.reserve(op, &fourth), 0);
    const qint64 wait = throttle.delayAfterThrottled(op,
                                                     QJsonObject{{QStringLiteral("requestedQueryCost"), 558},
                                                                 {QStringLiteral("actualQueryCost"), QJsonValue()},
                                                                 {QStringLiteral("throttleStatus"), status(358)}},
                                                     fourth);
    QCOMPARE(throttle.available(), 358.0);
    QVERIFY2(wait >= 2015 && wait <= 2016, qPrintable(QString::number(wait))); // 201.5 points at 100/s
  }
};

QTEST_GUILESS_MAIN(ShopifyParsingTest)
#include "shopify_parsing_test.moc"
