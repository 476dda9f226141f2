// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/outbox/backlog.h"

namespace pb::outbox {

Result<db::KeyedCounts> unsettledCounts(const QSqlDatabase &db)
{
  return db::keyedCounts(db, QStringLiteral("SELECT status, count(*) FROM outbox WHERE status <> 'done' GROUP BY "
                                            "status ORDER BY status"));
}

} // namespace pb::outbox
