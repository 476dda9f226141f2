// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's end of day on PostgreSQL against the carrier fake (ManifestWorker): one manifest per carrier for the
// warehouse's bought labels on no manifest yet, stored with its PDF and the labels marked in one transaction; and
// what happens when the answer is not clean: a lost answer or a PDF not fetched is looked up (GET /v1/manifests) before
// any label is sent again, and what the carrier made is stored as recovered, never made twice; a lookup that fails
// changes nothing and is tried again later, up to a bound; a hub that stopped mid-call; nothing to manifest.
#include "core/carriers/shipenginecarrier.h"
#include "core/db/sql.h"
#include "core/hub/labelworker.h"
#include "core/hub/manifestworker.h"
#include "tests/support/fakecarrier.h"
#include "tests/support/labelworld.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

class ManifestWorkerTest final : public QObject, private test::LabelWorldBench {
  Q_OBJECT

private:
  std::unique_ptr<test::FakeCarrier> m_fake;
  std::unique_ptr<carriers::ShipEngineCarrier> m_carrier;
  std::unique_ptr<hub::LabelWorker> m_labels;
  std::unique_ptr<hub::ManifestWorker> m_worker;

  QVariant value(const QString &sql, const QVariantList &values = {}) { return test::value(m_db, sql, values); }
  // A box whose label the label worker bought from the fake ("Post…" ships USPS, anything else UPS).
  qint64 boughtLabel(const QString &title = u"Standard"_s)
  {
    auto order = test::addBenchOrder(m_db, m_world, title);
    if (!order)
      qFatal("order: %s", qPrintable(order.error().message));
    auto id = test::requestLabel(m_db, m_world, *order);
    if (!id || !m_labels->runOnce() || test::labelState(m_db, *id) != u"bought")
      qFatal("no label bought");
    return *id;
  }
  // A lead's end of day for the world's warehouse (trusted caller: no sign-in, no approval needed).
  qint64 endOfDay()
  {
    const qint64 id = test::scalar(m_db, u"SELECT packbench_request_manifest(?, ?, NULL, NULL, NULL)"_s,
                                   {m_world.queue.stationId, m_world.queue.locationId});
    auto worked = m_worker->runOnce();
    if (!worked)
      qFatal("manifest pass: %s", qPrintable(worked.error().message));
    return id;
  }
  QString outcome(qint64 request)
  {
    return value(u"SELECT state || '/' || coalesce(error_kind, '') FROM manifest_requests WHERE id = ?"_s, {request})
        .toString();
  }
  QString error(qint64 request)
  {
    return value(u"SELECT error FROM manifest_requests WHERE id = ?"_s, {request}).toString();
  }
  QVariant labelValue(const QString &column, qint64 label)
  {
    return value(u"SELECT %1 FROM label_requests WHERE id = ?"_s.arg(column), {label});
  }
  int calls(const QString &operation) { return m_fake->stats().calls.value(operation); }
  // Another pass of the worker, as the carrier thread makes when the request falls due again.
  void runAgain() { VERIFY_OK(m_worker->runOnce()); }
  int unmarked()
  {
    return value(u"SELECT count(*) FROM label_requests WHERE state IN ('bought', 'printed') AND "
                 "carrier_manifest_id IS NULL"_s)
        .toInt();
  }

private Q_SLOTS:
  void initTestCase()
  {
    VERIFY_OK(openLabelWorld(u"manifestworker"_s));
    VERIFY_OK(test::addServiceRule(m_db, u"Post%"_s, test::FakeCarrier::uspsCarrierId(), u"usps_priority_mail"_s,
                                   std::nullopt, 10));
    m_fake = std::make_unique<test::FakeCarrier>();
    QVERIFY(m_fake->listen() > 0);
    m_carrier = std::make_unique<carriers::ShipEngineCarrier>(m_fake->clientSettings(1500, 3, 5), nullptr);
    hub::LabelWorkerSettings settings;
    settings.workerId = u"manifest-test"_s;
    m_labels = std::make_unique<hub::LabelWorker>(m_db, *m_carrier, settings);
    // Tried again at once (the next pass), at most three attempts per request.
    m_worker =
        std::make_unique<hub::ManifestWorker>(m_db, *m_carrier, u"manifest-test"_s, 600, hub::ManifestRetry{0, 3});
  }

