// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/connection.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace pb::db {

// One try at reaching the database on a thread of its own: a dead link holds that thread for connect_timeout, not
// the caller's, so a window keeps answering while it waits (the station's outage and its start before the central
// database is up). The try opens a throwaway connection and closes it again; nothing else of the caller's is touched.
class ReachCheck final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(ReachCheck)

public:
  explicit ReachCheck(QObject *parent = nullptr);
  ~ReachCheck() override; // waits for a try in flight: at most connect_timeout

  bool isRunning() const { return m_running; }
  // A connection opened from these settings (the password travels with them, into that thread only); with
  // verifySchema its schema is also checked as a program's start does (MigrationRunner::verify).
  void start(const ConnectionSettings &settings, bool verifySchema = false);
  // A clone of a connection this thread already has (its settings and password, not its state).
  void startClone(const QString &connectionName);

Q_SIGNALS:
  // On the caller's thread. error: why not (libpq's words, no password in them); schemaBehind: it answered, but is
  // older than this program (isSchemaBehind: an upgrade whose migrate has not run yet).
  void finished(bool reached, const QString &error, bool schemaBehind);

private:
  // attempt runs on the check's thread with a connection name of its own and says what stopped it, if anything.
  void run(std::function<Status(const QString &name)> attempt);

  std::unique_ptr<QThread> m_thread;
  bool m_running = false;
  Status m_outcome; // written by the check's thread before it finishes, read after
};

// The server answered and turned the login down (password, role, database, pg_hba.conf, certificate): waiting
// helps only once someone fixes the login. Otherwise nothing answered (down, restarting, network, name lookup).
bool isLoginRefusal(const QString &libpqMessage);

} // namespace pb::db
