// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSqlDatabase>

struct pg_conn;

namespace pb::db {

// libpq's connection behind an open QPSQL connection; null for other drivers or a closed connection.
pg_conn *pgConnection(const QSqlDatabase &db);

// True when the PostgreSQL client library knows the connection is gone. Some failures (a prepare on a
// terminated backend) carry no SQLSTATE; this tells them apart from ordinary SQL errors in any locale.
bool isConnectionBroken(const QSqlDatabase &db);

// Lifecycle events of one named connection, shared by every copy of it (a child of its driver).
class ConnectionEvents final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(ConnectionEvents)

public:
  explicit ConnectionEvents(QObject *parent);
  ~ConnectionEvents() override;
  // The connection's events object, made on first use; null for an invalid connection.
  static ConnectionEvents *of(const QSqlDatabase &db);

Q_SIGNALS:
  // Emitted just before a reopen: prepared statements must be dropped now, while the old session is gone,
  // because dropping them later sends a DEALLOCATE that fails (and would abort a transaction).
  void aboutToReopen();
};

} // namespace pb::db
