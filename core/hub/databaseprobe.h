// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/db/connection.h"

#include <QList>
#include <QMutex>
#include <QString>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <utility>

namespace pb::hub {

// What /healthz and /metrics report about the database, measured off the request path: this thread
// checks the database and counts the unsettled inbox and outbox rows every interval on its own
// connection (with a statement and lock timeout), and the ingest threads only read the last result.
// A store that hangs (a locked table, a slow fsync) never holds up a health check, and an unauthenticated
// caller can make the hub run no query at all.
class DatabaseProbe final : public QThread {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(DatabaseProbe)

public:
  struct Snapshot {
    bool measured = false;  // at least one check has finished
    bool reachable = false; // the last SELECT 1 answered
    qint64 ageMs = -1;      // since the last finished check (-1: none yet)
    bool backlogKnown = false;
    QList<std::pair<QString, qint64>> inboxRows;  // status, rows (not 'processed')
    QList<std::pair<QString, qint64>> outboxRows; // status, rows (not 'done')
  };

  DatabaseProbe(db::ConnectionSettings database, QString connectionName, int intervalMs = 2000,
                QObject *parent = nullptr);
  ~DatabaseProbe() override;

  // Thread-safe; never blocks on the database.
  Snapshot snapshot() const;
  // Waits (at most timeoutMs) until the first check has finished; true if it has.
  bool waitForFirstCheck(int timeoutMs) const;
  int intervalMs() const { return m_intervalMs; }
  void requestStop();

protected:
  void run() override;

private:
  struct Measured {
    bool reachable = false;
    bool backlogKnown = false;
    QList<std::pair<QString, qint64>> inboxRows;
    QList<std::pair<QString, qint64>> outboxRows;
  };
  void publish(Measured measured);

  db::ConnectionSettings m_database;
  QString m_connectionName;
  int m_intervalMs;
  std::atomic<bool> m_stop{false};
  mutable QMutex m_mutex;
  mutable QWaitCondition m_checked;
  Measured m_last;
  qint64 m_lastAtMs = -1; // QElapsedTimer::msecsSinceReference of the last finished check
};

} // namespace pb::hub
