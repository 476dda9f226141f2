// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #15, the station half of the crash-safety proof: a scripted shift on the real binaries (orders as signed
// webhooks into the real packbench-hub; one real packbench station on its own Xvfb, typed at only by X key events as
// a wedge scanner and a person type them: badge, PIN, F8, items, PB*COMPLETE), and the station killed with SIGKILL at
// random moments of it and started again each time. The packer (this script) reads what is still missing from the
// database, never from its own bookkeeping, and scans that. A scan is accepted when its scan_events row committed:
// one typed into a dying process may be lost, but then it never appears later. Checked: after every restart the
// station opens the order it held (same claim, the committed scans counted, nothing else appeared); at the end every
// order is packed under its one claim, each line holds exactly its quantity of scans (none doubled, none missing, no
// error scans), each order reached the Shopify fake as exactly one fulfillment with those quantities, no claim is
// open. Size: PACKBENCH_TEST_STATION_CRASH_KILLS (5), PACKBENCH_TEST_STATION_CRASH_ORDERS (3 x kills + 5),
// PACKBENCH_TEST_STATION_CRASH_SEED (random; printed). Last line: one JSON object. The soak (label bench) kills 100x.
#include "core/db/sql.h"
#include "tests/support/chaintest.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifycatalogue.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <optional>
#include <signal.h> // kill(2)

using namespace pb;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kSecret = QByteArrayLiteral("station-crash-secret");
const QString kShop = u"crash-bench.myshopify.com"_s;
const QString kReno = u"72001"_s;
const QString kPin = u"4711"_s;
const QString kLogin = u"e2e_crash_rno"_s;
constexpr qint64 kProduct = 8101; // one product, five variants: every barcode form and a bare SKU
constexpr qint64 kFirstOrder = 9301;
constexpr int kMaxKillDelayMs = 1500; // a life after sign-in lasts 0 to this long: a few scans, an F8, a complete

int envInt(const char *name, int fallback)
{
  bool ok = false;
  const int value = qEnvironmentVariableIntValue(name, &ok);
  return ok ? value : fallback;
}

// The station's open claim.
struct OpenClaim {
  qint64 claimId = 0;
  qint64 fo = 0;
};

enum class Wait { Met, Died, TimedOut };
} // namespace

