// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #15: PostgreSQL itself goes away while three stations pack and two hubs run. A private cluster (its own
// socket directory, tests/support/postgres-fixture.sh) so stopping it touches no other test. Six orders come in by
// signed webhooks, split across both hubs; three real packbench stations, each at its own warehouse on its own Xvfb,
// are typed at only by xdotool, with the shipped station.prefetch=1: each bench holds its second order (claimed
// ahead) through both outages. Round 1: every station has scanned one of three mugs when the cluster stops (fast
// shutdown) for PACKBENCH_TEST_OUTAGE_SECONDS (8 in the test command, 60 under label bench); the packers scan the rest
// meanwhile. Round 2: the cluster crashes and restarts at once (immediate mode, as a failover or an OOM kill does)
// in the middle of the second orders; the SLC bench's packer also scans a pre-printed UPS label onto the box during
// the first outage (RNO's a FedEx label that is also a valid UPC-A, asked about first), and the PHX bench finishes its
// order offline with its Zebra off and prints the missing label with REPRINT, still offline. Asserted: every station is
// back by itself, every scan is in the database exactly once, every order is packed, and the Shopify fake has exactly
// one fulfillment per order (the SLC and RNO ones with their labels' tracking). Last, a bench loses power and is
// switched on while the cluster is stopped: it waits for the database, starts by itself, and packs.
#include "core/db/sql.h"
#include "tests/support/chaintest.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifycatalogue.h"
#include "tests/support/rawprinterport.h"
#include "tests/support/testdatabase.h"
#include "tests/support/upsnumbers.h"
#include "tests/support/verify.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <array>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kSecret = QByteArrayLiteral("outage-secret");
const QString kShop = u"outage.myshopify.com"_s;
const QString kMug = u"OUT-MUG-01"_s;
constexpr int kMugsPerOrder = 3;
// A valid FedEx Express (12) number of the courier dataset that is also a valid UPC-A.
const QString kFedExAlsoUpc = u"400000079196"_s;

int outageSeconds()
{
  bool ok = false;
  const int seconds = qEnvironmentVariableIntValue("PACKBENCH_TEST_OUTAGE_SECONDS", &ok);
  return ok && seconds > 0 ? seconds : 8;
}
} // namespace

class DatabaseOutageTest final : public test::ChainTest {
  Q_OBJECT

private:
  struct Bench {
    test::ChainStation station;
    QString locationId;
  };

  QString m_cluster;
  test::RawPrinterPort m_phxLabels; // the PHX bench's Zebra (house labels), switched off when the first outage starts
  std::array<QProcess, 2> m_hubs;
  std::array<quint16, 2> m_hubPorts{};
  std::array<Bench, 3> m_benches{{{{u"RNO"_s, u"PB-7401"_s}, u"71401"_s},
                                  {{u"SLC"_s, u"PB-7402"_s}, u"71402"_s},
                                  {{u"PHX"_s, u"PB-7403"_s}, u"71403"_s}}};

  // Each station's log so far, kept beside the screenshots for whoever reads a failure.
  void keepLogs()
  {
    QDir().mkpath(QStringLiteral(PACKBENCH_E2E_SCREENSHOT_DIR));
    for (Bench &bench : m_benches) {
      QFile log(QStringLiteral(PACKBENCH_E2E_SCREENSHOT_DIR) + u"/station-"_s + bench.station.code + u".log"_s);
      if (bench.station.process && log.open(QIODevice::Append))
        log.write(bench.station.process->readAll());
    }
    for (std::size_t i = 0; i < m_hubs.size(); ++i) {
      QFile log(QStringLiteral(PACKBENCH_E2E_SCREENSHOT_DIR) + u"/hub-%1.log"_s.arg(i));
      if (log.open(QIODevice::Append))
        log.write(m_hubs[i].readAll());
    }
  }

  bool cluster(const QString &action)
  {
    return QProcess::execute(u"bash"_s, {QStringLiteral(PACKBENCH_POSTGRES_FIXTURE), action, m_cluster}) == 0;
  }

  // A count from the test's own connection, reopened when the cluster went away under it; -1 while it is down.
  qint64 count(const QString &sql, const QVariantList &values = {})
  {
    if (!db::exec(m_db, u"SELECT 1"_s)) {
      m_db.close();
      if (!m_db.open())
        return -1;
    }
    return test::scalar(m_db, sql, values);
  }
  qint64 okScans() { return count(u"SELECT count(*) FROM scan_events WHERE outcome = 'ok'"_s); }
  qint64 packed() { return count(u"SELECT count(*) FROM fulfillment_orders WHERE pack_state = 'packed'"_s); }

