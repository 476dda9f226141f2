// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/sqlvalues.h"

#include "core/db/sql.h"

#include <QJsonDocument>

namespace pb::db {

QString isoUtc(const QDateTime &time)
{
  return time.toUTC().toString(Qt::ISODateWithMs);
}

QVariant timeValue(const QSqlDatabase &db, const QDateTime &time)
{
  if (!time.isValid())
    return QVariant(QMetaType::fromType<QString>());
  if (isPostgres(db))
    return time.toUTC();
  return isoUtc(time);
}

QDateTime storedTime(const QVariant &value)
{
  if (value.isNull())
    return {};
  if (value.metaType() == QMetaType::fromType<QDateTime>())
    return value.toDateTime().toUTC();
  QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
  if (time.isValid() && time.timeSpec() == Qt::LocalTime)
    time.setTimeSpec(Qt::UTC); // SQLite text written without an offset is UTC
  return time.toUTC();
}

QVariant textOrNull(const QString &text)
{
  return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant textOrEmpty(const QString &text)
{
  return text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text);
}

QVariant idOrNull(qint64 id)
{
  return id <= 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(id);
}

QVariant timeOrNull(const QDateTime &time)
{
  return time.isValid() ? QVariant(time) : QVariant(QMetaType::fromType<QDateTime>());
}

QVariant bytesOrNull(const QByteArray &bytes)
{
  return bytes.isNull() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(bytes);
}

QVariant jsonOrNull(const QJsonObject &object)
{
  return object.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                          : QVariant(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

} // namespace pb::db
