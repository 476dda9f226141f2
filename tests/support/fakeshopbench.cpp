// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/fakeshopbench.h"

#include "core/db/sql.h"
#include "tests/support/outboxrig.h"
#include "tests/support/testdatabase.h"

#include <QDebug>
#include <QJsonDocument>
#include <QTest>

namespace pb::test {

Status FakeShopBench::openFakeShopBench(const QString &prefix)
{
  auto scratch = createMigratedDatabase(prefix);
  if (!scratch)
    return scratch.error();
  m_settings = scratch->settings;
  m_db = scratch->db;
  auto shop = insertFakeShop(m_db);
  if (!shop)
    return shop.error();
  m_shopId = shop->shopId;
  m_locationId = shop->locationId;
  return {};
}

qint64 FakeShopBench::scalar(const QString &sql, const QVariantList &values) const
{
  return test::scalar(m_db, sql, values);
}

QString FakeShopBench::text(const QString &sql, const QVariantList &values) const
{
  return test::text(m_db, sql, values);
}

bool FakeShopBench::run(const QString &sql, const QVariantList &values) const
{
  auto done = db::exec(m_db, sql, values);
  if (!done)
    qWarning().noquote() << done.error().message;
  return done.ok();
}

qint64 FakeShopBench::packedFulfillmentOrder(qint64 orderRowId, qint64 number, const QList<int> &quantities,
                                             bool idsKnown) const
{
  const qint64 fo =
      scalar(QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, pack_state, shopify_id) VALUES "
                            "(?, ?, 'packed', ?) RETURNING id"),
             {orderRowId, m_locationId,
              idsKnown ? QVariant(QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(number)) : QVariant()});
  if (fo <= 0)
    return -1;
  for (int i = 0; i < quantities.size(); ++i) {
    const QString lineItem = QString::number(number * 1000 + i + 1);
    if (!run(
            QStringLiteral("INSERT INTO fulfillment_order_lines (fulfillment_order_id, shopify_id, "
                           "line_item_shopify_id, title, quantity, remaining_quantity) VALUES (?, ?, ?, 'Item', ?, ?)"),
            {fo, idsKnown ? QVariant(QStringLiteral("gid://shopify/FulfillmentOrderLineItem/") + lineItem) : QVariant(),
             lineItem, quantities.at(i), quantities.at(i)}))
      return -1;
  }
  return fo;
}

qint64 FakeShopBench::packedWithFulfillmentRow(qint64 number, const QList<int> &quantities, bool idsKnown,
                                               const QJsonObject &extra) const
{
  const qint64 order =
      scalar(QStringLiteral("INSERT INTO orders (shop_id, shopify_id, name) VALUES (?, ?, ?) RETURNING id"),
             {m_shopId, QString::number(number), QStringLiteral("#%1").arg(number)});
  const qint64 fo = order > 0 ? packedFulfillmentOrder(order, number, quantities, idsKnown) : -1;
  if (fo <= 0)
    return -1;
  QJsonObject payload{{QStringLiteral("fulfillment_order_id"), fo}, {QStringLiteral("notify_customer"), false}};
  for (auto it = extra.begin(); it != extra.end(); ++it)
    payload.insert(it.key(), it.value());
  const bool seeded =
      run(QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, carrier, tracking_number) VALUES "
                         "(?, 1, 'UPS', ?)"),
          {fo, QStringLiteral("1ZDLV%1").arg(number)}) &&
      run(QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) VALUES (?, "
                         "'fulfillment.create', ?, ?, ?::jsonb)"),
          {m_shopId, QString::number(fo), QStringLiteral("fulfillment.create:%1").arg(fo),
           QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))});
  return seeded ? fo : -1;
}

bool FakeShopBench::drainOutbox(shopify::OutboxWorker &worker, int pauseMs) const
{
  for (int round = 0; round < 50; ++round) {
    if (!worker.runOnce())
      return false;
    if (scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status NOT IN ('done', 'dead')")) == 0)
      return true;
    QTest::qWait(pauseMs);
  }
  return false;
}

} // namespace pb::test
