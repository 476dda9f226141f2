// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/connectionsupervisor.h"

#include "core/db/reachcheck.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

namespace pb::db {

namespace {
Q_LOGGING_CATEGORY(lcSupervisor, "packbench.core.db.connectionsupervisor")
constexpr qint64 kMinRetryMs = 10; // never spin even if a reconnector says "now"
} // namespace

ConnectionSupervisor::ConnectionSupervisor(const Clock &clock, Options options, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_options(options)
    , m_timer(new QTimer(this))
    , m_reachCheck(new ReachCheck(this))
{
  m_timer->setSingleShot(true);
  connect(m_timer, &QTimer::timeout, this, &ConnectionSupervisor::tick);
  connect(m_reachCheck, &ReachCheck::finished, this, &ConnectionSupervisor::reachChecked);
}

ConnectionSupervisor::~ConnectionSupervisor() = default; // the reach check waits for a try in flight

void ConnectionSupervisor::watch(const QString &connectionName, Reconnector::OnConnected onConnected)
{
  m_watched.push_back({connectionName, std::make_unique<Reconnector>(connectionName, m_clock, m_options.backoff,
                                                                     std::move(onConnected))});
}

void ConnectionSupervisor::start()
{
  m_timer->start(static_cast<int>(m_options.probeInterval.count()));
}

void ConnectionSupervisor::noteError(const Error &error)
{
  if (error.kind == ErrorKind::Unavailable && m_available)
    checkNow();
}

void ConnectionSupervisor::declareLost(const QString &reason)
{
  if (!m_available)
    return;
  m_available = false;
  m_failedRounds = 0;
  m_lastError = reason;
  qCWarning(lcSupervisor).noquote() << "database unavailable:" << reason;
  Q_EMIT unavailable(reason);
  if (!m_inTick) // a round right away; tick() reconnects what is down and probes the rest
    m_timer->start(0);
}

void ConnectionSupervisor::checkNow()
{
  if (m_inTick)
    return; // a probe's own failure reaches us again through a caller; the running tick handles it
  m_timer->stop();
  tick();
}

void ConnectionSupervisor::tick()
{
  // Signals go out after the round, so a slot that touches the database and notes an error starts a new one.
  m_inTick = true;
  const bool wasAvailable = m_available;
  std::optional<QString> lost;
  if (m_available)
    lost = probeAll();
  if (lost) {
    m_available = false;
    m_failedRounds = 0;
    m_lastError = *lost;
    qCWarning(lcSupervisor).noquote() << "database unavailable:" << *lost;
  }
  qint64 nextMs = -1;
  if (!m_available)
    nextMs = m_options.checkReachOffThread ? reconnectWhenReachable() : reconnectAll();
  m_inTick = false;

  if (lost)
    Q_EMIT unavailable(*lost);
  if (!m_available) {
    ++m_failedRounds;
    m_timer->start(static_cast<int>(nextMs));
    Q_EMIT reconnectFailed(m_failedRounds, nextMs);
    return;
  }
  m_timer->start(static_cast<int>(m_options.probeInterval.count()));
  if (!wasAvailable || lost) {
    qCInfo(lcSupervisor) << "database available again after" << m_failedRounds << "failed round(s)";
    m_failedRounds = 0;
    m_lastError.clear();
    Q_EMIT restored();
  }
}

std::optional<QString> ConnectionSupervisor::probeAll()
{
  for (const Watched &watched : m_watched) {
    if (Status alive = watched.reconnector->probe(); !alive)
      return alive.error().message;
  }
  return std::nullopt;
}

qint64 ConnectionSupervisor::reconnectWhenReachable()
{
  if (m_reach == Reach::Reachable) {
    m_reach = Reach::Unknown;
    return reconnectAll();
  }
  // Doubling from the backoff's first step, but never more than 5 s apart: the check costs the caller nothing.
  const qint64 step = m_options.backoff.initial.count() << std::min(m_failedRounds, 10);
  const qint64 lookAgainMs =
      std::clamp<qint64>(step, kMinRetryMs, std::min<qint64>(m_options.backoff.maximum.count(), 5'000));
  if (m_reach == Reach::Checking || m_watched.empty())
    return lookAgainMs;
  m_reach = Reach::Checking;
  m_reachCheck->startClone(m_watched.front().name);
  return lookAgainMs;
}

void ConnectionSupervisor::reachChecked(bool reached)
{
  m_reach = reached ? Reach::Reachable : Reach::Unknown;
  if (m_reach == Reach::Reachable && !m_available)
    checkNow(); // reopen now rather than at the next timer
}

qint64 ConnectionSupervisor::reconnectAll()
{
  // A server restart kills every connection: probe the ones not yet known to be down as well.
  for (const Watched &watched : m_watched) {
    if (!watched.reconnector->isDown())
      (void)watched.reconnector->probe();
  }
  for (const Watched &watched : m_watched) {
    if (!watched.reconnector->isDown())
      continue;
    if (Status reopened = watched.reconnector->ensureOpen(); !reopened) {
      m_lastError = reopened.error().message;
      // Later connections depend on earlier ones being back (session first, then LISTEN).
      return std::max(kMinRetryMs, watched.reconnector->msUntilNextAttempt());
    }
  }
  m_available = true;
  return -1;
}

} // namespace pb::db