  void cleanupTestCase()
  {
    QVERIFY2(m_fake->stats().contractErrors.isEmpty(), qPrintable(m_fake->stats().contractErrors.join(u"\n"_s)));
  }

  void manifestPerCarrier_storedWithItsPdf_andTheLabelsMarked()
  {
    const QList<qint64> labels{boughtLabel(), boughtLabel(u"Post"_s), boughtLabel(), boughtLabel()};
    const qint64 request = endOfDay();
    QCOMPARE(outcome(request), u"done/"_s);
    QCOMPARE(value(u"SELECT label_count FROM manifest_requests WHERE id = ?"_s, {request}).toInt(), 4);
    QCOMPARE(value(u"SELECT string_agg(carrier_name || '=' || label_count, ',' ORDER BY carrier_name) FROM "
                   "carrier_manifests WHERE manifest_request_id = ?"_s,
                   {request})
                 .toString(),
             u"UPS=3,USPS=1"_s);
    QCOMPARE(unmarked(), 0);
    for (const auto &m : m_fake->manifests()) {
      QVERIFY(value(u"SELECT pdf FROM carrier_manifests WHERE manifest_id = ?"_s, {m.manifestId})
                  .toByteArray()
                  .startsWith("%PDF"));
      // Each label is marked with the manifest the carrier put it on.
      for (const QString &labelId : m.labelIds)
        QCOMPARE(value(u"SELECT m.manifest_id FROM label_requests r JOIN carrier_manifests m ON m.id = "
                       "r.carrier_manifest_id WHERE r.label_id = ?"_s,
                       {labelId})
                     .toString(),
                 m.manifestId);
    }
    QCOMPARE(value(u"SELECT count(*) FROM audit_log WHERE action = 'manifest.created'"_s).toInt(), 2);
  }

  void nothingToManifest_failsWithoutAskingTheCarrier()
  {
    const int calls = m_fake->stats().calls.value(u"create_manifest"_s);
    const qint64 request = endOfDay();
    QCOMPARE(outcome(request), u"failed/nothing_to_manifest"_s);
    QCOMPARE(m_fake->stats().calls.value(u"create_manifest"_s), calls);
  }

  void lostAnswer_isLookedUpNextAttempt_notPostedTwice_andOnlyNewLabelsAreSent()
  {
    const qint64 label = boughtLabel();
    m_fake->loseNext(u"create_manifest"_s);
    const int posts = calls(u"create_manifest"_s);
    const int lookups = calls(u"list_manifests"_s);
    const qint64 request = endOfDay();
    // Sent once: the carrier made the manifest, the answer never came; nothing is stored, the request waits.
    QCOMPARE(calls(u"create_manifest"_s), posts + 1);
    QCOMPARE(outcome(request), u"requested/uncertain"_s);
    QVERIFY(labelValue(u"carrier_manifest_id"_s, label).isNull());
    QCOMPARE(labelValue(u"manifest_sent_in"_s, label).toLongLong(), request);
    const QString labelId = labelValue(u"label_id"_s, label).toString();
    const QString made = m_fake->labels().value(labelId).manifestId;
    QVERIFY(!made.isEmpty());
    // A label bought meanwhile was never sent: it goes in a new POST, alone.
    const qint64 later = boughtLabel();
    const int manifests = static_cast<int>(m_fake->manifests().size());
    runAgain();
    QCOMPARE(outcome(request), u"done/"_s);
    QCOMPARE(calls(u"list_manifests"_s), lookups + 1);
    QCOMPARE(calls(u"create_manifest"_s), posts + 2);
    QCOMPARE(m_fake->manifests().size(), manifests + 1);
    const QString laterId = labelValue(u"label_id"_s, later).toString();
    QCOMPARE(m_fake->manifests().value(m_fake->labels().value(laterId).manifestId).labelIds, QStringList{laterId});
    // The lost one is stored once, as recovered, with its PDF, and its label marked with it.
    QCOMPARE(value(u"SELECT count(*) FROM carrier_manifests WHERE manifest_id = ?"_s, {made}).toInt(), 1);
    QCOMPARE(value(u"SELECT recovered FROM carrier_manifests WHERE manifest_id = ?"_s, {made}).toBool(), true);
    QVERIFY(
        value(u"SELECT pdf FROM carrier_manifests WHERE manifest_id = ?"_s, {made}).toByteArray().startsWith("%PDF"));
    QCOMPARE(value(u"SELECT m.manifest_id FROM label_requests r JOIN carrier_manifests m ON m.id = "
                   "r.carrier_manifest_id WHERE r.id = ?"_s,
                   {label})
                 .toString(),
             made);
    QCOMPARE(value(u"SELECT label_count FROM manifest_requests WHERE id = ?"_s, {request}).toInt(), 2);
    QCOMPARE(value(u"SELECT count(*) FROM audit_log WHERE action = 'manifest.recovered' AND details->>'manifest_id' "
                   "= ?"_s,
                   {made})
                 .toInt(),
             1);
    QCOMPARE(unmarked(), 0);
  }

