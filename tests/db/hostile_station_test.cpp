// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #12: logged in as a mapped station login, try every act a station must never do, each refused, while
// packing through the database's functions still works from claim to the outbox row.
#include "core/admin/stationlogins.h"
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/packers.h"
#include "core/queue/orderqueue.h"
#include "tests/support/queueworld.h"
#include "tests/support/stationlogin.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>
#include <QUuid>

using namespace pb;
using namespace std::chrono_literals;

namespace {
QString uuid()
{
  return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The station's clock is not trusted on PostgreSQL; any clock will do here.
const SystemClock kClock;
} // namespace

// The refusal's kind; an act that was allowed fails the test (and never reads an error it does not have).
template <typename R> ErrorKind kindOf(const R &result)
{
  if (result.ok()) {
    QTest::qFail("allowed, but must be refused", __FILE__, __LINE__);
    return ErrorKind::Internal;
  }
  return result.error().kind;
}

class HostileStationTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_admin;
  db::ConnectionSettings m_settings;
  test::QueueWorld m_shopA;
  test::QueueWorld m_shopB;
  test::StationLogin m_bench; // maps to shop A, its one location
  test::StationLogin m_other; // another bench of shop A
  qint64 m_benchStation = 0;
  qint64 m_otherStation = 0;
  qint64 m_barcodeVariant = 0;
  qint64 m_foB = 0;
  qint64 m_labelB = 0;

  static void expectRefused(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {},
                            ErrorKind kind = ErrorKind::Permission)
  {
    auto result = db::exec(db, sql, values);
    QVERIFY2(!result.ok(), qPrintable(QStringLiteral("allowed: ") + sql));
    QVERIFY2(result.error().kind == kind, qPrintable(sql + QStringLiteral(" -> ") + result.error().message));
  }

  // One queued order at shop A's location: one line of 2 units of an item with barcode 04006381333931.
  qint64 orderWithBarcodedLine()
  {
    auto fo = test::addQueuedOrder(m_admin, m_shopA.shopId, m_shopA.locationId, 0, QDateTime());
    if (!fo)
      qFatal("%s", qPrintable(fo.error().message));
    (void)db::exec(m_admin,
                   QStringLiteral("UPDATE fulfillment_order_lines SET variant_id = ? WHERE fulfillment_order_id = ?"),
                   {m_barcodeVariant, *fo});
    return *fo;
  }

  qint64 lineOf(qint64 fo) const
  {
    return test::scalar(m_admin,
                        QStringLiteral("SELECT id FROM fulfillment_order_lines WHERE fulfillment_order_id = ?"), {fo});
  }

  Status scan(const QSqlDatabase &db, qint64 fo, qint64 claim, qint64 line, qint64 station, const QString &code,
              const QString &outcome = QStringLiteral("ok"), const QVariant &approval = QVariant())
  {
    auto done = db::exec(db,
                         QStringLiteral("SELECT packbench_record_scan(?::uuid, ?::bigint, ?::bigint, ?::bigint, "
                                        "?::bigint, NULL, ?, ?, 'ean13', ?, 1, 1, NULL, ?::uuid, NULL)"),
                         {uuid(), fo, claim, line, station, code, code, outcome, approval});
    if (!done)
      return done.error();
    return {};
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("hostile"));
    VERIFY_OK(scratch);
    m_admin = scratch->db;
    m_settings = scratch->settings;
    auto a = test::createQueueWorld(m_admin);
    auto b = test::createQueueWorld(m_admin);
    VERIFY_OK(a);
    VERIFY_OK(b);
    m_shopA = *a;
    m_shopB = *b;
    m_barcodeVariant = test::scalar(
        m_admin,
        QStringLiteral("WITH p AS (INSERT INTO products (shop_id, title) VALUES (?, 'Mug') RETURNING id), "
                       "v AS (INSERT INTO variants (product_id, title) SELECT id, 'Blue' FROM p RETURNING id), "
                       "b AS (INSERT INTO barcodes (shop_id, variant_id, kind, code, normalized) "
                       "      SELECT ?, id, 'ean', '4006381333931', '04006381333931' FROM v) "
                       "SELECT id FROM v"),
        {m_shopA.shopId, m_shopA.shopId});
    QVERIFY(m_barcodeVariant > 0);
    auto foB = test::addQueuedOrder(m_admin, m_shopB.shopId, m_shopB.locationId, 0, QDateTime());
    VERIFY_OK(foB);
    m_foB = *foB;
    m_labelB = test::scalar(m_admin,
                            QStringLiteral("INSERT INTO print_jobs (fulfillment_order_id, kind, printer, format, "
                                           "payload) VALUES (?, 'label', 'zebra', 'zpl', '\\x5e5841') RETURNING id"),
                            {m_foB});
    VERIFY_OK(db::exec(m_admin, QStringLiteral("INSERT INTO packers (badge_id, name, role, pin_hash) VALUES "
                                               "('PB-H1', 'Kim', 'packer', crypt('1111', gen_salt('bf', 4))), "
                                               "('PB-H9', 'Robin', 'lead', crypt('9999', gen_salt('bf', 4)))")));

