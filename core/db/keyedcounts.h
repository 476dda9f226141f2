// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <utility>

namespace pb::db {

// (key, count) pairs, e.g. rows per status for a backlog gauge.
using KeyedCounts = QList<std::pair<QString, qint64>>;

// Runs a statement whose rows are (text, number), such as "SELECT status, count(*) … GROUP BY status"; the
// pairs in row order.
Result<KeyedCounts> keyedCounts(const QSqlDatabase &db, const QString &sql);

} // namespace pb::db
