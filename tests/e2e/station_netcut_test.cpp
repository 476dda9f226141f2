// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #15, a cut network: the real packbench station reaches PostgreSQL over a veth pair into a network namespace
// (tests/support/networkcut.h), and mid-order the far end of the pair goes down, as a pulled cable or a dead switch
// does: no reset, packets simply vanish. The order came in by signed webhook through the real hub (which keeps its
// own path to the database). The station must notice within what database.link_timeout_seconds and the supervisor's
// probe allow, pack on offline (every scan typed by X key events kept in its journal, none refused, none slow), and
// when the link is back reconnect by itself and replay the journal: each scan in the database exactly once, the order
// completes, and the fulfillment reaches the Shopify fake once. With station.prefetch (the default) the next order was
// claimed ahead when the first was opened: the packer finishes the first offline (F9), F8 opens the second from its
// snapshot, packs and finishes it offline too, and once the link is back both land and both fulfillments are posted
// once. A lead approves one typed quantity (F2) online and one offline: the second against the station's copy of the
// lead's PIN, spending one of the offline approvals the database issued with the first.
#include "core/db/sql.h"
#include "tests/support/chaintest.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifycatalogue.h"
#include "tests/support/networkcut.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kSecret = QByteArrayLiteral("netcut-secret");
const QString kShop = u"netcut.myshopify.com"_s;
const QString kReno = u"71301"_s;
const QString kMug = u"NET-MUG-01"_s; // its barcode: capitals, typed with Shift as a wedge scanner types them
constexpr int kQuantity = 6;          // one scanned and one typed online, the rest across the cut
constexpr int kTypedOnline = 1;       // F2 with the lead's badge and PIN, checked by the database
constexpr int kTypedOffline = 1;      // the same across the cut, checked against the station's copy
const QString kLead = u"PB-7399"_s;
const QString kLeadPin = u"583161"_s;
constexpr int kNextQuantity = 2; // the order claimed ahead, packed entirely offline
constexpr int kLinkTimeoutSeconds = 4;
constexpr int kProbeSeconds = 5; // ConnectionSupervisor's default probe interval
} // namespace