  int webhook(quint16 port, const QString &topic, const QJsonObject &body, const QString &id)
  {
    return m_fake.sendWebhookToHub(port, kSecret, kShop, topic, body, id);
  }

  static QString loginOf(const Bench &bench) { return u"e2e_outage_"_s + bench.station.code.toLower(); }
  QString passwordFileOf(const Bench &bench) const { return m_dir.filePath(u"password-"_s + bench.station.code); }

  bool waitingForTheDatabase(const Bench &bench)
  {
    return test::ChainPrograms::xdotool(bench.station,
                                        {u"search"_s, u"--onlyvisible"_s, u"--name"_s, u"waiting for the database"_s});
  }

  void scanEverywhere(int times)
  {
    for (int i = 0; i < times; ++i) {
      for (const Bench &bench : m_benches)
        QVERIFY(test::ChainPrograms::scan(bench.station, kMug));
      QTest::qWait(300);
    }
  }

  void takeNextOrderEverywhere(qint64 openClaims)
  {
    for (const Bench &bench : m_benches)
      QVERIFY(test::ChainPrograms::xdotool(bench.station, {u"key"_s, u"F8"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(count(u"SELECT count(*) FROM claims WHERE released_at IS NULL"_s), openClaims, 30000);
  }

  void completeEverywhere(qint64 packedAfter, bool phxToo = true)
  {
    for (const Bench &bench : m_benches)
      if (phxToo || &bench != &m_benches[2])
        QVERIFY(test::ChainPrograms::scan(bench.station, u"PB*COMPLETE"_s));
    QTRY_COMPARE_WITH_TIMEOUT(packed(), packedAfter, 30000);
  }

  // The labels printed on PHX's Zebra so far whose ZPL carries `text`.
  qsizetype phxLabelsWith(const QByteArray &text) const
  {
    return std::count_if(m_phxLabels.jobs().cbegin(), m_phxLabels.jobs().cend(),
                         [&](const QByteArray &job) { return job.contains(text); });
  }

private Q_SLOTS:
  void initTestCase()
  {
    VERIFY_XDOTOOL();
    QDir(QStringLiteral(PACKBENCH_E2E_SCREENSHOT_DIR)).removeRecursively();
    m_cluster = m_dir.filePath(u"pg"_s);
    QVERIFY2(cluster(u"start"_s), "the private cluster did not start");
    db::ConnectionSettings server;
    server.driver = db::Driver::Postgres;
    server.host = m_cluster;
    server.user = u"postgres"_s;
    server.name = u"postgres"_s;
    auto scratch = test::createScratchDatabaseOn(server, u"outage"_s);
    VERIFY_OK(scratch);
    auto db = db::openDatabase(*scratch, u"outage-admin"_s);
    VERIFY_OK(db);
    m_db = *db;
    m_programs.setDatabase(*scratch, m_db);
    QVERIFY(m_fake.listen() > 0);
    const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-3600);
    m_fake.addMug(u"8401"_s, kMug, at);
    int order = 9400;
    for (const Bench &bench : m_benches) {
      m_fake.addLocation(bench.locationId, bench.station.code + u" Warehouse"_s);
      for (int i = 0; i < 2; ++i, ++order)
        m_fake.addMugOrder(QString::number(order), u"8401"_s, kMugsPerOrder, bench.locationId,
                           at.addSecs(60 * order % 600));
    }
    // RNO's orders ship FedEx and its packer scans pre-printed FedEx labels.
    m_fake.setShippingTitle(u"9400"_s, u"FedEx 2Day"_s);
    m_fake.setShippingTitle(u"9401"_s, u"FedEx 2Day"_s);
    // The order of the bench that is switched on during an outage (the last step).
    m_fake.addMugOrder(u"9406"_s, u"8401"_s, kMugsPerOrder, m_benches[0].locationId, at);
  }

  void ordersComeInThroughTwoHubs_threeStationsTakeOneEach()
  {
    const auto migrated = m_programs.hubCommand({u"migrate"_s});
    QVERIFY2(migrated.exitCode == 0, qPrintable(migrated.err));
    QStringList codes;
    for (const Bench &bench : m_benches) {
      const auto added = m_programs.hubCommand(
          {u"packer"_s, u"add"_s, bench.station.badge, u"--name"_s, u"Packer "_s + bench.station.code}, "4711\n");
      QVERIFY2(added.exitCode == 0, qPrintable(added.err + added.out));
      codes << bench.station.code + u'=' + bench.locationId;
    }
    std::array<quint16, 2> &ports = m_hubPorts;
    for (std::size_t i = 0; i < m_hubs.size(); ++i) {
      QProcessEnvironment env = m_programs.sandboxEnv(u"hub-%1"_s.arg(i));
      env.insert(u"PACKBENCH_SHOPIFY_WEBHOOK_SECRET"_s, QString::fromLatin1(kSecret));
      env.insert(u"PACKBENCH_SHOPIFY_ACCESS_TOKEN"_s, QString::fromLatin1(m_fake.accessToken()));
      ports[i] = m_programs.startHub(
          m_hubs[i], env,
          {u"shopify.shop="_s + kShop, u"shopify.admin_base_url="_s + m_fake.adminBaseUrl().toString(),
           u"shopify.location_codes="_s + codes.join(u','), u"hub.reconcile_interval_seconds=0"_s});
      QVERIFY(ports[i] > 0);
    }
    int status = -1;
    QTRY_VERIFY_WITH_TIMEOUT((status = webhook(ports[0], u"products/create"_s,
                                               m_fake.catalogue().restPayload(u"8401"_s), u"p-8401"_s)) == 200,
                             20000);
    for (int order = 9400; order < 9406; ++order) {
      QTRY_COMPARE_WITH_TIMEOUT(webhook(ports[order % 2], u"orders/create"_s,
                                        m_fake.orderWebhookPayload(QString::number(order)), u"o-%1"_s.arg(order)),
                                200, 20000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(count(u"SELECT count(*) FROM fulfillment_orders WHERE pack_state = 'queued'"_s), 6,
                              60000);
    for (Bench &bench : m_benches) {
      const QString login = loginOf(bench);
      const QString password = passwordFileOf(bench);
      const auto made = m_programs.hubCommand({u"station-login"_s, u"create"_s, login, u"--shop"_s, kShop,
                                               u"--location"_s, bench.station.code, u"--password-file"_s, password});
      QVERIFY2(made.exitCode == 0, qPrintable(made.err + made.out));
      // As shipped: station.prefetch=1, so each bench also holds its second order through both outages.
      // PHX prints a house label for each box on its Zebra when an order is complete.
      const QStringList phxPrints{u"printing.auto_print=true"_s, u"printing.label_printer="_s + m_phxLabels.target()};
      m_programs.startStation(bench.station, kShop, login, password,
                              &bench == &m_benches[2] ? phxPrints : QStringList{});
      if (QTest::currentTestFailed())
        return;
      m_programs.signIn(bench.station, u"4711"_s);
      if (QTest::currentTestFailed())
        return;
    }
    takeNextOrderEverywhere(6); // the order on the bench and the one claimed ahead
    scanEverywhere(1);
    QTRY_COMPARE_WITH_TIMEOUT(okScans(), 3, 20000);
  }

  void clusterStopped_packersScanOn_everyStationComesBackByItself()
  {
    QCOMPARE(okScans(), 3);
    QElapsedTimer outage;
    outage.start();
    QVERIFY2(cluster(u"pause"_s), "the cluster did not stop");
    QTest::qWait(1500); // the stations find their connections closed
    scanEverywhere(kMugsPerOrder - 1);
    // The SLC bench ships with pre-printed UPS labels: its packer scans one onto the box while the cluster is away.
    QVERIFY(test::ChainPrograms::scan(m_benches[1].station, test::ups::kUps1));
    // RNO's FedEx label is also a valid UPC-A: with no catalogue to rule out a product it is asked about first, and
    // the same scan after ACK (Return) attaches it. It used to be refused as a wrong item, and shipped untracked.
    const Bench &rno = m_benches[0];
    QVERIFY(test::ChainPrograms::scan(rno.station, kFedExAlsoUpc));
    QTest::qWait(500);
    m_programs.screenshot(rno.station, u"offline-fedex-label-asked"_s);
    QVERIFY(test::ChainPrograms::xdotool(rno.station, {u"key"_s, u"Return"_s}));
    QTest::qWait(300);
    QVERIFY(test::ChainPrograms::scan(rno.station, kFedExAlsoUpc));
    QTest::qWait(500);
    m_programs.screenshot(m_benches[0].station, u"offline-during-outage"_s);
    m_programs.screenshot(m_benches[1].station, u"offline-ups-label-on-the-box"_s);
    // PHX finishes offline with its Zebra off: the house label does not print. The packer switches the Zebra on and
    // scans REPRINT, still offline: the label prints from the bench's copy of the order.
    const Bench &phx = m_benches[2];
    m_phxLabels.switchOff();
    QVERIFY(test::ChainPrograms::scan(phx.station, u"PB*COMPLETE"_s));
    QTest::qWait(1500);
    m_programs.screenshot(phx.station, u"offline-label-did-not-print"_s);
    QVERIFY(m_phxLabels.switchOn());
    QVERIFY(test::ChainPrograms::scan(phx.station, u"PB*REPRINT"_s));
    QTRY_COMPARE_WITH_TIMEOUT(phxLabelsWith("^FDBOX 1 OF 1^FS"), 1, 20000);
    QTest::qWait(500);
    m_programs.screenshot(phx.station, u"offline-label-reprinted"_s);
    QTest::qWait(std::max<qint64>(0, outageSeconds() * 1000 - outage.elapsed()));
    QVERIFY2(cluster(u"resume"_s), "the cluster did not come back");
    QElapsedTimer back;
    back.start();
    QTRY_COMPARE_WITH_TIMEOUT(okScans(), 3 * kMugsPerOrder, 90000);
    qInfo("outage of %lld ms: every offline scan recorded %lld ms after the cluster was back", outage.elapsed(),
          back.elapsed());
    completeEverywhere(3, false); // PHX's completion landed with its journal
    // PHX's label: the failed offline print and its reprint, both in the print journal now, as one box's label.
    const QString phxLabelJobs = u"SELECT count(*) FROM print_jobs WHERE printer = ? AND kind = 'label' AND status = ? "
                                 "AND reference LIKE 'house-label:fulfillment_order=%;box=1;offline=%'"_s;
    QTRY_COMPARE_WITH_TIMEOUT(count(phxLabelJobs, {m_phxLabels.target(), u"failed"_s}), 1, 20000);
    QCOMPARE(count(phxLabelJobs, {m_phxLabels.target(), u"done"_s}), 1);
  }

  void clusterCrashesMidOrder_nothingLostNothingDoubled()
  {
    takeNextOrderEverywhere(3);
    scanEverywhere(1);
    QTRY_COMPARE_WITH_TIMEOUT(okScans(), 3 * kMugsPerOrder + 3, 20000);
    QVERIFY2(cluster(u"crash-restart"_s), "the cluster did not restart");
    scanEverywhere(kMugsPerOrder - 1); // offline or online: whichever each station finds itself in
    QTest::qWait(1000);
    for (const Bench &bench : m_benches)
      m_programs.screenshot(bench.station, u"after-crash"_s);
    QTRY_COMPARE_WITH_TIMEOUT(okScans(), 6 * kMugsPerOrder, 90000);
    completeEverywhere(6);
  }

  void everyOrderReachesShopifyOnce()
  {
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.fulfillments().size(), 6, 90000);
    QTest::qWait(3000); // a doubled post would arrive now
    QCOMPARE(m_fake.fulfillments().size(), 6);
    QMap<QString, QString> tracked; // number → company: the SLC and RNO orders whose labels were scanned offline
    for (const auto &fulfillment : m_fake.fulfillments()) {
      QCOMPARE(fulfillment.lines.size(), 1);
      QCOMPARE(fulfillment.lines.first().second, kMugsPerOrder);
      if (fulfillment.numbers.isEmpty())
        continue;
      QCOMPARE(fulfillment.numbers.size(), 1);
      tracked.insert(fulfillment.numbers.first(), fulfillment.company);
      QCOMPARE(fulfillment.urls.size(), 1);
      QVERIFY(fulfillment.urls.first().contains(fulfillment.numbers.first()));
    }
    QCOMPARE(tracked, (QMap<QString, QString>{{test::ups::kUps1, u"UPS"_s}, {kFedExAlsoUpc, u"FedEx"_s}}));
    // No order with more or fewer than its three scans, and no scan recorded twice.
    QCOMPARE(count(u"SELECT count(*) FROM (SELECT fulfillment_order_id FROM scan_events WHERE outcome = 'ok' GROUP BY "
                   "fulfillment_order_id HAVING count(*) <> ?) wrong"_s,
                   {kMugsPerOrder}),
             0);
    QCOMPARE(count(u"SELECT count(*) - count(DISTINCT client_event_id) FROM scan_events"_s), 0);
    QCOMPARE(count(u"SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND status = 'done'"_s), 6);
    QCOMPARE(count(u"SELECT count(*) FROM claims WHERE released_at IS NULL"_s), 0);
    QCOMPARE(m_fake.stats().invalidDocuments, 0);
  }

  // A power cut at a bench during an outage, and the bench switched on again while PostgreSQL is still away: it waits
  // on a screen that says so and names the order on the bench (it used to show libpq's error in a dialog and quit),
  // starts by itself once the cluster is back, and the packer finishes that order: the scan made offline before the
  // power cut is recorded once, and the order reaches Shopify once.
  void aBenchSwitchedOnDuringAnOutage_waits_thenPacksByItself()
  {
    Bench &bench = m_benches[0];
    QTRY_COMPARE_WITH_TIMEOUT(
        webhook(m_hubPorts[0], u"orders/create"_s, m_fake.orderWebhookPayload(u"9406"_s), u"o-9406"_s), 200, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(
        count(u"SELECT count(*) FROM fulfillment_orders WHERE pack_state IN ('queued', 'claimed')"_s), 1, 60000);
    QVERIFY(test::ChainPrograms::xdotool(bench.station, {u"key"_s, u"F8"_s}));
    QVERIFY(test::ChainPrograms::scan(bench.station, kMug));
    QTRY_COMPARE_WITH_TIMEOUT(okScans(), 6 * kMugsPerOrder + 1, 20000);
    QVERIFY2(cluster(u"pause"_s), "the cluster did not stop");
    QTest::qWait(1500);                                      // the station finds its connections closed
    QVERIFY(test::ChainPrograms::scan(bench.station, kMug)); // kept in the bench's journal
    QTest::qWait(1000);
    bench.station.process->kill(); // the power cut
    QVERIFY(bench.station.process->waitForFinished(10000));

    m_programs.launchStation(bench.station, kShop, loginOf(bench), passwordFileOf(bench));
    if (QTest::currentTestFailed())
      return;
    QTRY_VERIFY_WITH_TIMEOUT(waitingForTheDatabase(bench), 20000);
    QTest::qWait(3000); // a few tries go by
    QCOMPARE(bench.station.process->state(), QProcess::Running);
    QVERIFY(waitingForTheDatabase(bench));
    m_programs.screenshot(bench.station, u"switched-on-during-outage"_s);
    QVERIFY2(cluster(u"resume"_s), "the cluster did not come back");
    QTRY_COMPARE_WITH_TIMEOUT(count(u"SELECT 1"_s), 1, 30000); // the test's own connection, for the checks below

    QTRY_VERIFY_WITH_TIMEOUT(!waitingForTheDatabase(bench), 60000);
    test::ChainPrograms::focusWindow(bench.station);
    m_programs.signIn(bench.station, u"4711"_s);
    // The order on the bench opens again at sign-in, and the scan made offline lands with it, once.
    QTRY_COMPARE_WITH_TIMEOUT(okScans(), 6 * kMugsPerOrder + 2, 30000);
    QVERIFY(test::ChainPrograms::scan(bench.station, kMug));
    QTRY_COMPARE_WITH_TIMEOUT(okScans(), 7 * kMugsPerOrder, 30000);
    m_programs.screenshot(bench.station, u"switched-on-order-scanned"_s);
    QVERIFY(test::ChainPrograms::scan(bench.station, u"PB*COMPLETE"_s));
    QTRY_COMPARE_WITH_TIMEOUT(packed(), 7, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.fulfillments().size(), 7, 90000);
    QTest::qWait(3000); // a doubled post would arrive now
    QCOMPARE(m_fake.fulfillments().size(), 7);
    for (const auto &fulfillment : m_fake.fulfillments())
      QCOMPARE(fulfillment.lines.first().second, kMugsPerOrder);
    QCOMPARE(count(u"SELECT count(*) - count(DISTINCT client_event_id) FROM scan_events"_s), 0);
  }

  void cleanup()
  {
    m_programs.reportLogsOfAFailure();
    keepLogs();
  }

  void cleanupTestCase()
  {
    for (Bench &bench : m_benches) {
      if (bench.station.process && bench.station.process->state() != QProcess::NotRunning) {
        bench.station.process->terminate();
        bench.station.process->waitForFinished(20000);
      }
    }
    keepLogs();
    for (QProcess &hub : m_hubs) {
      if (hub.state() != QProcess::NotRunning) {
        hub.terminate();
        hub.waitForFinished(30000);
      }
    }
    m_db.close();
    cluster(u"stop"_s);
  }
};

QTEST_GUILESS_MAIN(DatabaseOutageTest)
#include "database_outage_test.moc"
