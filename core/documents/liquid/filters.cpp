// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/filters.h"

#include "core/documents/liquid/context.h"
#include "core/documents/liquid/value.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace pb::documents::liquid {

namespace {

using Args = QVariantList;
using Kwargs = QVariantMap;

QVariant arg(const Args &args, qsizetype i)
{
  return i < args.size() ? args.at(i) : QVariant();
}

QString str(const QVariant &v)
{
  return toOutput(v);
}

Error fail(const QString &message)
{
  return makeError(ErrorKind::InvalidInput, message);
}

Result<qint64> intArg(const Args &args, qsizetype i, const QString &filter)
{
  const auto value = toInteger(arg(args, i));
  if (!value)
    return fail(u"invalid integer for %1"_s.arg(filter));
  return *value;
}

// --- strings ------------------------------------------------------------------------------------

Result<QVariant> upcase(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return QVariant(str(in).toUpper());
}
Result<QVariant> downcase(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return QVariant(str(in).toLower());
}
Result<QVariant> capitalize(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  const QString s = str(in);
  return QVariant(s.left(1).toUpper() + s.mid(1).toLower());
}
Result<QVariant> append(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  return QVariant(str(in) + str(arg(a, 0)));
}
Result<QVariant> prepend(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  return QVariant(str(arg(a, 0)) + str(in));
}
Result<QVariant> strip(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return QVariant(str(in).trimmed());
}
Result<QVariant> lstrip(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  const QString s = str(in);
  qsizetype n = 0;
  while (n < s.size() && s[n].isSpace())
    ++n;
  return QVariant(s.mid(n));
}
Result<QVariant> rstrip(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QString s = str(in);
  qsizetype n = s.size();
  while (n > 0 && s[n - 1].isSpace())
    --n;
  s.truncate(n);
  return QVariant(s);
}
Result<QVariant> stripNewlines(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QString s = str(in);
  s.remove(u'\r');
  s.remove(u'\n');
  return QVariant(s);
}
Result<QVariant> newlineToBr(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QString s = str(in);
  s.replace(u"\r\n"_s, u"\n"_s);
  s.replace(u"\n"_s, u"<br />\n"_s);
  return QVariant(s);
}
Result<QVariant> stripHtml(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  static const QRegularExpression blocks(u"<script.*?</script>|<!--.*?-->|<style.*?</style>"_s,
                                         QRegularExpression::DotMatchesEverythingOption |
                                             QRegularExpression::CaseInsensitiveOption);
  static const QRegularExpression tags(u"<.*?>"_s, QRegularExpression::DotMatchesEverythingOption);
  QString s = str(in);
  s.remove(blocks);
  s.remove(tags);
  return QVariant(s);
}
QString escapeHtml(const QString &s)
{
  QString out;
  out.reserve(s.size());
  for (const QChar c : s) {
    switch (c.unicode()) {
    case '&': out += u"&amp;"_s; break;
    case '<': out += u"&lt;"_s; break;
    case '>': out += u"&gt;"_s; break;
    case '"': out += u"&quot;"_s; break;
    case '\'': out += u"&#39;"_s; break;
    default: out += c;
    }
  }
  return out;
}
Result<QVariant> escape(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  return QVariant(escapeHtml(str(in)));
}
Result<QVariant> escapeOnce(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  static const QRegularExpression entity(u"&(?:lt|gt|amp|quot|#39|#\\d+|#x[0-9a-fA-F]+);"_s);
  const QString s = str(in);
  QString out;
  qsizetype at = 0;
  auto it = entity.globalMatch(s);
  while (it.hasNext()) {
    const auto m = it.next();
    out += escapeHtml(s.mid(at, m.capturedStart() - at)) + m.captured();
    at = m.capturedEnd();
  }
  out += escapeHtml(s.mid(at));
  return QVariant(out);
}
Result<QVariant> urlEncode(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  QString s = QString::fromLatin1(QUrl::toPercentEncoding(str(in), "*-._"));
  s.replace(u"%20"_s, u"+"_s);
  return QVariant(s);
}
Result<QVariant> urlDecode(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QString s = str(in);
  s.replace(u'+', u' ');
  return QVariant(QUrl::fromPercentEncoding(s.toUtf8()));
}
Result<QVariant> replace(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  QString s = str(in);
  return QVariant(s.replace(str(arg(a, 0)), str(arg(a, 1))));
}
Result<QVariant> replaceFirst(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  QString s = str(in);
  const QString what = str(arg(a, 0));
  const qsizetype at = s.indexOf(what);
  if (at >= 0)
    s.replace(at, what.size(), str(arg(a, 1)));
  return QVariant(s);
}
Result<QVariant> replaceLast(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  QString s = str(in);
  const QString what = str(arg(a, 0));
  const qsizetype at = s.lastIndexOf(what);
  if (at >= 0)
    s.replace(at, what.size(), str(arg(a, 1)));
  return QVariant(s);
}
Result<QVariant> remove(Context &c, const QVariant &in, const Args &a, const Kwargs &k)
{
  return replace(c, in, {arg(a, 0), QVariant(QString())}, k);
}
Result<QVariant> removeFirst(Context &c, const QVariant &in, const Args &a, const Kwargs &k)
{
  return replaceFirst(c, in, {arg(a, 0), QVariant(QString())}, k);
}
Result<QVariant> removeLast(Context &c, const QVariant &in, const Args &a, const Kwargs &k)
{
  return replaceLast(c, in, {arg(a, 0), QVariant(QString())}, k);
}
Result<QVariant> truncate(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  const QString s = str(in);
  auto length = a.isEmpty() ? Result<qint64>(50) : intArg(a, 0, u"truncate"_s);
  if (!length)
    return length.error();
  const QString ellipsis = a.size() > 1 ? str(a.at(1)) : u"..."_s;
  if (s.size() <= *length)
    return QVariant(s);
  const qint64 keep = std::max<qint64>(0, *length - ellipsis.size());
  return QVariant(s.left(keep) + ellipsis);
}
Result<QVariant> truncateWords(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  auto count = a.isEmpty() ? Result<qint64>(15) : intArg(a, 0, u"truncatewords"_s);
  if (!count)
    return count.error();
  const QString ellipsis = a.size() > 1 ? str(a.at(1)) : u"..."_s;
  const QStringList words = str(in).split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
  const qint64 keep = std::max<qint64>(1, *count);
  if (words.size() <= keep)
    return QVariant(str(in));
  return QVariant(words.mid(0, keep).join(u' ') + ellipsis);
}
Result<QVariant> split(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  const QString s = str(in);
  const QString sep = str(arg(a, 0));
  QVariantList out;
  if (s.isEmpty())
    return QVariant(out);
  if (sep.isEmpty()) {
    for (const QChar c : s)
      out.append(QVariant(QString(c)));
    return QVariant(out);
  }
  QStringList parts = sep == u" "_s ? s.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts) : s.split(sep);
  while (!parts.isEmpty() && parts.last().isEmpty()) // Ruby drops trailing empty fields
    parts.removeLast();
  for (const QString &p : parts)
    out.append(QVariant(p));
  return QVariant(out);
}
Result<QVariant> slice(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  const QVariant first = arg(a, 0);
  std::optional<qint64> start;
  if (isNumber(first)) {
    start = toInteger(first);
  } else if (isString(first)) {
    bool ok = false;
    const qint64 v = first.toString().trimmed().toLongLong(&ok);
    if (ok)
      start = v;
  }
  if (!start)
    return fail(u"invalid integer"_s);
  auto length = a.size() > 1 ? intArg(a, 1, u"slice"_s) : Result<qint64>(1);
  if (!length)
    return length.error();
  const qint64 size = isList(in) ? in.toList().size() : str(in).size();
  const qint64 from = *start < 0 ? *start + size : *start;
  if (from < 0 || from >= size || *length <= 0)
    return isList(in) ? QVariant(QVariantList()) : QVariant(QString());
  if (isList(in))
    return QVariant(in.toList().mid(from, *length));
  return QVariant(str(in).mid(from, *length));
}

