// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/context.h"
#include "core/documents/liquid/filtersupport.h"

#include <QSet>

#include <cmath>
#include <limits>
#include <optional>

namespace pb::documents::liquid {

using namespace filtersupport;

namespace {

// --- numbers ------------------------------------------------------------------------------------

enum class MathOp { Plus, Minus, Times, DividedBy, Modulo };

// nullopt where the result does not fit in qint64; a division by 0 fails as in Ruby.
std::optional<Result<QVariant>> integerMath(qint64 x, qint64 y, MathOp op)
{
  const auto exact = [](bool overflowed, qint64 r) {
    return overflowed ? std::nullopt : std::optional<Result<QVariant>>(QVariant(r));
  };
  qint64 r = 0;
  bool overflowed = false; // computed before `exact` reads r: argument order is unspecified
  switch (op) {
  case MathOp::Plus: overflowed = __builtin_add_overflow(x, y, &r); return exact(overflowed, r);
  case MathOp::Minus: overflowed = __builtin_sub_overflow(x, y, &r); return exact(overflowed, r);
  case MathOp::Times: overflowed = __builtin_mul_overflow(x, y, &r); return exact(overflowed, r);
  case MathOp::DividedBy:
  case MathOp::Modulo: {
    if (y == 0)
      return Result<QVariant>(fail(u"divided by 0"_s));
    if (op == MathOp::Modulo) { // Ruby's sign follows the divisor; |x % y| < |y|, so neither step overflows
      if (y == -1)
        return exact(false, 0); // and -2^63 % -1 would trap
      qint64 rest = x % y;
      if (rest != 0 && ((rest < 0) != (y < 0)))
        rest += y;
      return exact(false, rest);
    }
    if (x == std::numeric_limits<qint64>::min() && y == -1)
      return std::nullopt; // 2^63: a float
    qint64 q = x / y;
    if ((x % y != 0) && ((x < 0) != (y < 0)))
      --q; // Ruby floors
    return exact(false, q);
  }
  }
  return std::nullopt;
}

// ceil/floor/round give an integer where it fits and keep the double past qint64.
QVariant wholeNumber(double d)
{
  const auto fits = integerIfFits(d);
  return fits ? QVariant(*fits) : QVariant(d);
}

Result<QVariant> math(const QVariant &in, const QVariant &other, MathOp op)
{
  const QVariant a = toNumber(in);
  const QVariant b = toNumber(other);
  if (isInteger(a) && isInteger(b)) {
    // Ruby's integers never overflow; where qint64 would (UB in C++), the double path below answers.
    if (const auto exact = integerMath(a.toLongLong(), b.toLongLong(), op))
      return *exact;
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
  if (isInteger(n) && n.toLongLong() != std::numeric_limits<qint64>::min())
    return QVariant(std::abs(n.toLongLong()));
  return QVariant(std::fabs(n.toDouble()));
}
Result<QVariant> ceilFilter(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return wholeNumber(std::ceil(toDouble(in)));
}
Result<QVariant> floorFilter(Context &, const QVariant &in, const Args &, const Kwargs &)
{
  return wholeNumber(std::floor(toDouble(in)));
}
Result<QVariant> roundFilter(Context &, const QVariant &in, const Args &a, const Kwargs &)
{
  const QVariant n = toNumber(in);
  if (isInteger(n))
    return n;
  const qint64 digits = toInteger(arg(a, 0)).value_or(0);
  if (digits <= 0)
    return wholeNumber(std::round(n.toDouble()));
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

void filtersupport::addNumberFilters(FilterTable &table)
{
  table.insert({
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
      {u"sum"_s, sum},
  });
}

} // namespace pb::documents::liquid
