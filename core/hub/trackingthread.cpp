// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/trackingthread.h"

#include "core/base/clock.h"
#include "core/carriers/shipenginecarrier.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcTrackingThread, "packbench.core.hub.trackingthread")
constexpr unsigned long kStopCheckMs = 100; // how soon a stop request is noticed while waiting
constexpr qint64 kReconnectMs = 5000;
} // namespace

TrackingThread::TrackingThread(TrackingThreadSettings settings, QObject *parent)
    : StoppableThread(parent)
    , m_settings(std::move(settings))
{}

TrackingThread::~TrackingThread()
{
  requestStop();
  wait();
}

void TrackingThread::run()
{
  runReconnecting(m_settings.database, QStringLiteral("hub-tracking-%1").arg(m_settings.tracking.workerId),
                  kReconnectMs, lcTrackingThread, "tracking", [this](QSqlDatabase db) { runWith(db); });
}

void TrackingThread::runWith(QSqlDatabase db)
{
  const SystemClock clock;
  carriers::ShipEngineCarrier carrier(m_settings.carrier, m_settings.pacer);
  carrier.transport().setStopFlag(&m_stop);
  carriers::RequestPacer share(m_settings.requestsPerMinute, 60000, clock);
  TrackingFollower follower(db, carrier, &share, m_settings.tracking);
  qCInfo(lcTrackingThread) << "following shipments:" << m_settings.requestsPerMinute
                           << "tracking polls a minute at most";
  while (!m_stop) {
    auto pass = follower.runOnce();
    if (!pass) {
      qCWarning(lcTrackingThread).noquote() << "tracking pass failed:" << pass.error().message;
      if (pass.error().kind == ErrorKind::Unavailable)
        return; // reconnect
    } else if (pass->polled + pass->discovered > 0) {
      Q_EMIT passDone(pass->polled, pass->events);
    }
    // Busy while polls go through; otherwise wait for the carrier's or the share's word, or the idle time.
    qint64 waitMs = m_settings.idleMs;
    if (pass && pass->waitMs > 0)
      waitMs = pass->waitMs;
    else if (pass && pass->polled + pass->failed > 0)
      waitMs = 0;
    QElapsedTimer waited;
    waited.start();
    while (!m_stop && waited.elapsed() < waitMs)
      msleep(kStopCheckMs);
  }
}

} // namespace pb::hub
