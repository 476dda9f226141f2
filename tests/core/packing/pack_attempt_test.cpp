// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A pack attempt is one claim: what counts, what completes, what ships, who may take an order over.
// Compiled twice: PostgreSQL (label db) and SQLite (label unit, PACKBENCH_ATTEMPT_TEST_SQLITE).
#include "core/db/connection.h"
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/documents/sliprepository.h"
#include "core/documents/zpl.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/packers.h"
#include "core/packing/packsession.h"
#include "core/queue/orderqueue.h"
#include "core/queue/stationregistration.h"
#include "core/scanning/scandecoder.h"
#include "tests/support/demopackbench.h"
#include "tests/support/verify.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pb;
using namespace std::chrono_literals;

#ifdef PACKBENCH_ATTEMPT_TEST_SQLITE
constexpr bool kSqlite = true;
#else
constexpr bool kSqlite = false;
#endif

class PackAttemptTest final : public QObject, private test::DemoPackBench {
  Q_OBJECT

private:
  packing::Packer m_packer;
  packing::Packer m_lead;
  qint64 m_stationId = 0;
  qint64 m_otherStationId = 0;
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_here;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_there; // a second bench

  // Two daypacks and a shell, waiting in the queue.
  qint64 queuedOrder() { return DemoPackBench::queuedOrder(QStringLiteral("#A")); }

  qint64 lineOf(qint64 fo, const QString &sku)
  {
    return scalar(QStringLiteral("SELECT id FROM fulfillment_order_lines WHERE fulfillment_order_id = ? AND sku = ?"),
                  {fo, sku});
  }

