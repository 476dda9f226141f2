// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/filtersupport.h"

#include <algorithm>
#include <functional>

namespace pb::documents::liquid {

using namespace filtersupport;

namespace {

// --- lists --------------------------------------------------------------------------------------

Result<QVariant> size(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  if (isList(in))
    return QVariant(qint64(in.toList().size()));
  if (isMap(in))
    return QVariant(qint64(in.toMap().size()));
  if (isNil(in))
    return QVariant(qint64(0));
  return QVariant(qint64(str(in).size()));
}
Result<QVariant> first(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  if (isString(in))
    return QVariant(in.toString().left(1));
  return lookup(in, QVariant(u"first"_s));
}
Result<QVariant> last(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  if (isString(in))
    return QVariant(in.toString().right(1));
  return lookup(in, QVariant(u"last"_s));
}
Result<QVariant> join(Context &ctx, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  const QString sep = a.isEmpty() ? u" "_s : str(a.at(0));
  QStringList parts;
  qint64 joined = 0; // sized before it is built: n items and n - 1 separators, each within the budget
  for (const QVariant &item : toList(in)) {
    parts.append(str(item));
    joined += parts.last().size() + (parts.size() > 1 ? sep.size() : 0);
    if (Status fits = fitsBudget(ctx, joined); !fits)
      return fits.error();
  }
  return QVariant(parts.join(sep));
}
Result<QVariant> reverse(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QVariantList list = toList(in);
  std::reverse(list.begin(), list.end());
  return QVariant(list);
}
Result<QVariant> sortImpl(const QVariant &in, const Args &a, bool natural)
{
  if (isNil(in))
    return QVariant();
  QVariantList list = toList(in);
  const QVariant key = arg(a, 0);
  auto keyOf = [&](const QVariant &item) { return isNil(key) ? item : property(item, key); };
  std::stable_sort(list.begin(), list.end(), [&](const QVariant &x, const QVariant &y) {
    const QVariant kx = keyOf(x);
    const QVariant ky = keyOf(y);
    if (isNil(kx) || isNil(ky))
      return !isNil(kx) && isNil(ky); // nils last
    if (natural)
      return str(kx).toCaseFolded() < str(ky).toCaseFolded();
    const auto order = liquidCompare(kx, ky);
    return order ? *order < 0 : str(kx) < str(ky);
  });
  return QVariant(list);
}
Result<QVariant> sort(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  return sortImpl(in, a, false);
}
Result<QVariant> sortNatural(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  return sortImpl(in, a, true);
}
Result<QVariant> uniq(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  QVariantList out;
  // Each item is compared only with the kept ones of its equality bucket: compared with every kept item, 30,000
  // distinct numbers took 79 s, 40 times the slip's render budget, which is checked between filters.
  QHash<QString, QVariantList> seen;
  for (const QVariant &item : toList(in)) {
    const QVariant key = a.isEmpty() ? item : property(item, a.at(0));
    const QString bucket = equalityBucket(key);
    if (bucket.isEmpty()) { // equal to nothing: always kept
      out.append(item);
      continue;
    }
    QVariantList &kept = seen[bucket];
    if (std::none_of(kept.cbegin(), kept.cend(),
                     [&](const QVariant &s) { return liquidEquals(s, key) && isNil(s) == isNil(key); })) {
      kept.append(key);
      out.append(item);
    }
  }
  return QVariant(out);
}
Result<QVariant> compact(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  QVariantList out;
  for (const QVariant &item : toList(in))
    if (!isNil(a.isEmpty() ? item : property(item, a.at(0))))
      out.append(item);
  return QVariant(out);
}
Result<QVariant> concat(Context &ctx, const QVariant &in, const Args &a, const Kwargs &)
{
  if (!isList(arg(a, 0)))
    return fail(u"concat filter requires an array argument"_s);
  const QVariantList head = toList(in);
  const QVariantList tail = arg(a, 0).toList();
  if (Status fits = fitsBudget(ctx, qint64(head.size()) + tail.size(), "list", "items"); !fits)
    return fits.error();
  return QVariant(head + tail);
}
Result<QVariant> flatten(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QVariantList out;
  std::function<void(const QVariant &)> add = [&](const QVariant &v) {
    if (isList(v)) {
      for (const QVariant &item : v.toList())
        add(item);
    } else {
      out.append(v);
    }
  };
  add(in);
  return QVariant(out);
}
Result<QVariant> map(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  QVariantList out;
  for (const QVariant &item : toList(in))
    out.append(property(item, arg(a, 0)));
  return QVariant(out);
}
Result<QVariant> where(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  QVariantList out;
  for (const QVariant &item : toList(in)) {
    const QVariant value = property(item, arg(a, 0));
    if (a.size() > 1 ? liquidEquals(value, a.at(1)) : isTruthy(value))
      out.append(item);
  }
  return QVariant(out);
}
} // namespace

void filtersupport::addListFilters(FilterTable &table)
{
  table.insert({
      {u"size"_s, size},
      {u"first"_s, first},
      {u"last"_s, last},
      {u"join"_s, join},
      {u"reverse"_s, reverse},
      {u"sort"_s, sort},
      {u"sort_natural"_s, sortNatural},
      {u"uniq"_s, uniq},
      {u"compact"_s, compact},
      {u"concat"_s, concat},
      {u"flatten"_s, flatten},
      {u"map"_s, map},
      {u"where"_s, where},
  });
}

} // namespace pb::documents::liquid
