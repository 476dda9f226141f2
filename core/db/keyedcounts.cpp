// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/keyedcounts.h"

#include "core/db/sql.h"

namespace pb::db {

Result<KeyedCounts> keyedCounts(const QSqlDatabase &db, const QString &sql)
{
  auto rows = exec(db, sql);
  if (!rows)
    return rows.error();
  KeyedCounts counts;
  while (rows.value().next())
    counts.append({rows->value(0).toString(), rows->value(1).toLongLong()});
  return counts;
}

} // namespace pb::db