class StationCrashTest final : public test::ChainTest {
  Q_OBJECT

private:
  QProcess m_hub;
  quint16 m_hubPort = 0;
  test::ChainStation m_bench{u"RNO"_s, u"PB-7301"_s};
  QRandomGenerator m_random;
  quint32 m_seed = 0;
  int m_killsWanted = envInt("PACKBENCH_TEST_STATION_CRASH_KILLS", 5);
  int m_orders = envInt("PACKBENCH_TEST_STATION_CRASH_ORDERS", 3 * m_killsWanted + 5);
  QHash<QString, int> m_expected;   // Shopify line item id -> quantity ordered
  QHash<QString, QString> m_codeOf; // Shopify variant id -> what is printed on the item (barcode, else SKU)
  QByteArray m_log;                 // the running station's output
  bool m_benchDone = false;         // the order on the bench is complete: the next step is F8
  int m_life = 0;                   // station starts
  int m_killedLife = 0;             // the last life this test killed
  bool m_shiftOver = false;
  int m_kills = 0;
  QHash<QString, int> m_killedWhile; // what the packer was doing at each kill
  QString m_doing = u"starting"_s;
  int m_signInRetries = 0;    // badge and PIN typed again because the first sign-in did not take
  int m_typed = 0;            // item scans typed
  int m_typedNotAccepted = 0; // typed into a station killed before its row committed
  int m_resumedWithScans = 0; // restarts that reopened an order with scans already in it
  int m_resumedEmpty = 0;     // ... an order claimed with nothing scanned yet (killed right after F8)
  int m_ghosts = 0;           // scan rows that appeared between a kill and the restart's first new scan
  int m_vanished = 0;         // rows committed before a kill and missing afterwards
  QSet<qint64> m_committed;   // every scan_events id seen committed

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }

  bool alive() const { return m_bench.process && m_bench.process->state() != QProcess::NotRunning; }

  // Polls until `met` holds; stops early when the station has died.
  Wait waitFor(const std::function<bool()> &met, int timeoutMs)
  {
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < timeoutMs) {
      if (met())
        return Wait::Met;
      if (!alive())
        return Wait::Died;
      QTest::qWait(20);
    }
    return met() ? Wait::Met : Wait::TimedOut;
  }

  // The order on the bench: the station's oldest open claim (the next one, claimed ahead by station.prefetch, is
  // newer).
  std::optional<OpenClaim> openClaim()
  {
    auto rows = db::exec(m_db,
                         u"SELECT id, fulfillment_order_id FROM claims WHERE station_id = ? AND released_at IS NULL "
                         "ORDER BY id"_s,
                         {m_bench.stationId});
    if (!rows || !rows.value().next())
      return std::nullopt;
    const OpenClaim claim{rows->value(0).toLongLong(), rows->value(1).toLongLong()};
    int open = 1;
    while (rows.value().next())
      ++open;
    if (open > 2) // the order on the bench and one claimed ahead, never more
      qWarning("station %lld holds %d open claims", m_bench.stationId, open);
    return claim;
  }

  qint64 accepted(qint64 claimId)
  {
    return scalar(u"SELECT count(*) FROM scan_events WHERE claim_id = ? AND outcome = 'ok'"_s, {claimId});
  }

  QSet<qint64> scanIds()
  {
    QSet<qint64> ids;
    auto rows = db::exec(m_db, u"SELECT id FROM scan_events"_s);
    while (rows && rows.value().next())
      ids.insert(rows->value(0).toLongLong());
    return ids;
  }

  // One unit still missing under this claim, as the database counts it (a packer looks at the screen, which shows
  // the same), picked at random among the lines that want more; empty when the order is complete.
  QString missingItem(const OpenClaim &claim)
  {
    auto rows = db::exec(m_db,
                         u"SELECT v.shopify_id, l.remaining_quantity - (SELECT count(*) FROM scan_events e WHERE "
                         "e.claim_id = ? AND e.line_id = l.id AND e.outcome = 'ok') FROM fulfillment_order_lines l "
                         "JOIN variants v ON v.id = l.variant_id WHERE l.fulfillment_order_id = ? ORDER BY l.id"_s,
                         {claim.claimId, claim.fo});
    QStringList wanting;
    while (rows && rows.value().next()) {
      for (int unit = 0; unit < rows->value(1).toInt(); ++unit)
        wanting.append(m_codeOf.value(rows->value(0).toString()));
    }
    return wanting.isEmpty() ? QString() : wanting.at(int(m_random.bounded(qsizetype(wanting.size()))));
  }

  // The moment of the next kill: after this life's sign-in, 0 to kMaxKillDelayMs into the shift.
  void armKill()
  {
    if (m_kills >= m_killsWanted)
      return;
    const int life = m_life;
    QTimer::singleShot(int(m_random.bounded(kMaxKillDelayMs)), this, [this, life]() {
      if (life != m_life || m_shiftOver || !alive())
        return;
      ::kill(pid_t(m_bench.process->processId()), SIGKILL);
      m_killedLife = life;
      ++m_kills;
      ++m_killedWhile[m_doing];
    });
  }

  void startAndSignIn()
  {
    m_log.clear();
    ++m_life;
    m_programs.startStation(m_bench, kShop, kLogin, m_dir.filePath(u"password-RNO"_s));
    if (QTest::currentTestFailed())
      return;
    // A packer whose sign-in did not take (keys typed while the window was still settling) scans the badge again.
    for (int attempt = 1; !m_programs.trySignIn(m_bench, kPin, 8000); ++attempt) {
      m_log += m_bench.process->readAll();
      m_programs.screenshot(m_bench, u"sign-in-not-taken"_s);
      qWarning().noquote() << "sign-in not taken at start" << m_life << "attempt" << attempt << "; the station said:\n"
                           << QString::fromUtf8(m_log.right(2000));
      ++m_signInRetries;
      QVERIFY2(attempt < 3 && alive(), "the station did not sign the packer in three times");
    }
  }

  // After a kill: the station's connections are gone (a statement it sent may still commit until then), what is in
  // the database is what was accepted; the station starts again, the packer signs in, and the held order must open
  // under the same claim with exactly those scans, nothing appearing that was not committed before.
  void restartAfterKill()
  {
    QVERIFY2(m_killedLife == m_life,
             qPrintable(u"the station died by itself:\n"_s +
                        QString::fromUtf8(QByteArray(m_log + m_bench.process->readAll()).right(3000))));
    QCOMPARE(m_bench.process->exitStatus(), QProcess::CrashExit);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND datname = "
                                     "current_database()"_s,
                                     {kLogin}),
                              0, 15000);
    const QSet<qint64> before = scanIds();
    for (const qint64 id : std::as_const(m_committed))
      m_vanished += before.contains(id) ? 0 : 1;
    m_committed = before;
    const std::optional<OpenClaim> held = openClaim();
    const qint64 kept = held ? accepted(held->claimId) : 0;
    m_doing = u"restarting"_s;
    m_benchDone = false; // a restarted station opens its oldest open claim at sign-in, or shows the queue
    startAndSignIn();
    if (QTest::currentTestFailed())
      return;
    if (held) {
      static const QRegularExpression resumed(
          u"resumed this bench's open order: fulfillment order (\\d+), claim (\\d+), (\\d+) of (\\d+) verified"_s);
      QRegularExpressionMatch said;
      const Wait reopened = waitFor(
          [&]() {
            m_log += m_bench.process->readAll();
            said = resumed.match(QString::fromUtf8(m_log));
            return said.hasMatch();
          },
          20000);
      QVERIFY2(reopened == Wait::Met, qPrintable(u"the restarted station did not resume fulfillment order %1 (claim "
                                                 "%2):\n%3"_s.arg(held->fo)
                                                     .arg(held->claimId)
                                                     .arg(QString::fromUtf8(m_log.right(3000)))));
      QCOMPARE(said.captured(1).toLongLong(), held->fo);
      QCOMPARE(said.captured(2).toLongLong(), held->claimId); // the same attempt: its scans still count
      QCOMPARE(said.captured(3).toLongLong(), kept);          // the station counts what the database accepted
      ++(kept > 0 ? m_resumedWithScans : m_resumedEmpty);
    }
    const QSet<qint64> after = scanIds();
    m_ghosts += int((after - before).size());
    m_vanished += int((before - after).size());
    QCOMPARE(after, before);
  }

  // One step of the packer: take an order, scan one missing item, or complete. False when the shift is over.
  bool packerStep()
  {
    const std::optional<OpenClaim> claim = openClaim();
    // After a completion the next order may already be claimed for this bench (station.prefetch): F8 opens it.
    if (!claim || m_benchDone) {
      if (!claim && scalar(u"SELECT count(*) FROM fulfillment_orders WHERE pack_state <> 'packed'"_s) == 0)
        return false;
      m_doing = u"taking an order (F8)"_s;
      m_log += m_bench.process->readAll();
      const qsizetype from = m_log.size();
      (void)test::ChainPrograms::xdotool(m_bench, {u"key"_s, u"F8"_s});
      const Wait took = waitFor(
          [&]() {
            const std::optional<OpenClaim> next = openClaim();
            m_log += m_bench.process->readAll();
            const QByteArray opened =
                QByteArrayLiteral("opened fulfillment order ") + QByteArray::number(next->fo) + ' ';
            return next && m_log.indexOf(opened, from) >= 0;
          },
          20000);
      if (took == Wait::TimedOut)
        QTest::qFail("F8 opened nothing", __FILE__, __LINE__);
      m_benchDone = took != Wait::Met;
      return took != Wait::TimedOut;
    }
    const QString item = missingItem(*claim);
    if (item.isEmpty()) {
      m_doing = u"completing (PB*COMPLETE)"_s;
      (void)test::ChainPrograms::scan(m_bench, u"PB*COMPLETE"_s);
      const Wait done = waitFor(
          [&]() {
            return scalar(u"SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'packed'"_s,
                          {claim->fo}) == 1;
          },
          20000);
      if (done == Wait::TimedOut)
        QTest::qFail(qPrintable(u"fulfillment order %1 not packed after PB*COMPLETE"_s.arg(claim->fo)), __FILE__,
                     __LINE__);
      m_benchDone = done == Wait::Met; // the bench shows it complete until F8
      return done != Wait::TimedOut;
    }
    m_doing = u"scanning an item"_s;
    const qint64 before = accepted(claim->claimId);
    ++m_typed;
    (void)test::ChainPrograms::scan(m_bench, item); // the station may die under it: xdotool then types into nothing
    // A packer waits for the green light before the next item.
    const Wait counted = waitFor([&]() { return accepted(claim->claimId) > before; }, 15000);
    if (counted == Wait::TimedOut) {
      m_log += m_bench.process->readAll();
      m_programs.screenshot(m_bench, u"scan-not-counted"_s);
      QTest::qFail(qPrintable(u"scan %1 of fulfillment order %2 (claim %3) not counted by a running station; it "
                              "said:\n%4"_s.arg(item)
                                  .arg(claim->fo)
                                  .arg(claim->claimId)
                                  .arg(QString::fromUtf8(m_log.right(4000)))),
                   __FILE__, __LINE__);
    }
    if (counted == Wait::Died && accepted(claim->claimId) == before)
      ++m_typedNotAccepted; // settled for good once the station's connections are gone (restartAfterKill)
    return counted != Wait::TimedOut;
  }

  void addCatalogueAndOrders()
  {
    const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-3600);
    m_fake.catalogue().generate(kProduct, 1, 5, at);
    const test::FakeCatalogue::Product *product = m_fake.catalogue().product(QString::number(kProduct));
    QVERIFY(product);
    const QList<test::FakeCatalogue::Variant> variants = product->variants;
    for (const auto &variant : variants)
      m_codeOf.insert(variant.id, variant.barcode.isEmpty() ? variant.sku : variant.barcode);
    for (qint64 order = kFirstOrder; order < kFirstOrder + m_orders; ++order) {
      QList<test::FakeShopify::OrderLine> lines;
      const int count = 1 + int(m_random.bounded(3));
      for (int i = 0; i < count; ++i) {
        const test::FakeCatalogue::Variant &variant = variants.at((int(order) + 2 * i) % variants.size());
        test::FakeShopify::OrderLine line;
        line.lineItemId = QString::number(order * 100 + i);
        line.variantId = variant.id;
        line.title = product->title;
        line.variantTitle = variant.title;
        line.sku = variant.sku;
        line.quantity = 1 + int(m_random.bounded(3));
        line.locationId = kReno;
        m_expected.insert(line.lineItemId, line.quantity);
        lines.append(line);
      }
      m_fake.addRoutedOrder({QString::number(order), u"#%1"_s.arg(order), at.addSecs(order - kFirstOrder), lines});
    }
  }

  int webhook(const QString &topic, const QJsonObject &body, const QString &id)
  {
    return m_fake.sendWebhookToHub(m_hubPort, kSecret, kShop, topic, body, id);
  }