    auto bench = test::createStationLogin(m_admin, m_settings, QStringLiteral("pbt_bench_"), m_shopA.shopId,
                                          {m_shopA.locationId});
    auto other = test::createStationLogin(m_admin, m_settings, QStringLiteral("pbt_other_"), m_shopA.shopId,
                                          {m_shopA.locationId});
    VERIFY_OK(bench);
    VERIFY_OK(other);
    m_bench = *bench;
    m_other = *other;
    auto benchStation = queue::registerStation(m_bench.db, uuid(), QStringLiteral("Bench 1"), m_shopA.locationId);
    auto otherStation = queue::registerStation(m_other.db, uuid(), QStringLiteral("Bench 2"), m_shopA.locationId);
    VERIFY_OK(benchStation);
    VERIFY_OK(otherStation);
    m_benchStation = *benchStation;
    m_otherStation = *otherStation;
  }

  void cleanupTestCase()
  {
    test::dropStationLogin(m_admin, m_bench);
    test::dropStationLogin(m_admin, m_other);
  }

  void packingThroughTheFunctions_worksEndToEnd()
  {
    const qint64 fo = orderWithBarcodedLine();
    queue::OrderQueue queue(m_bench.db, kClock, 120s);
    packing::LeasedQueueWorkflow workflow(m_bench.db, queue, m_benchStation);
    auto packer = packing::signInWithPin(m_bench.db, QStringLiteral("PB-H1"), QStringLiteral("1111"));
    VERIFY_OK(packer);
    auto taken = workflow.take(fo, *packer);
    VERIFY_OK(taken);
    VERIFY_OK(workflow.keepAlive(*taken));
    const qint64 line = lineOf(fo);
    VERIFY_OK(scan(m_bench.db, fo, *taken->claimId, line, m_benchStation, QStringLiteral("04006381333931")));
    QCOMPARE(kindOf(workflow.finish(*taken, false)), ErrorKind::Conflict); // one unit still missing
    VERIFY_OK(scan(m_bench.db, fo, *taken->claimId, line, m_benchStation, QStringLiteral("04006381333931")));
    // A third unit is more than the line asks for.
    QCOMPARE(kindOf(scan(m_bench.db, fo, *taken->claimId, line, m_benchStation, QStringLiteral("04006381333931"))),
             ErrorKind::Conflict);
    VERIFY_OK(workflow.finish(*taken, false));
    QVERIFY(*workflow.wasFinished(*taken));
    // The outbox row was written by the function, with the quantities it counted itself.
    QCOMPARE(
        test::scalar(m_admin,
                     QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND shop_id = ? AND "
                                    "payload->'lines' = jsonb_build_array(jsonb_build_object('line_id', ?::bigint, "
                                    "'quantity', 2)) AND payload->>'claim_id' = ?"),
                     {QString::number(fo), m_shopA.shopId, line, QString::number(*taken->claimId)}),
        1);
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND "
                                         "pack_state = 'packed'"),
                          {fo}),
             1);
  }

  void station_cannotWriteTheOutboxOrAuditOrTrackingUrls()
  {
    expectRefused(m_bench.db,
                  QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) "
                                 "VALUES (?, 'fulfillment.create', '1', ?, '{}'::jsonb)"),
                  {m_shopA.shopId, uuid()});
    expectRefused(m_bench.db, QStringLiteral("SELECT count(*) FROM outbox"));
    expectRefused(m_bench.db, QStringLiteral("INSERT INTO audit_log (actor_kind, action, subject_kind, subject_id) "
                                             "VALUES ('hub', 'forged', 'x', '1')"));
    expectRefused(m_bench.db, QStringLiteral("UPDATE packages SET tracking_url = 'https://evil.example/'"));
    expectRefused(m_bench.db,
                  QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, tracking_url) "
                                 "VALUES (?, 9, 'https://evil.example/')"),
                  {m_foB});
    expectRefused(m_bench.db, QStringLiteral("UPDATE print_jobs SET status = 'done'"));
    expectRefused(m_bench.db,
                  QStringLiteral("INSERT INTO station_logins (login, shop_id, location_ids) "
                                 "VALUES (session_user, ?, ARRAY[?]::bigint[])"),
                  {m_shopB.shopId, m_shopB.locationId});
    expectRefused(m_bench.db, QStringLiteral("UPDATE station_logins SET shop_id = ?"), {m_shopB.shopId});
  }

  void station_cannotTouchAnotherBenchsClaim()
  {
    const qint64 fo = orderWithBarcodedLine();
    queue::OrderQueue theirs(m_other.db, kClock, 120s);
    auto claim = theirs.claimSpecific(m_otherStation, fo);
    VERIFY_OK(claim);
    const qint64 line = lineOf(fo);
    // Directly: no writes at all.
    expectRefused(m_bench.db, QStringLiteral("UPDATE claims SET released_at = now() WHERE id = ?"), {claim->claimId});
    expectRefused(m_bench.db,
                  QStringLiteral("INSERT INTO scan_events (client_event_id, fulfillment_order_id, claim_id, "
                                 "station_id, raw_code, outcome) VALUES (?::uuid, ?, ?, ?, 'x', 'ok')"),
                  {uuid(), fo, claim->claimId, m_otherStation});
    // Through the functions: posing as the other bench is refused, and under our own bench the claim is not ours.
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_otherStation, QStringLiteral("04006381333931"))),
             ErrorKind::Permission);
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_benchStation, QStringLiteral("04006381333931"))),
             ErrorKind::Conflict);
    queue::OrderQueue ours(m_bench.db, kClock, 120s);
    QCOMPARE(kindOf(ours.release({claim->claimId, fo, m_otherStation, {}, 1})), ErrorKind::Permission);
    QCOMPARE(kindOf(ours.release({claim->claimId, fo, m_benchStation, {}, 1})), ErrorKind::Conflict);
    QCOMPARE(kindOf(ours.heartbeat({claim->claimId, fo, m_benchStation, {}, 1})), ErrorKind::Conflict);
    QCOMPARE(kindOf(ours.claimSpecific(m_benchStation, fo)), ErrorKind::Conflict); // being packed elsewhere
    // Taking it over needs a real lead approval, not a lead's id.
    QCOMPARE(kindOf(ours.takeOver(m_benchStation, fo, 0, 1, uuid())), ErrorKind::Permission);
    QCOMPARE(kindOf(ours.takeOver(m_benchStation, fo, 0, 1)), ErrorKind::Permission);
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND released_at IS NULL"),
                          {claim->claimId}),
             1);
    QCOMPARE(
        test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM scan_events WHERE claim_id = ?"), {claim->claimId}),
        0);
    // A lead's badge and PIN make the take-over, recorded with the lead's packer id.
    auto lead = packing::approveAsLead(m_bench.db, QStringLiteral("PB-H9"), QStringLiteral("9999"), m_benchStation);
    VERIFY_OK(lead);
    QVERIFY(!lead->approvalToken.isEmpty());
    auto taken = ours.takeOver(m_benchStation, fo, lead->id, lead->id, lead->approvalToken);
    VERIFY_OK(taken);
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'take_over' AND "
                                         "details->>'approved_by_packer_id' = ?"),
                          {QString::number(lead->id)}),
             1);
    // The approval was single-use.
    VERIFY_OK(ours.release(*taken));
    auto again = theirs.claimSpecific(m_otherStation, fo);
    VERIFY_OK(again);
    QCOMPARE(kindOf(ours.takeOver(m_benchStation, fo, lead->id, lead->id, lead->approvalToken)), ErrorKind::Permission);
  }

  void station_cannotPackAnUnclaimedOrder_orForgeScans()
  {
    const qint64 fo = orderWithBarcodedLine();
    const qint64 line = lineOf(fo);
    expectRefused(m_bench.db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'packed' WHERE id = ?"), {fo});
    expectRefused(m_bench.db, QStringLiteral("SELECT packbench_complete(0, ?::bigint, ?::bigint, 1, true, NULL)"),
                  {m_benchStation, fo}, ErrorKind::Conflict);
    QCOMPARE(kindOf(scan(m_bench.db, fo, 0, line, m_benchStation, QStringLiteral("04006381333931"))),
             ErrorKind::Conflict);
    queue::OrderQueue queue(m_bench.db, kClock, 120s);
    auto claim = queue.claimSpecific(m_benchStation, fo);
    VERIFY_OK(claim);
    // A code that is not this line's item, a manual count with no lead's approval, a made-up approval.
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_benchStation, QStringLiteral("99999999"))),
             ErrorKind::InvalidInput);
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_benchStation, QStringLiteral("MANUAL"),
                         QStringLiteral("manual"))),
             ErrorKind::Permission);
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_benchStation, QStringLiteral("MANUAL"),
                         QStringLiteral("manual"), uuid())),
             ErrorKind::Permission);
    // Nothing verified: nothing is packed, nothing is sent.
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_complete(?::bigint, ?::bigint, ?::bigint, 1, true, NULL)"),
                  {claim->claimId, m_benchStation, fo}, ErrorKind::Conflict);
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = ?"),
                          {QString::number(fo)}),
             0);
    // A tracking number is attached through the function, never a URL: not as the number, not as the company.
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 1, 'ups', 'UPS', "
                                 "'https://evil.example/x', NULL)"),
                  {claim->claimId, m_benchStation, fo}, ErrorKind::InvalidInput);
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 1, 'ups', "
                                 "'https://evil.example/x', '1Z999AA10123456784', NULL)"),
                  {claim->claimId, m_benchStation, fo}, ErrorKind::InvalidInput);
    VERIFY_OK(db::exec(m_bench.db,
                       QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 1, 'ups', "
                                      "'UPS', '1Z999AA10123456784', NULL)"),
                       {claim->claimId, m_benchStation, fo}));
    // The URL is the database's, from its template for the company.
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND "
                                         "tracking_number = '1Z999AA10123456784' AND tracking_url = "
                                         "'https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums="
                                         "1Z999AA10123456784'"),
                          {fo}),
             1);
    // A company it has no page for gets none: a station cannot pick a URL.
    VERIFY_OK(db::exec(m_bench.db,
                       QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 2, 'ups', "
                                      "'UPS', '1Z999AA10123456785', NULL)"),
                       {claim->claimId, m_benchStation, fo}));
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 3, 'x', "
                                 "'Evil Post', '1Z999AA10123456786', NULL)"),
                  {claim->claimId, m_benchStation, fo}, ErrorKind::Conflict); // one company per order
    expectRefused(m_bench.db,
                  QStringLiteral("INSERT INTO tracking_url_templates VALUES ('Evil Post', 'https://e.example/%s')"));
    // What the hub follows after the label is the hub's (migration 0020).
    expectRefused(m_bench.db, QStringLiteral("SELECT count(*) FROM shipment_tracking"));
    expectRefused(m_bench.db, QStringLiteral("INSERT INTO tracking_carrier_codes VALUES ('Evil Post', 'evil')"));
    expectRefused(m_bench.db, QStringLiteral("UPDATE packages SET tracking_carrier_code = 'ups'"));
  }

  void station_cannotReadPinHashes_orAnotherShop()
  {
    expectRefused(m_bench.db, QStringLiteral("SELECT pin_hash FROM packers"));
    expectRefused(m_bench.db, QStringLiteral("SELECT * FROM packers"));
    QVERIFY(test::scalar(m_bench.db, QStringLiteral("SELECT count(*) FROM packers WHERE badge_id = 'PB-H1'")) == 1);
    expectRefused(m_bench.db, QStringLiteral("SELECT count(*) FROM pin_attempts"));
    expectRefused(m_bench.db, QStringLiteral("SELECT count(*) FROM lead_approvals"));
    // The old scope setting is not trusted any more: naming shop B changes nothing.
    VERIFY_OK(db::exec(m_bench.db, QStringLiteral("SELECT set_config('packbench.shop_id', ?, false)"),
                       {QString::number(m_shopB.shopId)}));
    VERIFY_OK(queue::setSessionShop(m_bench.db, m_shopB.shopId));
    for (const char *table : {"orders", "fulfillment_orders", "locations", "shops", "barcodes"}) {
      QCOMPARE(test::scalar(m_bench.db,
                            QStringLiteral("SELECT count(*) FROM %1 WHERE %2 = ?")
                                .arg(QLatin1String(table),
                                     QLatin1String(qstrcmp(table, "fulfillment_orders") == 0 ? "location_id"
                                                   : qstrcmp(table, "locations") == 0        ? "shop_id"
                                                   : qstrcmp(table, "shops") == 0            ? "id"
                                                                                             : "shop_id")),
                            {qstrcmp(table, "fulfillment_orders") == 0 ? m_shopB.locationId : m_shopB.shopId}),
               0);
    }
    QCOMPARE(test::scalar(m_bench.db, QStringLiteral("SELECT count(*) FROM print_jobs WHERE id = ?"), {m_labelB}), 0);
    QCOMPARE(test::scalar(m_bench.db,
                          QStringLiteral("SELECT count(*) FROM fulfillment_order_lines WHERE "
                                         "fulfillment_order_id = ?"),
                          {m_foB}),
             0);
    QCOMPARE(test::scalar(m_bench.db, QStringLiteral("SELECT count(*) FROM station_logins")), 1); // its own row
    // Its own shop is there.
    QVERIFY(test::scalar(m_bench.db, QStringLiteral("SELECT count(*) FROM orders WHERE shop_id = ?"),
                         {m_shopA.shopId}) > 0);
    // Nor can it claim, register or print there.
    queue::OrderQueue queue(m_bench.db, kClock, 120s);
    QCOMPARE(kindOf(queue.claimNext(m_benchStation, m_shopB.locationId)), ErrorKind::Permission);
    QCOMPARE(kindOf(queue.claimSpecific(m_benchStation, m_foB)), ErrorKind::NotFound);
    QCOMPARE(kindOf(queue::registerStation(m_bench.db, uuid(), QStringLiteral("sneaky"), m_shopB.locationId)),
             ErrorKind::Permission);
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_print_job_create(?::bigint, 'label', 'p', 'zpl', NULL, NULL)"),
                  {m_foB}, ErrorKind::NotFound);
    QCOMPARE(
        test::scalar(m_bench.db,
                     QStringLiteral("SELECT count(*) FROM packbench_print_job_set_status(?::bigint, 'done', false, "
                                    "NULL) s WHERE s"),
                     {m_labelB}),
        0);
  }

  void station_cannotTakeAnotherLoginsInstallation()
  {
    const QString installation = uuid();
    VERIFY_OK(queue::registerStation(m_other.db, installation, QStringLiteral("Bench 2b"), m_shopA.locationId));
    QCOMPARE(kindOf(queue::registerStation(m_bench.db, installation, QStringLiteral("Bench 2b"), m_shopA.locationId)),
             ErrorKind::Permission);
  }

  void revokedLogin_losesAccess_atOnce()
  {
    auto victim = test::createStationLogin(m_admin, m_settings, QStringLiteral("pbt_gone_"), m_shopA.shopId,
                                           {m_shopA.locationId});
    VERIFY_OK(victim);
    auto station = queue::registerStation(victim->db, uuid(), QStringLiteral("Bench 3"), m_shopA.locationId);
    VERIFY_OK(station);
    const qint64 fo = orderWithBarcodedLine();
    QVERIFY(test::scalar(victim->db, QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ?"), {fo}) ==
            1);
    VERIFY_OK(admin::revokeStationLogin(m_admin, victim->name));
    // Its session was ended; a new one cannot be opened.
    QVERIFY(!db::exec(victim->db, QStringLiteral("SELECT count(*) FROM fulfillment_orders")).ok());
    QVERIFY(!test::logInAs(m_settings, victim->name, QStringLiteral("gone-again")).ok());
    QSqlDatabase::removeDatabase(QStringLiteral("gone-again"));
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM station_logins WHERE login = ? AND revoked_at "
                                         "IS NOT NULL"),
                          {victim->name}),
             1);
    test::dropStationLogin(m_admin, victim.value());
  }
};

QTEST_GUILESS_MAIN(HostileStationTest)
#include "hostile_station_test.moc"
