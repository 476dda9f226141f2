// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/sql.h"

#include "core/db/connectionstate.h"

#include <QSqlDriver>

namespace pb::db {

namespace {
// Every error the server raises carries a SQLSTATE; libpq's own text without one ("server closed the connection
// unexpectedly") means the link failed, even while PQstatus still reads OK (an immediate shutdown's socket, seen by
// database_outage_test). Qt's own statement errors ("Parameter count mismatch") carry no database text.
bool isLibpqConnectionFailure(const QSqlDatabase &db, const QSqlError &error)
{
  return db.driverName() == u"QPSQL" && error.nativeErrorCode().isEmpty() && !error.databaseText().trimmed().isEmpty();
}
} // namespace

std::optional<ErrorKind> errorKindForCode(QStringView code)
{
  if (code.startsWith(u"08") || code == u"57P01")
    return ErrorKind::Unavailable; // connection exceptions, admin shutdown
  if (code == u"23505" || code == u"40001" || code == u"40P01" || code == u"2067" || code == u"1555")
    return ErrorKind::Conflict; // unique violation, serialization failure, deadlock
  if (code == u"42501" || code.startsWith(u"PBA"))
    return ErrorKind::Permission;
  // Raised by the station functions (migration 0012): PBC conflict, PBN not found, PBI bad input.
  if (code.startsWith(u"PBC"))
    return ErrorKind::Conflict;
  if (code.startsWith(u"PBN"))
    return ErrorKind::NotFound;
  if (code.startsWith(u"PBI"))
    return ErrorKind::InvalidInput;
  if (code.startsWith(u"PBS")) // the packer's sign-in (migration 0016): none, unknown, ended, expired
    return ErrorKind::SignedOut;
  if (code.startsWith(u"23") || code.startsWith(u"22") || code == u"19" || code == u"275" || code == u"787")
    return ErrorKind::InvalidInput; // constraint or data errors
  return std::nullopt;
}

bool isStationFunctionCode(QStringView code)
{
  return code.size() == 5 && code.startsWith(u"PB");
}

QString stationFunctionMessage(const QString &serverText)
{
  // Only the primary message: it is written for people (and matches the translated C++ texts).
  QString text = serverText.section(u'\n', 0, 0).trimmed();
  if (text.startsWith(u"ERROR:"))
    text = text.mid(6).trimmed();
  return text;
}

Error toError(const QSqlError &error, const QString &context)
{
  // Codes first: Qt's SQLite driver reports every failed step (even a unique violation) as ConnectionError.
  ErrorKind kind =
      errorKindForCode(error.nativeErrorCode())
          .value_or(error.type() == QSqlError::ConnectionError ? ErrorKind::Unavailable : ErrorKind::Internal);
  const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
  Error mapped = isStationFunctionCode(error.nativeErrorCode())
                     ? makeError(kind, stationFunctionMessage(text))
                     : makeError(kind, QStringLiteral("%1: %2").arg(context, text.trimmed()));
  mapped.code = error.nativeErrorCode();
  return mapped;
}

Error toError(const QSqlDatabase &db, const QSqlError &error, const QString &context)
{
  Error mapped = toError(error, context);
  if (mapped.kind != ErrorKind::Unavailable && (isConnectionBroken(db) || isLibpqConnectionFailure(db, error)))
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

Result<QSqlQuery> execOneRow(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                             const QString &missing)
{
  auto query = exec(db, sql, values);
  if (query && !query.value().next())
    return makeError(ErrorKind::NotFound, missing);
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
