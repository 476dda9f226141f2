// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/carriers/requestpacer.h"
#include "core/carriers/shipenginetransport.h"
#include "core/db/connection.h"
#include "core/hub/stoppablethread.h"
#include "core/hub/trackingfollower.h"

#include <atomic>
#include <memory>

namespace pb::hub {

struct TrackingThreadSettings {
  db::ConnectionSettings database;
  carriers::ShipEngineSettings carrier;
  // One per API key, shared by every thread of this hub that uses it (null: the adapter makes its own).
  std::shared_ptr<carriers::RequestPacer> pacer;
  int requestsPerMinute = 60; // tracking's part of the key's limit (tracking.requests_per_minute)
  TrackingSettings tracking;
  int idleMs = 5000; // between passes that found nothing due
};

// The hub's tracking events on their own thread, database connection and carrier adapter: TrackingFollower passes
// (discover newly shipped packages, poll what is due, write Shopify events to the outbox), waiting between them as
// the carrier or the tracking share asks. The outbox threads post the events.
class TrackingThread final : public StoppableThread {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(TrackingThread)

public:
  explicit TrackingThread(TrackingThreadSettings settings, QObject *parent = nullptr);
  ~TrackingThread() override;

Q_SIGNALS:
  // After each pass that polled or found something (emitted on this thread).
  void passDone(int polled, int events);

protected:
  void run() override;

private:
  void runWith(QSqlDatabase db);

  TrackingThreadSettings m_settings;
};

} // namespace pb::hub
