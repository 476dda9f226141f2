// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #14's fault run: 500 boxes ask for labels while the carrier fake loses 20% of its answers, fails 10% with
// 5xx and throttles (429 + Retry-After); then 50 orders are repacked at another bench, so their first labels must be
// voided under the same faults. After: exactly one paid label per box, no label at the carrier that nothing holds
// (every extra voided), and every tracking number on the package whose external_shipment_id bought it.
#include "core/carriers/shipenginecarrier.h"
#include "core/db/sql.h"
#include "core/hub/labelworker.h"
#include "tests/support/fakecarrier.h"
#include "tests/support/labelworld.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {
constexpr int kBoxes = 500;
constexpr int kRepacked = 50;
constexpr qint64 kDeadlineMs = 8 * 60 * 1000;
} // namespace

class LabelFaultsTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;
  test::LabelWorld m_world;

  qint64 open(const QString &states)
  {
    return test::scalar(m_db, u"SELECT count(*) FROM label_requests WHERE state = ANY(string_to_array(?, ','))"_s,
                        {states});
  }

  // Runs the worker until nothing is left to buy or void; false when the deadline passed first.
  bool drain(hub::LabelWorker &worker, const QElapsedTimer &clock)
  {
    while (open(u"requested,void_pending"_s) > 0) {
      if (clock.elapsed() > kDeadlineMs)
        return false;
      auto worked = worker.runOnce();
      if (!worked) {
        qWarning("pass failed: %s", qPrintable(worked.error().message));
        return false;
      }
      if (*worked == 0) // everything waits for its backoff
        QTest::qWait(5);
    }
    return true;
  }

private Q_SLOTS:
  void fiveHundredBoxes_underLostAnswers5xxAndThrottling_eachGetExactlyOnePaidLabel()
  {
    auto made = test::createLabelWorldDatabase(u"labelfaults"_s);
    VERIFY_OK(made);
    m_db = made->scratch.db;
    m_world = made->world;
    QList<test::BenchOrder> orders;
    for (int i = 0; i < kBoxes; ++i) {
      auto order = test::addBenchOrder(m_db, m_world);
      VERIFY_OK(order);
      VERIFY_OK(test::requestLabel(m_db, m_world, *order, 1, 300 + i));
      orders.append(*order);
    }

    test::FakeCarrier fake;
    QVERIFY(fake.listen() > 0);
    fake.setRateLimit(40, 1000); // the carrier allows 40 a second; this hub's pacer sends up to 60
    fake.setFaults({0.10, 0.20, 0, 0, {}}, 14);
    const SystemClock clock;
    auto pacer = std::make_shared<carriers::RequestPacer>(60, 1000, clock, 0);
    carriers::ShipEngineCarrier carrier(fake.clientSettings(3000, 3, 5), pacer);
    hub::LabelWorkerSettings settings;
    settings.workerId = u"fault-worker"_s;
    settings.retryBaseMs = 1;
    settings.retryMaxMs = 20;
    hub::LabelWorker worker(m_db, carrier, settings);
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY2(drain(worker, elapsed), "labels not all bought in time");
    const qint64 buyMs = elapsed.elapsed();
    QCOMPARE(open(u"bought"_s), kBoxes);

    // Repacked at another bench: a new label each, the first one voided.
    for (int i = 0; i < kRepacked; ++i) {
      test::BenchOrder order = orders.at(i * (kBoxes / kRepacked));
      VERIFY_OK(db::exec(m_db, u"SELECT packbench_release(?, ?, ?, NULL, NULL, NULL, NULL)"_s,
                         {order.claimId, m_world.queue.stationId, order.fulfillmentOrderId}));
      order.claimId =
          test::scalar(m_db, u"SELECT claim_id FROM packbench_claim_order(?, ?, NULL, 600, NULL, NULL, NULL)"_s,
                       {m_world.queue.otherStationId, order.fulfillmentOrderId});
      QVERIFY(order.claimId > 0);
      VERIFY_OK(test::requestLabel(m_db, m_world, order, 1, 0, u"zpl"_s, m_world.queue.otherStationId));
    }
    QVERIFY2(drain(worker, elapsed), "repacked labels not all bought and voided in time");

    // One paid label per box, held by its live request; every other label at the carrier is void.
    QCOMPARE(open(u"bought"_s), kBoxes);
    QCOMPARE(open(u"voided"_s), kRepacked);
    QCOMPARE(open(u"failed,void_pending,requested"_s), 0);
    QCOMPARE(fake.paidLabels(), kBoxes);
    QCOMPARE(fake.labels().size(), kBoxes + kRepacked);
    auto live = db::exec(m_db, u"SELECT r.external_shipment_id, r.label_id, r.tracking_number, p.tracking_number, "
                               "o.name FROM label_requests r JOIN packages p ON p.id = r.package_id JOIN "
                               "fulfillment_orders f ON f.id = r.fulfillment_order_id JOIN orders o ON o.id = "
                               "f.order_id WHERE r.state = 'bought'"_s);
    VERIFY_OK(live);
    QSet<QString> held;
    while (live.value().next()) {
      const auto *label = fake.labelForExternalId(live->value(0).toString());
      QVERIFY(label);
      QVERIFY(!label->voided);
      QCOMPARE(label->labelId, live->value(1).toString());
      QCOMPARE(label->trackingNumber, live->value(2).toString());
      QCOMPARE(live->value(3).toString(), label->trackingNumber); // on the right package
      const QJsonObject first = label->packages.value(u"packages"_s).toArray().first().toObject();
      QCOMPARE(first.value(u"label_messages"_s).toObject().value(u"reference1"_s).toString(),
               live->value(4).toString());
      held.insert(label->labelId);
    }
    QCOMPARE(held.size(), kBoxes);
    int orphans = 0;
    for (const auto &label : fake.labels())
      orphans += !label.voided && !held.contains(label.labelId) ? 1 : 0;
    QCOMPARE(orphans, 0);

    const auto &stats = fake.stats();
    QVERIFY2(stats.contractErrors.isEmpty(), qPrintable(stats.contractErrors.join(u"\n"_s)));
    // The faults did happen.
    QVERIFY(stats.lost > 0);
    QVERIFY(stats.serverErrors > 0);
    QVERIFY(stats.rateLimited > 0);
    qInfo().noquote() << u"fault run: %1 boxes, %2 repacked; %3 requests, %4 lost, %5 5xx, %6 429, %7 purchases "
                         "refused as duplicates (found instead); labels bought in %8 s, all done in %9 s"_s.arg(kBoxes)
                             .arg(kRepacked)
                             .arg(stats.requests)
                             .arg(stats.lost)
                             .arg(stats.serverErrors)
                             .arg(stats.rateLimited)
                             .arg(stats.duplicatePurchases)
                             .arg(double(buyMs) / 1000.0, 0, 'f', 1)
                             .arg(double(elapsed.elapsed()) / 1000.0, 0, 'f', 1);
  }
};

QTEST_GUILESS_MAIN(LabelFaultsTest)
#include "label_faults_test.moc"
