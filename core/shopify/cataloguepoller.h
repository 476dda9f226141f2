// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace pb::db {
class StatementCache;
}

namespace pb::shopify {

class GraphQlClient;

// Catches products/* webhooks that never came: reads products updated since the 'products' watermark
// (sync_watermarks; the initial import sets it) with all their variants and writes them like webhooks.
// A shop without a watermark has not been imported yet: the poller leaves it to the import.
class CataloguePoller final {
  Q_DISABLE_COPY_MOVE(CataloguePoller)

public:
  CataloguePoller(QSqlDatabase db, GraphQlClient &client, qint64 shopId);
  ~CataloguePoller();

  // One pass over every page; how many products changed.
  Result<int> pollOnce();

  // Re-read this far behind the watermark: updates committed late at Shopify are not missed.
  static constexpr int kOverlapSeconds = 120;

private:
  QSqlDatabase m_db;
  GraphQlClient &m_client;
  qint64 m_shopId;
  std::unique_ptr<db::StatementCache> m_statements;
};

} // namespace pb::shopify
