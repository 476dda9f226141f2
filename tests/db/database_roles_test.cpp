// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Logs in AS the station and hub roles (migration 0002) and checks what each may and may not do.
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/packsession.h"
#include "core/queue/orderqueue.h"
#include "tests/support/queueworld.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>
#include <QUuid>

using namespace pb;
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

  static void expectRefused(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
  {
    auto result = db::exec(db, sql, values);
    QVERIFY2(!result.ok(), qPrintable(QStringLiteral("allowed: ") + sql));
    QVERIFY2(result.error().kind == ErrorKind::Permission,
             qPrintable(sql + QStringLiteral(" -> ") + result.error().message));
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
    m_stationUser = QStringLiteral("pbt_station_") + suffix;
    m_hubUser = QStringLiteral("pbt_hub_") + suffix;
    VERIFY_OK(
        db::execStatic(m_admin, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE packbench_station").arg(m_stationUser)));
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

    m_station = loginAs(m_stationUser);
    m_hub = loginAs(m_hubUser);
  }

  void cleanupTestCase()
  {
    m_station.close();
    m_hub.close();
    m_station = QSqlDatabase();
    m_hub = QSqlDatabase();
    QSqlDatabase::removeDatabase(QString(QStringLiteral("as-") + m_stationUser));
    QSqlDatabase::removeDatabase(QString(QStringLiteral("as-") + m_hubUser));
    (void)db::execStatic(m_admin, QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_stationUser));
    (void)db::execStatic(m_admin, QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_hubUser));
  }

  void station_withoutShop_seesNoOrders()
  {
    QCOMPARE(test::scalar(m_station, QStringLiteral("SELECT count(*) FROM orders")), 0);
    QCOMPARE(test::scalar(m_station, QStringLiteral("SELECT count(*) FROM fulfillment_orders")), 0);
  }

  void station_seesOnlyItsShop()
  {
    VERIFY_OK(queue::setSessionShop(m_station, m_shopA.shopId));
    QCOMPARE(test::scalar(m_station, QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id IN (?, ?)"),
                          {m_foA, m_foB}),
             1);
    QCOMPARE(test::scalar(m_station, QStringLiteral("SELECT count(*) FROM orders WHERE shop_id = ?"), {m_shopB.shopId}),
             0);
    const ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    queue::OrderQueue queue(m_station, clock, 120s);
    auto other = queue.claimSpecific(m_shopA.stationId, m_foB);
    QVERIFY(!other.ok());
    QCOMPARE(other.error().kind, ErrorKind::NotFound);
    auto otherQueue = queue.claimNext(m_shopA.stationId, m_shopB.locationId);
    VERIFY_OK(otherQueue);
    QVERIFY(!otherQueue->has_value());
  }

  void station_packsThroughTheQueue()
  {
    VERIFY_OK(queue::setSessionShop(m_station, m_shopA.shopId));
    ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    queue::OrderQueue queue(m_station, clock, 120s);
    auto station =
        queue::registerStation(m_station, QStringLiteral("roles-bench-") + m_stationUser, m_shopA.locationId);
    VERIFY_OK(station);
    auto claim = queue.claimNext(*station, m_shopA.locationId);
    VERIFY_OK(claim);
    QVERIFY(claim->has_value());
    const queue::Claim c = **claim;
    VERIFY_OK(queue.heartbeat(c));
    VERIFY_OK(test::addScan(m_station, c.fulfillmentOrderId, c.claimId, *station));
    VERIFY_OK(db::inTransaction(m_station, [&]() -> Status {
      auto box = db::exec(
          m_station,
          QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, weight_grams) VALUES (?, 1, 900)"),
          {c.fulfillmentOrderId});
      if (!box)
        return box.error();
      auto out = db::exec(m_station,
                          QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) "
                                         "VALUES (?, 'fulfillment.create', ?, ?, '{}'::jsonb)"),
                          {m_shopA.shopId, QString::number(c.fulfillmentOrderId), m_stationUser});
      if (!out)
        return out.error();
      return queue.markPacked(c);
    }));
    clock.advanceMs(3'600'000);
    VERIFY_OK(queue.reapExpired());
    QCOMPARE(test::scalar(m_admin,
                          QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = "
                                         "'packed'"),
                          {c.fulfillmentOrderId}),
             1);
  }

  void station_finishesWithLeasedWorkflow_underRowLevelSecurity()
  {
    auto fo = test::addQueuedOrder(m_admin, m_shopA.shopId, m_shopA.locationId, 99, QDateTime());
    VERIFY_OK(fo);
    auto packerRow =
        db::exec(m_admin, QStringLiteral("INSERT INTO packers (badge_id, name) VALUES (?, 'Roles') RETURNING id"),
                 {QVariant(QStringLiteral("PB-") + m_stationUser)});
    VERIFY_OK(packerRow);
    QVERIFY(packerRow.value().next());
    packing::Packer packer;
    packer.id = packerRow.value().value(0).toLongLong();
    VERIFY_OK(queue::setSessionShop(m_station, m_shopA.shopId));
    const ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(9, 0), Qt::UTC));
    queue::OrderQueue queue(m_station, clock, 120s);
    auto station = queue::registerStation(m_station, QStringLiteral("wf-bench-") + m_stationUser, m_shopA.locationId);
    VERIFY_OK(station);
    packing::LeasedQueueWorkflow workflow(m_station, queue, *station);
    auto taken = workflow.take(*fo, packer);
    VERIFY_OK(taken);
    VERIFY_OK(workflow.keepAlive(*taken));
    {
      // The two units are counted in this attempt, as the pack screen records them, under the station role.
      auto session =
          packing::PackSession::open(m_station, clock, *fo, {packer.id, taken->claimId, *station}, {false, false});
      VERIFY_OK(session);
      QCOMPARE((*session)->enterManual(0, 2, QStringLiteral("No barcode on item")).outcome, packing::Outcome::Counted);
    }
    VERIFY_OK(workflow.finish(*taken, false)); // as the station role: outbox and audit inserts are granted
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
    VERIFY_OK(queue::setSessionShop(m_station, m_shopA.shopId));
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
  }
};

QTEST_GUILESS_MAIN(DatabaseRolesTest)
#include "database_roles_test.moc"
