// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the filter files; internal to the Liquid engine.
#pragma once

#include "core/documents/liquid/context.h"
#include "core/documents/liquid/filters.h"
#include "core/documents/liquid/value.h"

#include <QHash>

namespace pb::documents::liquid::filtersupport {

using namespace Qt::StringLiterals;
using Args = QVariantList;
using Kwargs = QVariantMap;
using FilterTable = QHash<QString, FilterFn>;

inline QVariant arg(const Args &args, qsizetype i)
{
  return i < args.size() ? args.at(i) : QVariant();
}

inline QString str(const QVariant &v)
{
  return toOutput(v);
}

inline Error fail(const QString &message)
{
  return makeError(ErrorKind::InvalidInput, message);
}

// A merchant template must not build a string or a list past the render's output budget (doubling one in a loop
// would take the station's memory before the output budget ever saw it); `size` in characters or items.
inline Status fitsBudget(const Context &ctx, qint64 size, const char *what = "string", const char *unit = "characters")
{
  if (size <= ctx.options().maxOutputChars)
    return {};
  return fail(u"%1 of %2 %3 exceeds the output budget of %4"_s.arg(QLatin1String(what))
                  .arg(size)
                  .arg(QLatin1String(unit))
                  .arg(ctx.options().maxOutputChars));
}

inline Result<qint64> intArg(const Args &args, qsizetype i, const QString &filter)
{
  const auto value = toInteger(arg(args, i));
  if (!value)
    return fail(u"invalid integer for %1"_s.arg(filter));
  return *value;
}

// Ruby's item[key]: a map's value; for a string, the key itself when the string contains it.
inline QVariant property(const QVariant &item, const QVariant &key)
{
  if (isString(item))
    return item.toString().contains(toOutput(key)) ? key : QVariant();
  return isMap(item) ? lookup(item, key) : QVariant();
}
void addNumberFilters(FilterTable &table); // math, rounding, money, sum
void addListFilters(FilterTable &table);   // size, first, last, join, sort, map, where…

} // namespace pb::documents::liquid::filtersupport
