// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A carrier's tracking status (ShipEngine's status_code and status_detail_code) as Shopify's FulfillmentEventStatus,
// and the events one carrier answer gives: one per Shopify status, oldest first.
#include "core/carriers/trackingevents.h"

#include <QTest>

using namespace pb::carriers;

namespace {

TrackingEvent carrierEvent(const QString &status, const QString &detail, int hour, const QString &description)
{
  TrackingEvent e;
  e.statusCode = status;
  e.statusDetailCode = detail;
  e.occurredAt = QDateTime(QDate(2026, 12, 1), QTime(hour, 0), Qt::UTC);
  e.description = description;
  e.cityLocality = QStringLiteral("Austin");
  e.countryCode = QStringLiteral("US");
  return e;
}

} // namespace

class TrackingEventsTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void shopifyEventStatus_data()
  {
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("shopify");
    QTest::newRow("label only") << "AC"
                                << "SHIPMENT_CREATED"
                                << "";
    QTest::newRow("awaiting drop-off") << "AC"
                                       << "AWAITING_PICKUP_DROP_OFF"
                                       << "";
    QTest::newRow("picked up") << "AC"
                               << "PICKED_UP"
                               << "CARRIER_PICKED_UP";
    QTest::newRow("accepted, no detail") << "AC"
                                         << ""
                                         << "CARRIER_PICKED_UP";
    QTest::newRow("in transit") << "IT"
                                << "IN_TRANSIT"
                                << "IN_TRANSIT";
    QTest::newRow("hub scan") << "IT"
                              << "HUB_SCAN_OUT"
                              << "IN_TRANSIT";
    QTest::newRow("out for delivery") << "IT"
                                      << "OUT_FOR_DELIVERY"
                                      << "OUT_FOR_DELIVERY";
    QTest::newRow("attempt") << "AT"
                             << "CUSTOMER_CARDED"
                             << "ATTEMPTED_DELIVERY";
    QTest::newRow("at pickup point") << "SP"
                                     << "AWAITING_COLLECTION_FROM_PICKUP_POINT"
                                     << "READY_FOR_PICKUP";
    QTest::newRow("collected") << "SP"
                               << "PARCEL_COLLECTED_FROM_PICKUP_POINT"
                               << "DELIVERED";
    QTest::newRow("delivered") << "DE"
                               << "DELIVERED"
                               << "DELIVERED";
    QTest::newRow("held by customs") << "EX"
                                     << "HELD_BY_CUSTOMS"
                                     << "DELAYED";
    QTest::newRow("carrier delays") << "EX"
                                    << "CARRIER_DELAYS"
                                    << "DELAYED";
    QTest::newRow("address query") << "EX"
                                   << "ADDRESS_QUERY"
                                   << "FAILURE";
    QTest::newRow("not delivered") << "EX"
                                   << "NOT_DELIVERED"
                                   << "FAILURE";
    QTest::newRow("not yet in system") << "NY"
                                       << ""
                                       << "";
    QTest::newRow("unknown") << "UN"
                             << ""
                             << "";
    QTest::newRow("garbage") << "ZZ"
                             << "IN_TRANSIT"
                             << "";
  }
  void shopifyEventStatus()
  {
    QFETCH(QString, status);
    QFETCH(QString, detail);
    QFETCH(QString, shopify);
    QCOMPARE(pb::carriers::shopifyEventStatus(status, detail), shopify);
  }

  void deliveredIsFinal_nothingElse()
  {
    QVERIFY(isFinalTrackingStatus(QStringLiteral("DE")));
    for (const char *code : {"UN", "AC", "IT", "EX", "AT", "NY", "SP", ""})
      QVERIFY2(!isFinalTrackingStatus(QString::fromLatin1(code)), code);
  }

  void shipmentEvents_onePerStatus_oldestFirst_withTheCarriersTimeAndPlace()
  {
    TrackingInfo info;
    info.statusCode = QStringLiteral("IT");
    info.statusDetailCode = QStringLiteral("OUT_FOR_DELIVERY");
    info.estimatedDelivery = QDateTime(QDate(2026, 12, 2), QTime(18, 0), Qt::UTC);
    info.events = {
        carrierEvent(QStringLiteral("AC"), QStringLiteral("SHIPMENT_CREATED"), 1, QStringLiteral("Label")),
        carrierEvent(QStringLiteral("IT"), QStringLiteral("IN_TRANSIT"), 2, QStringLiteral("Departed")),
        carrierEvent(QStringLiteral("IT"), QStringLiteral("HUB_SCAN_IN"), 3, QStringLiteral("Arrived")),
        carrierEvent(QStringLiteral("IT"), QStringLiteral("OUT_FOR_DELIVERY"), 4, QStringLiteral("On the van"))};
    const QList<ShipmentEvent> events = shipmentEvents(info);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).status, QStringLiteral("IN_TRANSIT"));
    QCOMPARE(events.at(0).happenedAt.time().hour(), 2); // the first time it reached the status
    QCOMPARE(events.at(0).message, QStringLiteral("Departed"));
    QCOMPARE(events.at(0).city, QStringLiteral("Austin"));
    QCOMPARE(events.at(1).status, QStringLiteral("OUT_FOR_DELIVERY"));
    QCOMPARE(events.at(1).estimatedDeliveryAt, info.estimatedDelivery);
  }

  void shipmentEvents_currentStatusCounts_whenTheListIsShort()
  {
    TrackingInfo info;
    info.statusCode = QStringLiteral("DE");
    info.statusDescription = QStringLiteral("Delivered, front door");
    info.actualDelivery = QDateTime(QDate(2026, 12, 2), QTime(11, 5), Qt::UTC);
    info.events = {carrierEvent(QStringLiteral("IT"), QString(), 2, QStringLiteral("Departed"))};
    const QList<ShipmentEvent> events = shipmentEvents(info);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).status, QStringLiteral("DELIVERED"));
    QCOMPARE(events.at(1).happenedAt, info.actualDelivery);
    QCOMPARE(events.at(1).message, QStringLiteral("Delivered, front door"));
    QVERIFY(shipmentEvents(TrackingInfo{}).isEmpty()); // unknown: nothing to say
  }
};

QTEST_GUILESS_MAIN(TrackingEventsTest)
#include "tracking_events_test.moc"
