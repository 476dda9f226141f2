// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/db/connection.h"

#include <QLoggingCategory>
#include <QThread>

#include <atomic>
#include <functional>

namespace pb::hub {

// A hub worker thread that stops on request: its loops, and the clients it lends the flag to, watch m_stop.
class StoppableThread : public QThread {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(StoppableThread)

public:
  void requestStop();

protected:
  explicit StoppableThread(QObject *parent);

  // Opens the connection and runs work on it until work returns (the database went away), then opens it again
  // after reconnectMs, until a stop is requested; `what` names the work in the warning when it cannot connect.
  void runReconnecting(const db::ConnectionSettings &database, const QString &connection, qint64 reconnectMs,
                       QMessageLogger::CategoryFunction category, const char *what,
                       const std::function<void(QSqlDatabase)> &work);

  std::atomic<bool> m_stop{false};
};

} // namespace pb::hub
