// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/reconcilepoller.h"

#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/orderwriter.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcReconcile, "packbench.core.shopify.reconcilepoller")
}

ReconcilePoller::ReconcilePoller(QSqlDatabase db, GraphQlClient &client, QString shopDomain, const Clock &clock)
    : m_db(std::move(db))
    , m_statements(std::make_unique<db::StatementCache>(m_db))
    , m_client(client)
    , m_shopDomain(std::move(shopDomain))
    , m_clock(clock)
{}

ReconcilePoller::~ReconcilePoller() = default;

Result<QDateTime> ReconcilePoller::watermark(qint64 shopId)
{
  auto stored = db::exec(
      m_db, QStringLiteral("SELECT value FROM sync_watermarks WHERE shop_id = ? AND name = 'orders'"), {shopId});
  if (!stored)
    return stored.error();
  if (stored.value().next())
    return stored->value(0).toDateTime().toUTC();
  return m_clock.nowUtc().addSecs(-3600LL * kFirstLookbackHours);
}

Result<int> ReconcilePoller::pollOnce()
{
  auto shopId = orderwriter::ensureShop(*m_statements, m_shopDomain);
  if (!shopId)
    return shopId.error();
  auto since = watermark(*shopId);
  if (!since)
    return since.error();
  const QString filter = QStringLiteral("updated_at:>'%1'").arg(since->addSecs(-kOverlapSeconds).toString(Qt::ISODate));
  int changed = 0;
  QString cursor;
  QDateTime newest = *since;
  for (;;) {
    QJsonObject variables{{QStringLiteral("query"), filter}};
    if (!cursor.isEmpty())
      variables.insert(QStringLiteral("after"), cursor);
    auto data = m_client.execute(QStringLiteral("OrdersUpdatedSince"), variables);
    if (!data)
      return data.error();
    const QJsonObject orders = data->value(u"orders").toObject();
    const Status page = db::inTransaction(m_db, [&]() -> Status {
      for (const QJsonValue &value : orders.value(u"nodes").toArray()) {
        auto order = ordermapper::fromGraphQl(value.toObject());
        if (!order) {
          qCWarning(lcReconcile).noquote() << "skipping order node:" << order.error().message;
          continue;
        }
        orderwriter::Known known;
        known.mirror = m_mirror;
        auto applied = orderwriter::applyOrder(*m_statements, *shopId, *order, known);
        if (!applied)
          return applied.error();
        if (*applied != ApplyOutcome::Stale)
          ++changed;
        newest = std::max(newest, order->updatedAt);
      }
      // The watermark moves with the page it covers, in the same transaction.
      auto saved = db::exec(m_db,
                            QStringLiteral("INSERT INTO sync_watermarks (shop_id, name, value) VALUES (?, 'orders', ?) "
                                           "ON CONFLICT (shop_id, name) DO UPDATE SET value = GREATEST("
                                           "sync_watermarks.value, EXCLUDED.value), updated_at = now()"),
                            {*shopId, newest});
      return saved ? Status{} : Status{saved.error()};
    });
    if (!page)
      return page.error();
    const QJsonObject pageInfo = orders.value(u"pageInfo").toObject();
    if (!pageInfo.value(u"hasNextPage").toBool())
      break;
    cursor = pageInfo.value(u"endCursor").toString();
  }
  if (changed > 0)
    qCInfo(lcReconcile) << "reconciled" << changed << "order(s) whose webhooks did not arrive";
  return changed;
}

} // namespace pb::shopify