class StationNetcutTest final : public test::ChainTest {
  Q_OBJECT

private:
  db::ConnectionSettings m_pg;
  QProcess m_hub;
  test::ChainStation m_reno{u"RNO"_s, u"PB-7301"_s};
  std::unique_ptr<test::NetworkCut> m_net;
  QByteArray m_stationLog;
  qint64 m_fo = 0;
  qint64 m_next = 0; // claimed ahead of m_fo (station.prefetch)

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }
  qint64 typedInDatabase()
  {
    return scalar(u"SELECT count(*) FROM scan_events s JOIN packers p ON p.id = s.approved_by WHERE "
                  "s.fulfillment_order_id = ? AND s.outcome = 'manual' AND p.badge_id = ?"_s,
                  {m_fo, kLead});
  }
  // F2 on the line, one item, the reason offered, the lead's badge scanned and their PIN typed, as at a real bench.
  bool typeOneWithTheLead(const QString &screenshot = {})
  {
    if (!test::ChainPrograms::xdotool(m_reno, {u"key"_s, u"F2"_s}))
      return false;
    QTest::qWait(500);
    if (!test::ChainPrograms::xdotool(m_reno, {u"type"_s, u"--delay"_s, u"250"_s, u"1"_s}) ||
        !test::ChainPrograms::xdotool(m_reno, {u"key"_s, u"Tab"_s}))
      return false;
    QTest::qWait(300);
    if (!test::ChainPrograms::scan(m_reno, kLead)) // the lead's badge selects the lead
      return false;
    QTest::qWait(500);
    if (!screenshot.isEmpty())
      m_programs.screenshot(m_reno, screenshot);
    return test::ChainPrograms::typeAsPerson(m_reno, kLeadPin); // their PIN approves
  }
  qint64 scansInDatabase(qint64 fo = 0)
  {
    return scalar(u"SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND outcome = 'ok'"_s,
                  {fo ? fo : m_fo});
  }
  QString packState(qint64 fo)
  {
    return test::text(m_db, u"SELECT pack_state FROM fulfillment_orders WHERE id = ?"_s, {fo});
  }

  bool stationSaid(const QByteArray &needle)
  {
    m_stationLog += m_reno.process->readAll();
    return m_stationLog.contains(needle);
  }

  // The station's own journal, read beside the running station (SQLite WAL allows a reader): one column per row.
  QStringList fromJournal(const QString &sql)
  {
    QDirIterator files(m_dir.filePath(u"station-RNO"_s), {u"offline-journal.sqlite"_s}, QDir::Files,
                       QDirIterator::Subdirectories);
    if (!files.hasNext())
      return {u"no journal"_s};
    const QString path = files.next();
    QStringList values;
    {
      QSqlDatabase journal = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"netcut-journal"_s);
      journal.setDatabaseName(path);
      journal.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
      QSqlQuery query(journal);
      if (journal.open() && query.exec(sql)) {
        while (query.next())
          values << query.value(0).toString();
      }
    }
    QSqlDatabase::removeDatabase(u"netcut-journal"_s);
    return values;
  }
  qint64 journaled(const QString &where)
  {
    const QStringList count = fromJournal(u"SELECT count(*) FROM events WHERE kind = 'scan' AND "_s + where);
    bool number = false;
    const qint64 value = count.size() == 1 ? count.first().toLongLong(&number) : -1;
    return number ? value : -1;
  }
  QStringList journaledIds() { return fromJournal(u"SELECT client_event_id FROM events WHERE kind = 'scan'"_s); }

  int webhook(quint16 port, const QString &topic, const QJsonObject &body, const QString &id)
  {
    return m_fake.sendWebhookToHub(port, kSecret, kShop, topic, body, id);
  }