// --- numbers ------------------------------------------------------------------------------------

enum class MathOp { Plus, Minus, Times, DividedBy, Modulo };

Result<QVariant> math(const QVariant &in, const QVariant &other, MathOp op)
{
  const QVariant a = toNumber(in);
  const QVariant b = toNumber(other);
  if (isInteger(a) && isInteger(b)) {
    const qint64 x = a.toLongLong();
    const qint64 y = b.toLongLong();
    switch (op) {
    case MathOp::Plus: return QVariant(x + y);
    case MathOp::Minus: return QVariant(x - y);
    case MathOp::Times: return QVariant(x * y);
    case MathOp::DividedBy:
    case MathOp::Modulo: {
      if (y == 0)
        return fail(u"divided by 0"_s);
      qint64 q = x / y;
      if ((x % y != 0) && ((x < 0) != (y < 0)))
        --q; // Ruby floors
      return op == MathOp::DividedBy ? QVariant(q) : QVariant(x - q * y);
    }
    }
  }
  const double x = a.toDouble();
  const double y = b.toDouble();
  switch (op) {
  case MathOp::Plus: return QVariant(x + y);
  case MathOp::Minus: return QVariant(x - y);
  case MathOp::Times: return QVariant(x * y);
  case MathOp::DividedBy:
    if (y == 0.0)
      return fail(u"divided by 0"_s);
    return QVariant(x / y);
  case MathOp::Modulo:
    if (y == 0.0)
      return fail(u"divided by 0"_s);
    return QVariant(x - y * std::floor(x / y));
  }
  return QVariant();
}
Result<QVariant> plus(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  return math(in, arg(a, 0), MathOp::Plus);
}
Result<QVariant> minus(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  return math(in, arg(a, 0), MathOp::Minus);
}
Result<QVariant> times(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  return math(in, arg(a, 0), MathOp::Times);
}
Result<QVariant> dividedBy(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  return math(in, arg(a, 0), MathOp::DividedBy);
}
Result<QVariant> modulo(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  return math(in, arg(a, 0), MathOp::Modulo);
}
Result<QVariant> absFilter(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  const QVariant n = toNumber(in);
  return isInteger(n) ? QVariant(std::abs(n.toLongLong())) : QVariant(std::fabs(n.toDouble()));
}
Result<QVariant> ceilFilter(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return QVariant(static_cast<qint64>(std::ceil(toDouble(in))));
}
Result<QVariant> floorFilter(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return QVariant(static_cast<qint64>(std::floor(toDouble(in))));
}
Result<QVariant> roundFilter(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  const QVariant n = toNumber(in);
  if (isInteger(n))
    return n;
  const qint64 digits = toInteger(arg(a, 0)).value_or(0);
  if (digits <= 0)
    return QVariant(static_cast<qint64>(std::round(n.toDouble())));
  const double scale = std::pow(10.0, static_cast<double>(digits));
  return QVariant(std::round(n.toDouble() * scale) / scale);
}
Result<QVariant> atLeast(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  const QVariant x = toNumber(in);
  const QVariant y = toNumber(arg(a, 0));
  return liquidCompare(x, y).value_or(0) < 0 ? y : x;
}
Result<QVariant> atMost(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  const QVariant x = toNumber(in);
  const QVariant y = toNumber(arg(a, 0));
  return liquidCompare(x, y).value_or(0) > 0 ? y : x;
}

