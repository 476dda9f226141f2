// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/pgvalues.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QTime>

#include <libpq-fe.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace pb::db::pgvalues {

namespace {
QMetaType metaTypeFor(unsigned oid)
{
  switch (oid) {
  case kBoolOid: return QMetaType::fromType<bool>();
  case kByteaOid: return QMetaType::fromType<QByteArray>();
  case kInt8Oid: return QMetaType::fromType<qlonglong>();
  case kInt2Oid:
  case kInt4Oid: return QMetaType::fromType<int>();
  case kOidOid: return QMetaType::fromType<int>();
  case kFloat4Oid:
  case kFloat8Oid:
  case kNumericOid: return QMetaType::fromType<double>();
  case kDateOid: return QMetaType::fromType<QDate>();
  case kTimeOid: return QMetaType::fromType<QTime>();
  case kTimestampOid:
  case kTimestamptzOid: return QMetaType::fromType<QDateTime>();
  default: return QMetaType::fromType<QString>(); // text, varchar, json, jsonb, uuid, …
  }
}

// "2026-11-26 13:20:00.123456+00" (DateStyle ISO, TimeZone UTC as Qt's driver sets them) to a QDateTime.
QDateTime parseTimestamp(QLatin1StringView text)
{
  QString iso = text.toString();
  if (iso.size() > 10 && iso.at(10) == u' ')
    iso[10] = u'T';
  const qsizetype sign = std::max(iso.lastIndexOf(u'+'), iso.lastIndexOf(u'-'));
  if (sign > 10) {
    const qsizetype offsetLength = iso.size() - sign - 1;
    if (offsetLength == 2)
      iso.append(u":00"); // "+05" → "+05:00"
  } else if (!iso.endsWith(u'Z')) {
    iso.append(u'Z'); // timestamp without time zone: Qt's driver reads it as UTC
  }
  // Microseconds do not fit QDateTime: keep milliseconds, as Qt's driver does.
  const qsizetype dot = iso.indexOf(u'.', 19);
  if (dot > 0) {
    qsizetype end = dot + 1;
    while (end < iso.size() && iso.at(end).isDigit())
      ++end;
    if (end - dot - 1 > 3)
      iso.remove(dot + 4, end - dot - 4);
  }
  return QDateTime::fromString(iso, Qt::ISODateWithMs);
}

double parseDouble(const char *text)
{
  if (qstricmp(text, "NaN") == 0)
    return std::nan("");
  if (qstricmp(text, "Infinity") == 0)
    return HUGE_VAL;
  if (qstricmp(text, "-Infinity") == 0)
    return -HUGE_VAL;
  return std::strtod(text, nullptr);
}
} // namespace

bool isNull(const QVariant &value)
{
  if (value.isNull())
    return true;
  switch (value.metaType().id()) {
  case QMetaType::QString: return value.toString().isNull();
  case QMetaType::QByteArray: return value.toByteArray().isNull();
  case QMetaType::QDate: return value.toDate().isNull();
  case QMetaType::QTime: return value.toTime().isNull();
  case QMetaType::QDateTime: return value.toDateTime().isNull();
  default: return false;
  }
}

std::optional<Parameter> toParameter(const QVariant &value, unsigned parameterOid)
{
  switch (value.metaType().id()) {
  case QMetaType::QByteArray:
    // bytea travels as raw bytes; into any other type the bytes are its text.
    return Parameter{value.toByteArray(), parameterOid == kByteaOid ? 1 : 0};
  case QMetaType::Bool:
    if (parameterOid == kBoolOid)
      return Parameter{value.toBool() ? QByteArrayLiteral("t") : QByteArrayLiteral("f")};
    return Parameter{value.toBool() ? QByteArrayLiteral("1") : QByteArrayLiteral("0")};
  case QMetaType::QDateTime:
    // UTC with its zone, like Qt's driver: right for timestamptz and timestamp columns alike.
    return Parameter{
        QLocale::c().toString(value.toDateTime().toUTC(), QStringLiteral("yyyy-MM-ddThh:mm:ss.zzz")).toLatin1() + 'Z'};
  case QMetaType::QDate: return Parameter{value.toDate().toString(Qt::ISODate).toLatin1()};
  case QMetaType::QTime: return Parameter{value.toTime().toString(Qt::ISODateWithMs).toLatin1()};
  case QMetaType::Double:
  case QMetaType::Float: return Parameter{QByteArray::number(value.toDouble(), 'g', QLocale::FloatingPointShortest)};
  default:
    if (!value.canConvert<QString>())
      return std::nullopt;
    return Parameter{value.toString().toUtf8()};
  }
}

QVariant nullFor(unsigned columnOid)
{
  return QVariant(metaTypeFor(columnOid), nullptr);
}

QVariant fromText(const char *text, int length, unsigned columnOid)
{
  switch (columnOid) {
  case kBoolOid: return QVariant(text[0] == 't');
  case kByteaOid: {
    size_t size = 0;
    unsigned char *bytes = PQunescapeBytea(reinterpret_cast<const unsigned char *>(text), &size);
    if (!bytes)
      return QVariant(QByteArray());
    QByteArray value(reinterpret_cast<const char *>(bytes), static_cast<qsizetype>(size));
    PQfreemem(bytes);
    return QVariant(value);
  }
  case kInt8Oid: // as Qt's driver: unsigned unless negative
    if (text[0] == '-')
      return QVariant(static_cast<qlonglong>(std::strtoll(text, nullptr, 10)));
    return QVariant(static_cast<qulonglong>(std::strtoull(text, nullptr, 10)));
  case kInt2Oid:
  case kInt4Oid:
  case kOidOid: return QVariant(std::atoi(text));
  case kFloat4Oid:
  case kFloat8Oid:
  case kNumericOid: return QVariant(parseDouble(text));
  case kDateOid: return QVariant(QDate::fromString(QLatin1StringView(text, length), Qt::ISODate));
  case kTimeOid: return QVariant(QTime::fromString(QLatin1StringView(text, length), Qt::ISODateWithMs));
  case kTimestampOid:
  case kTimestamptzOid: return QVariant(parseTimestamp(QLatin1StringView(text, length)));
  default: return QVariant(QString::fromUtf8(text, length));
  }
}

QString numberPlaceholders(const QString &sql, int *count)
{
  QString out;
  out.reserve(sql.size() + 16);
  int next = 0;
  QChar quote; // ' or " while inside quoted text
  for (qsizetype i = 0; i < sql.size(); ++i) {
    const QChar c = sql.at(i);
    if (!quote.isNull()) {
      out.append(c);
      if (c == quote)
        quote = QChar();
      continue;
    }
    if (c == u'\'' || c == u'"') {
      quote = c;
      out.append(c);
    } else if (c == u'-' && i + 1 < sql.size() && sql.at(i + 1) == u'-') {
      const qsizetype end = sql.indexOf(u'\n', i);
      const qsizetype stop = end < 0 ? sql.size() : end;
      out.append(QStringView(sql).mid(i, stop - i));
      i = stop - 1;
    } else if (c == u'/' && i + 1 < sql.size() && sql.at(i + 1) == u'*') {
      const qsizetype end = sql.indexOf(QStringLiteral("*/"), i + 2);
      const qsizetype stop = end < 0 ? sql.size() : end + 2;
      out.append(QStringView(sql).mid(i, stop - i));
      i = stop - 1;
    } else if (c == u'?') {
      out.append(u'$').append(QString::number(++next));
    } else {
      out.append(c);
    }
  }
  if (count)
    *count = next;
  return out;
}

} // namespace pb::db::pgvalues