private Q_SLOTS:
  void initTestCase()
  {
    if (const QString why = test::NetworkCut::unavailableReason(); !why.isEmpty())
      QSKIP(qPrintable(why));
    VERIFY_XDOTOOL();
    auto scratch = test::createScratchDatabase(u"netcut"_s);
    VERIFY_OK(scratch);
    m_pg = *scratch;
    auto db = db::openDatabase(m_pg, u"netcut-admin"_s);
    VERIFY_OK(db);
    m_db = *db;
    m_programs.setDatabase(m_pg, m_db);
    // The station's path: TCP over the pair to a relay beside the cluster's socket. The hub keeps the socket.
    m_net = std::make_unique<test::NetworkCut>(QStringLiteral(PACKBENCH_TCP_UNIX_RELAY),
                                               u"%1/.s.PGSQL.%2"_s.arg(m_pg.host).arg(m_pg.port));
    const QString failed = m_net->setUp();
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    QVERIFY(m_fake.listen() > 0);
    m_fake.addLocation(kReno, u"Reno Warehouse"_s);
    const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-3600);
    m_fake.addMug(u"8301"_s, kMug, at);
    m_fake.addMugOrder(u"9301"_s, u"8301"_s, kQuantity, kReno, at.addSecs(600));
    m_fake.addMugOrder(u"9302"_s, u"8301"_s, kNextQuantity, kReno, at.addSecs(660));
  }

  void orderArrivesByWebhook_andTheStationSignsInOverTheNetwork()
  {
    m_programs.migrateAndAddPacker(m_reno.badge, u"Packer RNO"_s, u"4711"_s);
    if (QTest::currentTestFailed())
      return;
    const auto lead = m_programs.hubCommand(
        {u"packer"_s, u"add"_s, kLead, u"--name"_s, u"Lead RNO"_s, u"--role"_s, u"lead"_s}, kLeadPin.toUtf8() + '\n');
    QVERIFY2(lead.exitCode == 0, qPrintable(lead.err + lead.out));
    const quint16 port = m_programs.startHub(
        m_hub, m_programs.hubEnv(kSecret, m_fake.accessToken()),
        {u"shopify.shop="_s + kShop, u"shopify.admin_base_url="_s + m_fake.adminBaseUrl().toString(),
         u"shopify.location_codes=RNO=%1"_s.arg(kReno), u"hub.reconcile_interval_seconds=0"_s});
    QVERIFY(port > 0);
    int status = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        (status = webhook(port, u"products/create"_s, m_fake.catalogue().restPayload(u"8301"_s), u"p-8301"_s)) == 200,
        20000);
    QCOMPARE(webhook(port, u"orders/create"_s, m_fake.orderWebhookPayload(u"9301"_s), u"o-9301"_s), 200);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT count(*) FROM fulfillment_orders WHERE pack_state = 'queued'"_s), 1,
                              60000);
    QCOMPARE(webhook(port, u"orders/create"_s, m_fake.orderWebhookPayload(u"9302"_s), u"o-9302"_s), 200);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT count(*) FROM fulfillment_orders WHERE pack_state = 'queued'"_s), 2,
                              60000);
    m_fo = scalar(u"SELECT min(id) FROM fulfillment_orders"_s); // #9301: it came first, so F8 takes it
    m_next = scalar(u"SELECT max(id) FROM fulfillment_orders"_s);
    const auto login =
        m_programs.hubCommand({u"station-login"_s, u"create"_s, u"e2e_netcut_rno"_s, u"--shop"_s, kShop,
                               u"--location"_s, u"RNO"_s, u"--password-file"_s, m_dir.filePath(u"password-RNO"_s)});
    QVERIFY2(login.exitCode == 0, qPrintable(login.err + login.out));

    // TLS off only because the relay's far side is this machine's own socket; the station says it does not verify.
    m_programs.startStation(m_reno, kShop, u"e2e_netcut_rno"_s, m_dir.filePath(u"password-RNO"_s),
                            {u"database.host="_s + m_net->address(), u"database.port=%1"_s.arg(m_net->port()),
                             u"database.sslmode=disable"_s,
                             u"database.link_timeout_seconds=%1"_s.arg(kLinkTimeoutSeconds)});
    if (QTest::currentTestFailed())
      return;
    QVERIFY(stationSaid(m_net->address().toLatin1())); // connected over the pair, not the socket
    m_programs.signIn(m_reno, u"4711"_s);
    if (QTest::currentTestFailed())
      return;
    QVERIFY(test::ChainPrograms::xdotool(m_reno, {u"key"_s, u"F8"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(u"SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND released_at IS NULL"_s, {m_fo}), 1,
        20000);
    QVERIFY(test::ChainPrograms::scan(m_reno, kMug));
    QTRY_COMPARE_WITH_TIMEOUT(scansInDatabase(), 1, 15000);
    QVERIFY(typeOneWithTheLead()); // online: the database checks the PIN, and issues the bench offline approvals
    QTRY_COMPARE_WITH_TIMEOUT(typedInDatabase(), kTypedOnline, 15000);
    QCOMPARE(scalar(u"SELECT count(*) FROM lead_approvals a JOIN packers p ON p.id = a.lead_id WHERE p.badge_id = ? "
                    "AND a.offline AND a.used_at IS NULL"_s,
                    {kLead}),
             10);
    // The next order is claimed for this bench as soon as the first is open.
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(u"SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND released_at IS NULL"_s, {m_next}), 1,
        20000);
    QCOMPARE(packState(m_next), u"claimed"_s);
  }

  void cableCut_theStationNotices_andPacksOnOffline()
  {
    QVERIFY(m_fo > 0 && scansInDatabase() == 1);
    QVERIFY(m_net->cut());
    QElapsedTimer sinceCut;
    sinceCut.start();
    // The packer scans on, not knowing: this scan's write goes into the void.
    QVERIFY(test::ChainPrograms::scan(m_reno, kMug));
    QTRY_VERIFY_WITH_TIMEOUT(stationSaid("packing on offline"), 60000);
    const qint64 noticedMs = sinceCut.elapsed();
    qInfo("offline %lld ms after the cut (link timeout %d s, probe every %d s)", noticedMs, kLinkTimeoutSeconds,
          kProbeSeconds);
    // Bound: the hanging write gives up after the link timeout, the probe that follows fails at once; a quiet
    // station is found by the next probe at the latest. Two seconds for a busy machine.
    QVERIFY2(noticedMs <= (kLinkTimeoutSeconds + kProbeSeconds + 2) * 1000, qPrintable(QString::number(noticedMs)));
    QCOMPARE(scansInDatabase(), 1); // nothing reached the database after the cut
    const qint64 kept = journaled(u"replayed_at IS NULL"_s);
    // The scan typed into the hanging write is kept: its write went to the journal when the link was found gone.
    QCOMPARE(kept, 1);
    qint64 slowestMs = 0;
    for (qint64 missing = kQuantity - 1 - kTypedOnline - kTypedOffline - kept; missing > 0; --missing) {
      const qint64 before = journaled(u"replayed_at IS NULL"_s);
      QElapsedTimer scanned;
      scanned.start();
      QVERIFY(test::ChainPrograms::scan(m_reno, kMug));
      QTRY_COMPARE_WITH_TIMEOUT(journaled(u"replayed_at IS NULL"_s), before + 1, 15000);
      slowestMs = std::max(slowestMs, scanned.elapsed());
      QTest::qWait(1500); // packers are not instant; reconnect rounds go on meanwhile
    }
    qInfo("offline scans journaled, the slowest %lld ms after its key events", slowestMs);
    // A reconnect attempt on the window's thread would hold each scan up to connect_timeout (2 s here).
    QVERIFY2(slowestMs < 1500, qPrintable(QString::number(slowestMs)));
    // A label that will not scan: the lead approves the typed quantity with badge and PIN, offline.
    const qint64 beforeTyped = journaled(u"replayed_at IS NULL"_s);
    QVERIFY(typeOneWithTheLead(u"offline-lead-approves"_s));
    QTRY_COMPARE_WITH_TIMEOUT(journaled(u"replayed_at IS NULL"_s), beforeTyped + 1, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(stationSaid("approved offline against this bench's copy"),
                             5000); // the log is flushed after
    QCOMPARE(journaled(u"replayed_at IS NULL"_s), kQuantity - 1 - kTypedOnline);
    m_programs.screenshot(m_reno, u"offline-after-cut"_s);
  }

  void offline_theFirstOrderFinishes_andTheOneClaimedAheadIsPacked()
  {
    QCOMPARE(journaled(u"replayed_at IS NULL"_s), kQuantity - 1 - kTypedOnline);
    QVERIFY(test::ChainPrograms::xdotool(m_reno, {u"key"_s, u"F9"_s}));
    QTRY_VERIFY_WITH_TIMEOUT(stationSaid("completed offline"), 15000);
    QVERIFY(test::ChainPrograms::xdotool(m_reno, {u"key"_s, u"F8"_s})); // the order claimed ahead, from its snapshot
    QTRY_VERIFY_WITH_TIMEOUT(stationSaid("order claimed ahead opened offline"), 15000);
    m_programs.screenshot(m_reno, u"offline-next-order"_s);
    for (int i = 0; i < kNextQuantity; ++i) {
      const qint64 before = journaled(u"replayed_at IS NULL"_s);
      QVERIFY(test::ChainPrograms::scan(m_reno, kMug));
      QTRY_COMPARE_WITH_TIMEOUT(journaled(u"replayed_at IS NULL"_s), before + 1, 15000);
    }
    QVERIFY(test::ChainPrograms::xdotool(m_reno, {u"key"_s, u"F9"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(fromJournal(u"SELECT count(*) FROM events WHERE kind = 'complete'"_s),
                              QStringList{u"2"_s}, 15000);
    m_programs.screenshot(m_reno, u"offline-two-orders-packed"_s);
    QCOMPARE(scansInDatabase(m_next), 0); // nothing reached the database
    QCOMPARE(packState(m_fo), u"claimed"_s);
    QCOMPARE(packState(m_next), u"claimed"_s);
  }

  void linkBack_theStationReconnects_replaysOnce_andBothOrdersShip()
  {
    // Each F9 is journaled as the session records it online too: a scan event of its own, besides the completion.
    const qint64 journaledScans = kQuantity - 1 - kTypedOnline + kNextQuantity + 2;
    QCOMPARE(journaled(u"replayed_at IS NULL"_s), journaledScans);
    QVERIFY(m_net->restore());
    QElapsedTimer sinceRestore;
    sinceRestore.start();
    QTRY_COMPARE_WITH_TIMEOUT(scansInDatabase(), kQuantity - kTypedOnline - kTypedOffline, 90000);
    QTRY_COMPARE_WITH_TIMEOUT(scansInDatabase(m_next), kNextQuantity, 30000);
    qInfo("journal replayed %lld ms after the link came back", sinceRestore.elapsed());
    QTRY_COMPARE_WITH_TIMEOUT(journaled(u"replayed_at IS NULL"_s), 0, 15000);
    QCOMPARE(journaled(u"replayed_at IS NOT NULL"_s), journaledScans);
    QCOMPARE(fromJournal(u"SELECT count(*) FROM events WHERE replayed_at IS NULL"_s), QStringList{u"0"_s});
    // Each journaled scan landed once under its client event id, and no scan is in the database twice.
    const QStringList ids = journaledIds();
    QCOMPARE(ids.size(), journaledScans);
    for (const QString &id : ids)
      QCOMPARE(scalar(u"SELECT count(*) FROM scan_events WHERE client_event_id = ?::uuid"_s, {id}), 1);
    QCOMPARE(scalar(u"SELECT count(*) - count(DISTINCT client_event_id) FROM scan_events"_s), 0);
    // Both typed quantities name the lead; the offline one spent one offline approval, and the lead has a record.
    QCOMPARE(typedInDatabase(), kTypedOnline + kTypedOffline);
    QCOMPARE(scalar(u"SELECT count(*) FROM audit_log a JOIN packers p ON p.id::text = a.subject_id WHERE "
                    "a.action = 'approval.offline_used' AND p.badge_id = ?"_s,
                    {kLead}),
             kTypedOffline);
    QTRY_COMPARE_WITH_TIMEOUT(packState(m_fo), u"packed"_s, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(packState(m_next), u"packed"_s, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.fulfillments().size(), 2, 60000);
    QMap<int, int> shippedQuantities; // quantity → how many fulfillments shipped it
    for (const test::FakeShopify::Fulfillment &shipped : m_fake.fulfillments()) {
      QCOMPARE(shipped.lines.size(), 1);
      ++shippedQuantities[shipped.lines.first().second];
    }
    QCOMPARE(shippedQuantities, (QMap<int, int>{{kNextQuantity, 1}, {kQuantity, 1}}));
    QTest::qWait(2000); // a second post would come now if the outbox doubled it
    QCOMPARE(m_fake.fulfillments().size(), 2);
    m_programs.screenshot(m_reno, u"packed-after-reconnect"_s);
  }

  void cleanup() { m_programs.reportLogsOfAFailure(); }

  void cleanupTestCase()
  {
    for (QProcess *process : {m_reno.process.get(), &m_hub}) {
      if (process && process->state() != QProcess::NotRunning) {
        process->terminate();
        process->waitForFinished(20000);
      }
    }
    m_net.reset(); // the namespace, the pair and the relay go
  }
};

QTEST_GUILESS_MAIN(StationNetcutTest)
#include "station_netcut_test.moc"
