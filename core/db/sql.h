// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include <optional>

namespace pb::db {

// The ErrorKind a SQLSTATE (PostgreSQL) or extended result code (SQLite) stands for, if it is one we sort.
std::optional<ErrorKind> errorKindForCode(QStringView code);
// A SQLSTATE raised by the station functions (class PB, migration 0012): its message is shown as it is.
bool isStationFunctionCode(QStringView code);
// The primary line of a server message, without "ERROR:".
QString stationFunctionMessage(const QString &serverText);
// Maps a driver error to an ErrorKind: lost connections are Unavailable, unique violations Conflict.
Error toError(const QSqlError &error, const QString &context);
// The same, and Unavailable whenever the connection itself is gone (some such failures have no SQLSTATE).
Error toError(const QSqlDatabase &db, const QSqlError &error, const QString &context);

// Prepares and runs one statement with bound values; the only way Packbench code runs SQL.
Result<QSqlQuery> exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});

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
