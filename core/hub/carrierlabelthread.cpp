// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/carrierlabelthread.h"

#include "core/carriers/shipenginecarrier.h"
#include "core/hub/manifestworker.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcLabelThread, "packbench.core.hub.carrierlabelthread")
// A new label or end-of-day request; and the order changes that may leave a label to void (cancelled, released,
// expired).
const QStringList kChannels{QStringLiteral("packbench_label_request"), QStringLiteral("packbench_manifest_request"),
                            QStringLiteral("packbench_order_changed"), QStringLiteral("packbench_queue")};

// The sooner of two waits; none when neither has one.
std::optional<qint64> sooner(std::optional<qint64> a, std::optional<qint64> b)
{
  if (a && b)
    return std::min(*a, *b);
  return a ? a : b;
}
constexpr int kStopCheckMs = 100;  // how soon a stop request is noticed while idle
constexpr int kReconnectMs = 2000; // after the database went away
} // namespace

CarrierLabelThread::CarrierLabelThread(CarrierLabelSettings settings, QObject *parent)
    : StoppableThread(parent)
    , m_settings(std::move(settings))
{}

CarrierLabelThread::~CarrierLabelThread()
{
  requestStop();
  wait();
}

void CarrierLabelThread::run()
{
  runReconnecting(m_settings.database, QStringLiteral("hub-labels-%1").arg(m_settings.worker.workerId), kReconnectMs,
                  lcLabelThread, "carrier labels:", [this](QSqlDatabase db) { runWith(db); });
}

void CarrierLabelThread::runWith(QSqlDatabase db)
{
  carriers::ShipEngineCarrier carrier(m_settings.carrier, m_settings.pacer);
  carrier.transport().setStopFlag(&m_stop);
  LabelWorker worker(db, carrier, m_settings.worker);
  ManifestWorker manifests(db, carrier, m_settings.worker.workerId, m_settings.worker.leaseSeconds,
                           m_settings.manifestRetry);
  bool woken = false;
  QEventLoop *idling = nullptr; // the wait below, while it runs
  QSqlDriver *driver = db.driver();
  // The listening connection is the worker's own: Qt polls its socket while the worker's event loops run. A
  // notification ends the wait at once: a station's packer waits for this label.
  connect(driver, &QSqlDriver::notification, driver, [&woken, &idling](const QString &channel) {
    if (!kChannels.contains(channel))
      return;
    woken = true;
    if (idling)
      idling->quit();
  });
  for (const QString &channel : kChannels) {
    if (!driver->subscribeToNotification(channel))
      qCWarning(lcLabelThread).noquote() << "not listening on" << channel
                                         << "(polling only):" << driver->lastError().text();
  }
  while (!m_stop) {
    woken = false;
    auto worked = worker.runOnce();
    if (worked) { // the end of day after the labels bought meanwhile
      auto ended = manifests.runOnce();
      worked = ended ? Result<int>(*worked + *ended) : ended;
    }
    if (!worked) {
      qCWarning(lcLabelThread).noquote() << "carrier label pass failed:" << worked.error().message;
      if (worked.error().kind == ErrorKind::Unavailable)
        return; // reconnect
    } else if (*worked > 0) {
      Q_EMIT passDone(*worked);
      continue; // more may be due
    }
    QEventLoop idle;
    QTimer poll;
    poll.setSingleShot(true);
    QTimer stopCheck;
    connect(&poll, &QTimer::timeout, &idle, &QEventLoop::quit);
    connect(&stopCheck, &QTimer::timeout, &idle, [&]() {
      if (m_stop || woken)
        idle.quit();
    });
    // Until the next retry falls due (a carrier back after its backoff), a notification, or the poll.
    auto due = labelrequests::nextDueMs(db);
    auto manifestDue = manifestrequests::nextDueMs(db);
    const std::optional<qint64> next = sooner(due ? *due : std::nullopt, manifestDue ? *manifestDue : std::nullopt);
    poll.start(int(std::clamp<qint64>(next.value_or(m_settings.pollMs), 0, m_settings.pollMs)));
    stopCheck.start(kStopCheckMs / 2);
    if (!woken) {
      idling = &idle;
      idle.exec();
      idling = nullptr;
    }
  }
}

} // namespace pb::hub
