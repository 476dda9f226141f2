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

// "19.99" in the shop's currency to minor units; unset when the price is missing or unusable.
std::optional<qint64> priceMinor(const QString &price, const QString &currency);
using db::storedTime;
using db::textOrNull;
using db::timeValue;
Result<QString> shopCurrency(db::StatementCache &statements, qint64 shopId);

} // namespace pb::shopify::catalogue::detail
