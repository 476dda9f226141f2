// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Logs in AS the station and hub roles (migrations 0002, 0011, 0012) and checks what each may and may not do.
// The station is a mapped station login (station_logins); tests/core/db/hostile_station_test.cpp tries the rest.
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/packers.h"
#include "core/packing/packsession.h"
#include "core/queue/orderqueue.h"
#include "tests/support/manualclock.h"
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

class DatabaseRolesTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_admin;
  QSqlDatabase m_station;
  QSqlDatabase m_hub;
  QString m_stationUser;
  QString m_hubUser;
  QString m_unmappedUser;
  QSqlDatabase m_unmapped;
  test::StationLogin m_login;
  test::QueueWorld m_shopA;
  test::QueueWorld m_shopB;
  qint64 m_foA = 0;
  qint64 m_foB = 0;

  QSqlDatabase loginAs(const QString &user)
  {
    db::ConnectionSettings s = m_settings;
    s.user = user;
    auto db = db::openDatabase(s, QStringLiteral("as-") + user);
    if (!db)
      qFatal("cannot log in as %s: %s", qPrintable(user), qPrintable(db.error().message));
    return *db;
  }

  // A packer signed in at one of the station login's benches: the database's token for the work done there.
  QString signedInAt(qint64 station)
  {
    auto packer = packing::signInWithPin(m_station, QStringLiteral("PB-R1"), QStringLiteral("4321"), station);
    if (!packer)
      qFatal("sign-in failed: %s", qPrintable(packer.error().message));
    return packer->signInToken;
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("roles"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_admin = scratch->db;

    // Login users are cluster-wide: unique names, members of the group roles the migration made.
    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_unmappedUser = QStringLiteral("pbt_unmapped_") + suffix;
    m_hubUser = QStringLiteral("pbt_hub_") + suffix;
    // A member of packbench_station with no station_logins row: it must see and do nothing.
    VERIFY_OK(
        db::execStatic(m_admin, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE packbench_station").arg(m_unmappedUser)));
    VERIFY_OK(db::execStatic(m_admin, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE packbench_hub").arg(m_hubUser)));

    auto a = test::createQueueWorld(m_admin);
    auto b = test::createQueueWorld(m_admin);
    VERIFY_OK(a);
    VERIFY_OK(b);
    m_shopA = *a;
    m_shopB = *b;
    auto foA = test::addQueuedOrder(m_admin, m_shopA.shopId, m_shopA.locationId, 0, QDateTime());
    auto foB = test::addQueuedOrder(m_admin, m_shopB.shopId, m_shopB.locationId, 0, QDateTime());
    VERIFY_OK(foA);
    VERIFY_OK(foB);
    m_foA = *foA;
    m_foB = *foB;
    VERIFY_OK(db::exec(m_admin,
                       QStringLiteral("INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, body) "
                                      "VALUES ('a.myshopify.com', 'orders/create', ?, '\\x7b7d')"),
                       {suffix}));
    VERIFY_OK(db::exec(m_admin,
                       QStringLiteral("INSERT INTO shop_credentials (shop_id, access_token) VALUES (?, 'shpat_x')"),
                       {m_shopA.shopId}));
    VERIFY_OK(db::exec(m_admin, QStringLiteral("INSERT INTO packers (badge_id, name, pin_hash) VALUES ('PB-R1', "
                                               "'Rowan', crypt('4321', gen_salt('bf', 4)))")));

    auto login = test::createStationLogin(m_admin, m_settings, QStringLiteral("pbt_station_"), m_shopA.shopId,
                                          {m_shopA.locationId});
    VERIFY_OK(login);
    m_login = *login;
    m_station = m_login.db;
    m_stationUser = m_login.name;
    m_unmapped = loginAs(m_unmappedUser);
    m_hub = loginAs(m_hubUser);
  }

  void cleanupTestCase()
  {
    m_station = QSqlDatabase();
    test::dropStationLogin(m_admin, m_login);
    m_unmapped.close();
    m_hub.close();
    m_unmapped = QSqlDatabase();
    m_hub = QSqlDatabase();
    QSqlDatabase::removeDatabase(QString(QStringLiteral("as-") + m_unmappedUser));
    QSqlDatabase::removeDatabase(QString(QStringLiteral("as-") + m_hubUser));
    (void)db::execStatic(m_admin, QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_unmappedUser));
    (void)db::execStatic(m_admin, QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_hubUser));
  }

  void station_withoutMapping_seesAndDoesNothing()
  {
    // Naming a shop in the session setting no longer opens anything (it did before migration 0011).
    VERIFY_OK(queue::setSessionShop(m_unmapped, m_shopA.shopId));
    QCOMPARE(test::scalar(m_unmapped, QStringLiteral("SELECT count(*) FROM orders")), 0);
    QCOMPARE(test::scalar(m_unmapped, QStringLiteral("SELECT count(*) FROM fulfillment_orders")), 0);
    QCOMPARE(test::scalar(m_unmapped, QStringLiteral("SELECT count(*) FROM shops")), 0);
    const test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    queue::OrderQueue queue(m_unmapped, clock, 120s);
    QCOMPARE(kindOf(queue.claimNext(m_shopA.stationId, m_shopA.locationId)), ErrorKind::Permission);
    QCOMPARE(kindOf(queue::registerStation(m_unmapped, QStringLiteral("unmapped"), m_shopA.locationId)),
             ErrorKind::Permission);
  }

  void station_seesOnlyItsShop()
  {
    QCOMPARE(test::scalar(m_station, QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id IN (?, ?)"),
                          {m_foA, m_foB}),
             1);
    QCOMPARE(test::scalar(m_station, QStringLiteral("SELECT count(*) FROM orders WHERE shop_id = ?"), {m_shopB.shopId}),
             0);
    const test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    queue::OrderQueue queue(m_station, clock, 120s);
    auto station =
        queue::registerStation(m_station, QStringLiteral("scope-bench-") + m_stationUser, m_shopA.locationId);
    VERIFY_OK(station);
    const QString signIn = signedInAt(*station);
    auto other = queue.claimSpecific(*station, m_foB, {}, signIn);
    QVERIFY(!other.ok());
    QCOMPARE(kindOf(other), ErrorKind::NotFound);
    // Another shop's location, and a station row this login did not register, are refused outright.
    QCOMPARE(kindOf(queue.claimNext(*station, m_shopB.locationId, {}, signIn)), ErrorKind::Permission);
    QCOMPARE(kindOf(queue.claimNext(m_shopA.stationId, m_shopA.locationId)), ErrorKind::Permission);
  }

  void station_packsThroughTheQueue_notAroundIt()
  {
    const test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    queue::OrderQueue queue(m_station, clock, 120s);
    auto station =
        queue::registerStation(m_station, QStringLiteral("roles-bench-") + m_stationUser, m_shopA.locationId);
    VERIFY_OK(station);
    const QString signIn = signedInAt(*station);
    // With nobody signed in at the bench there is no work at all (migration 0016).
    QCOMPARE(kindOf(queue.claimNext(*station, m_shopA.locationId)), ErrorKind::SignedOut);
    auto claim = queue.claimNext(*station, m_shopA.locationId, {}, signIn);
    VERIFY_OK(claim);
    QVERIFY(claim->has_value());
    const queue::Claim c = **claim;
    VERIFY_OK(queue.heartbeat(c));
    // The writes a station used to make itself are the functions' now (migration 0012).
    QCOMPARE(kindOf(test::addScan(m_station, c.fulfillmentOrderId, c.claimId, *station)), ErrorKind::Permission);
    expectRefused(
        m_station,
        QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, weight_grams) VALUES (?, 1, 900)"),
        {c.fulfillmentOrderId});
    expectRefused(m_station,
                  QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) "
                                 "VALUES (?, 'fulfillment.create', ?, ?, '{}'::jsonb)"),
                  {m_shopA.shopId, QString::number(c.fulfillmentOrderId), m_stationUser});
    QCOMPARE(kindOf(db::inTransaction(m_station, [&]() -> Status { return queue.markPacked(c); })),
             ErrorKind::Permission);
    VERIFY_OK(queue.hold(c, QStringLiteral("damaged box")));
    QCOMPARE(
        test::scalar(m_admin,
                     QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'held'"),
                     {c.fulfillmentOrderId}),
        1);
    // Lifting the hold needs a lead's approval, which a station cannot make up.
    QCOMPARE(kindOf(queue.unhold(c.fulfillmentOrderId, 1, *station, {}, signIn)), ErrorKind::Permission);
  }

  void station_finishesWithLeasedWorkflow_underRowLevelSecurity()
  {
    auto fo = test::addQueuedOrder(m_admin, m_shopA.shopId, m_shopA.locationId, 99, QDateTime());
    VERIFY_OK(fo);
    const QString leadBadge = QStringLiteral("PB-") + m_stationUser;
    auto packerRow = db::exec(m_admin,
                              QStringLiteral("INSERT INTO packers (badge_id, name, role, pin_hash) VALUES (?, 'Roles', "
                                             "'lead', crypt('5150', gen_salt('bf', 4))) RETURNING id"),
                              {leadBadge});
    VERIFY_OK(packerRow);
    QVERIFY(packerRow.value().next());
    const test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(9, 0), Qt::UTC));
    queue::OrderQueue queue(m_station, clock, 120s);
    auto station = queue::registerStation(m_station, QStringLiteral("wf-bench-") + m_stationUser, m_shopA.locationId);
    VERIFY_OK(station);
    auto signedIn = packing::signInWithPin(m_station, leadBadge, QStringLiteral("5150"), *station);
    VERIFY_OK(signedIn);
    const packing::Packer packer = *signedIn;
    QCOMPARE(packer.id, packerRow.value().value(0).toLongLong());
    packing::LeasedQueueWorkflow workflow(m_station, queue, *station);
    auto taken = workflow.take(*fo, packer);
    VERIFY_OK(taken);
    VERIFY_OK(workflow.keepAlive(*taken));
    {
      // The two units are counted in this attempt, as the pack screen records them, under the station role.
      auto session = packing::PackSession::open(
          m_station, clock, *fo, {packer.id, taken->claimId, *station, packer.signInToken}, {false, true});
      VERIFY_OK(session);
      // A lead's badge alone no longer approves a typed quantity: the database wants the PIN.
      QCOMPARE((*session)->enterManual(0, 2, QStringLiteral("No barcode on item"), leadBadge).outcome,
               packing::Outcome::Refused);
      QCOMPARE((*session)
                   ->enterManual(0, 2, QStringLiteral("No barcode on item"), leadBadge, QStringLiteral("5150"))
                   .outcome,
               packing::Outcome::Counted);
    }
    // Recorded by packer id; the badge number is nowhere a station can read it.
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM scan_events WHERE claim_id = ? AND "
                                         "approved_by = ? AND reason NOT LIKE '%PB-%'"),
                          {*taken->claimId, packer.id}),
             1);
    VERIFY_OK(workflow.finish(*taken, false)); // as the station login: the function writes the outbox and audit
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM outbox o JOIN fulfillment_order_lines l ON "
                                         "l.fulfillment_order_id = ? WHERE o.aggregate_id = ? AND o.shop_id = ? AND "
                                         "o.payload = jsonb_build_object('fulfillment_order_id', ?::bigint, "
                                         "'notify_customer', true, 'partial', false, 'claim_id', ?::bigint, "
                                         "'version', 1, 'lines', jsonb_build_array(jsonb_build_object('line_id', "
                                         "l.id, 'quantity', 2)))"),
                          {*fo, QString::number(*fo), m_shopA.shopId, *fo, *taken->claimId}),
             1);
  }

  void station_isRefusedWhatItMustNotTouch()
  {
    expectRefused(m_station, QStringLiteral("SELECT count(*) FROM webhook_inbox"));
    expectRefused(m_station, QStringLiteral("SELECT access_token FROM shop_credentials"));
    expectRefused(m_station, QStringLiteral("UPDATE audit_log SET action = 'forged'"));
    expectRefused(m_station, QStringLiteral("DELETE FROM audit_log"));
    expectRefused(m_station, QStringLiteral("UPDATE scan_events SET outcome = 'ok'"));
    expectRefused(m_station, QStringLiteral("DELETE FROM scan_events"));
    expectRefused(m_station, QStringLiteral("UPDATE orders SET note = 'x'"));
    expectRefused(m_station, QStringLiteral("UPDATE fulfillment_orders SET priority = 100"));
    expectRefused(m_station, QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id) VALUES (?, ?)"),
                  {1, m_shopA.locationId});
    expectRefused(m_station, QStringLiteral("UPDATE outbox SET status = 'done'"));
    expectRefused(m_station,
                  QStringLiteral("INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'x', 'y')"));
  }

  void hub_readsInboxAndSecrets_butNotAuditRewrites()
  {
    QCOMPARE(test::scalar(m_hub, QStringLiteral("SELECT count(*) FROM webhook_inbox")), 1);
    QCOMPARE(test::scalar(m_hub, QStringLiteral("SELECT count(*) FROM shop_credentials")), 1);
    QCOMPARE(test::scalar(m_hub, QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id IN (?, ?)"),
                          {m_foA, m_foB}),
             2);
    VERIFY_OK(db::exec(m_hub,
                       QStringLiteral("UPDATE orders SET note = 'gift' WHERE id = (SELECT order_id FROM "
                                      "fulfillment_orders WHERE id = ?)"),
                       {m_foB}));
    expectRefused(m_hub, QStringLiteral("UPDATE audit_log SET action = 'forged'"));
    expectRefused(m_hub, QStringLiteral("DELETE FROM audit_log"));
    // The hub reads the station mapping but only the schema owner writes it.
    QVERIFY(test::scalar(m_hub, QStringLiteral("SELECT count(*) FROM station_logins")) >= 1);
    expectRefused(m_hub, QStringLiteral("UPDATE station_logins SET location_ids = ARRAY[?]::bigint[]"),
                  {m_shopB.locationId});
    expectRefused(m_hub,
                  QStringLiteral("INSERT INTO station_logins (login, shop_id, location_ids) VALUES ('x', ?, "
                                 "ARRAY[?]::bigint[])"),
                  {m_shopB.shopId, m_shopB.locationId});
  }
};

QTEST_GUILESS_MAIN(DatabaseRolesTest)
#include "database_roles_test.moc"
