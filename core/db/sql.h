// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include <optional>

// How Packbench code runs SQL: every statement is prepared with bound values, through one of these.
//  - exec(db, sql, values): the default. Statements that run once per action, pass or tool run, on either
//    database; the QSqlQuery it returns is read row by row. Qt prepares and deallocates it on every call.
//    execOneRow is the same for a statement that must give a row (a look-up by key): NotFound when it gives none.
//  - StatementCache (statementcache.h): hot paths only, where one long-lived connection runs the same
//    statements again and again (the hub's inbox writers and processor, catalogue and order writes, the
//    station's OrderQueue). One per connection, owned by whoever owns the connection and kept as long; the
//    functions on those paths take `StatementCache &`. Rows come back read completely. On PostgreSQL it runs
//    through PgStatements (libpq's extended protocol), which nothing else uses.
//  - execStatic(db, sql): only for statements without values that PostgreSQL cannot PREPARE (BEGIN
//    IMMEDIATE, SAVEPOINT, SET, DDL), written in this repository.
//  - inTransaction(db, body): around every write that must be all or nothing.
// Values are bound the same way everywhere through sqlvalues.h (times, NULLs). No QSqlQuery is prepared or
// run outside core/db.
namespace pb::db {

// The ErrorKind a SQLSTATE (PostgreSQL) or extended result code (SQLite) stands for, if it is one we sort.
std::optional<ErrorKind> errorKindForCode(QStringView code);
// A SQLSTATE raised by the station functions (class PB, migration 0012): its message is shown as it is.
bool isStationFunctionCode(QStringView code);
// The primary line of a server message, without "ERROR:".
QString stationFunctionMessage(const QString &serverText);
// Maps a driver error to an ErrorKind: lost connections are Unavailable, unique violations Conflict.
Error toError(const QSqlError &error, const QString &context);
// The same, and Unavailable whenever the connection itself is gone: the driver closed it, PQstatus is bad, or libpq
// raised the error itself (no SQLSTATE) while both still read as fine.
Error toError(const QSqlDatabase &db, const QSqlError &error, const QString &context);

// Prepares and runs one statement with bound values (the default way; see the top of this file).
Result<QSqlQuery> exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});

// The same, for a statement that must give a row: the query comes back on that row; none is NotFound, `missing`.
Result<QSqlQuery> execOneRow(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                             const QString &missing);

// Runs body inside a transaction; commits if it succeeds, rolls back otherwise.
template <typename Body> Status inTransaction(QSqlDatabase &db, Body &&body)
{
  if (!db.transaction())
    return toError(db, db.lastError(), QStringLiteral("begin transaction"));
  Status status = body();
  if (!status.ok()) {
    db.rollback();
    return status;
  }
  if (!db.commit()) {
    const Error error = toError(db, db.lastError(), QStringLiteral("commit"));
    db.rollback();
    return error;
  }
  return {};
}

// Runs a statement that takes no values (DDL, PRAGMA, SET): PostgreSQL cannot PREPARE those.
// Only for SQL written in this repository, never for text built from input.
Result<QSqlQuery> execStatic(const QSqlDatabase &db, const QString &sql);

bool isPostgres(const QSqlDatabase &db);

} // namespace pb::db
