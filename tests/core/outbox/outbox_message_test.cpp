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
  }
};

QTEST_GUILESS_MAIN(OutboxMessageTest)
#include "outbox_message_test.moc"
