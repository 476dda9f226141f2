// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/packfixture.h"

#include "core/db/connection.h"
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"

namespace pb::test {

Result<QSqlDatabase> openDemoSqlite(const QString &path, const QString &connectionName, const Clock &clock)
{
  db::ConnectionSettings settings;
  settings.sqlitePath = path;
  auto opened = db::openDatabase(settings, connectionName);
  if (!opened)
    return opened.error();
  QSqlDatabase db = *opened;
  if (auto migrated = db::MigrationRunner(QStringLiteral(":/migrations/sqlite")).migrate(db); !migrated)
    return migrated.error();
  if (auto seeded = db::seedDemoData(db, clock); !seeded)
    return seeded.error();
  return db;
}

Result<QSqlDatabase> openDemoDatabase(bool sqlite, const QString &dir, const QString &name, const Clock &clock)
{
  if (sqlite)
    return openDemoSqlite(dir + QStringLiteral("/%1.sqlite").arg(name), name, clock);
  auto scratch = createMigratedDatabase(name);
  if (!scratch)
    return scratch.error();
  QSqlDatabase db = scratch->db;
  if (auto seeded = db::seedDemoData(db, clock); !seeded)
    return seeded.error();
  return db;
}

Result<qint64> createClaimedOrder(const QSqlDatabase &db, const QString &name, const QList<TestLine> &lines)
{
  auto order = db::exec(db,
                        QStringLiteral("INSERT INTO orders (shop_id, name, shipping_method, note, gift_message) "
                                       "SELECT id, ?, 'UPS Ground', 'Fragile: pack the mug in paper', "
                                       "'Happy birthday!' FROM shops ORDER BY id LIMIT 1 RETURNING id"),
                        {name});
  if (!order)
    return order.error();
  order.value().next();
  const qint64 orderId = order.value().value(0).toLongLong();
  auto fo = db::exec(db,
                     QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, pack_state, ship_by) "
                                    "SELECT ?, id, 'claimed', '2026-11-26T15:00:00.000Z' FROM locations "
                                    "ORDER BY id LIMIT 1 RETURNING id"),
                     {orderId});
  if (!fo)
    return fo.error();
  fo.value().next();
  const qint64 foId = fo.value().value(0).toLongLong();
  for (const TestLine &line : lines) {
    auto inserted = db::exec(
        db,
        QStringLiteral("INSERT INTO fulfillment_order_lines (fulfillment_order_id, variant_id, title, variant_title, "
                       "sku, bin_location, quantity, remaining_quantity) SELECT ?, v.id, p.title, v.title, v.sku, "
                       "'A01-' || v.id, ?, ? FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ?"),
        {foId, line.quantity, line.quantity, line.sku});
    if (!inserted)
      return inserted.error();
    if (inserted.value().numRowsAffected() != 1)
      return makeError(ErrorKind::NotFound, QStringLiteral("no demo variant %1").arg(line.sku));
  }
  return foId;
}

QString barcodeFor(const QSqlDatabase &db, const QString &sku, const QString &kind)
{
  auto q = db::exec(db,
                    QStringLiteral("SELECT b.code FROM barcodes b JOIN variants v ON v.id = b.variant_id "
                                   "WHERE v.sku = ? AND b.kind = ? ORDER BY b.id LIMIT 1"),
                    {sku, kind});
  if (!q || !q.value().next())
    return {};
  return q.value().value(0).toString();
}

qint64 packerId(const QSqlDatabase &db, const QString &badge)
{
  return scalar(db, QStringLiteral("SELECT id FROM packers WHERE badge_id = ?"), {badge});
}

} // namespace pb::test
