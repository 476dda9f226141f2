// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Tracking after the label, end to end inside the hub's parts: packages with scanned labels on PostgreSQL, the
// carrier fake moving their parcels on (GET /v1/tracking through the real ShipEngine adapter), the tracking follower
// writing Shopify events to the outbox, and the real outbox worker posting fulfillmentEventCreate to the Shopify fake
// (every document validated against the Admin schema 2026-01) on every fulfillment the order was split into.
#include "core/base/clock.h"
#include "core/carriers/shipenginecarrier.h"
#include "core/db/connection.h"
#include "core/db/sql.h"
#include "core/hub/trackingfollower.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/fulfillmentapi.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/outboxworker.h"
#include "tests/support/fakecarrier.h"
#include "tests/support/fakeshopbench.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/outboxrig.h"
#include "tests/support/testdatabase.h"
#include "tests/support/upsnumbers.h"
#include "tests/support/verify.h"

#include <QTest>
#include <QTimer>

using namespace pb;
using namespace pb::test::ups;

namespace {

// A valid Yodel number of the courier dataset (../shared/reference/tracking-numbers): a courier the carrier API
// cannot track.
const QString kYodel = QStringLiteral("JJD0002257639032011");

QStringList g_log; // what the code under test logged (checked for customer data and for the unsupported carrier)
QtMessageHandler g_previous = nullptr;
void keepLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
  g_log.append(message);
  g_previous(type, context, message);
}

} // namespace

class TrackingFollowerTest final : public QObject, private test::FakeShopBench {
  Q_OBJECT

private:
  test::FakeShopify m_shopify;
  test::FakeCarrier m_carrier;
  SystemClock m_clock;
  shopify::CostThrottle m_throttle{m_clock};
  std::unique_ptr<shopify::GraphQlClient> m_client;
  int m_worker = 0;

  hub::TrackingSettings settings()
  {
    hub::TrackingSettings s;
    s.workerId = QStringLiteral("tracking-test-%1").arg(++m_worker);
    s.firstIntervalSeconds = 1800;
    s.maxIntervalSeconds = 6 * 3600;
    return s;
  }

  // A packed order whose fulfillment Shopify has, split into `parts` fulfillments (one unit each), with one box per
  // label: {company, courier, number}. Returns the local fulfillment order.
  qint64 seedShipped(const QString &orderId, const QList<QStringList> &labels, int parts = 1)
  {
    m_shopify.addOrder(orderId, {parts});
    const QString foGid = QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(orderId);
    const QString lineGid =
        QStringLiteral("gid://shopify/FulfillmentOrderLineItem/%1").arg(orderId.toLongLong() * 100 + 1);
    const qint64 order = scalar(QStringLiteral("INSERT INTO orders (shop_id, shopify_id, name) VALUES (?, ?, ?) "
                                               "RETURNING id"),
                                {m_shopId, orderId, QString(QStringLiteral("#") + orderId)});
    const qint64 fo = scalar(QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, pack_state, "
                                            "shopify_id) VALUES (?, ?, 'packed', ?) RETURNING id"),
                             {order, m_locationId, foGid});
    if (fo <= 0)
      return -1;
    for (int box = 1; box <= labels.size(); ++box) {
      const QStringList &l = labels.at(box - 1);
      if (!run(QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, tracking_company, tracking_courier, "
                              "tracking_number) VALUES (?, ?, ?, ?, ?)"),
               {fo, box, l.at(0), l.at(1), l.at(2)}))
        return -1;
    }
    for (int part = 0; part < parts; ++part) {
      auto made = shopify::fulfillmentapi::createFulfillment(*m_client, foGid, {{lineGid, 1}}, {}, false);
      if (!made ||
          !run(QStringLiteral("INSERT INTO shopify_fulfillments (fulfillment_order_id, shopify_fulfillment_id, "
                              "created_at) VALUES (?, ?, now() + make_interval(secs => ?))"),
               {fo, *made, part}))
        return -1;
    }
    return fo;
  }

  // The outbox worker posts until nothing is left to post (retries are due at once).
  bool drainOutbox()
  {
    shopify::OutboxSettings s;
    s.workerId = QStringLiteral("outbox-%1").arg(++m_worker);
    s.leaseSeconds = 60;
    s.backoffBaseMs = 1;
    s.backoffMaxMs = 1;
    shopify::OutboxWorker worker(m_db, *m_client, test::FakeShopify::defaultShop(), s);
    return FakeShopBench::drainOutbox(worker, 10);
  }

  bool makeDue() { return run(QStringLiteral("UPDATE shipment_tracking SET next_poll_at = now()")); }

  // Statuses Shopify holds for the shipment of `number` on one fulfillment, oldest first.
  QStringList eventsAt(const QString &fulfillmentId, const QString &number)
  {
    QStringList statuses;
    for (const auto &event : m_shopify.fulfillments().value(fulfillmentId).events) {
      if (event.message.startsWith(number))
        statuses.append(event.status);
    }
    return statuses;
  }

  QStringList fulfillmentsOf(qint64 fo)
  {
    QStringList ids;
    auto rows = db::exec(m_db,
                         QStringLiteral("SELECT shopify_fulfillment_id FROM shopify_fulfillments WHERE "
                                        "fulfillment_order_id = ? ORDER BY created_at"),
                         {fo});
    while (rows && rows.value().next())
      ids.append(rows->value(0).toString());
    return ids;
  }

  int trackingCalls() { return m_carrier.stats().calls.value(QStringLiteral("get_tracking_log")); }

