// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/sql.h"

#include "core/db/connectionstate.h"

#include <QSqlDriver>

namespace pb::db {

Error toError(const QSqlError &error, const QString &context)
{
  const QString code = error.nativeErrorCode();
  ErrorKind kind = ErrorKind::Internal;
  // Codes first: Qt's SQLite driver reports every failed step (even a unique violation) as ConnectionError.
  if (code.startsWith(u"08") || code == u"57P01")
    kind = ErrorKind::Unavailable; // connection exceptions, admin shutdown
  else if (code == u"23505" || code == u"40001" || code == u"40P01" || code == u"2067" || code == u"1555")
    kind = ErrorKind::Conflict; // unique violation, serialization failure, deadlock
  else if (code == u"42501")
    kind = ErrorKind::Permission;
  else if (code.startsWith(u"23") || code.startsWith(u"22") || code == u"19" || code == u"275" || code == u"787")
    kind = ErrorKind::InvalidInput; // constraint or data errors
  else if (error.type() == QSqlError::ConnectionError)
    kind = ErrorKind::Unavailable;
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
