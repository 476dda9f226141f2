// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's carrier worker on PostgreSQL against the carrier fake: a requested box's label is bought once and
// stored with its tracking on the package while the station is told; a lost answer is found, not bought again; a
// carrier that is down leaves the request waiting with the reason; a box with no weight, an incomplete address or
// no service rule are refused or wait with a clear message; the cheapest service that keeps the shipping line's
// promise is chosen; a label of an order cancelled, released or repacked is voided and the lead told.
#include "core/carriers/shipenginecarrier.h"
#include "core/db/sql.h"
#include "core/hub/carrierlabelthread.h"
#include "core/hub/labelworker.h"
#include "tests/support/fakecarrier.h"
#include "tests/support/labelworld.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QSignalSpy>
#include <QSqlDriver>
#include <QTest>
#include <QTimer>

using namespace pb;
using namespace Qt::StringLiterals;

class LabelWorkerTest final : public QObject, private test::LabelWorldBench {
  Q_OBJECT

private:
  std::unique_ptr<test::FakeCarrier> m_fake;
  std::unique_ptr<carriers::ShipEngineCarrier> m_carrier;
  std::unique_ptr<hub::LabelWorker> m_worker;

  QVariant value(const QString &sql, const QVariantList &values = {}) { return test::value(m_db, sql, values); }
  QString column(const QString &name, qint64 request)
  {
    return value(u"SELECT %1::text FROM label_requests WHERE id = ?"_s.arg(name), {request}).toString();
  }
  void runWorker()
  {
    auto worked = m_worker->runOnce();
    VERIFY_OK(worked);
  }
  // The request is due again now (its backoff is for a real carrier, not for this test).
  void dueNow(qint64 request)
  {
    VERIFY_OK(db::exec(m_db, u"UPDATE label_requests SET next_attempt_at = now() WHERE id = ?"_s, {request}));
  }
  qint64 request(const test::BenchOrder &order, int weight = 850, const QString &format = u"zpl"_s)
  {
    auto id = test::requestLabel(m_db, m_world, order, 1, weight, format);
    if (!id)
      qFatal("request: %s", qPrintable(id.error().message));
    return *id;
  }
  test::BenchOrder order(const QString &title = u"Standard"_s, const QJsonObject &shipTo = test::testShipTo())
  {
    auto o = test::addBenchOrder(m_db, m_world, title, shipTo);
    if (!o)
      qFatal("order: %s", qPrintable(o.error().message));
    return *o;
  }

private Q_SLOTS:
  void initTestCase()
  {
    VERIFY_OK(openLabelWorld(u"labelworker"_s));
    m_fake = std::make_unique<test::FakeCarrier>();
    QVERIFY(m_fake->listen() > 0);
    m_carrier = std::make_unique<carriers::ShipEngineCarrier>(m_fake->clientSettings(3000, 3, 5), nullptr);
    hub::LabelWorkerSettings settings;
    settings.workerId = u"test-worker"_s;
    settings.retryBaseMs = 1;
    settings.retryMaxMs = 2;
    m_worker = std::make_unique<hub::LabelWorker>(m_db, *m_carrier, settings);
  }

  void cleanupTestCase()
  {
    QVERIFY2(m_fake->stats().contractErrors.isEmpty(), qPrintable(m_fake->stats().contractErrors.join(u"\n"_s)));
  }

