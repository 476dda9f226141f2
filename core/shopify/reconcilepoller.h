// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace pb::db {
class StatementCache;
}

namespace pb::shopify {

class GraphQlClient;

// Catches webhooks that never came: reads orders updated since a stored watermark
// (sync_watermarks, name 'orders') and feeds them through the same mapping as webhooks.
class ReconcilePoller final {
  Q_DISABLE_COPY_MOVE(ReconcilePoller)

public:
  ReconcilePoller(QSqlDatabase db, GraphQlClient &client, QString shopDomain, const Clock &clock);
  ~ReconcilePoller();

  // Orders it finds wait for their Shopify fulfillment orders like webhooks' (orderwriter::Known::mirror).
  void setMirrorFulfillmentOrders(bool on) { m_mirror = on; }

  // One pass over every page; returns how many orders were created or changed.
  Result<int> pollOnce();

  // Re-read this far behind the watermark: updates committed late at Shopify are not missed.
  static constexpr int kOverlapSeconds = 120;
  // Where a shop without a watermark starts.
  static constexpr int kFirstLookbackHours = 24;

private:
  Result<QDateTime> watermark(qint64 shopId);

  QSqlDatabase m_db;
  std::unique_ptr<db::StatementCache> m_statements; // the order writer's statements, prepared once per connection
  GraphQlClient &m_client;
  QString m_shopDomain;
  const Clock &m_clock;
  bool m_mirror = false;
};

} // namespace pb::shopify
