// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/value.h"

#include <QDateTime>
#include <QRegularExpression>

#include <charconv>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pb::documents::liquid {

namespace {
int typeOf(const QVariant &v)
{
  return v.metaType().id();
}
} // namespace

bool isNil(const QVariant &v)
{
  return !v.isValid() || (v.isNull() && typeOf(v) != QMetaType::QString);
}

bool isTruthy(const QVariant &v)
{
  if (isNil(v))
    return false;
  if (typeOf(v) == QMetaType::Bool)
    return v.toBool();
  return true;
}

bool isInteger(const QVariant &v)
{
  switch (typeOf(v)) {
  case QMetaType::Int:
  case QMetaType::LongLong:
  case QMetaType::UInt:
  case QMetaType::ULongLong: return true;
  default: return false;
  }
}

bool isNumber(const QVariant &v)
{
  return isInteger(v) || typeOf(v) == QMetaType::Double || typeOf(v) == QMetaType::Float;
}

bool isString(const QVariant &v)
{
  return typeOf(v) == QMetaType::QString;
}

bool isList(const QVariant &v)
{
  return typeOf(v) == QMetaType::QVariantList || typeOf(v) == QMetaType::QStringList;
}

bool isMap(const QVariant &v)
{
  return typeOf(v) == QMetaType::QVariantMap || typeOf(v) == QMetaType::QVariantHash;
}

bool isEmptyValue(const QVariant &v)
{
  if (isString(v))
    return v.toString().isEmpty();
  if (isList(v))
    return v.toList().isEmpty();
  if (isMap(v))
    return v.toMap().isEmpty();
  return false;
}

bool isBlankValue(const QVariant &v)
{
  if (isNil(v))
    return true;
  if (typeOf(v) == QMetaType::Bool)
    return !v.toBool();
  if (isString(v))
    return v.toString().trimmed().isEmpty();
  return isEmptyValue(v);
}

QString formatFloat(double d)
{
  if (std::isnan(d))
    return u"NaN"_s;
  if (std::isinf(d))
    return d < 0 ? u"-Infinity"_s : u"Infinity"_s;
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  QString text = QString::fromLatin1(buffer, static_cast<qsizetype>(result.ptr - buffer));
  const qsizetype e = text.indexOf(u'e');
  if (e >= 0) { // Ruby: 1.0e+20
    QString mantissa = text.left(e);
    if (!mantissa.contains(u'.'))
      mantissa += u".0"_s;
    QString exponent = text.mid(e + 1);
    if (!exponent.startsWith(u'-') && !exponent.startsWith(u'+'))
      exponent.prepend(u'+');
    return mantissa + u'e' + exponent;
  }
  if (!text.contains(u'.'))
    text += u".0"_s;
  return text;
}

QString toOutput(const QVariant &v)
{
  if (isNil(v))
    return {};
  switch (typeOf(v)) {
  case QMetaType::Bool: return v.toBool() ? u"true"_s : u"false"_s;
  case QMetaType::Double:
  case QMetaType::Float: return formatFloat(v.toDouble());
  case QMetaType::QDateTime: return v.toDateTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
  default: break;
  }
  if (isList(v)) {
    QString out;
    for (const QVariant &item : v.toList())
      out += toOutput(item);
    return out;
  }
  if (isMap(v)) {
    QString out = u"{"_s;
    const QVariantMap map = v.toMap();
    bool first = true;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
      out += (first ? u"\""_s : u", \""_s) + it.key() + u"\"=>"_s;
      out += isString(it.value()) ? u'"' + it.value().toString() + u'"' : toOutput(it.value());
      first = false;
    }
    return out + u'}';
  }
  return v.toString();
}

