// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/db/sqlvalues.h"

// Helpers shared by the catalogue writers (not part of the module's interface).
#include "core/base/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QVariant>

#include <optional>

namespace pb::db {
class StatementCache;
}

namespace pb::shopify::catalogue::detail {

// A timestamp as this database takes it: QDateTime for PostgreSQL, ISO-8601 UTC text for SQLite.
QVariant timeValue(const QSqlDatabase &db, const QDateTime &time);
// A stored timestamp read back from either database, in UTC; invalid when NULL.
QDateTime storedTime(const QVariant &value);
// "19.99" in the shop's currency to minor units; unset when the price is missing or unusable.
std::optional<qint64> priceMinor(const QString &price, const QString &currency);
using db::textOrNull;
Result<QString> shopCurrency(db::StatementCache &statements, qint64 shopId);

} // namespace pb::shopify::catalogue::detail
