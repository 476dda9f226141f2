// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <memory>

namespace pb::db {

class PgStatements;

// Rows of a result, read completely so no statement stays open (SQLite would keep its read lock).
using Rows = QList<QVariantList>;

// Hot-path statements prepared once per connection and re-executed with bound values: the same
// contract as exec(), without a PREPARE/DEALLOCATE round trip on every call (when to use which: sql.h).
// One per connection, living as long as its owner holds the connection; a cache that goes deallocates
// its statements, so a short-lived one is correct but pays the round trips exec() would have.
// On PostgreSQL they run through libpq's extended protocol (PgStatements), elsewhere through QSqlQuery.
class StatementCache final {
public:
  explicit StatementCache(QSqlDatabase db);
  ~StatementCache();
  Q_DISABLE_COPY_MOVE(StatementCache)

  // Runs a statement that returns rows.
  Result<Rows> query(const QString &sql, const QVariantList &values = {});
  // Runs a statement that returns none; the number of rows it changed.
  Result<int> command(const QString &sql, const QVariantList &values = {});
  // Forgets every prepared statement (after the connection was reopened).
  void clear();

  const QSqlDatabase &database() const { return m_db; }

private:
  Result<QSqlQuery *> run(const QString &sql, const QVariantList &values);
  // The libpq path when this connection can take it, else null (SQLite, closed, or LISTENing).
  PgStatements *native();

  QSqlDatabase m_db;
  QMetaObject::Connection m_reopenWatch;
  QHash<QString, std::shared_ptr<QSqlQuery>> m_queries;
  std::unique_ptr<PgStatements> m_native;
};

} // namespace pb::db