  qint64 outboxRows(qint64 fo)
  {
    return scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)});
  }

  QJsonObject payload(qint64 fo)
  {
    return QJsonDocument::fromJson(
               text(QStringLiteral("SELECT CAST(payload AS text) FROM outbox WHERE aggregate_id = ?"),
                    {QString::number(fo)})
                   .toUtf8())
        .object();
  }

  QString packState(qint64 fo)
  {
    return text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
  }

  // The pack screen for this claim at the given bench (the station sets the version it shows).
  std::unique_ptr<packing::PackSession> open(packing::ClaimedOrder &order, qint64 stationId)
  {
    auto session =
        packing::PackSession::open(m_db, m_clock, order.fulfillmentOrderId, {m_packer.id, order.claimId, stationId});
    if (!session)
      qFatal("PackSession::open: %s", qPrintable(session.error().message));
    order.orderVersion = (*session)->header().version;
    return std::move(session).value();
  }

  void scan(packing::PackSession &session, const QString &sku, int times = 1)
  {
    for (int i = 0; i < times; ++i)
      QCOMPARE(session.handleScan(m_decoder.decode(test::barcodeFor(m_db, sku))).outcome, packing::Outcome::Counted);
  }

  // The order taken at a bench, with its pack screen open and these items scanned on it.
  std::pair<packing::ClaimedOrder, std::unique_ptr<packing::PackSession>>
  takeAndScan(packing::LeasedQueueWorkflow &bench, qint64 stationId, qint64 fo, const QList<QPair<QString, int>> &items)
  {
    auto taken = bench.take(fo, m_packer);
    if (!taken)
      qFatal("take: %s", qPrintable(taken.error().message));
    auto session = open(taken.value(), stationId);
    for (const auto &[sku, times] : items)
      scan(*session, sku, times);
    return {std::move(taken).value(), std::move(session)};
  }

  // A new order, taken here with all three items scanned.
  std::pair<packing::ClaimedOrder, std::unique_ptr<packing::PackSession>> takeAndScanAll(qint64 fo)
  {
    return takeAndScan(*m_here, m_stationId, fo, {{m_daypack, 2}, {m_shell, 1}});
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoDatabase(kSqlite, m_dir.path(), QStringLiteral("attempt"), m_clock);
    VERIFY_OK(db);
    m_db = *db;
    auto here = queue::registerStation(m_db, QStringLiteral("install-here"), QStringLiteral("bench"), std::nullopt);
    VERIFY_OK(here);
    auto there = queue::registerStation(m_db, QStringLiteral("install-there"), QStringLiteral("bench"), std::nullopt);
    VERIFY_OK(there);
    m_stationId = *here;
    m_otherStationId = *there;
    auto packer = packing::findPackerByBadge(m_db, QStringLiteral("PB-1001"));
    VERIFY_OK(packer);
    m_packer = *packer;
    auto lead = packing::approveAsLead(m_db, QStringLiteral("PB-9001"), QStringLiteral("9001"));
    VERIFY_OK(lead);
    m_lead = *lead;
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock, 120s);
    m_here = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, m_stationId);
    m_there = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, m_otherStationId);
  }

  void release_endsTheAttempt_nextClaimAtAnyBenchStartsFromZero()
  {
    const qint64 fo = queuedOrder();
    auto [first, firstSession] = takeAndScanAll(fo);
    QVERIFY(firstSession->allVerified());
    firstSession.reset();
    VERIFY_OK(m_here->release(first)); // sign-out mid-order: the items go back to the shelf

    auto [second, session] = takeAndScan(*m_there, m_otherStationId, fo, {});
    QVERIFY(*second.claimId != *first.claimId);
    QCOMPARE(session->verifiedTotal(), 0);
    QCOMPARE(session->complete().outcome, packing::Outcome::Refused); // an empty box cannot be completed
    QCOMPARE(session->completePartial(QStringLiteral("short")).outcome, packing::Outcome::Refused);
    // Nor by finishing the claim behind the screen's back: nothing was verified in this attempt.
    for (const bool partial : {false, true}) {
      const Status finished = m_there->finish(second, partial);
      QVERIFY(!finished.ok());
      QCOMPARE(finished.error().kind, ErrorKind::Conflict);
    }
    QCOMPARE(outboxRows(fo), 0);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    // The abandoned attempt is still in the trail, under its own claim.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM scan_events WHERE claim_id = ? AND outcome = 'ok'"),
                    {*first.claimId}),
             3);
    VERIFY_OK(m_there->release(second));
  }

  void hold_thenLeadRelease_startsFromZero()
  {
    const qint64 fo = queuedOrder();
    auto [first, session] = takeAndScan(*m_here, m_stationId, fo, {{m_daypack, 1}});
    session.reset();
    VERIFY_OK(m_here->hold(first, QStringLiteral("box damaged")));
    const Status byPacker = m_here->releaseHold(fo, m_packer, m_packer);
    QVERIFY(!byPacker.ok());
    QCOMPARE(byPacker.error().kind, ErrorKind::Permission);
    QCOMPARE(packState(fo), QStringLiteral("held"));
    VERIFY_OK(m_here->releaseHold(fo, m_packer, m_lead));
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'unhold' AND subject_id = ? AND "
                                   "actor_id = ? AND station_id = ?"),
                    {QString::number(fo), QString::number(m_lead.id), m_stationId}),
             1);
    auto again = m_here->take(fo, m_packer);
    VERIFY_OK(again);
    QCOMPARE(open(again.value(), m_stationId)->verifiedTotal(), 0);
    VERIFY_OK(m_here->release(*again));
  }

  void finish_afterAnEditTheStationNeverHeardOf_isRefusedAndShipsNothing_data()
  {
    QTest::addColumn<int>("daypacks");
    QTest::newRow("past the last scan: 3 daypacks now") << 3;
    QTest::newRow("version only: say its shipping method") << 2;
  }

  void finish_afterAnEditTheStationNeverHeardOf_isRefusedAndShipsNothing()
  {
    QFETCH(int, daypacks);
    const qint64 fo = queuedOrder();
    auto [taken, session] = takeAndScanAll(fo);
    // The hub applies an order edit whose NOTIFY never reached the station.
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("UPDATE fulfillment_order_lines SET quantity = ?, remaining_quantity = ? "
                                      "WHERE id = ?"),
                       {daypacks, daypacks, lineOf(fo, m_daypack)}));
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET version = version + 1 WHERE id = ?"), {fo}));
    QCOMPARE(session->complete().outcome, packing::Outcome::Completed); // the screen still shows the old order
    const Status finished = m_here->finish(taken, false);
    QVERIFY(!finished.ok());
    QCOMPARE(finished.error().kind, ErrorKind::Conflict);
    QVERIFY2(finished.error().message.contains(QStringLiteral("edited")), qPrintable(finished.error().message));
    QCOMPARE(outboxRows(fo), 0);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND released_at IS NULL"), {*taken.claimId}),
        1); // rolled back whole: the station releases it and the order is packed again
    VERIFY_OK(m_here->release(taken));
  }

  void fullPack_sendsExactlyTheVerifiedLinesAndTheVersion()
  {
    const qint64 fo = queuedOrder();
    auto [taken, session] = takeAndScanAll(fo);
    QCOMPARE(session->complete().outcome, packing::Outcome::Completed);
    VERIFY_OK(m_here->finish(taken, false));
    const QJsonObject sent = payload(fo);
    QCOMPARE(sent.value(QStringLiteral("fulfillment_order_id")).toInteger(), fo);
    QCOMPARE(sent.value(QStringLiteral("partial")).toBool(true), false);
    QCOMPARE(sent.value(QStringLiteral("version")).toInt(), session->header().version);
    QCOMPARE(sent.value(QStringLiteral("claim_id")).toInteger(), *taken.claimId);
    const QJsonArray lines = sent.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("line_id")).toInteger(), lineOf(fo, m_daypack));
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("quantity")).toInt(), 2);
    QCOMPARE(lines.at(1).toObject().value(QStringLiteral("line_id")).toInteger(), lineOf(fo, m_shell));
    QCOMPARE(lines.at(1).toObject().value(QStringLiteral("quantity")).toInt(), 1);
  }

  void partialPack_sendsAndPrintsWhatIsInTheBox()
  {
    const qint64 fo = queuedOrder();
    auto [taken, session] = takeAndScan(*m_here, m_stationId, fo, {{m_daypack, 1}});
    QCOMPARE(session->completePartial(QStringLiteral("out of stock")).outcome, packing::Outcome::Completed);
    VERIFY_OK(m_here->finish(taken, true));
    const QJsonArray lines = payload(fo).value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("line_id")).toInteger(), lineOf(fo, m_daypack));
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("quantity")).toInt(), 1);
    QCOMPARE(payload(fo).value(QStringLiteral("partial")).toBool(false), true);

    auto slip = documents::SlipRepository(m_db).load(fo);
    VERIFY_OK(slip);
    QCOMPARE(slip->lines.size(), 1); // the shell stayed on the shelf
    QCOMPARE(slip->lines.first().sku, m_daypack);
    QCOMPARE(slip->lines.first().quantity, 1);
    QCOMPARE(slip->lines.first().orderedQuantity, 2);
    QCOMPARE(slip->totalItems(), 1);
    QVERIFY(!slip->includesAllLineItemsInOrder);
    const QVariantMap line =
        documents::slipEnvironment(*slip).value(QStringLiteral("line_items_in_shipment")).toList().first().toMap();
    QCOMPARE(line.value(QStringLiteral("shipping_quantity")).toInt(), 1);
    QCOMPARE(line.value(QStringLiteral("quantity")).toInt(), 2);
    QVERIFY(documents::houseLabelZpl(*slip).contains("1 item(s)")); // the label counts the box too
  }

  void claimSpecific_takesOverAnotherStationsExpiredClaim()
  {
    const qint64 fo = queuedOrder();
    auto [there, session] = takeAndScan(*m_there, m_otherStationId, fo, {{m_daypack, 1}});
    session.reset();
    const auto live = m_here->take(fo, m_packer);
    QVERIFY(!live.ok()); // a live lease is the other bench's
    QCOMPARE(live.error().kind, ErrorKind::Conflict);
    m_clock.advanceMs(121'000); // that bench crashed; no reaper ran yet
    auto here = m_here->take(fo, m_packer);
    VERIFY_OK(here);
    QVERIFY(*here->claimId != *there.claimId);
    QCOMPARE(text(QStringLiteral("SELECT release_reason FROM claims WHERE id = ?"), {*there.claimId}),
             QStringLiteral("expired"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'claim_after_expiry' AND "
                                   "subject_id = ?"),
                    {QString::number(fo)}),
             1);
    QCOMPARE(open(here.value(), m_stationId)->verifiedTotal(), 0);
    QVERIFY(!m_there->keepAlive(there).ok()); // the crashed bench, back, learns it lost the order
    VERIFY_OK(m_here->release(*here));
  }

  void leadTakeOver_ofALiveClaim_needsALead_andIsAudited()
  {
    const qint64 fo = queuedOrder();
    auto there = m_there->take(fo, m_packer);
    VERIFY_OK(there);
    const auto refused = m_here->takeOver(fo, m_packer, m_packer);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Permission);
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND released_at IS NULL"), {*there->claimId}),
        1);
    QVERIFY(!packing::approveAsLead(m_db, QStringLiteral("PB-9001"), QStringLiteral("0000")).ok()); // wrong PIN
    QVERIFY(!packing::approveAsLead(m_db, QStringLiteral("PB-1001"), QStringLiteral("1001")).ok()); // not a lead