  void lookupFails_changesNothing_andIsTriedAgainLater()
  {
    const qint64 label = boughtLabel(u"Post"_s);
    m_fake->loseNext(u"create_manifest"_s);
    const qint64 request = endOfDay();
    QCOMPARE(outcome(request), u"requested/uncertain"_s);
    // The carrier is down for the lookup (the adapter's own three retries included): nothing sent, stored or marked.
    m_fake->failNext(u"list_manifests"_s, 4, 500);
    const int posts = calls(u"create_manifest"_s);
    const int stored = value(u"SELECT count(*) FROM carrier_manifests"_s).toInt();
    runAgain();
    QCOMPARE(outcome(request), u"requested/uncertain"_s);
    QVERIFY2(error(request).contains(u"sends no label before it knows"_s), qPrintable(error(request)));
    QCOMPARE(calls(u"create_manifest"_s), posts);
    QCOMPARE(value(u"SELECT count(*) FROM carrier_manifests"_s).toInt(), stored);
    QVERIFY(labelValue(u"carrier_manifest_id"_s, label).isNull());
    // Back: the lookup finds the manifest, and nothing is posted again.
    runAgain();
    QCOMPARE(outcome(request), u"done/"_s);
    QCOMPARE(calls(u"create_manifest"_s), posts);
    QVERIFY(!labelValue(u"carrier_manifest_id"_s, label).isNull());
  }

  void neverLearnt_failsCheckTheCarrier_andAskingAgainFindsTheManifest()
  {
    const qint64 label = boughtLabel();
    m_fake->loseNext(u"create_manifest"_s);
    m_fake->failNext(u"list_manifests"_s, 8, 500); // two attempts' lookups
    const int posts = calls(u"create_manifest"_s);
    const qint64 request = endOfDay();
    runAgain();
    runAgain();
    runAgain(); // the fourth claim is over the bound of three attempts
    QCOMPARE(outcome(request), u"failed/uncertain"_s);
    QVERIFY2(error(request).contains(u"Check the carrier's manifests of today"_s), qPrintable(error(request)));
    QCOMPARE(calls(u"create_manifest"_s), posts + 1);
    // The lead asks again: the lookup comes first and finds it; no second POST, no second manifest.
    const qint64 again = endOfDay();
    QCOMPARE(outcome(again), u"done/"_s);
    QCOMPARE(calls(u"create_manifest"_s), posts + 1);
    QCOMPARE(value(u"SELECT recovered FROM carrier_manifests WHERE manifest_request_id = ?"_s, {again}).toBool(), true);
    QVERIFY(!labelValue(u"carrier_manifest_id"_s, label).isNull());
  }

