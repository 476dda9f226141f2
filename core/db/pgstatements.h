// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QVariantList>

#include <vector>

struct pg_conn;

namespace pb::db {

using Rows = QList<QVariantList>;

// StatementCache's engine on PostgreSQL; nothing else uses it (see core/db/sql.h for which call to use).
// Prepared statements on a QPSQL connection run through libpq's extended protocol (Parse once, then
// Bind/Execute with typed parameters). Qt's driver instead sends "EXECUTE stmt ('…literal…')" as SQL
// text, so PostgreSQL lexes every value again (a 1 kB webhook body as 2 kB of hex). Same results as Qt.
class PgStatements final {
public:
  explicit PgStatements(QSqlDatabase db);
  // Deallocates its statements on the server, as Qt does for a QSqlQuery that goes.
  ~PgStatements();
  Q_DISABLE_COPY_MOVE(PgStatements)

  // Can the connection be driven directly? (QPSQL, open, and no LISTEN that Qt must keep polling.)
  static bool usable(const QSqlDatabase &db);

  Result<Rows> query(const QString &sql, const QVariantList &values);
  Result<int> command(const QString &sql, const QVariantList &values);
  // Forgets every statement (the server forgot them when the connection was reopened).
  void clear();

private:
  struct Prepared {
    QByteArray name;
    std::vector<unsigned> parameterTypes;
  };
  struct Outcome;
  // Deallocates every statement on the server (when it is still the session that prepared them), then forgets them.
  void release();
  Result<Outcome> run(const QString &sql, const QVariantList &values);
  Result<const Prepared *> prepare(pg_conn *connection, const QString &sql);
  Error failure(pg_conn *connection, const void *result, const QString &context);

  QSqlDatabase m_db;
  pg_conn *m_preparedOn = nullptr;
  QHash<QString, Prepared> m_prepared;
};

} // namespace pb::db