// --- money (integer minor units) --------------------------------------------------------------

qint64 minorUnits(const QVariant &in)
{
  const QVariant n = toNumber(in);
  return isInteger(n) ? n.toLongLong() : static_cast<qint64>(std::llround(n.toDouble()));
}
QString currencyArg(Context &ctx, const Args &a)
{
  const QString c = str(arg(a, 0));
  return c.isEmpty() ? ctx.options().currency : c.toUpper();
}
Result<QVariant> money(Context &ctx, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  return QVariant(formatMoney(minorUnits(in), currencyArg(ctx, a), true, false));
}
Result<QVariant> moneyWithCurrency(Context &ctx, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  return QVariant(formatMoney(minorUnits(in), currencyArg(ctx, a), true, true));
}
Result<QVariant> moneyWithoutCurrency(Context &ctx, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  return QVariant(formatMoney(minorUnits(in), currencyArg(ctx, a), false, false));
}

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
Result<QVariant> join(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  if (isNil(in))
    return QVariant();
  const QString sep = a.isEmpty() ? u" "_s : str(a.at(0));
  QStringList parts;
  for (const QVariant &item : toList(in))
    parts.append(str(item));
  return QVariant(parts.join(sep));
}
Result<QVariant> reverse(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  QVariantList list = toList(in);
  std::reverse(list.begin(), list.end());
  return QVariant(list);
}
// Ruby's item[key]: a map's value; for a string, the key itself when the string contains it.
QVariant property(const QVariant &item, const QVariant &key)
{
  if (isString(item))
    return item.toString().contains(toOutput(key)) ? key : QVariant();
  return isMap(item) ? lookup(item, key) : QVariant();
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
  QVariantList seen;
  for (const QVariant &item : toList(in)) {
    const QVariant key = a.isEmpty() ? item : property(item, a.at(0));
    if (std::none_of(seen.cbegin(), seen.cend(),
                     [&](const QVariant &s) { return liquidEquals(s, key) && isNil(s) == isNil(key); })) {
      seen.append(key);
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
Result<QVariant> concat(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  if (!isList(arg(a, 0)))
    return fail(u"concat filter requires an array argument"_s);
  return QVariant(toList(in) + arg(a, 0).toList());
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
Result<QVariant> sum(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  QVariant total(qint64(0));
  for (const QVariant &item : toList(in)) {
    const QVariant v = a.isEmpty() ? item : property(item, a.at(0));
    if (isNumber(v) || isString(v)) {
      auto next = math(total, v, MathOp::Plus);
      if (next)
        total = *next;
    }
  }
  return total;
}

// --- misc ---------------------------------------------------------------------------------------

Result<QVariant> defaultFilter(Context &, const QVariant &in, const Args &a, const Kwargs &k)
{
  const bool allowFalse = isTruthy(k.value(u"allow_false"_s));
  const bool isFalse = in.metaType().id() == QMetaType::Bool && !in.toBool();
  if (isNil(in) || (isFalse && !allowFalse) || isEmptyValue(in))
    return arg(a, 0);
  return in;
}

} // namespace

QString formatMoney(qint64 minor, const QString &currency, bool withSymbol, bool withCode)
{
  static const QHash<QString, QString> symbols{{u"USD"_s, u"$"_s}, {u"CAD"_s, u"$"_s},    {u"AUD"_s, u"$"_s},
                                               {u"NZD"_s, u"$"_s}, {u"EUR"_s, u"€"_s},    {u"GBP"_s, u"£"_s},
                                               {u"JPY"_s, u"¥"_s}, {u"CHF"_s, u"CHF "_s}, {u"INR"_s, u"₹"_s}};
  static const QSet<QString> zeroDecimal{u"JPY"_s, u"KRW"_s, u"VND"_s, u"CLP"_s, u"ISK"_s};
  const bool negative = minor < 0;
  const quint64 magnitude = negative ? static_cast<quint64>(-(minor + 1)) + 1 : static_cast<quint64>(minor);
  const int decimals = zeroDecimal.contains(currency) ? 0 : 2;
  const quint64 divisor = decimals == 0 ? 1 : 100;
  QString whole = QString::number(magnitude / divisor);
  for (qsizetype i = whole.size() - 3; i > 0; i -= 3)
    whole.insert(i, u',');
  QString amount = whole;
  if (decimals > 0)
    amount += u'.' + QString::number(magnitude % divisor).rightJustified(2, u'0');
  QString out = negative ? u"-"_s : QString();
  if (withSymbol)
    out += symbols.value(currency, currency + u' ');
  out += amount;
  if (withCode)
    out += u' ' + currency;
  return out;
}

FilterFn findFilter(const QString &name)
{
  static const QHash<QString, FilterFn> filters{
      {u"upcase"_s, upcase},
      {u"downcase"_s, downcase},
      {u"capitalize"_s, capitalize},
      {u"append"_s, append},
      {u"prepend"_s, prepend},
      {u"strip"_s, strip},
      {u"lstrip"_s, lstrip},
      {u"rstrip"_s, rstrip},
      {u"strip_newlines"_s, stripNewlines},
      {u"newline_to_br"_s, newlineToBr},
      {u"strip_html"_s, stripHtml},
      {u"escape"_s, escape},
      {u"h"_s, escape},
      {u"escape_once"_s, escapeOnce},
      {u"url_encode"_s, urlEncode},
      {u"url_decode"_s, urlDecode},
      {u"replace"_s, replace},
      {u"replace_first"_s, replaceFirst},
      {u"replace_last"_s, replaceLast},
      {u"remove"_s, remove},
      {u"remove_first"_s, removeFirst},
      {u"remove_last"_s, removeLast},
      {u"truncate"_s, truncate},
      {u"truncatewords"_s, truncateWords},
      {u"split"_s, split},
      {u"slice"_s, slice},
      {u"plus"_s, plus},
      {u"minus"_s, minus},
      {u"times"_s, times},
      {u"divided_by"_s, dividedBy},
      {u"modulo"_s, modulo},
      {u"abs"_s, absFilter},
      {u"ceil"_s, ceilFilter},
      {u"floor"_s, floorFilter},
      {u"round"_s, roundFilter},
      {u"at_least"_s, atLeast},
      {u"at_most"_s, atMost},
      {u"money"_s, money},
      {u"money_with_currency"_s, moneyWithCurrency},
      {u"money_without_currency"_s, moneyWithoutCurrency},
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
      {u"sum"_s, sum},
      {u"default"_s, defaultFilter},
      {u"date"_s, dateFilter},
  };
  return filters.value(name, nullptr);
}

} // namespace pb::documents::liquid
