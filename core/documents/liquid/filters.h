// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>
#include <QVariant>
#include <QVariantList>
#include <QVariantMap>

namespace pb::documents::liquid {

class Context;

// A filter: input | name: args…, key: value. Errors carry only the message; the caller adds the position.
using FilterFn = Result<QVariant> (*)(Context &ctx, const QVariant &input, const QVariantList &args,
                                      const QVariantMap &kwargs);

// nullptr for an unknown name: the parser turns that into an error.
FilterFn findFilter(const QString &name);

// strftime-style formatting for the date filter (Ruby's directives and flags).
Result<QVariant> dateFilter(Context &ctx, const QVariant &input, const QVariantList &args, const QVariantMap &kwargs);

// Integer minor units to "$1,234.50" / "$1,234.50 USD" / "1,234.50".
QString formatMoney(qint64 minor, const QString &currency, bool withSymbol, bool withCode);

} // namespace pb::documents::liquid
