// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/reconnector.h"

#include "core/db/connectionstate.h"
#include "core/db/sql.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <algorithm>

namespace pb::db {

namespace {
Q_LOGGING_CATEGORY(lcReconnector, "packbench.core.db.reconnector")
}

Reconnector::Reconnector(QString connectionName, const Clock &clock, Backoff backoff, OnConnected onConnected)
    : m_name(std::move(connectionName))
    , m_clock(clock)
    , m_backoff(backoff)
    , m_onConnected(std::move(onConnected))
{}

Reconnector::Reconnector(QString connectionName, const Clock &clock)
    : Reconnector(std::move(connectionName), clock, Backoff{})
{}

Reconnector::Reconnector(ConnectionSettings settings, QString connectionName, const Clock &clock, Backoff backoff,
                         OnConnected onConnected)
    : Reconnector(std::move(connectionName), clock, backoff, std::move(onConnected))
{
  m_settings = std::move(settings);
}

QSqlDatabase Reconnector::database() const
{
  return QSqlDatabase::database(m_name, false);
}

qint64 Reconnector::currentDelayMs() const
{
  // initial, 2×, 4×, … capped at the maximum; the shift is bounded so it cannot overflow.
  const int doublings = std::clamp(m_failedAttempts - 1, 0, 20);
  return std::min<qint64>(m_backoff.initial.count() << doublings, m_backoff.maximum.count());
}

qint64 Reconnector::msUntilNextAttempt() const
{
  if (!m_down)
    return 0;
  return std::max<qint64>(0, m_nextAttemptMs - m_clock.monotonicMs());
}

void Reconnector::noteError(const Error &error)
{
  if (error.kind != ErrorKind::Unavailable || m_down)
    return;
  qCWarning(lcReconnector).noquote() << "database connection" << m_name << "lost:" << error.message;
  m_down = true;
  m_nextAttemptMs = m_clock.monotonicMs(); // first retry right away
}

Status Reconnector::probe()
{
  auto ping = exec(database(), QStringLiteral("SELECT 1"));
  if (!ping) {
    noteError(makeError(ErrorKind::Unavailable, ping.error().message));
    return makeError(ErrorKind::Unavailable, ping.error().message);
  }
  return {};
}

Status Reconnector::attemptFailed(const Error &error)
{
  ++m_failedAttempts;
  m_nextAttemptMs = m_clock.monotonicMs() + currentDelayMs();
  qCWarning(lcReconnector).noquote() << "connect attempt" << m_failedAttempts << "for" << m_name << "failed; next in"
                                     << currentDelayMs() << "ms:" << error.message;
  return makeError(ErrorKind::Unavailable,
                   QCoreApplication::translate("pb::db::Reconnector", "database unavailable: %1").arg(error.message));
}

Status Reconnector::ensureOpen()
{
  QSqlDatabase db = database();
  const bool neverOpened = !db.isValid() && m_settings;
  if (!db.isValid() && !neverOpened)
    return makeError(ErrorKind::Internal, QStringLiteral("no database connection named %1").arg(m_name));
  if (!m_down && !neverOpened && db.isOpen())
    return {};
  if (!m_down) {
    m_down = true;
    m_nextAttemptMs = m_clock.monotonicMs();
  }
  const qint64 wait = msUntilNextAttempt();
  if (wait > 0)
    return makeError(ErrorKind::Unavailable,
                     QCoreApplication::translate("pb::db::Reconnector", "database unavailable; reconnecting in %1 s")
                         .arg(double(wait) / 1000.0, 0, 'f', 1));
  Status status;
  if (neverOpened) {
    // openDatabase() registers the connection only when it opens.
    auto opened = openDatabase(*m_settings, m_name);
    if (!opened)
      return attemptFailed(opened.error());
    db = *opened;
  } else {
    if (ConnectionEvents *events = ConnectionEvents::of(db))
      Q_EMIT events->aboutToReopen();
    db.close();
    if (!db.open())
      status = toError(db.lastError(), QStringLiteral("reconnect"));
  }
  if (status.ok() && m_onConnected)
    status = m_onConnected(db);
  if (!status.ok()) {
    db.close();
    return attemptFailed(status.error());
  }
  qCInfo(lcReconnector) << "database connection" << m_name << (neverOpened ? "opened after" : "restored after")
                        << m_failedAttempts << "failed attempt(s)";
  m_down = false;
  m_failedAttempts = 0;
  return {};
}

} // namespace pb::db