namespace {

bool isAsciiDigit(QChar c)
{
  return c >= u'0' && c <= u'9';
}

// Liquid's Utils.to_number on a string: all of it "-?digits.digits" is a decimal; anything else is Ruby's to_i, the
// leading integer (a sign, digits, single underscores between digits) or 0, so "3.5kg" is 3 and "1e5" is 1. Past
// qint64 it goes on as a float, as Ruby's integers never wrap.
QVariant stringToNumber(const QString &text)
{
  static const QRegularExpression decimal(QStringLiteral("^-?[0-9]+\\.[0-9]+$"));
  const QString s = text.trimmed();
  if (decimal.match(s).hasMatch())
    return QVariant(s.toDouble());
  QString lead;
  qsizetype n = 0;
  if (n < s.size() && (s[n] == u'-' || s[n] == u'+'))
    lead += s[n++];
  for (; n < s.size(); ++n) {
    const bool joinsDigits =
        s[n] == u'_' && n > 0 && isAsciiDigit(s[n - 1]) && n + 1 < s.size() && isAsciiDigit(s[n + 1]);
    if (isAsciiDigit(s[n]))
      lead += s[n];
    else if (!joinsDigits)
      break;
  }
  bool ok = false;
  const qint64 i = lead.toLongLong(&ok);
  if (ok)
    return QVariant(i);
  const double d = lead.toDouble(&ok);
  return ok ? QVariant(d) : QVariant(qint64(0));
}

} // namespace

QVariant toNumber(const QVariant &v)
{
  if (isInteger(v))
    return QVariant(v.toLongLong());
  if (isNumber(v))
    return QVariant(v.toDouble());
  if (isString(v))
    return stringToNumber(v.toString());
  return QVariant(qint64(0)); // nil, true, false, lists and hashes, as Liquid's to_number
}

std::optional<qint64> integerIfFits(double d)
{
  constexpr double twoToThe63 = 9223372036854775808.0;
  if (!(d >= -twoToThe63 && d < twoToThe63)) // also false for NaN
    return std::nullopt;
  return static_cast<qint64>(d);
}

std::optional<qint64> toInteger(const QVariant &v)
{
  if (isInteger(v))
    return v.toLongLong();
  if (isNumber(v))
    return integerIfFits(v.toDouble());
  if (isString(v)) {
    bool ok = false;
    const qint64 i = v.toString().trimmed().toLongLong(&ok);
    if (ok)
      return i;
    const double d = v.toString().trimmed().toDouble(&ok);
    if (ok)
      return integerIfFits(d);
    return std::nullopt;
  }
  if (isNil(v))
    return 0;
  return std::nullopt;
}

double toDouble(const QVariant &v)
{
  return toNumber(v).toDouble();
}

bool liquidEquals(const QVariant &a, const QVariant &b)
{
  if (isNil(a) || isNil(b))
    return isNil(a) && isNil(b);
  if (isNumber(a) && isNumber(b)) {
    if (isInteger(a) && isInteger(b))
      return a.toLongLong() == b.toLongLong();
    return a.toDouble() == b.toDouble();
  }
  if (typeOf(a) == QMetaType::Bool || typeOf(b) == QMetaType::Bool)
    return typeOf(a) == typeOf(b) && a.toBool() == b.toBool();
  if (isString(a) && isString(b))
    return a.toString() == b.toString();
  if (isList(a) && isList(b)) {
    const QVariantList la = a.toList();
    const QVariantList lb = b.toList();
    if (la.size() != lb.size())
      return false;
    for (qsizetype i = 0; i < la.size(); ++i)
      if (!liquidEquals(la[i], lb[i]))
        return false;
    return true;
  }
  if (isMap(a) && isMap(b)) {
    const QVariantMap ma = a.toMap();
    const QVariantMap mb = b.toMap();
    if (ma.size() != mb.size())
      return false;
    for (auto it = ma.cbegin(); it != ma.cend(); ++it)
      if (!mb.contains(it.key()) || !liquidEquals(it.value(), mb.value(it.key())))
        return false;
    return true;
  }
  return false;
}

