// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/db/connection.h"

#include <QSqlDatabase>

#include <chrono>
#include <functional>
#include <optional>

namespace pb::db {

// Keeps one named connection usable: after an Unavailable error it reopens the connection, no more
// often than an exponential backoff allows (initial, doubling, capped), timed by the injected clock.
// The connection keeps its name, so every QSqlDatabase copy of it (queues, notifiers) sees the new one.
class Reconnector final {
public:
  struct Backoff {
    std::chrono::milliseconds initial{250};
    std::chrono::milliseconds maximum{30'000};
  };
  // Re-applies session state after each (re)open: session settings, LISTENs.
  using OnConnected = std::function<Status(const QSqlDatabase &)>;

  Reconnector(QString connectionName, const Clock &clock, Backoff backoff, OnConnected onConnected = {});
  Reconnector(QString connectionName, const Clock &clock);
  // For a connection not opened yet: ensureOpen() opens it from the settings (same backoff when that fails).
  Reconnector(ConnectionSettings settings, QString connectionName, const Clock &clock, Backoff backoff,
              OnConnected onConnected = {});
  Q_DISABLE_COPY_MOVE(Reconnector)

  // Ok when the connection is believed usable; reopens it when down and the backoff allows,
  // else Unavailable saying when the next attempt will be.
  Status ensureOpen();
  // Feed every result's error here: Unavailable marks the connection down.
  void noteError(const Error &error);
  // Runs a cheap query; a failure marks the connection down.
  Status probe();

  bool isDown() const { return m_down; }
  int failedAttempts() const { return m_failedAttempts; }
  // Milliseconds until ensureOpen() will try again (0 = now); for the caller's retry timer.
  qint64 msUntilNextAttempt() const;
  QSqlDatabase database() const;

private:
  qint64 currentDelayMs() const;
  Status attemptFailed(const Error &error);

  std::optional<ConnectionSettings> m_settings;

  QString m_name;
  const Clock &m_clock;
  Backoff m_backoff;
  OnConnected m_onConnected;
  bool m_down = false;
  int m_failedAttempts = 0;
  qint64 m_nextAttemptMs = 0;
};

} // namespace pb::db