#ifndef PACKBENCH_ATTEMPT_TEST_SQLITE
    // Each approval is the lead's badge and PIN checked once by the database: one that was used is refused.
    auto used = m_here->takeOver(fo, m_packer, m_lead);
    QVERIFY(!used.ok());
    QCOMPARE(used.error().kind, ErrorKind::Permission);
#endif
    auto lead = packing::approveAsLead(m_db, QStringLiteral("PB-9001"), QStringLiteral("9001"));
    VERIFY_OK(lead);
    auto taken = m_here->takeOver(fo, m_packer, *lead);
    VERIFY_OK(taken);
    QCOMPARE(text(QStringLiteral("SELECT release_reason FROM claims WHERE id = ?"), {*there->claimId}),
             QStringLiteral("released"));
    const QJsonObject details = QJsonDocument::fromJson(text(QStringLiteral("SELECT CAST(details AS text) FROM "
                                                                            "audit_log WHERE action = 'take_over' AND "
                                                                            "subject_id = ?"),
                                                             {QString::number(fo)})
                                                            .toUtf8())
                                    .object();
    QCOMPARE(details.value(QStringLiteral("approved_by_packer_id")).toInteger(), m_lead.id);
    QCOMPARE(details.value(QStringLiteral("previous_claim_id")).toInteger(), *there->claimId);
    QCOMPARE(details.value(QStringLiteral("claim_id")).toInteger(), *taken->claimId);
    QCOMPARE(scalar(QStringLiteral("SELECT station_id FROM claims WHERE id = ?"), {*taken->claimId}), m_stationId);
    QVERIFY(!m_there->keepAlive(*there).ok());
    VERIFY_OK(m_here->release(*taken));
  }

  void twoInstallationsWithOneName_areTwoStations_andALegacyRowIsAdoptedOnce()
  {
    // Both benches of initTestCase are called "bench": still two stations, and one cannot resume the other's claim.
    QVERIFY(m_stationId != m_otherStationId);
    auto again = queue::registerStation(m_db, QStringLiteral("install-here"), QStringLiteral("bench"), std::nullopt);
    VERIFY_OK(again);
    QCOMPARE(*again, m_stationId);
    const qint64 fo = queuedOrder();
    auto there = m_there->take(fo, m_packer);
    VERIFY_OK(there);
    QVERIFY(!m_here->take(fo, m_packer).ok());
    VERIFY_OK(m_there->release(*there));

    // A station row from before installations had ids: the first installation with its name adopts it.
    auto legacy = db::exec(m_db, QStringLiteral("INSERT INTO stations (name) VALUES ('old-bench') RETURNING id"));
    VERIFY_OK(legacy);
    QVERIFY(legacy.value().next());
    const qint64 legacyId = legacy.value().value(0).toLongLong();
    legacy.value().finish();
    auto adopted = queue::registerStation(m_db, QStringLiteral("install-a"), QStringLiteral("old-bench"), std::nullopt);
    VERIFY_OK(adopted);
    QCOMPARE(*adopted, legacyId);
    auto second = queue::registerStation(m_db, QStringLiteral("install-b"), QStringLiteral("old-bench"), std::nullopt);
    VERIFY_OK(second);
    QVERIFY(*second != legacyId);
  }