private Q_SLOTS:
  void initTestCase()
  {
    g_previous = qInstallMessageHandler(keepLog);
    VERIFY_OK(openFakeShopBench(QStringLiteral("tracking_follower")));
    QVERIFY(m_shopify.listen() > 0);
    QVERIFY(m_carrier.listen() > 0);
    m_client = std::make_unique<shopify::GraphQlClient>(m_shopify.clientSettings(), m_throttle);
  }

  void cleanup()
  {
    // Each test leaves nothing due for the next one.
    QVERIFY(run(QStringLiteral("UPDATE shipment_tracking SET state = 'expired' WHERE state = 'following'")));
  }

  void scannedLabels_eachStatusOnce_onEveryFulfillmentOfTheSplit()
  {
    const qint64 fo = seedShipped(
        QStringLiteral("6101"),
        {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps1}, {QStringLiteral("UPS"), QStringLiteral("ups"), kUps2}},
        2);
    QVERIFY(fo > 0);
    m_carrier.addParcel(QStringLiteral("ups"), kUps1);
    m_carrier.addParcel(QStringLiteral("ups"), kUps2);
    carriers::ShipEngineCarrier carrier(m_carrier.clientSettings(), nullptr);
    hub::TrackingFollower follower(m_db, carrier, nullptr, settings());

    // Found once the fulfillment is at Shopify; first polled after tracking.first_interval_seconds.
    auto pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->discovered, 2);
    QCOMPARE(pass->polled, 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND state = "
                                   "'following' AND carrier_code = 'ups' AND next_poll_at > now() + interval '29 "
                                   "minutes'"),
                    {fo}),
             2);

    // Label created, not yet with the carrier: nothing for the customer; the wait doubles while nothing changes.
    QVERIFY(makeDue());
    pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 2);
    QCOMPARE(pass->events, 0);
    QVERIFY(makeDue());
    VERIFY_OK(follower.runOnce());
    QCOMPARE(
        scalar(QStringLiteral("SELECT min(interval_seconds) FROM shipment_tracking WHERE fulfillment_order_id = ?"),
               {fo}),
        3600);

    // Box 1 moves through the carrier's stages, box 2 stays behind.
    const QStringList fulfillments = fulfillmentsOf(fo);
    QCOMPARE(fulfillments.size(), 2);
    for (int stage = 1; stage <= 3; ++stage) {
      QVERIFY(m_carrier.advanceTracking(kUps1, stage));
      QVERIFY(makeDue());
      pass = follower.runOnce();
      VERIFY_OK(pass);
      // Box 1's delivery is no delivery of the order while box 2 is on its way: Shopify's fulfillment has one status.
      QCOMPARE(pass->events, stage < 3 ? 1 : 0);
      QVERIFY(drainOutbox());
    }
    const QStringList onTheWay{QStringLiteral("IN_TRANSIT"), QStringLiteral("OUT_FOR_DELIVERY")};
    for (const QString &fulfillment : fulfillments) {
      QCOMPARE(eventsAt(fulfillment, kUps1), onTheWay);
      QCOMPARE(eventsAt(fulfillment, kUps2), QStringList());
    }
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE tracking_number = ? AND state = "
                                         "'delivered' AND status_code = 'DE'"),
                          {kUps1}),
             1);

    // Delivered is the end of box 1: only box 2 is polled. It is delivered at once: every status up to it, once,
    // and now the order is delivered.
    int before = trackingCalls();
    QVERIFY(m_carrier.advanceTracking(kUps2, 3));
    QVERIFY(makeDue());
    pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 1);
    QCOMPARE(pass->events, 3);
    QCOMPARE(trackingCalls(), before + 1);
    QVERIFY(drainOutbox());
    for (const QString &fulfillment : fulfillments) {
      QCOMPARE(eventsAt(fulfillment, kUps1), onTheWay);
      QCOMPARE(eventsAt(fulfillment, kUps2), QStringList(onTheWay) << QStringLiteral("DELIVERED"));
    }
    // The event carries the carrier's time and place.
    const auto delivered = m_shopify.fulfillments().value(fulfillments.first()).events.last();
    QCOMPARE(delivered.status, QStringLiteral("DELIVERED"));
    QVERIFY(delivered.happenedAt.isValid());
    QCOMPARE(delivered.city, QStringLiteral("Austin"));
    QCOMPARE(delivered.country, QStringLiteral("US"));
    before = trackingCalls();
    QVERIFY(makeDue());
    pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 0);
    QCOMPARE(trackingCalls(), before);
    QCOMPARE(m_shopify.stats().invalidDocuments, 0);
    QCOMPARE(m_carrier.stats().invalidRequests + m_carrier.stats().invalidResponses, 0);
  }

  void hubRestart_andLostAnswers_postEachStatusOnce()
  {
    const qint64 fo = seedShipped(QStringLiteral("6102"), {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps3}}, 2);
    QVERIFY(fo > 0);
    m_carrier.addParcel(QStringLiteral("ups"), kUps3);
    QVERIFY(m_carrier.advanceTracking(kUps3, 2)); // first seen already out for delivery: both statuses, in order
    {
      carriers::ShipEngineCarrier carrier(m_carrier.clientSettings(), nullptr);
      hub::TrackingFollower first(m_db, carrier, nullptr, settings());
      VERIFY_OK(first.discover());
      QVERIFY(makeDue());
      auto pass = first.runOnce();
      VERIFY_OK(pass);
      QCOMPARE(pass->events, 2);
    }
    // The hub restarts (a new worker) before anything was posted; the first event's answer is lost on the way.
    m_shopify.loseAnswerOfEventCreate(m_shopify.stats().fulfillmentEvents + 1);
    QVERIFY(drainOutbox());
    // A crashed worker's claim is taken over once its lease ran out; the same statuses come again and add nothing.
    QVERIFY(run(QStringLiteral("UPDATE shipment_tracking SET locked_by = 'dead-worker', locked_until = now() - "
                               "interval '1 second', next_poll_at = now() WHERE fulfillment_order_id = ?"),
                {fo}));
    carriers::ShipEngineCarrier carrier(m_carrier.clientSettings(), nullptr);
    hub::TrackingFollower second(m_db, carrier, nullptr, settings());
    auto pass = second.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 1);
    QCOMPARE(pass->events, 0);
    QVERIFY(drainOutbox());
    for (const QString &fulfillment : fulfillmentsOf(fo))
      QCOMPARE(eventsAt(fulfillment, kUps3),
               (QStringList{QStringLiteral("IN_TRANSIT"), QStringLiteral("OUT_FOR_DELIVERY")}));
    QCOMPARE(m_shopify.stats().calls.value(QStringLiteral("FulfillmentEvents")) > 0,
             true); // the lost one was looked up
    // An exception afterwards is a FAILURE, posted once.
    QVERIFY(m_carrier.advanceTracking(kUps3, -1));
    QVERIFY(makeDue());
    pass = second.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->events, 1);
    QVERIFY(drainOutbox());
    for (const QString &fulfillment : fulfillmentsOf(fo))
      QCOMPARE(eventsAt(fulfillment, kUps3).last(), QStringLiteral("FAILURE"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.tracking_event' AND "
                                   "aggregate_id = ?"),
                    {QString::number(fo)}),
             3);
    QCOMPARE(m_shopify.stats().invalidDocuments, 0);
  }

  // A pass that loses its connection while the carrier answers leaves its shipments leased (300 s). The same worker's
  // next pass, once it has reconnected, polls them again; a shipment another worker holds still waits for its lease.
  void connectionLostMidPoll_sameWorkersNextPassPollsIt_anotherWorkersLeaseWaits()
  {
    const qint64 fo = seedShipped(QStringLiteral("6110"), {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps2}});
    const qint64 busy = seedShipped(QStringLiteral("6111"), {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps1}});
    QVERIFY(fo > 0 && busy > 0);
    m_carrier.addParcel(QStringLiteral("ups"), kUps2);
    QVERIFY(m_carrier.advanceTracking(kUps2, 1));
    const hub::TrackingSettings cutWorker = settings();
    carriers::ShipEngineCarrier carrier(m_carrier.clientSettings(), nullptr);
    const auto runPass = [&](const QString &connection, qint64 *backend) -> Result<hub::TrackingPass> {
      Result<hub::TrackingPass> pass = makeError(ErrorKind::Unavailable, QStringLiteral("no connection"));
      {
        auto db = db::openDatabase(m_settings, connection);
        if (!db)
          return db.error();
        if (backend)
          *backend = test::scalar(*db, QStringLiteral("SELECT pg_backend_pid()"));
        hub::TrackingFollower follower(*db, carrier, nullptr, cutWorker);
        if (backend) { // the first pass: both shipments due, the other one held by a live worker
          if (auto found = follower.discover(); !found)
            return found.error();
          if (!makeDue() || !run(QStringLiteral("UPDATE shipment_tracking SET locked_by = 'live-worker', locked_until "
                                                "= now() + interval '5 minutes' WHERE fulfillment_order_id = ?"),
                                 {busy}))
            return makeError(ErrorKind::Internal, QStringLiteral("could not set the shipments up"));
        }
        pass = follower.runOnce();
      }
      QSqlDatabase::removeDatabase(connection);
      return pass;
    };
    qint64 backend = 0;
    const int callsBefore = trackingCalls();
    m_carrier.slowNext(QStringLiteral("get_tracking_log"), 1, 1500);
    QTimer cut;
    cut.setSingleShot(true);
    QObject::connect(&cut, &QTimer::timeout, this,
                     [&]() { QVERIFY(run(QStringLiteral("SELECT pg_terminate_backend(?)"), {backend})); });
    cut.start(500); // inside the carrier's answer
    QVERIFY(!runPass(QStringLiteral("tracking-cut-1"), &backend).ok());
    QCOMPARE(trackingCalls(), callsBefore + 1);
    const QString leasedToCutWorker = QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE "
                                                     "fulfillment_order_id = ? AND locked_by = ? AND polls = 0");
    QCOMPARE(scalar(leasedToCutWorker, {fo, cutWorker.workerId}), 1);

    auto pass = runPass(QStringLiteral("tracking-cut-2"), nullptr);
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 1);
    QCOMPARE(trackingCalls(), callsBefore + 2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND "
                                   "locked_by IS NULL AND polls = 1"),
                    {fo}),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND "
                                   "locked_by = 'live-worker' AND polls = 0"),
                    {busy}),
             1);
  }

  void carrier429_isWaitedOut_andTheShareIsKept()
  {
    const qint64 fo = seedShipped(QStringLiteral("6103"), {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps1},
                                                           {QStringLiteral("UPS"), QStringLiteral("ups"), kUps2},
                                                           {QStringLiteral("UPS"), QStringLiteral("ups"), kUps3}});
    QVERIFY(fo > 0);
    // Our pacer allows 200 a minute, but another client on the key left the carrier only 2 for us: the third call
    // is answered 429, the adapter gives it back at once, and the pass stops and waits.
    carriers::ShipEngineSettings carrierSettings = m_carrier.clientSettings();
    carrierSettings.maxThrottleWaits = 0;
    m_carrier.setRateLimit(2, 60000); // (a new limit starts with an empty window)
    carriers::ShipEngineCarrier carrier(carrierSettings, nullptr);
    hub::TrackingFollower follower(m_db, carrier, nullptr, settings());
    VERIFY_OK(follower.discover());
    QVERIFY(makeDue());
    const int limitedBefore = m_carrier.stats().rateLimited;
    auto pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 2);
    QCOMPARE(m_carrier.stats().rateLimited, limitedBefore + 1);
    QVERIFY2(pass->waitMs >= 1000, qPrintable(QString::number(pass->waitMs)));
    // The shipment that was refused waits the carrier's Retry-After, not its backoff, and is not locked.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND "
                                   "locked_by IS NULL AND polls = 0 AND next_poll_at > now() AND next_poll_at < now() "
                                   "+ interval '10 minutes'"),
                    {fo}),
             1);
    m_carrier.setRateLimit(200, 60000);

    // Tracking's own share of the key: with 1 a minute, a second due shipment waits for the next minute.
    for (const QString &number : {kUps1, kUps2})
      QVERIFY(m_carrier.advanceTracking(number, 1)); // (the first two parcels went on being followed)
    QVERIFY(
        run(QStringLiteral("UPDATE shipment_tracking SET state = 'following' WHERE fulfillment_order_id = ?"), {fo}));
    QVERIFY(makeDue());
    carriers::RequestPacer share(1, 60000, m_clock);
    hub::TrackingFollower shared(m_db, carrier, &share, settings());
    pass = shared.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 1);
    QVERIFY(pass->waitMs > 0);
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND locked_by "
                              "IS NOT NULL"),
               {fo}),
        0);
  }

  void unknownCarrier_isNeverPolled_andLoggedWithoutTheNumber()
  {
    g_log.clear();
    const qint64 fo = seedShipped(QStringLiteral("6104"), {{QStringLiteral("Yodel"), QStringLiteral("yodel"), kYodel}});
    QVERIFY(fo > 0);
    const int before = trackingCalls();
    carriers::ShipEngineCarrier carrier(m_carrier.clientSettings(), nullptr);
    hub::TrackingFollower follower(m_db, carrier, nullptr, settings());
    auto pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->unsupported, 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND state = "
                                   "'unsupported' AND carrier_code IS NULL"),
                    {fo}),
             1);
    QVERIFY(makeDue());
    VERIFY_OK(follower.runOnce());
    QCOMPARE(trackingCalls(), before);
    const QString said = g_log.filter(QStringLiteral("not followed")).join(u'\n');
    QVERIFY2(said.contains(QStringLiteral("'Yodel'")), qPrintable(g_log.join(u'\n')));
    QCOMPARE(g_log.filter(QStringLiteral("not followed")).size(), 1); // said once, not on every pass
    for (const QString &line : std::as_const(g_log)) {
      for (const QString &number : {kUps1, kUps2, kUps3, kYodel})
        QVERIFY2(!line.contains(number), qPrintable(line)); // tracking numbers are customer data: never logged
    }
  }

  void replacedNumber_stopsTheOldShipment()
  {
    const qint64 fo = seedShipped(QStringLiteral("6105"), {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps2}});
    QVERIFY(fo > 0);
    carriers::ShipEngineCarrier carrier(m_carrier.clientSettings(), nullptr);
    hub::TrackingFollower follower(m_db, carrier, nullptr, settings());
    VERIFY_OK(follower.discover());
    // The label was voided and the box got a new one (a hub-bought label names its carrier code itself).
    QVERIFY(run(QStringLiteral("UPDATE packages SET tracking_number = ?, tracking_carrier_code = 'ups' WHERE "
                               "fulfillment_order_id = ?"),
                {kUps3, fo}));
    VERIFY_OK(follower.discover());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND "
                                   "tracking_number = ? AND state = 'replaced'"),
                    {fo, kUps2}),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND "
                                   "tracking_number = ? AND state = 'following'"),
                    {fo, kUps3}),
             1);
  }

  void packagesOlderThanTheGiveUpTime_areNotFollowed()
  {
    const qint64 fo = seedShipped(QStringLiteral("6106"), {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps1}});
    QVERIFY(fo > 0);
    QVERIFY(run(QStringLiteral("UPDATE packages SET created_at = now() - interval '46 days' WHERE fulfillment_order_id "
                               "= ?"),
                {fo}));
    carriers::ShipEngineCarrier carrier(m_carrier.clientSettings(), nullptr);
    hub::TrackingFollower follower(m_db, carrier, nullptr, settings()); // gives up after 45 days
    auto found = follower.discover();
    VERIFY_OK(found);
    QCOMPARE(*found, 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ?"), {fo}), 0);
  }

  void followedPastTheGiveUpTime_isExpired_andNotPolledAgain()
  {
    const qint64 fo = seedShipped(QStringLiteral("6107"), {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps1},
                                                           {QStringLiteral("UPS"), QStringLiteral("ups"), kUps2}});
    QVERIFY(fo > 0);
    m_carrier.addParcel(QStringLiteral("ups"), kUps1); // box 2's number the carrier never heard of
    carriers::ShipEngineCarrier carrier(m_carrier.clientSettings(), nullptr);
    hub::TrackingFollower follower(m_db, carrier, nullptr, settings());
    VERIFY_OK(follower.discover());
    // Followed for 46 days without a delivery: the last answer (known or not) ends the following.
    QVERIFY(run(QStringLiteral("UPDATE shipment_tracking SET started_at = now() - interval '46 days' WHERE "
                               "fulfillment_order_id = ?"),
                {fo}));
    QVERIFY(makeDue());
    auto pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND state = "
                                   "'expired' AND locked_by IS NULL AND polls = 1"),
                    {fo}),
             2);
    const int before = trackingCalls();
    QVERIFY(
        run(QStringLiteral("UPDATE shipment_tracking SET next_poll_at = now() WHERE fulfillment_order_id = ?"), {fo}));
    pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 0);
    QCOMPARE(trackingCalls(), before);
  }

  void carrierFailure_keepsTheInterval_andRecordsWhy()
  {
    const qint64 fo = seedShipped(QStringLiteral("6108"), {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps3}});
    QVERIFY(fo > 0);
    m_carrier.addParcel(QStringLiteral("ups"), kUps3);
    carriers::ShipEngineCarrier carrier(m_carrier.clientSettings(3000, 0), nullptr); // no retry inside the adapter
    hub::TrackingFollower follower(m_db, carrier, nullptr, settings());
    VERIFY_OK(follower.discover());
    QVERIFY(makeDue());
    m_carrier.failNext(QStringLiteral("get_tracking_log"), 1, 503);
    auto pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->failed, 1);
    QCOMPARE(pass->polled, 0);
    // Tried again after the same interval (a failure is no "nothing changed"), unlocked, with the reason kept.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND state = "
                                   "'following' AND locked_by IS NULL AND polls = 0 AND interval_seconds = 1800 AND "
                                   "last_error <> '' AND next_poll_at > now() + interval '29 minutes'"),
                    {fo}),
             1);
    QVERIFY(makeDue());
    pass = follower.runOnce();
    VERIFY_OK(pass);
    QCOMPARE(pass->polled, 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND "
                                   "last_error IS NULL AND polls = 1"),
                    {fo}),
             1);
  }

  void refusedApiKey_pausesThePass_withoutCountingAPoll()
  {
    const qint64 fo = seedShipped(QStringLiteral("6109"), {{QStringLiteral("UPS"), QStringLiteral("ups"), kUps1},
                                                           {QStringLiteral("UPS"), QStringLiteral("ups"), kUps2}});
    QVERIFY(fo > 0);
    m_carrier.addParcel(QStringLiteral("ups"), kUps1);
    m_carrier.addParcel(QStringLiteral("ups"), kUps2);
    carriers::ShipEngineSettings revoked = m_carrier.clientSettings();
    revoked.apiKey = QByteArrayLiteral("TEST_revoked_key");
    carriers::ShipEngineCarrier carrier(revoked, nullptr);
    hub::TrackingFollower follower(m_db, carrier, nullptr, settings());
    VERIFY_OK(follower.discover());
    QVERIFY(makeDue());
    auto pass = follower.runOnce();
    VERIFY_OK(pass);
    // The first refusal stops the pass: the second shipment is not tried with the same key.
    QCOMPARE(pass->polled, 0);
    QCOMPARE(pass->failed, 0);
    QCOMPARE(pass->waitMs, qint64(1800) * 1000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND state = "
                                   "'following' AND locked_by IS NULL AND polls = 0 AND next_poll_at > now() + "
                                   "interval '29 minutes'"),
                    {fo}),
             2);
  }

  void cleanupTestCase() { qInstallMessageHandler(g_previous); }
};

QTEST_GUILESS_MAIN(TrackingFollowerTest)
#include "tracking_follower_test.moc"