private Q_SLOTS:
  void initTestCase()
  {
    VERIFY_XDOTOOL();
    m_seed = quint32(envInt("PACKBENCH_TEST_STATION_CRASH_SEED", int(QRandomGenerator::global()->bounded(1 << 30))));
    qInfo("seed %u (PACKBENCH_TEST_STATION_CRASH_SEED), %d kills, %d orders", m_seed, m_killsWanted, m_orders);
    m_random.seed(m_seed);
    auto scratch = test::createScratchDatabase(u"stationcrash"_s);
    VERIFY_OK(scratch);
    auto db = db::openDatabase(*scratch, u"station-crash-admin"_s);
    VERIFY_OK(db);
    m_db = *db;
    m_programs.setDatabase(*scratch, m_db);
    QVERIFY(m_fake.listen() > 0);
    m_fake.addLocation(kReno, u"Reno Warehouse"_s);
    addCatalogueAndOrders();
  }

  void ordersArrive_asSignedWebhooks_throughTheHub()
  {
    m_programs.migrateAndAddPacker(m_bench.badge, u"Packer RNO"_s, kPin);
    if (QTest::currentTestFailed())
      return;
    m_hubPort = m_programs.startHub(
        m_hub, m_programs.hubEnv(kSecret, m_fake.accessToken()),
        {u"shopify.shop="_s + kShop, u"shopify.admin_base_url="_s + m_fake.adminBaseUrl().toString(),
         u"shopify.location_codes=RNO=%1"_s.arg(kReno), u"hub.reconcile_interval_seconds=0"_s});
    QVERIFY(m_hubPort > 0);
    const QString product = QString::number(kProduct);
    int status = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        (status = webhook(u"products/create"_s, m_fake.catalogue().restPayload(product), u"p-"_s + product)) == 200,
        20000);
    for (qint64 order = kFirstOrder; order < kFirstOrder + m_orders; ++order)
      QCOMPARE(webhook(u"orders/create"_s, m_fake.orderWebhookPayload(QString::number(order)), u"o-%1"_s.arg(order)),
               200);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT count(*) FROM fulfillment_orders WHERE pack_state = 'queued'"_s),
                              qint64(m_orders), 60000);
    QCOMPARE(scalar(u"SELECT count(*) FROM fulfillment_order_lines WHERE variant_id IS NULL"_s), 0);
    const auto login =
        m_programs.hubCommand({u"station-login"_s, u"create"_s, kLogin, u"--shop"_s, kShop, u"--location"_s, u"RNO"_s,
                               u"--password-file"_s, m_dir.filePath(u"password-RNO"_s)});
    QVERIFY2(login.exitCode == 0, qPrintable(login.err + login.out));
  }

  void shift_stationKilledAtRandomMoments_resumesEachTime()
  {
    QVERIFY(m_hubPort > 0);
    QElapsedTimer shift;
    shift.start();
    startAndSignIn();
    if (QTest::currentTestFailed())
      return;
    m_programs.screenshot(m_bench, u"signed-in"_s);
    armKill();
    for (int steps = 0; steps < 50 * (m_orders + m_killsWanted); ++steps) {
      if (!alive()) {
        restartAfterKill();
        if (QTest::currentTestFailed())
          return;
        if (m_life == 2)
          m_programs.screenshot(m_bench, u"resumed"_s);
        armKill();
        continue;
      }
      const bool more = packerStep();
      if (QTest::currentTestFailed())
        return;
      if (!more)
        break;
    }
    m_shiftOver = true; // a kill still armed does not fire into the checks
    QVERIFY2(alive(), "the shift ended with the station down");
    QVERIFY2(m_kills == m_killsWanted, qPrintable(u"the shift ended after %1 of %2 kills: give it more orders "
                                                  "(PACKBENCH_TEST_STATION_CRASH_ORDERS)"_s.arg(m_kills)
                                                      .arg(m_killsWanted)));
    qInfo("shift of %d orders with %d kills took %lld ms", m_orders, m_kills, shift.elapsed());
  }

  void everyScanOnce_everyOrderPackedOnce_andPostedOnce()
  {
    QCOMPARE(scalar(u"SELECT count(*) FROM fulfillment_orders WHERE pack_state <> 'packed'"_s), 0);
    QCOMPARE(scalar(u"SELECT count(*) FROM claims WHERE released_at IS NULL"_s), 0);
    // Each order was packed in one attempt: every restart resumed the claim instead of taking the order afresh.
    QCOMPARE(scalar(u"SELECT count(*) FROM claims"_s), qint64(m_orders));
    QCOMPARE(scalar(u"SELECT count(*) FROM (SELECT fulfillment_order_id FROM scan_events GROUP BY 1 HAVING "
                    "count(DISTINCT claim_id) > 1) t"_s),
             0);
    QCOMPARE(scalar(u"SELECT count(*) FROM scan_events WHERE outcome IN ('wrong_item', 'unknown', 'over_scan')"_s), 0);
    // Per line: exactly its quantity of accepted scans, one unit each.
    int doubled = 0;
    int missing = 0;
    auto lines = db::exec(m_db, u"SELECT l.line_item_shopify_id, count(e.id), coalesce(sum(e.quantity), 0) FROM "
                                "fulfillment_order_lines l LEFT JOIN scan_events e ON e.line_id = l.id AND e.outcome "
                                "= 'ok' GROUP BY l.id, l.line_item_shopify_id"_s);
    VERIFY_OK(lines);
    int lineCount = 0;
    while (lines.value().next()) {
      ++lineCount;
      const QString item = lines->value(0).toString();
      const int rows = lines->value(1).toInt();
      doubled += std::max(0, rows - m_expected.value(item));
      missing += std::max(0, m_expected.value(item) - rows);
      QVERIFY2(rows == m_expected.value(item) && lines->value(2).toInt() == rows,
               qPrintable(u"line item %1: %2 scan(s) for %3"_s.arg(item).arg(rows).arg(m_expected.value(item))));
    }
    QCOMPARE(lineCount, m_expected.size());
    QCOMPARE(m_vanished + missing, 0);
    QCOMPARE(m_ghosts + doubled, 0);
    // The hub posts each packed order once; the fake holds one fulfillment per order, with the ordered quantities.
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(u"SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND status = 'done'"_s),
        qint64(m_orders), 60000);
    QCOMPARE(m_fake.stats().fulfillmentCreates, m_orders);
    QCOMPARE(m_fake.fulfillmentOrders().size(), m_orders);
    QHash<QString, int> fulfilled;
    int fulfillmentsDoubled = 0;
    for (const auto &fo : m_fake.fulfillmentOrders()) {
      QCOMPARE(fo.status, u"CLOSED"_s);
      fulfillmentsDoubled += std::max(0, int(fo.fulfillmentIds.size()) - 1);
      QCOMPARE(fo.fulfillmentIds.size(), 1);
      for (const auto &[lineItem, quantity] : m_fake.fulfillments().value(fo.fulfillmentIds.first()).lines)
        fulfilled[lineItem] += quantity;
    }
    QCOMPARE(fulfilled, m_expected);
    QCOMPARE(m_fake.stats().invalidDocuments, 0);

    int units = 0;
    for (const int quantity : std::as_const(m_expected))
      units += quantity;
    QJsonObject killedWhile;
    for (auto it = m_killedWhile.cbegin(); it != m_killedWhile.cend(); ++it)
      killedWhile.insert(it.key(), it.value());
    const QJsonObject summary{{u"test"_s, u"station_crash"_s},
                              {u"seed"_s, qint64(m_seed)},
                              {u"kills"_s, m_kills},
                              {u"station_starts"_s, m_life},
                              {u"killed_while"_s, killedWhile},
                              {u"orders"_s, m_orders},
                              {u"lines"_s, lineCount},
                              {u"scans_accepted"_s, units},
                              {u"scans_typed"_s, m_typed},
                              {u"sign_in_retries"_s, m_signInRetries},
                              {u"scans_typed_into_a_killed_station_not_accepted"_s, m_typedNotAccepted},
                              {u"resumed_with_scans"_s, m_resumedWithScans},
                              {u"resumed_with_none_yet"_s, m_resumedEmpty},
                              {u"fulfillments"_s, m_fake.stats().fulfillmentCreates},
                              {u"lost"_s, m_vanished + missing},
                              {u"doubled"_s, m_ghosts + doubled + fulfillmentsDoubled}};
    std::fputs(QJsonDocument(summary).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
  }

  void cleanup() { m_programs.reportLogsOfAFailure(); }

  void cleanupTestCase()
  {
    if (alive()) {
      m_bench.process->terminate();
      m_bench.process->waitForFinished(10000);
      QVERIFY2(!QByteArray(m_log + m_bench.process->readAll()).contains("@example.com"),
               "customer data must never reach the station log");
    }
    if (m_hub.state() != QProcess::NotRunning) {
      m_hub.terminate();
      QVERIFY(m_hub.waitForFinished(30000));
      QVERIFY2(!m_hub.readAll().contains(m_fake.accessToken()), "the access token must never reach the log");
    }
  }
};

QTEST_GUILESS_MAIN(StationCrashTest)
#include "station_crash_test.moc"
