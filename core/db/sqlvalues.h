// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

// Values bound into SQL (and times read back) the same way everywhere: both drivers store times as
// ISO-8601 UTC text or timestamptz, and an absent value is a typed SQL NULL. The one home for these:
// do not write another copy next to a statement.
namespace pb::db {

// "2026-11-26T08:00:00.000Z"
QString isoUtc(const QDateTime &time);
// A time as this database takes it (timestamptz on PostgreSQL, isoUtc text on SQLite); NULL when invalid.
QVariant timeValue(const QSqlDatabase &db, const QDateTime &time);
// A time read back from either database, in UTC; invalid when NULL or unreadable.
QDateTime storedTime(const QVariant &value);

// NULL for an empty string, the text otherwise.
QVariant textOrNull(const QString &text);
// '' for a null string (Qt binds a null QString as NULL), the text otherwise: for NOT NULL text columns.
QVariant textOrEmpty(const QString &text);
// NULL for 0 or less (row ids start at 1), the id otherwise.
QVariant idOrNull(qint64 id);
// NULL for an invalid time, the time otherwise (statements that only run on PostgreSQL).
QVariant timeOrNull(const QDateTime &time);
// NULL for a null byte array, the bytes otherwise (an empty but set payload stays empty).
QVariant bytesOrNull(const QByteArray &bytes);
// NULL for an empty object, its compact JSON text otherwise.
QVariant jsonOrNull(const QJsonObject &object);
// NULL when unset, the value otherwise.
template <typename T> QVariant orNull(const std::optional<T> &value)
{
  return value ? QVariant::fromValue(*value) : QVariant(QMetaType::fromType<T>());
}

} // namespace pb::db