  void pdfNotFetched_isLookedUpAgain_withItsPdf()
  {
    const qint64 label = boughtLabel(u"Post"_s);
    // The manifest is made; its PDF download fails (a download is not retried: the manifest is made already).
    const int serverErrors = m_fake->stats().serverErrors;
    m_fake->failNext(u"download"_s, 1, 500);
    const int posts = calls(u"create_manifest"_s);
    const qint64 request = endOfDay();
    QCOMPARE(m_fake->stats().serverErrors, serverErrors + 1);
    QCOMPARE(outcome(request), u"requested/uncertain"_s);
    QVERIFY2(error(request).contains(u"could not be fetched"_s), qPrintable(error(request)));
    QVERIFY(labelValue(u"carrier_manifest_id"_s, label).isNull());
    runAgain();
    QCOMPARE(outcome(request), u"done/"_s);
    QCOMPARE(calls(u"create_manifest"_s), posts + 1);
    QVERIFY(value(u"SELECT m.pdf FROM label_requests r JOIN carrier_manifests m ON m.id = r.carrier_manifest_id WHERE "
                  "r.id = ?"_s,
                  {label})
                .toByteArray()
                .startsWith("%PDF"));
  }

  void workerStoppedBeforeTheCarrierHadIt_isLookedUp_thenPostedOnce()
  {
    const qint64 label = boughtLabel();
    const qint64 request = test::scalar(m_db, u"SELECT packbench_request_manifest(?, ?, NULL, NULL, NULL)"_s,
                                        {m_world.queue.stationId, m_world.queue.locationId});
    // Another hub marked the label as sent and stopped before the carrier had the request; its lease ran out.
    VERIFY_OK(db::exec(m_db,
                       u"UPDATE manifest_requests SET locked_by = 'gone', locked_until = now() - interval "
                       "'1 second', attempts = 1 WHERE id = ?"_s,
                       {request}));
    VERIFY_OK(db::exec(m_db, u"UPDATE label_requests SET manifest_sent_in = ? WHERE id = ?"_s, {request, label}));
    const int posts = calls(u"create_manifest"_s);
    const int lookups = calls(u"list_manifests"_s);
    runAgain();
    // The lookup finds no manifest with it, so it is sent, once.
    QCOMPARE(outcome(request), u"done/"_s);
    QCOMPARE(calls(u"list_manifests"_s), lookups + 1);
    QCOMPARE(calls(u"create_manifest"_s), posts + 1);
    QCOMPARE(value(u"SELECT recovered FROM carrier_manifests WHERE manifest_request_id = ?"_s, {request}).toBool(),
             false);
    QCOMPARE(unmarked(), 0);
  }

  // This worker's own pass ended early (its connection went) with the request still leased for 10 minutes: its next
  // pass takes it back at once; another live worker's lease is left alone.
  void ownPassEndedEarly_nextPassTakesItBack_anotherWorkersLeaseWaits()
  {
    (void)boughtLabel();
    const qint64 request = test::scalar(m_db, u"SELECT packbench_request_manifest(?, ?, NULL, NULL, NULL)"_s,
                                        {m_world.queue.stationId, m_world.queue.locationId});
    const auto leaseTo = [&](const QString &worker) {
      VERIFY_OK(db::exec(m_db,
                         u"UPDATE manifest_requests SET locked_by = ?, locked_until = now() + interval '10 minutes', "
                         "attempts = 1 WHERE id = ?"_s,
                         {worker, request}));
    };
    leaseTo(u"another-hub"_s);
    runAgain();
    QCOMPARE(outcome(request), u"requested/"_s);
    leaseTo(u"manifest-test"_s);
    runAgain();
    QCOMPARE(outcome(request), u"done/"_s);
    QCOMPARE(unmarked(), 0);
  }
};

QTEST_GUILESS_MAIN(ManifestWorkerTest)
#include "manifest_worker_test.moc"