QString equalityBucket(const QVariant &v)
{
  if (isNil(v))
    return QStringLiteral("n");
  if (isNumber(v)) { // 1 == 1.0 and 0.0 == -0.0, as liquidEquals compares them
    const double d = v.toDouble();
    return QStringLiteral("d") + QString::number(d == 0 ? 0.0 : d, 'g', 17);
  }
  if (typeOf(v) == QMetaType::Bool)
    return v.toBool() ? QStringLiteral("t") : QStringLiteral("f");
  if (isString(v))
    return QStringLiteral("s") + v.toString();
  if (isList(v))
    return QStringLiteral("l%1").arg(v.toList().size());
  if (isMap(v))
    return QStringLiteral("m%1").arg(v.toMap().size());
  return {};
}

std::optional<int> liquidCompare(const QVariant &a, const QVariant &b)
{
  if (isNumber(a) && isNumber(b)) {
    if (isInteger(a) && isInteger(b)) {
      const qint64 x = a.toLongLong();
      const qint64 y = b.toLongLong();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    const double x = a.toDouble();
    const double y = b.toDouble();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (isString(a) && isString(b))
    return QString::compare(a.toString(), b.toString()) < 0 ? -1 : (a.toString() == b.toString() ? 0 : 1);
  return std::nullopt;
}

bool liquidContains(const QVariant &haystack, const QVariant &needle)
{
  if (isNil(needle))
    return false;
  if (isString(haystack))
    return haystack.toString().contains(toOutput(needle));
  if (isList(haystack)) {
    for (const QVariant &item : haystack.toList())
      if (liquidEquals(item, needle))
        return true;
    return false;
  }
  if (isMap(haystack))
    return haystack.toMap().contains(toOutput(needle));
  return false;
}

QVariant lookup(const QVariant &container, const QVariant &key)
{
  if (isMap(container)) {
    const QVariantMap map = container.toMap();
    const QString name = toOutput(key);
    const auto it = map.constFind(name);
    if (it != map.cend())
      return it.value();
    if (name == u"size"_s && isString(key))
      return QVariant(qint64(map.size()));
    return {};
  }
  if (isList(container)) {
    const QVariantList list = container.toList();
    if (isInteger(key)) {
      qint64 index = key.toLongLong();
      if (index < 0)
        index += list.size();
      if (index < 0 || index >= list.size())
        return {};
      return list.at(index);
    }
    if (isString(key)) {
      const QString name = key.toString();
      if (name == u"size"_s)
        return QVariant(qint64(list.size()));
      if (name == u"first"_s)
        return list.isEmpty() ? QVariant() : list.first();
      if (name == u"last"_s)
        return list.isEmpty() ? QVariant() : list.last();
    }
    return {};
  }
  if (isString(container) && isString(key) && key.toString() == u"size"_s)
    return QVariant(qint64(container.toString().size()));
  return {};
}

QVariantList toList(const QVariant &v)
{
  if (isNil(v))
    return {};
  if (isList(v))
    return v.toList();
  if (isMap(v)) {
    QVariantList pairs;
    const QVariantMap map = v.toMap();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
      pairs.append(QVariant(QVariantList{it.key(), it.value()}));
    return pairs;
  }
  return {v};
}

QVariant normalize(const QVariant &v)
{
  if (isList(v)) {
    QVariantList out;
    for (const QVariant &item : v.toList())
      out.append(normalize(item));
    return QVariant(out);
  }
  if (isMap(v)) {
    QVariantMap out;
    const QVariantMap map = v.toMap();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
      out.insert(it.key(), normalize(it.value()));
    return QVariant(out);
  }
  if (typeOf(v) == QMetaType::Int || typeOf(v) == QMetaType::UInt || typeOf(v) == QMetaType::ULongLong)
    return QVariant(v.toLongLong());
  if (typeOf(v) == QMetaType::Nullptr)
    return {};
  return v;
}

} // namespace pb::documents::liquid
