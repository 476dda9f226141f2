// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/slipdata.h"

#include <QSqlDatabase>

namespace pb::documents {

// Reads what a packing slip needs for one fulfillment order (PostgreSQL or SQLite).
class SlipRepository final {
public:
  explicit SlipRepository(QSqlDatabase db);

  // NotFound for an unknown fulfillment order.
  Result<SlipData> load(qint64 fulfillmentOrderId) const;

private:
  QSqlDatabase m_db;
};

} // namespace pb::documents
