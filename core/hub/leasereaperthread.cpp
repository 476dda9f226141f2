// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/leasereaperthread.h"

#include "core/base/clock.h"
#include "core/queue/orderqueue.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <optional>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcReaper, "packbench.core.hub.leasereaperthread")
constexpr unsigned long kStopCheckMs = 100; // how soon a stop request is noticed between passes
} // namespace

LeaseReaperThread::LeaseReaperThread(db::ConnectionSettings database, std::chrono::seconds interval, QObject *parent)
    : QThread(parent)
    , m_database(std::move(database))
    , m_interval(interval)
{}

LeaseReaperThread::~LeaseReaperThread()
{
  requestStop();
  wait();
}

void LeaseReaperThread::requestStop()
{
  m_stop = true;
}

void LeaseReaperThread::run()
{
  const QString connection = QStringLiteral("hub-lease-reaper-%1").arg(quintptr(this), 0, 16);
  {
    const SystemClock clock;
    std::optional<QSqlDatabase> db;
    while (!m_stop) {
      if (!db) { // (re)connect lazily: the database may come back after a restart
        auto opened = db::openDatabase(m_database, connection);
        if (opened)
          db = *opened;
        else
          qCWarning(lcReaper).noquote() << "lease reaper cannot reach the database:" << opened.error().message;
      }
      bool lost = false;
      if (db) {
        queue::OrderQueue queue(*db, clock);
        auto returned = queue.reapExpired();
        if (!returned) {
          qCWarning(lcReaper).noquote() << "lease reaping failed:" << returned.error().message;
          lost = returned.error().kind == ErrorKind::Unavailable;
        } else if (*returned > 0) {
          Q_EMIT reaped(*returned);
        }
      }
      if (lost) { // reopened on the next pass
        db.reset();
        QSqlDatabase::removeDatabase(connection);
      }
      QElapsedTimer waited;
      waited.start();
      while (!m_stop && waited.elapsed() < qint64(m_interval.count()) * 1000)
        msleep(kStopCheckMs);
    }
  }
  QSqlDatabase::removeDatabase(connection);
}

} // namespace pb::hub
