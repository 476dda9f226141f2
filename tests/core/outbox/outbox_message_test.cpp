// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox's typed messages: each kind's JSON, its key and aggregate, and what a row must look like to parse.
#include "core/outbox/message.h"
#include "core/outbox/progress.h"
#include "tests/support/verify.h"

#include <QJsonDocument>
#include <QTest>

using namespace pb;

Q_DECLARE_METATYPE(pb::outbox::Body)

namespace {

QJsonObject object(const char *json)
{
  return QJsonDocument::fromJson(QByteArray(json)).object();
}

outbox::FulfillmentCreate olderStation()
{
  outbox::FulfillmentCreate body;
  body.fulfillmentOrderId = 9;
  body.notifyCustomer = false;
  return body;
}

outbox::Hold holdOn(qint64 fulfillmentOrderId, const QString &reason, const QString &notes)
{
  outbox::Hold body;
  body.fulfillmentOrderId = fulfillmentOrderId;
  body.reason = reason;
  body.notes = notes;
  return body;
}

outbox::FulfillmentCreate packed()
{
  outbox::FulfillmentCreate body;
  body.fulfillmentOrderId = 42;
  body.partial = true;
  body.claimId = 7;
  body.version = 3;
  body.lines = QList<outbox::VerifiedLine>{{100, 2}, {101, 1}};
  return body;
}

// What the hub's tracking follower writes for a parcel out for delivery.
outbox::TrackingEvent outForDelivery()
{
  outbox::TrackingEvent event;
  event.fulfillmentOrderId = 42;
  event.shipmentTrackingId = 9;
  event.status = QStringLiteral("OUT_FOR_DELIVERY");
  event.happenedAt = QDateTime(QDate(2026, 12, 2), QTime(7, 15, 0, 500), Qt::UTC);
  event.message = QStringLiteral("1Z5R89390357567127: On the vehicle");
  event.city = QStringLiteral("Reno");
  event.country = QStringLiteral("US");
  event.estimatedDeliveryAt = QDateTime(QDate(2026, 12, 2), QTime(18, 0), Qt::UTC);
  return event;
}

} // namespace

class OutboxMessageTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void kindNames_roundTrip()
  {
    for (const outbox::Kind kind : outbox::allKinds())
      QCOMPARE(outbox::kindNamed(outbox::kindName(kind)), std::optional<outbox::Kind>(kind));
    QCOMPARE(outbox::kindName(outbox::Kind::FulfillmentCreate), QStringLiteral("fulfillment.create"));
    QCOMPARE(outbox::kindName(outbox::Kind::OrderSync), QStringLiteral("order.sync"));
    QVERIFY(!outbox::kindNamed(u"inventory.adjust").has_value());
  }

  void body_toJsonAndBack_isTheSame_data()
  {
    QTest::addColumn<outbox::Body>("body");
    QTest::newRow("fulfillment.create") << outbox::Body{packed()};
    QTest::newRow("fulfillment.create from an older station") << outbox::Body{olderStation()};
    QTest::newRow("tracking_update") << outbox::Body{outbox::TrackingUpdate{42, false}};
    QTest::newRow("hold") << outbox::Body{holdOn(42, QStringLiteral("INVENTORY_OUT_OF_STOCK"), QStringLiteral("x"))};
    QTest::newRow("release_hold") << outbox::Body{outbox::ReleaseHold{42}};
    QTest::newRow("order.sync") << outbox::Body{outbox::OrderSync{3, QStringLiteral("5550001")}};
    QTest::newRow("tracking_event") << outbox::Body{outForDelivery()};
    outbox::TrackingEvent bare = outForDelivery();
    bare.message = bare.city = bare.country = QString();
    bare.estimatedDeliveryAt = QDateTime();
    QTest::newRow("tracking_event without the optional fields") << outbox::Body{bare};
  }

  void body_toJsonAndBack_isTheSame()
  {
    QFETCH(outbox::Body, body);
    auto parsed = outbox::parse(outbox::kindName(outbox::kindOf(body)), outbox::toJson(body));
    VERIFY_OK(parsed);
    QVERIFY(*parsed == body);
  }

  // What packbench_complete (migration 0012) writes with jsonb_build_object, and what the hub always wrote.
  void fulfillmentCreate_asTheDatabaseWritesIt_parses()
  {
    auto parsed = outbox::parse(u"fulfillment.create",
                                object(R"({"claim_id": 7, "fulfillment_order_id": 42, "lines": [{"line_id": 100,
                                "quantity": 2}, {"line_id": 101, "quantity": 1}], "notify_customer": true,
                                "partial": true, "version": 3})"));
    VERIFY_OK(parsed);
    QVERIFY(*parsed == outbox::Body{packed()});
    QCOMPARE(outbox::toJson(packed()),
             object(R"({"claim_id": 7, "fulfillment_order_id": 42, "lines": [{"line_id": 100, "quantity": 2},
             {"line_id": 101, "quantity": 1}], "notify_customer": true, "partial": true, "version": 3})"));
  }

  // The payload the poster's ordering check reads (payload->>'shipment_tracking_id'), and only what the carrier said.
  void trackingEvent_json()
  {
    QCOMPARE(outbox::toJson(outForDelivery()),
             object(R"({"fulfillment_order_id": 42, "shipment_tracking_id": 9, "status": "OUT_FOR_DELIVERY",
             "happened_at": "2026-12-02T07:15:00.500Z", "message": "1Z5R89390357567127: On the vehicle",
             "city": "Reno", "country": "US", "estimated_delivery_at": "2026-12-02T18:00:00.000Z"})"));
    // Rows the tracking follower wrote before the outbox was typed: times without milliseconds.
    auto older = outbox::parse(u"fulfillment.tracking_event",
                               object(R"({"fulfillment_order_id": 42, "shipment_tracking_id": 9, "status":
                               "DELIVERED", "happened_at": "2026-12-02T07:15:00Z"})"));
    VERIFY_OK(older);
    QCOMPARE(std::get<outbox::TrackingEvent>(*older).happenedAt, QDateTime(QDate(2026, 12, 2), QTime(7, 15), Qt::UTC));
  }

  void olderRows_parseWithDefaults()
  {
    auto parsed = outbox::parse(u"fulfillment.create", object(R"({"fulfillment_order_id": "42"})"));
    VERIFY_OK(parsed);
    const auto &body = std::get<outbox::FulfillmentCreate>(*parsed);
    QCOMPARE(body.fulfillmentOrderId, 42);
    QVERIFY(body.notifyCustomer);
    QVERIFY(!body.partial);
    QVERIFY(!body.lines.has_value());
    QVERIFY(!body.claimId.has_value());
    auto hold = outbox::parse(u"fulfillment_order.hold", object(R"({"fulfillment_order_id": 5})"));
    VERIFY_OK(hold);
    QCOMPARE(std::get<outbox::Hold>(*hold).reason, QStringLiteral("OTHER"));
  }

  void badRows_areInvalidInput_data()
  {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("payload");
    QTest::newRow("unknown kind") << QStringLiteral("inventory.adjust")
                                  << QStringLiteral(R"({"fulfillment_order_id": 1})");
    QTest::newRow("no fulfillment order")
        << QStringLiteral("fulfillment.create") << QStringLiteral(R"({"partial": true})");
    QTest::newRow("fulfillment order not a number")
        << QStringLiteral("fulfillment.tracking_update") << QStringLiteral(R"({"fulfillment_order_id": "x1"})");
    QTest::newRow("lines not a list") << QStringLiteral("fulfillment.create")
                                      << QStringLiteral(R"({"fulfillment_order_id": 1, "lines": {"line_id": 2}})");
    QTest::newRow("negative quantity")
        << QStringLiteral("fulfillment.create")
        << QStringLiteral(R"({"fulfillment_order_id": 1, "lines": [{"line_id": 2, "quantity": -1}]})");
    QTest::newRow("fractional quantity")
        << QStringLiteral("fulfillment.create")
        << QStringLiteral(R"({"fulfillment_order_id": 1, "lines": [{"line_id": 2, "quantity": 1.5}]})");
    QTest::newRow("repeated line")
        << QStringLiteral("fulfillment.create")
        << QStringLiteral(
               R"({"fulfillment_order_id": 1, "lines": [{"line_id": 2, "quantity": 1}, {"line_id": 2, "quantity": 1}]})");
    QTest::newRow("line without id") << QStringLiteral("fulfillment.create")
                                     << QStringLiteral(R"({"fulfillment_order_id": 1, "lines": [{"quantity": 1}]})");
    QTest::newRow("order.sync without order") << QStringLiteral("order.sync") << QStringLiteral(R"({"shop_id": "3"})");
    QTest::newRow("order.sync shop not text")
        << QStringLiteral("order.sync") << QStringLiteral(R"({"shop_id": 3, "order_id": "9"})");
    const QString event = QStringLiteral("fulfillment.tracking_event");
    QTest::newRow("tracking event without a shipment")
        << event
        << QStringLiteral(
               R"({"fulfillment_order_id": 1, "status": "DELIVERED", "happened_at": "2026-12-02T07:15:00Z"})");
    QTest::newRow("tracking event status not Shopify's")
        << event
        << QStringLiteral(
               R"({"fulfillment_order_id": 1, "shipment_tracking_id": 2, "status": "DE", "happened_at": "2026-12-02T07:15:00Z"})");
    QTest::newRow("tracking event without a time")
        << event << QStringLiteral(R"({"fulfillment_order_id": 1, "shipment_tracking_id": 2, "status": "DELIVERED"})");
    QTest::newRow("tracking event estimate not a time")
        << event << QStringLiteral(R"({"fulfillment_order_id": 1, "shipment_tracking_id": 2, "status": "IN_TRANSIT",
               "happened_at": "2026-12-02T07:15:00Z", "estimated_delivery_at": "tomorrow"})");
  }

  void badRows_areInvalidInput()
  {
    QFETCH(QString, kind);
    QFETCH(QString, payload);
    auto parsed = outbox::parse(kind, QJsonDocument::fromJson(payload.toUtf8()).object());
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, ErrorKind::InvalidInput);
  }

  // outbox.progress of a fulfillment.create row, as migration 0008 describes it.
  void fulfillmentProgress_jsonRoundTrip()
  {
    outbox::FulfillmentProgress progress;
    progress.posted.append({QStringLiteral("F1"), {{100, 2}}});
    progress.sent.append({{{101, 1}}, QDateTime(QDate(2026, 11, 26), QTime(8, 0, 1, 250), Qt::UTC)});
    const QJsonObject json = progress.toJson();
    QCOMPARE(json, object(R"({"posted": [{"fulfillment_id": "F1", "lines": {"100": 2}}],
                              "sent": [{"lines": {"101": 1}, "sent_at": "2026-11-26T08:00:01.250Z"}]})"));
    QVERIFY(outbox::FulfillmentProgress::fromJson(json) == progress);
    QCOMPARE(progress.postedQuantities().value(100), 2);
    QVERIFY(outbox::FulfillmentProgress::fromJson(QJsonObject()).isEmpty());
  }

  void messages_carryTheirKeyAggregateAndShop()
  {
    const outbox::Message create = outbox::Message::fulfillmentCreate(packed());
    QCOMPARE(create.kind(), outbox::Kind::FulfillmentCreate);
    QCOMPARE(create.idempotencyKey, QStringLiteral("fulfillment.create:42"));
    QCOMPARE(create.aggregateId, QStringLiteral("42"));
    QVERIFY(!create.shopId.has_value()); // the shop of the fulfillment order's order, read when it is written

    const outbox::Message sync =
        outbox::Message::orderSync({3, QStringLiteral("5550001")}, QStringLiteral("1767225600000"));
    QCOMPARE(sync.idempotencyKey, QStringLiteral("order.sync:3:5550001:1767225600000"));
    QCOMPARE(sync.aggregateId, QStringLiteral("5550001"));
    QCOMPARE(sync.shopId, std::optional<qint64>(3));

    const outbox::Message hold =
        outbox::Message::withKey(holdOn(8, QStringLiteral("OTHER"), QString()), QStringLiteral("hold:8:1"));
    QCOMPARE(hold.aggregateId, QStringLiteral("8"));
    QCOMPARE(hold.kind(), outbox::Kind::Hold);

    // One row per shipment and status, ever: the follower enqueues with OnDuplicate::Ignore.
    const outbox::Message event = outbox::Message::trackingEvent(outForDelivery());
    QCOMPARE(event.kind(), outbox::Kind::TrackingEvent);
    QCOMPARE(event.idempotencyKey, QStringLiteral("fulfillment.tracking_event:9:OUT_FOR_DELIVERY"));
    QCOMPARE(event.aggregateId, QStringLiteral("42"));
    QVERIFY(!event.shopId.has_value());
  }
};

QTEST_GUILESS_MAIN(OutboxMessageTest)
#include "outbox_message_test.moc"
