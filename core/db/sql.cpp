// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/sql.h"

#include "core/db/connectionstate.h"

#include <QSqlDriver>

namespace pb::db {

std::optional<ErrorKind> errorKindForCode(QStringView code)
{
  if (code.startsWith(u"08") || code == u"57P01")
    return ErrorKind::Unavailable; // connection exceptions, admin shutdown
  if (code == u"23505" || code == u"40001" || code == u"40P01" || code == u"2067" || code == u"1555")
    return ErrorKind::Conflict; // unique violation, serialization failure, deadlock
  if (code == u"42501")
    return ErrorKind::Permission;
  if (code.startsWith(u"23") || code.startsWith(u"22") || code == u"19" || code == u"275" || code == u"787")
    return ErrorKind::InvalidInput; // constraint or data errors
  return std::nullopt;
}

Error toError(const QSqlError &error, const QString &context)
{
  // Codes first: Qt's SQLite driver reports every failed step (even a unique violation) as ConnectionError.
  ErrorKind kind =
      errorKindForCode(error.nativeErrorCode())
          .value_or(error.type() == QSqlError::ConnectionError ? ErrorKind::Unavailable : ErrorKind::Internal);
  const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
  return makeError(kind, QStringLiteral("%1: %2").arg(context, text.trimmed()));
}

Error toError(const QSqlDatabase &db, const QSqlError &error, const QString &context)
{
  Error mapped = toError(error, context);
  if (mapped.kind != ErrorKind::Unavailable && isConnectionBroken(db))
    mapped.kind = ErrorKind::Unavailable;
  return mapped;
}

Result<QSqlQuery> exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
  QSqlQuery query(db);
  if (!query.prepare(sql))
    return toError(db, query.lastError(), QStringLiteral("prepare"));
  for (const QVariant &value : values)
    query.addBindValue(value);
  if (!query.exec())
    return toError(db, query.lastError(), QStringLiteral("query"));
  return query;
}

Result<QSqlQuery> execStatic(const QSqlDatabase &db, const QString &sql)
{
  QSqlQuery query(db);
  if (!query.exec(sql))
    return toError(db, query.lastError(), QStringLiteral("query"));
  return query;
}

bool isPostgres(const QSqlDatabase &db)
{
  return db.driverName() == u"QPSQL";
}

} // namespace pb::db
