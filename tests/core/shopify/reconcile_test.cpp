// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The reconcile poller brings in orders whose webhooks never came, through the same mapping.
#include "core/base/clock.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/reconcilepoller.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/manualclock.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QJsonArray>
#include <QTest>

using namespace pb;

namespace {
QJsonObject orderNode(int id, const QDateTime &updatedAt, const QString &email, bool cancelled = false)
{
  return QJsonObject{
      {QStringLiteral("id"), QStringLiteral("gid://shopify/Order/%1").arg(id)},
      {QStringLiteral("name"), QStringLiteral("#%1").arg(id)},
      {QStringLiteral("email"), email},
      {QStringLiteral("updatedAt"), updatedAt.toString(Qt::ISODate)},
      {QStringLiteral("cancelledAt"), cancelled ? QJsonValue(updatedAt.toString(Qt::ISODate)) : QJsonValue()},
      {QStringLiteral("currencyCode"), QStringLiteral("USD")},
      {QStringLiteral("totalPriceSet"),
       QJsonObject{
           {QStringLiteral("shopMoney"), QJsonObject{{QStringLiteral("amount"), QStringLiteral("5.00")},
                                                     {QStringLiteral("currencyCode"), QStringLiteral("USD")}}}}},
      {QStringLiteral("lineItems"),
       QJsonObject{{QStringLiteral("nodes"),
                    QJsonArray{QJsonObject{
                        {QStringLiteral("id"), QStringLiteral("gid://shopify/LineItem/%1").arg(id * 100 + 1)},
                        {QStringLiteral("title"), QStringLiteral("Mug")},
                        {QStringLiteral("quantity"), 1},
                        {QStringLiteral("currentQuantity"), 1},
                        {QStringLiteral("unfulfilledQuantity"), 1}}}}}}};
}
} // namespace

class ReconcileTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;

  qint64 scalar(const QString &sql)
  {
    auto query = db::exec(m_db, sql);
    if (!query || !query.value().next())
      return -1;
    return query->value(0).toLongLong();
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("reconcile"));
    VERIFY_OK(scratch);
    m_db = scratch->db;
  }

  void poll_bringsMissedOrdersAndAdvancesTheWatermark()
  {
    const QDateTime start(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC);
    test::ManualClock clock(start);
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    for (int i = 0; i < 120; ++i) // many pages of 8
      fake.addOrderNode(orderNode(3000 + i, start.addSecs(-3600 + i), QStringLiteral("c%1@example.com").arg(i)));
    fake.addOrderNode(orderNode(2999, start.addDays(-3), QStringLiteral("old@example.com"))); // before the lookback
    const SystemClock realClock; // the bucket restores in real time: 16 pages of 867 requested points
    shopify::CostThrottle throttle(realClock);
    shopify::GraphQlSettings s;
    s.endpoint = fake.graphqlEndpoint();
    s.accessToken = fake.accessToken();
    shopify::GraphQlClient client(s, throttle);
    shopify::ReconcilePoller poller(m_db, client, QStringLiteral("fake.myshopify.com"), clock);

    auto first = poller.pollOnce();
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QCOMPARE(*first, 120);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders")), 120);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders")), 120);
    QCOMPARE(scalar(QStringLiteral("SELECT extract(epoch FROM value)::bigint FROM sync_watermarks")),
             start.addSecs(-3600 + 119).toSecsSinceEpoch());

    // Nothing new: the overlap re-reads a few orders but changes nothing.
    auto again = poller.pollOnce();
    QVERIFY(again.ok());
    QCOMPARE(*again, 0);

    // A cancel whose webhook was lost reaches the packing queue through the poll.
    fake.addOrderNode(orderNode(3005, start.addSecs(600), QStringLiteral("c5@example.com"), true));
    auto third = poller.pollOnce();
    QVERIFY(third.ok());
    QCOMPARE(*third, 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                   "WHERE o.shopify_id = '3005' AND f.pack_state = 'cancelled'")),
             1);
  }

  void migration_grantsTheHubRoleTheWatermarks()
  {
    // Roles are cluster-wide and migration 0002 may create this one concurrently: tolerate both.
    QVERIFY(db::execStatic(m_db, QStringLiteral("DO $$ BEGIN CREATE ROLE packbench_hub NOLOGIN; EXCEPTION WHEN "
                                                "duplicate_object OR unique_violation THEN NULL; END $$"))
                .ok());
    auto settings = test::createScratchDatabase(QStringLiteral("grants"));
    QVERIFY(settings.ok());
    auto fresh = db::openDatabase(*settings, QStringLiteral("grants-test"));
    QVERIFY(fresh.ok());
    QSqlDatabase db = *fresh;
    auto migrated = db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(db);
    QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
    auto granted = db::exec(db, QStringLiteral("SELECT has_table_privilege('packbench_hub', 'sync_watermarks', "
                                               "'INSERT, UPDATE, SELECT')"));
    QVERIFY(granted.ok() && granted.value().next());
    QVERIFY(granted->value(0).toBool());
  }

  void poll_deadShopify_leavesTheWatermark()
  {
    test::ManualClock clock(QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC));
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlSettings s;
    s.endpoint = QUrl(QStringLiteral("http://127.0.0.1:1/admin/api/2026-01/graphql.json"));
    s.maxRetries = 0;
    shopify::GraphQlClient client(s, throttle);
    const qint64 before = scalar(QStringLiteral("SELECT extract(epoch FROM value)::bigint FROM sync_watermarks"));
    shopify::ReconcilePoller poller(m_db, client, QStringLiteral("fake.myshopify.com"), clock);
    auto result = poller.pollOnce();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unavailable);
    QCOMPARE(scalar(QStringLiteral("SELECT extract(epoch FROM value)::bigint FROM sync_watermarks")), before);
  }
};

QTEST_GUILESS_MAIN(ReconcileTest)
#include "reconcile_test.moc"
