// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/stoppablethread.h"

#include <QElapsedTimer>

namespace pb::hub {

namespace {
constexpr unsigned long kStopCheckMs = 100; // how soon a stop request is noticed while waiting to reconnect
} // namespace

StoppableThread::StoppableThread(QObject *parent)
    : QThread(parent)
{}

void StoppableThread::requestStop()
{
  m_stop = true;
}

void StoppableThread::runReconnecting(const db::ConnectionSettings &database, const QString &connection,
                                      qint64 reconnectMs, QMessageLogger::CategoryFunction category, const char *what,
                                      const std::function<void(QSqlDatabase)> &work)
{
  while (!m_stop) {
    {
      auto db = db::openDatabase(database, connection);
      if (db)
        work(*db);
      else
        qCWarning(category).noquote() << what << "cannot reach the database:" << db.error().message;
    }
    QSqlDatabase::removeDatabase(connection);
    QElapsedTimer waited;
    waited.start();
    while (!m_stop && waited.elapsed() < reconnectMs)
      msleep(kStopCheckMs);
  }
}

} // namespace pb::hub