  void requestedLabel_isBoughtOnce_storedOnThePackage_andTheStationIsTold()
  {
    auto listener = db::openDatabase(m_scratch.settings, u"labelworker-listen"_s);
    VERIFY_OK(listener);
    QSqlDriver *driver = listener->driver();
    QVERIFY(driver->subscribeToNotification(u"packbench_label"_s));
    QSignalSpy heard(driver, &QSqlDriver::notification);
    const int paidBefore = m_fake->paidLabels();
    const test::BenchOrder o = order();
    const qint64 id = request(o);
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"bought"_s);
    QCOMPARE(m_fake->paidLabels(), paidBefore + 1);
    const auto *label = m_fake->labelForExternalId(column(u"external_shipment_id"_s, id));
    QVERIFY(label);
    QCOMPARE(column(u"label_id"_s, id), label->labelId);
    QCOMPARE(column(u"tracking_number"_s, id), label->trackingNumber);
    QCOMPARE(value(u"SELECT label_bytes FROM label_requests WHERE id = ?"_s, {id}).toByteArray(), label->document);
    QVERIFY(label->document.startsWith("^XA"));
    QCOMPARE(column(u"cost_minor"_s, id).toLongLong(), label->costMinor);
    QCOMPARE(column(u"service_code"_s, id), u"ups_ground"_s);
    // The package carries the tracking, as Shopify's fulfillment will.
    QCOMPARE(value(u"SELECT tracking_number FROM packages WHERE fulfillment_order_id = ? AND box_no = 1"_s,
                   {o.fulfillmentOrderId})
                 .toString(),
             label->trackingNumber);
    QCOMPARE(value(u"SELECT carrier FROM packages WHERE fulfillment_order_id = ?"_s, {o.fulfillmentOrderId}).toString(),
             u"UPS"_s);
    // Like a scanned label (0015): courier, Shopify company and the company's tracking page, which the fulfillment's
    // trackingInfo carries.
    QCOMPARE(value(u"SELECT concat_ws('|', tracking_carrier_code, tracking_courier, tracking_company, tracking_url) "
                   "FROM packages WHERE fulfillment_order_id = ?"_s,
                   {o.fulfillmentOrderId})
                 .toString(),
             u"ups|ups|UPS|https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums="_s + label->trackingNumber);
    // The station heard about its order (after the request's own notification).
    QTRY_VERIFY_WITH_TIMEOUT(heard.size() >= 2, 5000);
    QCOMPARE(heard.last().at(2).toString(), QString::number(o.fulfillmentOrderId));
    // Another pass buys nothing more.
    runWorker();
    QCOMPARE(m_fake->paidLabels(), paidBefore + 1);
  }

  void lostAnswer_isFoundByTheExternalId_notBoughtTwice()
  {
    const int boughtBefore = m_fake->stats().labelsBought;
    const test::BenchOrder o = order();
    const qint64 id = request(o, 1200, u"pdf"_s);
    m_fake->loseNext(u"create_label"_s);
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"bought"_s);
    QCOMPARE(m_fake->stats().labelsBought, boughtBefore + 1);
    QVERIFY(value(u"SELECT label_bytes FROM label_requests WHERE id = ?"_s, {id}).toByteArray().startsWith("%PDF"));
    QCOMPARE(value(u"SELECT details->>'recovered' FROM audit_log WHERE action = 'label.bought' AND details->>"
                   "'label_request_id' = ?"_s,
                   {QString::number(id)})
                 .toString(),
             u"true"_s);
  }

  // The database drops the worker's connection while the carrier's answer travels: the pass fails holding the
  // request. Reconnected, the same worker buys nothing twice and stores the label at once, not after its 10-minute
  // lease, while the packer waits at the bench.
  void connectionLostMidPurchase_sameWorkersNextPassStoresTheLabel()
  {
    const int paidBefore = m_fake->paidLabels();
    const test::BenchOrder o = order();
    const qint64 id = request(o);
    hub::LabelWorkerSettings settings;
    settings.workerId = u"cut-worker"_s;
    const auto runPass = [&](const QString &connection, qint64 *backend) -> bool {
      bool ok = false;
      {
        auto db = db::openDatabase(m_scratch.settings, connection);
        if (!db)
          return false;
        if (backend) {
          auto pid = db::exec(*db, u"SELECT pg_backend_pid()"_s);
          *backend = pid && pid.value().next() ? pid->value(0).toLongLong() : 0;
        }
        hub::LabelWorker worker(*db, *m_carrier, settings);
        ok = worker.runOnce().ok();
      }
      QSqlDatabase::removeDatabase(connection);
      return ok;
    };
    qint64 backend = 0;
    m_fake->slowNext(u"create_label"_s, 1, 1500);
    QTimer cut;
    cut.setSingleShot(true);
    QObject::connect(&cut, &QTimer::timeout, this,
                     [&]() { VERIFY_OK(db::exec(m_db, u"SELECT pg_terminate_backend(?)"_s, {backend})); });
    cut.start(500); // fires inside the purchase's wait, after the carrier took the order
    QVERIFY(!runPass(u"labelworker-cut-1"_s, &backend));
    QCOMPARE(test::labelState(m_db, id), u"requested"_s);
    QVERIFY(runPass(u"labelworker-cut-2"_s, nullptr));
    QCOMPARE(test::labelState(m_db, id), u"bought"_s);
    QCOMPARE(m_fake->paidLabels(), paidBefore + 1);
  }

  void carrierDown_leavesTheRequestWaitingWithTheReason_thenBuys()
  {
    const test::BenchOrder o = order();
    const qint64 id = request(o);
    m_fake->setFaults({1.0, 0, 0, 0, {u"create_label"_s, u"get_label_by_external_shipment_id"_s}});
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"requested"_s);
    QCOMPARE(column(u"error_kind"_s, id), u"carrier_unavailable"_s);
    QVERIFY(column(u"error"_s, id).contains(u"not answering"_s));
    m_fake->setFaults({});
    dueNow(id);
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"bought"_s);
    QVERIFY(column(u"error"_s, id).isEmpty());
  }

  void boxWithoutWeight_isRefused_neverGuessed()
  {
    const test::BenchOrder o = order();
    const qint64 id = request(o);
    // The weight went missing after the request (a hand edit): the hub refuses, it does not guess.
    VERIFY_OK(db::exec(m_db, u"UPDATE packages SET weight_grams = NULL WHERE fulfillment_order_id = ?"_s,
                       {o.fulfillmentOrderId}));
    const int bought = m_fake->stats().labelsBought;
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"failed"_s);
    QCOMPARE(column(u"error_kind"_s, id), u"needs_weight"_s);
    QVERIFY(column(u"error"_s, id).startsWith(u"Weigh box 1"_s));
    QCOMPARE(m_fake->stats().labelsBought, bought);
  }

  // 80 kg typed for a box (8 kg meant): UPS takes 150 lb a package, and the carrier itself refuses the label naming
  // the weight. The request fails as needs_weight with the carrier's words, so the bench asks for the weight again;
  // nothing is bought.
  void weightTheCarrierRefuses_isWeighedAgain_notRetried()
  {
    const int bought = m_fake->stats().labelsBought;
    const qint64 id = request(order(), 80'000);
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"failed"_s);
    QCOMPARE(column(u"error_kind"_s, id), u"needs_weight"_s);
    QCOMPARE(column(u"error"_s, id), u"The carrier refused the weight of box 1: Package 1 weighs 176.4 lb; UPS "
                                     "packages may weigh up to 150 lb"_s);
    QCOMPARE(m_fake->stats().labelsBought, bought);
    QVERIFY(m_fake->stats().contractErrors.isEmpty()); // the refusal is the carrier's, in its documented shape
  }

  // Where the service is chosen by rates, every allowed service comes back invalid for a box that heavy: the request
  // fails with the carrier's reasons at once, instead of waiting for a lead as if the services were not set up.
  void everyAllowedServiceRefused_failsWithTheCarriersReasons()
  {
    for (const char *code : {"usps_priority_mail", "usps_ground_advantage"})
      VERIFY_OK(test::addServiceRule(m_db, u"heavy%"_s, test::FakeCarrier::uspsCarrierId(), QLatin1String(code),
                                     std::nullopt, 20, u"title"_s));
    const qint64 id = request(order(u"Heavy freight"_s), 40'000);
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"failed"_s);
    QCOMPARE(column(u"error_kind"_s, id), u"refused"_s);
    QVERIFY2(column(u"error"_s, id) == u"The carrier refused every service allowed for \"Heavy freight\": Package 1 "
                                       "weighs 88.2 lb; USPS packages may weigh up to 70 lb"_s,
             qPrintable(column(u"error"_s, id)));
    VERIFY_OK(db::exec(m_db, u"DELETE FROM carrier_service_rules WHERE pattern = 'heavy%'"_s));
  }

  void incompleteAddress_isRefusedWithWhatIsMissing()
  {
    QJsonObject shipTo = test::testShipTo();
    shipTo.remove(u"zip"_s);
    const qint64 id = request(order(u"Standard"_s, shipTo));
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"failed"_s);
    QCOMPARE(column(u"error_kind"_s, id), u"refused"_s);
    QVERIFY2(column(u"error"_s, id).contains(u"postal code"_s), qPrintable(column(u"error"_s, id)));
  }

  void cheapestServiceThatKeepsThePromise_isChosen()
  {
    for (const char *code : {"ups_2nd_day_air", "ups_next_day_air"})
      VERIFY_OK(test::addServiceRule(m_db, u"express%"_s, test::FakeCarrier::upsCarrierId(), QLatin1String(code), 2, 10,
                                     u"title"_s));
    for (const char *code : {"usps_priority_mail", "usps_priority_mail_express", "usps_ground_advantage"})
      VERIFY_OK(test::addServiceRule(m_db, u"express%"_s, test::FakeCarrier::uspsCarrierId(), QLatin1String(code), 2,
                                     10, u"title"_s));
    // Two days from now: USPS Priority Mail (2 days, cheapest of those in time; Ground Advantage takes 4).
    const qint64 onTime = request(order(u"Express 2-day"_s));
    runWorker();
    QCOMPARE(test::labelState(m_db, onTime), u"bought"_s);
    QCOMPARE(column(u"service_code"_s, onTime), u"usps_priority_mail"_s);
    QCOMPARE(column(u"tracking_company"_s, onTime), u"USPS"_s);
    // Ship-by was yesterday: two days from then is tomorrow, so only a next-day service keeps the promise.
    const test::BenchOrder late = order(u"Express 2-day"_s);
    VERIFY_OK(db::exec(m_db, u"UPDATE fulfillment_orders SET ship_by = now() - interval '1 day' WHERE id = ?"_s,
                       {late.fulfillmentOrderId}));
    const qint64 lateId = request(late);
    runWorker();
    QCOMPARE(column(u"service_code"_s, lateId), u"usps_priority_mail_express"_s);
  }

  void noServiceRule_waitsForTheLead_withTheShippingMethodNamed()
  {
    VERIFY_OK(db::exec(m_db, u"UPDATE carrier_service_rules SET pattern = 'standard' WHERE pattern = '%'"_s));
    const qint64 id = request(order(u"Pigeon post"_s));
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"requested"_s);
    QCOMPARE(column(u"error_kind"_s, id), u"configuration"_s);
    QVERIFY(column(u"error"_s, id).contains(u"\"Pigeon post\""_s));
    QCOMPARE(column(u"attempts"_s, id), u"0"_s); // nothing was sent
    VERIFY_OK(db::exec(m_db, u"UPDATE carrier_service_rules SET pattern = '%' WHERE pattern = 'standard'"_s));
    dueNow(id);
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"bought"_s);
  }

  void cancelledAfterPurchase_isVoided_andTheLeadIsTold()
  {
    const test::BenchOrder o = order();
    const qint64 id = request(o);
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"bought"_s);
    const int paid = m_fake->paidLabels();
    VERIFY_OK(db::exec(m_db, u"UPDATE orders SET cancelled_at = now() WHERE id = ?"_s, {o.orderId}));
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"voided"_s);
    QCOMPARE(m_fake->paidLabels(), paid - 1);
    QVERIFY(m_fake->labels().value(column(u"label_id"_s, id)).voided);
    QCOMPARE(column(u"void_reason"_s, id), u"the order was cancelled"_s);
    QCOMPARE(value(u"SELECT concat_ws('|', tracking_number, tracking_courier, tracking_company, tracking_carrier_code, "
                   "tracking_url) FROM packages WHERE fulfillment_order_id = ?"_s,
                   {o.fulfillmentOrderId})
                 .toString(),
             QString());
    for (const char *action : {"label.void_requested", "label.voided"})
      QCOMPARE(test::scalar(
                   m_db, u"SELECT count(*) FROM audit_log WHERE action = ? AND actor_kind = 'hub' AND subject_id = ?"_s,
                   {QLatin1String(action), QString::number(o.fulfillmentOrderId)}),
               1);
  }

  void releasedBeforePurchase_isCancelled_withoutBuying()
  {
    const test::BenchOrder o = order();
    const qint64 id = request(o);
    VERIFY_OK(db::exec(m_db, u"SELECT packbench_release(?, ?, ?, NULL, NULL, NULL, NULL)"_s,
                       {o.claimId, m_world.queue.stationId, o.fulfillmentOrderId}));
    const int bought = m_fake->stats().labelsBought;
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"failed"_s);
    QCOMPARE(column(u"error_kind"_s, id), u"cancelled"_s);
    QCOMPARE(m_fake->stats().labelsBought, bought);
  }

  void hubThread_hearsTheRequest_andBuysWithoutWaitingForItsPoll()
  {
    hub::CarrierLabelSettings settings;
    settings.database = m_scratch.settings;
    settings.carrier = m_fake->clientSettings(3000, 3, 5);
    settings.worker.workerId = u"thread-worker"_s;
    settings.pollMs = 60'000; // only the notification can wake it in time
    hub::CarrierLabelThread thread(settings);
    QSignalSpy passes(&thread, &hub::CarrierLabelThread::passDone);
    thread.start();
    QTest::qWait(300); // listening by now (its first pass found nothing)
    const qint64 id = request(order());
    // The fake answers on this thread: QTRY_ keeps its event loop running.
    QTRY_COMPARE_WITH_TIMEOUT(test::labelState(m_db, id), u"bought"_s, 10000);
    thread.requestStop();
    QTRY_VERIFY_WITH_TIMEOUT(thread.isFinished(), 5000);
  }

  void purchaseWithItsAnswerLost_thenReleased_isLookedUp_andVoided()
  {
    const test::BenchOrder o = order();
    const qint64 id = request(o);
    // Every answer about the purchase is lost: the label exists at the carrier, the hub does not know it.
    m_fake->setFaults({0, 1.0, 0, 0, {u"create_label"_s, u"get_label_by_external_shipment_id"_s}});
    runWorker();
    m_fake->setFaults({});
    QCOMPARE(test::labelState(m_db, id), u"requested"_s);
    const QString external = column(u"external_shipment_id"_s, id);
    QVERIFY(m_fake->labelForExternalId(external));
    QVERIFY(!m_fake->labelForExternalId(external)->voided);
    VERIFY_OK(db::exec(m_db, u"SELECT packbench_release(?, ?, ?, 'damaged box', NULL, NULL, NULL)"_s,
                       {o.claimId, m_world.queue.stationId, o.fulfillmentOrderId}));
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"voided"_s);
    QCOMPARE(column(u"void_reason"_s, id), u"the order was put on hold"_s);
    QVERIFY(m_fake->labelForExternalId(external)->voided);
  }

  void refusedApiKey_waitsForTheLead_andNothingIsPaid()
  {
    carriers::ShipEngineSettings revoked = m_fake->clientSettings(3000, 3, 5);
    revoked.apiKey = QByteArrayLiteral("TEST_revoked_key");
    carriers::ShipEngineCarrier carrier(revoked, nullptr);
    hub::LabelWorkerSettings settings;
    settings.workerId = u"revoked-key-worker"_s;
    hub::LabelWorker worker(m_db, carrier, settings);
    const int paid = m_fake->paidLabels();
    const qint64 id = request(order());
    VERIFY_OK(worker.runOnce());
    QCOMPARE(test::labelState(m_db, id), u"requested"_s);
    QCOMPARE(column(u"error_kind"_s, id), u"configuration"_s);
    QVERIFY2(column(u"error"_s, id).contains(u"API key"_s), qPrintable(column(u"error"_s, id)));
    QVERIFY(value(u"SELECT next_attempt_at > now() + interval '30 seconds' FROM label_requests WHERE id = ?"_s, {id})
                .toBool()); // not hammered with the refused key
    QCOMPARE(m_fake->paidLabels(), paid);
    // With the key put right the next attempt buys it.
    dueNow(id);
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"bought"_s);
    QCOMPARE(m_fake->paidLabels(), paid + 1);
  }

  void usedLabel_whoseVoidTheCarrierRefuses_isKept_andTheLeadIsTold()
  {
    const test::BenchOrder o = order();
    const qint64 id = request(o);
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"bought"_s);
    QVERIFY(m_fake->advanceTracking(column(u"tracking_number"_s, id), 1)); // the parcel is already on its way
    VERIFY_OK(db::exec(m_db, u"UPDATE orders SET cancelled_at = now() WHERE id = ?"_s, {o.orderId}));
    const int paid = m_fake->paidLabels();
    runWorker();
    QCOMPARE(test::labelState(m_db, id), u"void_pending"_s);
    QCOMPARE(column(u"error_kind"_s, id), u"void_refused"_s);
    QVERIFY2(column(u"error"_s, id).contains(u"cannot be voided"_s), qPrintable(column(u"error"_s, id)));
    QCOMPARE(m_fake->paidLabels(), paid);
    QCOMPARE(test::scalar(m_db,
                          u"SELECT count(*) FROM audit_log WHERE action = 'label.void_refused' AND subject_id = ?"_s,
                          {QString::number(o.fulfillmentOrderId)}),
             1);
    // Asked again later, not at once: the lead takes it up with the carrier.
    QVERIFY(value(u"SELECT next_attempt_at > now() + interval '1 minute' FROM label_requests WHERE id = ?"_s, {id})
                .toBool());
  }
};

QTEST_GUILESS_MAIN(LabelWorkerTest)
#include "label_worker_test.moc"
