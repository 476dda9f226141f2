// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <optional>

// Values between Qt and PostgreSQL's wire formats, for statements run through libpq directly
// (core/db/pgstatements.h). The conversions follow Qt's QPSQL driver so callers see the same QVariants.
namespace pb::db::pgvalues {

// PostgreSQL type oids (pg_type.dat) that get a dedicated conversion.
inline constexpr unsigned kBoolOid = 16;
inline constexpr unsigned kByteaOid = 17;
inline constexpr unsigned kInt8Oid = 20;
inline constexpr unsigned kInt2Oid = 21;
inline constexpr unsigned kInt4Oid = 23;
inline constexpr unsigned kOidOid = 26;
inline constexpr unsigned kFloat4Oid = 700;
inline constexpr unsigned kFloat8Oid = 701;
inline constexpr unsigned kDateOid = 1082;
inline constexpr unsigned kTimeOid = 1083;
inline constexpr unsigned kTimestampOid = 1114;
inline constexpr unsigned kTimestamptzOid = 1184;
inline constexpr unsigned kNumericOid = 1700;

// Qt binds these as SQL NULL: no value, or a null string, byte array, date or time.
bool isNull(const QVariant &value);

// One parameter as libpq takes it: bytes plus text (0) or binary (1) format. bytea goes binary.
struct Parameter {
  QByteArray bytes;
  int format = 0;
};
// The parameter for a value bound to a placeholder of type parameterOid; nullopt if Qt has no text for it.
std::optional<Parameter> toParameter(const QVariant &value, unsigned parameterOid);

// A text-format result value of the given column type as the QVariant Qt's driver would give.
QVariant fromText(const char *text, int length, unsigned columnOid);
// The typed null for a column of that type.
QVariant nullFor(unsigned columnOid);

// "UPDATE … WHERE a = ? AND b = ?" → "… a = $1 AND b = $2", leaving quoted text and comments alone.
QString numberPlaceholders(const QString &sql, int *count);

} // namespace pb::db::pgvalues
