// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/databaseprobe.h"

#include "core/base/clock.h"
#include "core/db/reconnector.h"
#include "core/db/sql.h"
#include "core/outbox/backlog.h"
#include "core/shopify/webhookinbox.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcProbe, "packbench.core.hub.databaseprobe")
constexpr int kStopCheckMs = 50;

// A check never waits long behind a lock or a slow statement: it reports what it could not count.
Status limitWaits(const QSqlDatabase &db)
{
  if (!db::isPostgres(db))
    return {}; // SQLite (the unit tests' hub) has no server-side waits to bound
  auto set = db::execStatic(db, QStringLiteral("SET statement_timeout = 1000"));
  if (!set)
    return set.error();
  auto lock = db::execStatic(db, QStringLiteral("SET lock_timeout = 500"));
  return lock ? Status{} : Status{lock.error()};
}

qint64 monotonicMs()
{
  QElapsedTimer now;
  now.start();
  return now.msecsSinceReference();
}
} // namespace

DatabaseProbe::DatabaseProbe(db::ConnectionSettings database, QString connectionName, int intervalMs, QObject *parent)
    : QThread(parent)
    , m_database(std::move(database))
    , m_connectionName(std::move(connectionName))
    , m_intervalMs(std::max(100, intervalMs))
{
  setObjectName(QStringLiteral("db-probe"));
}

DatabaseProbe::~DatabaseProbe()
{
  requestStop();
  wait();
}

void DatabaseProbe::requestStop()
{
  m_stop = true;
}

DatabaseProbe::Snapshot DatabaseProbe::snapshot() const
{
  const QMutexLocker lock(&m_mutex);
  Snapshot s;
  s.measured = m_lastAtMs >= 0;
  s.reachable = m_last.reachable;
  s.ageMs = s.measured ? monotonicMs() - m_lastAtMs : -1;
  s.backlogKnown = m_last.backlogKnown;
  s.inboxRows = m_last.inboxRows;
  s.outboxRows = m_last.outboxRows;
  return s;
}

void DatabaseProbe::publish(Measured measured)
{
  const QMutexLocker lock(&m_mutex);
  m_last = std::move(measured);
  m_lastAtMs = monotonicMs();
  m_checked.wakeAll();
}

bool DatabaseProbe::waitForFirstCheck(int timeoutMs) const
{
  QMutexLocker lock(&m_mutex);
  if (m_lastAtMs < 0)
    m_checked.wait(&m_mutex, QDeadlineTimer(timeoutMs));
  return m_lastAtMs >= 0;
}

void DatabaseProbe::run()
{
  {
    const SystemClock clock;
    db::Reconnector reconnector(
        m_database, m_connectionName, clock,
        db::Reconnector::Backoff{std::chrono::milliseconds(250), std::chrono::milliseconds(5000)}, limitWaits);
    while (!m_stop) {
      Measured measured;
      if (reconnector.ensureOpen().ok() && reconnector.probe().ok()) {
        measured.reachable = true;
        const QSqlDatabase db = reconnector.database();
        auto inbox = shopify::webhookinbox::unsettledCounts(db);
        auto outbox = outbox::unsettledCounts(db);
        measured.backlogKnown = inbox.ok() && outbox.ok();
        if (measured.backlogKnown) {
          measured.inboxRows = *inbox;
          measured.outboxRows = *outbox;
        } else {
          const Error &error = inbox.ok() ? outbox.error() : inbox.error();
          qCDebug(lcProbe).noquote() << "backlog not counted:" << error.message;
        }
      }
      publish(std::move(measured));
      QElapsedTimer waited;
      waited.start();
      while (!m_stop && waited.elapsed() < m_intervalMs)
        msleep(kStopCheckMs);
    }
  }
  QSqlDatabase::removeDatabase(m_connectionName);
}

} // namespace pb::hub