#ifdef PACKBENCH_ATTEMPT_TEST_SQLITE
  void sqliteUpgradeTo0010_keepsStationsAndWhatRefersToThem()
  {
    // SQLite rebuilds the stations table: every id and every row that refers to one must survive.
    QTemporaryDir before;
    for (const QFileInfo &file : QDir(QStringLiteral(":/migrations/sqlite")).entryInfoList(QDir::Files, QDir::Name)) {
      if (file.fileName() < QStringLiteral("0010"))
        QVERIFY(QFile::copy(file.filePath(), before.filePath(file.fileName())));
    }
    db::ConnectionSettings settings;
    settings.sqlitePath = m_dir.filePath(QStringLiteral("upgrade.sqlite"));
    auto opened = db::openDatabase(settings, QStringLiteral("upgrade"));
    VERIFY_OK(opened);
    QSqlDatabase old = *opened;
    VERIFY_OK(db::MigrationRunner(before.path()).migrate(old));
    VERIFY_OK(db::seedDemoData(old, m_clock));
    auto fo = test::createClaimedOrder(old, QStringLiteral("#U1"), {{ m_daypack, 1 }});
    VERIFY_OK(fo);
    VERIFY_OK(db::exec(old, QStringLiteral("INSERT INTO stations (name) VALUES ('old-sqlite-bench')")));
    const qint64 station =
        test::scalar(old, QStringLiteral("SELECT id FROM stations WHERE name = 'old-sqlite-bench'"), {});
    VERIFY_OK(db::exec(old,
                       QStringLiteral("INSERT INTO claims (fulfillment_order_id, station_id, expires_at) "
                                      "VALUES (?, ?, '2026-11-26T08:02:00.000Z')"),
                       {*fo, station}));
    VERIFY_OK(db::exec(old,
                       QStringLiteral("INSERT INTO scan_events (client_event_id, fulfillment_order_id, station_id, "
                                      "raw_code, outcome) VALUES ('u-1', ?, ?, 'X', 'ok')"),
                       {*fo, station}));

    auto applied = db::MigrationRunner(QStringLiteral(":/migrations/sqlite")).migrate(old);
    VERIFY_OK(applied);
    QVERIFY(*applied >= 1);
    QCOMPARE(test::scalar(old, QStringLiteral("SELECT count(*) FROM claims WHERE station_id = ?"), {station}), 1);
    QCOMPARE(test::scalar(old, QStringLiteral("SELECT count(*) FROM scan_events WHERE station_id = ?"), {station}), 1);
    auto violations = db::exec(old, QStringLiteral("PRAGMA foreign_key_check"));
    VERIFY_OK(violations);
    QVERIFY(!violations.value().next());
    violations.value().finish();
    QVERIFY(!db::exec(old,
                      QStringLiteral("INSERT INTO claims (fulfillment_order_id, station_id, expires_at) "
                                     "VALUES (?, 987654, 'x')"),
                      {*fo})
                 .ok()); // foreign keys still enforced on the rebuilt table
    auto adopted =
        queue::registerStation(old, QStringLiteral("install-u"), QStringLiteral("old-sqlite-bench"), std::nullopt);
    VERIFY_OK(adopted);
    QCOMPARE(*adopted, station);
  }
#endif

  void installationId_isKeptPerDirectory()
  {
    QTemporaryDir a;
    QTemporaryDir b;
    auto first = queue::stationInstallationId(a.filePath(QStringLiteral("data")));
    VERIFY_OK(first);
    auto same = queue::stationInstallationId(a.filePath(QStringLiteral("data")));
    VERIFY_OK(same);
    QCOMPARE(*same, *first);
    auto other = queue::stationInstallationId(b.path());
    VERIFY_OK(other);
    QVERIFY(*other != *first);
    const QStringList files = QDir(a.filePath(QStringLiteral("data"))).entryList(QDir::Files);
    QCOMPARE(files.size(), 1);
    QFile damaged(QDir(a.filePath(QStringLiteral("data"))).filePath(files.first()));
    QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
    damaged.write("not a uuid");
    damaged.close();
    auto renewed = queue::stationInstallationId(a.filePath(QStringLiteral("data")));
    VERIFY_OK(renewed);
    QVERIFY(!QUuid::fromString(*renewed).isNull());
    QVERIFY(*renewed != *first);
  }
};

QTEST_GUILESS_MAIN(PackAttemptTest)
#include "pack_attempt_test.moc"
