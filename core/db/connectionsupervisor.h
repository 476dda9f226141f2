// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/db/reconnector.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace pb::db {

class ReachCheck;

// Keeps the named connections a program depends on usable: probes them while the database is up and,
// once one is lost, reopens each through its Reconnector (backoff) and re-applies its session state.
// Signals when the database became unavailable and when every connection is back, so the UI can say
// so and pick up where it left off. Owns one Reconnector per watched connection.
class ConnectionSupervisor final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(ConnectionSupervisor)

public:
  struct Options {
    std::chrono::milliseconds probeInterval{5'000}; // how soon a silent outage shows
    Reconnector::Backoff backoff;
    // Before reopening in this thread, try a throwaway connection on another one: a dead link then holds that
    // thread for connect_timeout, not the caller's (the station's window keeps taking scans while offline).
    bool checkReachOffThread = false;
  };

  ConnectionSupervisor(const Clock &clock, Options options, QObject *parent = nullptr);
  ~ConnectionSupervisor() override;

  // Watches one named connection; onConnected runs after every reopen (session settings, LISTEN).
  // Connections are restored in the order they were added.
  void watch(const QString &connectionName, Reconnector::OnConnected onConnected = {});
  // Starts probing.
  void start();

  bool isAvailable() const { return m_available; }
  // Why the database is unavailable (for logs and the lead; never shown as the only hint).
  const QString &lastError() const { return m_lastError; }
  // Failed reconnect rounds since the outage began.
  int failedRounds() const { return m_failedRounds; }
  // Any caller's error: an Unavailable one makes the supervisor check every connection now.
  void noteError(const Error &error);

  // A caller saw the link fail in a way a probe may not (a write that timed out): the database counts as
  // unavailable now, and only a reconnect round that finds every connection usable makes it available again.
  void declareLost(const QString &reason);

public Q_SLOTS:
  void checkNow();

Q_SIGNALS:
  void unavailable(const QString &reason);
  // Every watched connection is open again and its session state re-applied.
  void restored();
  // A reconnect round failed; the next one is due in nextAttemptMs.
  void reconnectFailed(int rounds, qint64 nextAttemptMs);

private:
  struct Watched {
    QString name;
    std::unique_ptr<Reconnector> reconnector;
  };
  void tick();
  // The first probe failure's message, if any connection is down.
  std::optional<QString> probeAll();
  // Reopens what is down, in order; -1 when all are back, else ms until the next round is due.
  qint64 reconnectAll();

  const Clock &m_clock;
  Options m_options;
  std::vector<Watched> m_watched;
  // Reopens only once a throwaway connection on another thread got through; meanwhile says when to look again.
  qint64 reconnectWhenReachable();
  void reachChecked(bool reached);

  enum class Reach { Unknown, Checking, Reachable };
  QTimer *m_timer = nullptr;
  ReachCheck *m_reachCheck = nullptr;
  Reach m_reach = Reach::Unknown;
  bool m_available = true;
  bool m_inTick = false;
  int m_failedRounds = 0;
  QString m_lastError;
};

} // namespace pb::db
