// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #12: logged in as a mapped station login, try every act a station must never do, each refused, while
// packing through the database's functions still works from claim to the outbox row. Work is only ever the
// signed-in packer's (migration 0016): each function refuses another packer's id, no sign-in token, a made-up one,
// another login's or bench's, an expired, signed-out or replaced one, and a deactivated packer's.
#include "core/admin/stationlogins.h"
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/packers.h"
#include "core/packing/packsession.h"
#include "core/queue/orderqueue.h"
#include "tests/support/queueworld.h"
#include "tests/support/stationlogin.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>
#include <QUuid>

using namespace pb;
using test::expectRefused;
using test::kindOf;
using namespace std::chrono_literals;

namespace {
QString uuid()
{
  return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The station's clock is not trusted on PostgreSQL; any clock will do here.
const SystemClock kClock;
} // namespace

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
  qint64 m_benchStation2 = 0; // a second bench of the same login
  qint64 m_otherStation = 0;
  qint64 m_barcodeVariant = 0;
  qint64 m_foB = 0;
  qint64 m_labelB = 0;

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
              const QString &signIn, const QString &outcome = QStringLiteral("ok"),
              const QVariant &approval = QVariant())
  {
    auto done = db::exec(db,
                         QStringLiteral("SELECT packbench_record_scan(?::uuid, ?::bigint, ?::bigint, ?::bigint, "
                                        "?::bigint, NULL, ?, ?, 'ean13', ?, 1, 1, NULL, ?::uuid, ?::text, NULL)"),
                         {uuid(), fo, claim, line, station, code, code, outcome, approval, signIn});
    if (!done)
      return done.error();
    return {};
  }

  // Badge + PIN at one bench of a login: the packer with the database's sign-in token.
  static packing::Packer signIn(const QSqlDatabase &db, const QString &badge, qint64 station)
  {
    static const QHash<QString, QString> pins{{QStringLiteral("PB-H1"), QStringLiteral("1111")},
                                              {QStringLiteral("PB-H2"), QStringLiteral("2222")},
                                              {QStringLiteral("PB-H9"), QStringLiteral("9999")}};
    auto packer = packing::signInWithPin(db, badge, pins.value(badge), station);
    if (!packer || packer->signInToken.isEmpty())
      qFatal("sign-in of %s failed: %s", qPrintable(badge), packer ? "no token" : qPrintable(packer.error().message));
    return *packer;
  }
  packing::Packer kimAtTheBench() { return signIn(m_bench.db, QStringLiteral("PB-H1"), m_benchStation); }

  // Everything a station function could have written: a refused call must leave all of it as it was.
  QString footprint() const
  {
    auto q = db::exec(
        m_admin, QStringLiteral("SELECT concat_ws('/', (SELECT count(*) FROM claims), (SELECT count(*) FROM claims "
                                "WHERE released_at IS NULL), (SELECT count(*) FROM scan_events), (SELECT count(*) "
                                "FROM packages), (SELECT count(*) FROM packages WHERE tracking_number IS NOT "
                                "NULL), (SELECT count(*) FROM outbox), (SELECT count(*) FROM audit_log), "
                                "(SELECT string_agg(pack_state || id, ',' ORDER BY id) FROM fulfillment_orders), "
                                "(SELECT count(*) FROM lead_approvals WHERE used_at IS NOT NULL))"));
    return q && q.value().next() ? q.value().value(0).toString() : QStringLiteral("(unreadable)");
  }

  // An order in the state where `function` works for this bench with a live sign-in (and, to lift a hold, a
  // lead's approval), so that a refusal can only be the sign-in's doing.
  struct Attempt {
    qint64 fo = 0;
    qint64 claim = 0;
    qint64 line = 0;
    int version = 1;
    QString approval;
    qint64 labelRequest = 0; // label_printed: a label the hub bought for this claim
  };
  Attempt prepare(const QString &function)
  {
    Attempt a;
    a.fo = orderWithBarcodedLine();
    a.line = lineOf(a.fo);
    // The next order the bench gets: above every other queued one.
    (void)db::exec(m_admin, QStringLiteral("UPDATE fulfillment_orders SET priority = 100000 + id WHERE id = ?"),
                   {a.fo});
    if (function == u"claim_next" || function == u"claim_order")
      return a;
    const packing::Packer kim = kimAtTheBench();
    queue::OrderQueue queue(m_bench.db, kClock, 120s);
    auto claim = queue.claimSpecific(m_benchStation, a.fo, {}, kim.signInToken);
    if (!claim)
      qFatal("prepare %s: %s", qPrintable(function), qPrintable(claim.error().message));
    a.claim = claim->claimId;
    a.version = claim->orderVersion;
    if (function == u"unhold" || function == u"request_manifest") {
      if (Status held = function == u"unhold" ? queue.hold(*claim, QStringLiteral("damaged")) : Status{}; !held)
        qFatal("prepare unhold: %s", qPrintable(held.error().message));
      auto lead = packing::approveAsLead(m_bench.db, QStringLiteral("PB-H9"), QStringLiteral("9999"), m_benchStation);
      if (!lead)
        qFatal("prepare unhold: %s", qPrintable(lead.error().message));
      a.approval = lead->approvalToken;
    }
    if (function == u"label_printed") { // asked for and bought as the hub would (trusted login, no sign-in)
      a.labelRequest = test::scalar(m_admin,
                                    QStringLiteral("SELECT packbench_request_label(?, ?, ?, 1, 'zpl', 900, NULL, NULL, "
                                                   "NULL, NULL, NULL)"),
                                    {a.claim, m_benchStation, a.fo});
      if (a.labelRequest <= 0 ||
          !db::exec(m_admin,
                    QStringLiteral("UPDATE label_requests SET state = 'bought', label_id = 'se-hostile' WHERE id = ?"),
                    {a.labelRequest}))
        qFatal("prepare label_printed: no bought label");
    }
    for (int i = 0; function == u"complete" && i < 2; ++i) {
      if (Status scanned = scan(m_bench.db, a.fo, a.claim, a.line, m_benchStation, QStringLiteral("04006381333931"),
                                kim.signInToken);
          !scanned)
        qFatal("prepare complete: %s", qPrintable(scanned.error().message));
    }
    return a;
  }

  // The station function `function` called as the bench login with this sign-in and packer id.
  Status attempt(const QString &function, const Attempt &a, const QVariant &signIn, const QVariant &packer)
  {
    const QString token = signIn.toString();
    const QVariant text = token.isEmpty() ? QVariant() : QVariant(token);
    const QHash<QString, std::pair<QString, QVariantList>> calls{
        {QStringLiteral("claim_next"),
         {QStringLiteral("SELECT * FROM packbench_claim_next(?::bigint, ?::bigint, ?::bigint, 120, ?::text, NULL)"),
          {m_benchStation, m_shopA.locationId, packer, text}}},
        {QStringLiteral("claim_order"),
         {QStringLiteral("SELECT * FROM packbench_claim_order(?::bigint, ?::bigint, ?::bigint, 120, NULL, ?::text, "
                         "NULL)"),
          {m_benchStation, a.fo, packer, text}}},
        {QStringLiteral("release"),
         {QStringLiteral("SELECT packbench_release(?::bigint, ?::bigint, ?::bigint, NULL, ?::bigint, ?::text, NULL)"),
          {a.claim, m_benchStation, a.fo, packer, text}}},
        {QStringLiteral("hold"),
         {QStringLiteral("SELECT packbench_release(?::bigint, ?::bigint, ?::bigint, 'damaged', ?::bigint, ?::text, "
                         "NULL)"),
          {a.claim, m_benchStation, a.fo, packer, text}}},
        {QStringLiteral("unhold"),
         {QStringLiteral("SELECT packbench_unhold(?::bigint, ?::bigint, NULL, ?::uuid, ?::text, NULL)"),
          {a.fo, m_benchStation, a.approval, text}}},
        {QStringLiteral("record_scan"),
         {QStringLiteral("SELECT packbench_record_scan(?::uuid, ?::bigint, ?::bigint, ?::bigint, ?::bigint, "
                         "?::bigint, '4006381333931', '04006381333931', 'ean13', 'ok', 1, 1, NULL, NULL, ?::text, "
                         "NULL)"),
          {uuid(), a.fo, a.claim, a.line, m_benchStation, packer, text}}},
        {QStringLiteral("open_box"),
         {QStringLiteral("SELECT packbench_open_box(?::bigint, ?::bigint, ?::bigint, 2, ?::text, NULL)"),
          {a.claim, m_benchStation, a.fo, text}}},
        {QStringLiteral("attach_tracking"),
         {QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 1, 'ups', 'UPS', "
                         "'1Z999AA10123456784', ?::text, NULL)"),
          {a.claim, m_benchStation, a.fo, text}}},
        {QStringLiteral("request_label"),
         {QStringLiteral("SELECT packbench_request_label(?::bigint, ?::bigint, ?::bigint, 1, 'zpl', 900, NULL, NULL, "
                         "NULL, ?::text, NULL)"),
          {a.claim, m_benchStation, a.fo, text}}},
        {QStringLiteral("label_printed"),
         {QStringLiteral("SELECT packbench_label_printed(?::bigint, ?::bigint, NULL, ?::text, NULL)"),
          {a.labelRequest, m_benchStation, text}}},
        {QStringLiteral("request_manifest"),
         {QStringLiteral("SELECT packbench_request_manifest(?::bigint, ?::bigint, ?::uuid, ?::text, NULL)"),
          {m_benchStation, m_shopA.locationId, a.approval, text}}},
        {QStringLiteral("complete"),
         {QStringLiteral("SELECT packbench_complete(?::bigint, ?::bigint, ?::bigint, ?::integer, false, ?::text, "
                         "NULL)"),
          {a.claim, m_benchStation, a.fo, a.version, text}}},
    };
    if (!calls.contains(function))
      qFatal("no call for %s", qPrintable(function));
    auto done = db::exec(m_bench.db, calls.value(function).first, calls.value(function).second);
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
                                               "('PB-H2', 'Lee', 'packer', crypt('2222', gen_salt('bf', 4))), "
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
    auto benchStation2 = queue::registerStation(m_bench.db, uuid(), QStringLiteral("Bench 1b"), m_shopA.locationId);
    auto otherStation = queue::registerStation(m_other.db, uuid(), QStringLiteral("Bench 2"), m_shopA.locationId);
    VERIFY_OK(benchStation);
    VERIFY_OK(benchStation2);
    VERIFY_OK(otherStation);
    m_benchStation = *benchStation;
    m_benchStation2 = *benchStation2;
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
    auto packer = packing::signInWithPin(m_bench.db, QStringLiteral("PB-H1"), QStringLiteral("1111"), m_benchStation);
    VERIFY_OK(packer);
    QCOMPARE(packer->signInToken.size(), 64); // 32 random bytes, hex
    auto taken = workflow.take(fo, *packer);
    VERIFY_OK(taken);
    QCOMPARE(taken->signInToken, packer->signInToken);
    VERIFY_OK(workflow.keepAlive(*taken));
    const qint64 line = lineOf(fo);
    {
      // Scanned as the pack screen does: the session carries the sign-in, the database names the packer.
      auto session = packing::PackSession::open(m_bench.db, kClock, fo,
                                                {packer->id, taken->claimId, m_benchStation, packer->signInToken});
      VERIFY_OK(session);
      const scanning::ScanDecoder decoder{scanning::ScanDecoderOptions{}};
      QCOMPARE((*session)->handleScan(decoder.decode(u"4006381333931")).outcome, packing::Outcome::Counted);
      QCOMPARE(kindOf(workflow.finish(*taken, false)), ErrorKind::Conflict); // one unit still missing
      QCOMPARE((*session)->handleScan(decoder.decode(u"4006381333931")).outcome, packing::Outcome::Counted);
    }
    // A third unit is more than the line asks for.
    QCOMPARE(kindOf(scan(m_bench.db, fo, *taken->claimId, line, m_benchStation, QStringLiteral("04006381333931"),
                         packer->signInToken)),
             ErrorKind::Conflict);
    VERIFY_OK(workflow.finish(*taken, false));
    // Recorded as the signed-in packer's, though the station named nobody.
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM scan_events WHERE claim_id = ? AND packer_id = ?"),
                          {*taken->claimId, packer->id}),
             2);
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

  void cleanup() // a row that deactivated Lee gives the badge back even when it failed
  {
    (void)db::exec(m_admin, QStringLiteral("UPDATE packers SET active = true WHERE badge_id = 'PB-H2'"));
  }

  void signIn_answersAToken_storedOnlyAsItsHash_andSignOutEndsIt()
  {
    const packing::Packer kim = kimAtTheBench();
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM sign_in_sessions WHERE token_sha256 = "
                                         "digest(?, 'sha256') AND login = ? AND packer_id = ? AND station_id = ? "
                                         "AND ended_at IS NULL"),
                          {kim.signInToken, m_bench.name, kim.id, m_benchStation}),
             1);
    for (const char *table : {"sign_in_sessions", "audit_log"})
      QCOMPARE(
          test::scalar(
              m_admin,
              QStringLiteral("SELECT count(*) FROM %1 t WHERE t::text LIKE '%' || ? || '%'").arg(QLatin1String(table)),
              {kim.signInToken}),
          0);
    expectRefused(m_bench.db, QStringLiteral("SELECT token_sha256 FROM sign_in_sessions"));
    // Another login cannot end it; its own login can, once.
    QCOMPARE(test::scalar(m_other.db, QStringLiteral("SELECT count(*) FROM packbench_sign_out(?) s WHERE s"),
                          {kim.signInToken}),
             0);
    VERIFY_OK(packing::signOut(m_bench.db, kim));
    QCOMPARE(test::scalar(m_bench.db, QStringLiteral("SELECT count(*) FROM packbench_sign_out(?) s WHERE s"),
                          {kim.signInToken}),
             0);
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM sign_in_sessions WHERE token_sha256 = "
                                         "digest(?, 'sha256') AND end_reason = 'signed_out'"),
                          {kim.signInToken}),
             1);
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM audit_log WHERE action IN ('signed_in', 'signed_out') "
                                         "AND actor_id = ? AND station_id = ?"),
                          {QString::number(kim.id), m_benchStation}) >= 2,
             true);
  }

  // Each function that does work at a bench, with each way of naming a packer who is not signed in there: refused
  // with its SQLSTATE, nothing written; then the same call with a live sign-in works (so it was the sign-in).
  void everyFunction_refusesWork_notByTheSignedInPacker_data()
  {
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("sqlstate");
    const QStringList functions{
        QStringLiteral("claim_next"),    QStringLiteral("claim_order"),     QStringLiteral("release"),
        QStringLiteral("hold"),          QStringLiteral("unhold"),          QStringLiteral("record_scan"),
        QStringLiteral("open_box"),      QStringLiteral("attach_tracking"), QStringLiteral("complete"),
        QStringLiteral("request_label"), QStringLiteral("label_printed"),   QStringLiteral("request_manifest")};
    const QStringList namesAPacker{QStringLiteral("claim_next"), QStringLiteral("claim_order"),
                                   QStringLiteral("release"), QStringLiteral("hold"), QStringLiteral("record_scan")};
    const QList<std::tuple<QString, ErrorKind, QString>> ways{
        {QStringLiteral("no token, another packer's id"), ErrorKind::SignedOut, QStringLiteral("PBS01")},
        {QStringLiteral("another packer's id"), ErrorKind::Permission, QStringLiteral("42501")},
        {QStringLiteral("made-up token"), ErrorKind::SignedOut, QStringLiteral("PBS02")},
        {QStringLiteral("another login's token"), ErrorKind::SignedOut, QStringLiteral("PBS02")},
        {QStringLiteral("another bench's token"), ErrorKind::Permission, QStringLiteral("42501")},
        {QStringLiteral("expired token"), ErrorKind::SignedOut, QStringLiteral("PBS04")},
        {QStringLiteral("signed-out token"), ErrorKind::SignedOut, QStringLiteral("PBS03")},
        {QStringLiteral("replaced token"), ErrorKind::SignedOut, QStringLiteral("PBS03")},
        {QStringLiteral("deactivated packer"), ErrorKind::SignedOut, QStringLiteral("PBS05")},
    };
    for (const QString &function : functions) {
      for (const auto &[how, kind, sqlstate] : ways) {
        if (how == u"another packer's id" && !namesAPacker.contains(function))
          continue;
        QTest::addRow("%s: %s", qPrintable(function), qPrintable(how)) << function << how << int(kind) << sqlstate;
      }
    }
  }

  void everyFunction_refusesWork_notByTheSignedInPacker()
  {
    QFETCH(QString, function);
    QFETCH(QString, how);
    QFETCH(int, kind);
    QFETCH(QString, sqlstate);
    const Attempt a = prepare(function);
    const qint64 lee = test::scalar(m_admin, QStringLiteral("SELECT id FROM packers WHERE badge_id = 'PB-H2'"));
    QVariant token;
    QVariant packer;
    if (how == u"no token, another packer's id") {
      packer = lee;
    } else if (how == u"another packer's id") {
      token = kimAtTheBench().signInToken;
      packer = lee;
    } else if (how == u"made-up token") {
      token = QString::fromLatin1(QUuid::createUuid().toRfc4122().toHex().repeated(2));
    } else if (how == u"another login's token") {
      token = signIn(m_other.db, QStringLiteral("PB-H1"), m_otherStation).signInToken;
    } else if (how == u"another bench's token") {
      token = signIn(m_bench.db, QStringLiteral("PB-H1"), m_benchStation2).signInToken;
    } else if (how == u"expired token") {
      token = kimAtTheBench().signInToken;
      VERIFY_OK(db::exec(m_admin,
                         QStringLiteral("UPDATE sign_in_sessions SET last_used_at = now() - "
                                        "packbench_sign_in_idle_limit() - interval '1 minute' WHERE token_sha256 = "
                                        "digest(?, 'sha256')"),
                         {token}));
    } else if (how == u"signed-out token") {
      const packing::Packer kim = kimAtTheBench();
      VERIFY_OK(packing::signOut(m_bench.db, kim));
      token = kim.signInToken;
    } else if (how == u"replaced token") {
      token = kimAtTheBench().signInToken;
      (void)signIn(m_bench.db, QStringLiteral("PB-H2"), m_benchStation); // Lee takes the bench
    } else if (how == u"deactivated packer") {
      token = signIn(m_bench.db, QStringLiteral("PB-H2"), m_benchStation).signInToken;
      VERIFY_OK(db::exec(m_admin, QStringLiteral("UPDATE packers SET active = false WHERE id = ?"), {lee}));
    }
    const QString before = footprint();
    const Status refused = attempt(function, a, token, packer);
    QVERIFY2(!refused.ok(), "allowed, but must be refused");
    QVERIFY2(int(refused.error().kind) == kind && refused.error().code == sqlstate,
             qPrintable(refused.error().code + u' ' + refused.error().message));
    QCOMPARE(footprint(), before);
    cleanup();
    const QString live = kimAtTheBench().signInToken;
    const QString unchanged = footprint();
    VERIFY_OK(attempt(function, a, live, QVariant()));
    QVERIFY(footprint() != unchanged);
  }

  // Whatever later migrations add: no function a station may call takes a claim or a packer without a sign-in
  // (the lease's heartbeat attributes nothing).
  void noStationFunction_takesAPackerOrClaim_withoutASignIn()
  {
    auto q = db::exec(m_admin,
                      QStringLiteral("SELECT string_agg(p.proname, ', ' ORDER BY p.proname) FROM pg_proc p "
                                     "WHERE has_function_privilege('packbench_station', p.oid, 'EXECUTE') AND "
                                     "p.proname LIKE 'packbench%' AND p.proargnames && ARRAY['p_packer', 'p_claim'] "
                                     "AND NOT 'p_sign_in' = ANY (p.proargnames)"));
    VERIFY_OK(q);
    QVERIFY(q.value().next());
    QCOMPARE(q.value().value(0).toString(), QStringLiteral("packbench_heartbeat"));
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
    const packing::Packer lee = signIn(m_other.db, QStringLiteral("PB-H2"), m_otherStation);
    const packing::Packer kim = kimAtTheBench();
    queue::OrderQueue theirs(m_other.db, kClock, 120s);
    auto claim = theirs.claimSpecific(m_otherStation, fo, {}, lee.signInToken);
    VERIFY_OK(claim);
    const qint64 line = lineOf(fo);
    // Directly: no writes at all.
    expectRefused(m_bench.db, QStringLiteral("UPDATE claims SET released_at = now() WHERE id = ?"), {claim->claimId});
    expectRefused(m_bench.db,
                  QStringLiteral("INSERT INTO scan_events (client_event_id, fulfillment_order_id, claim_id, "
                                 "station_id, raw_code, outcome) VALUES (?::uuid, ?, ?, ?, 'x', 'ok')"),
                  {uuid(), fo, claim->claimId, m_otherStation});
    // Through the functions: posing as the other bench is refused, and under our own bench the claim is not ours.
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_otherStation, QStringLiteral("04006381333931"),
                         kim.signInToken)),
             ErrorKind::Permission);
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_benchStation, QStringLiteral("04006381333931"),
                         kim.signInToken)),
             ErrorKind::Conflict);
    // Nor with the other bench's own packer's sign-in: it is not this login's.
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_benchStation, QStringLiteral("04006381333931"),
                         lee.signInToken)),
             ErrorKind::SignedOut);
    queue::OrderQueue ours(m_bench.db, kClock, 120s);
    QCOMPARE(kindOf(ours.release({claim->claimId, fo, m_otherStation, {}, 1, kim.signInToken})), ErrorKind::Permission);
    QCOMPARE(kindOf(ours.release({claim->claimId, fo, m_benchStation, {}, 1, kim.signInToken})), ErrorKind::Conflict);
    QCOMPARE(kindOf(ours.heartbeat({claim->claimId, fo, m_benchStation, {}, 1})), ErrorKind::Conflict);
    QCOMPARE(kindOf(ours.claimSpecific(m_benchStation, fo, {}, kim.signInToken)),
             ErrorKind::Conflict); // being packed elsewhere
    // Taking it over needs a real lead approval, not a lead's id.
    QCOMPARE(kindOf(ours.takeOver(m_benchStation, fo, kim.id, 1, uuid(), kim.signInToken)), ErrorKind::Permission);
    QCOMPARE(kindOf(ours.takeOver(m_benchStation, fo, kim.id, 1, {}, kim.signInToken)), ErrorKind::Permission);
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
    auto taken = ours.takeOver(m_benchStation, fo, kim.id, lead->id, lead->approvalToken, kim.signInToken);
    VERIFY_OK(taken);
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'take_over' AND "
                                         "details->>'approved_by_packer_id' = ?"),
                          {QString::number(lead->id)}),
             1);
    // The approval was single-use.
    VERIFY_OK(ours.release(*taken));
    auto again = theirs.claimSpecific(m_otherStation, fo, {}, lee.signInToken);
    VERIFY_OK(again);
    QCOMPARE(kindOf(ours.takeOver(m_benchStation, fo, kim.id, lead->id, lead->approvalToken, kim.signInToken)),
             ErrorKind::Permission);
  }

  void station_cannotPackAnUnclaimedOrder_orForgeScans()
  {
    const qint64 fo = orderWithBarcodedLine();
    const qint64 line = lineOf(fo);
    const QString signIn = kimAtTheBench().signInToken;
    expectRefused(m_bench.db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'packed' WHERE id = ?"), {fo});
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_complete(0, ?::bigint, ?::bigint, 1, true, ?::text, NULL)"),
                  {m_benchStation, fo, signIn}, ErrorKind::Conflict);
    QCOMPARE(kindOf(scan(m_bench.db, fo, 0, line, m_benchStation, QStringLiteral("04006381333931"), signIn)),
             ErrorKind::Conflict);
    queue::OrderQueue queue(m_bench.db, kClock, 120s);
    auto claim = queue.claimSpecific(m_benchStation, fo, {}, signIn);
    VERIFY_OK(claim);
    // A code that is not this line's item, a manual count with no lead's approval, a made-up approval.
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_benchStation, QStringLiteral("99999999"), signIn)),
             ErrorKind::InvalidInput);
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_benchStation, QStringLiteral("MANUAL"), signIn,
                         QStringLiteral("manual"))),
             ErrorKind::Permission);
    QCOMPARE(kindOf(scan(m_bench.db, fo, claim->claimId, line, m_benchStation, QStringLiteral("MANUAL"), signIn,
                         QStringLiteral("manual"), uuid())),
             ErrorKind::Permission);
    // Nothing verified: nothing is packed, nothing is sent.
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_complete(?::bigint, ?::bigint, ?::bigint, 1, true, ?::text, NULL)"),
                  {claim->claimId, m_benchStation, fo, signIn}, ErrorKind::Conflict);
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = ?"),
                          {QString::number(fo)}),
             0);
    // A tracking number is attached through the function, never a URL: not as the number, not as the company.
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 1, 'ups', 'UPS', "
                                 "'https://evil.example/x', ?::text, NULL)"),
                  {claim->claimId, m_benchStation, fo, signIn}, ErrorKind::InvalidInput);
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 1, 'ups', "
                                 "'https://evil.example/x', '1Z999AA10123456784', ?::text, NULL)"),
                  {claim->claimId, m_benchStation, fo, signIn}, ErrorKind::InvalidInput);
    VERIFY_OK(db::exec(m_bench.db,
                       QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 1, 'ups', "
                                      "'UPS', '1Z999AA10123456784', ?::text, NULL)"),
                       {claim->claimId, m_benchStation, fo, signIn}));
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
                                      "'UPS', '1Z999AA10123456785', ?::text, NULL)"),
                       {claim->claimId, m_benchStation, fo, signIn}));
    expectRefused(m_bench.db,
                  QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, 3, 'x', "
                                 "'Evil Post', '1Z999AA10123456786', ?::text, NULL)"),
                  {claim->claimId, m_benchStation, fo, signIn}, ErrorKind::Conflict); // one company per order
    expectRefused(m_bench.db,
                  QStringLiteral("INSERT INTO tracking_url_templates VALUES ('Evil Post', 'https://e.example/%s')"));
    // What the hub follows after the label is the hub's (migration 0017).
    expectRefused(m_bench.db, QStringLiteral("SELECT count(*) FROM shipment_tracking"));
    expectRefused(m_bench.db, QStringLiteral("INSERT INTO tracking_carrier_codes VALUES ('Evil Post', 'evil')"));
    expectRefused(m_bench.db, QStringLiteral("UPDATE packages SET tracking_carrier_code = 'ups'"));
  }

  // Offline approvals (migration 0022) come only from a lead's fresh approval at this login, at most ten, one batch
  // a lead; another login cannot spend them, and each is spent once.
  void station_cannotMintOfflineApprovals_withoutALeadsFreshApproval()
  {
    const QString issue = QStringLiteral("SELECT token FROM packbench_issue_offline_approvals(?::uuid, ?::integer)");
    expectRefused(m_bench.db, issue, {uuid(), 10}, ErrorKind::Permission); // made up
    auto lead = packing::approveAsLead(m_bench.db, QStringLiteral("PB-H9"), QStringLiteral("9999"), m_benchStation);
    VERIFY_OK(lead);
    expectRefused(m_other.db, issue, {lead->approvalToken, 10}, ErrorKind::Permission); // another login's
    auto issued = packing::issueOfflineApprovals(m_bench.db, *lead, 1000);
    VERIFY_OK(issued);
    QCOMPARE(issued->size(), 10); // capped
    auto again = packing::issueOfflineApprovals(m_bench.db, *lead, 3);
    VERIFY_OK(again);
    QCOMPARE(again->size(), 3);
    // The second batch withdrew the first: only three are live for this lead.
    QCOMPARE(
        test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM lead_approvals a JOIN packers p ON p.id = a.lead_id "
                                             "WHERE p.badge_id = 'PB-H9' AND a.offline AND a.used_at IS NULL AND "
                                             "a.expires_at > clock_timestamp()")),
        3);
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM lead_approvals WHERE token = ?::uuid AND expires_at <= "
                                         "clock_timestamp()"),
                          {issued->first().token}),
             1);
    // Spent only inside the functions that need an approval (packbench_record_scan), never called by itself.
    expectRefused(m_bench.db, QStringLiteral("SELECT packbench_use_approval(?::uuid)"), {again->first().token},
                  ErrorKind::Permission);
    // An approval spent already cannot mint more.
    VERIFY_OK(db::exec(m_admin,
                       QStringLiteral("UPDATE lead_approvals SET used_at = clock_timestamp() WHERE token = ?::uuid"),
                       {lead->approvalToken}));
    expectRefused(m_bench.db, issue, {lead->approvalToken, 10}, ErrorKind::Permission);
    expectRefused(m_bench.db, QStringLiteral("SELECT count(*) FROM lead_approvals"));
  }

  void station_cannotReadPinHashes_orAnotherShop()
  {
    expectRefused(m_bench.db, QStringLiteral("SELECT pin_hash FROM packers"));
    expectRefused(m_bench.db, QStringLiteral("SELECT * FROM packers"));
    QVERIFY(test::scalar(m_bench.db, QStringLiteral("SELECT count(*) FROM packers WHERE badge_id = 'PB-H1'")) == 1);
    expectRefused(m_bench.db, QStringLiteral("SELECT count(*) FROM pin_attempts"));
    expectRefused(m_bench.db, QStringLiteral("SELECT count(*) FROM lead_approvals"));
    expectRefused(m_bench.db, QStringLiteral("SELECT count(*) FROM sign_in_sessions"));
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
    // Nor can it claim, register or print there, even with a packer signed in.
    const QString signIn = kimAtTheBench().signInToken;
    queue::OrderQueue queue(m_bench.db, kClock, 120s);
    QCOMPARE(kindOf(queue.claimNext(m_benchStation, m_shopB.locationId, {}, signIn)), ErrorKind::Permission);
    QCOMPARE(kindOf(queue.claimSpecific(m_benchStation, m_foB, {}, signIn)), ErrorKind::NotFound);
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
    QCOMPARE(
        test::scalar(m_bench.db,
                     QStringLiteral("SELECT count(*) FROM packbench_print_job_default_printer(?::bigint, 'evil') s "
                                    "WHERE s"),
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
