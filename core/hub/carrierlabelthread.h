// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/carriers/requestpacer.h"
#include "core/carriers/shipenginetransport.h"
#include "core/db/connection.h"
#include "core/hub/labelworker.h"
#include "core/hub/manifestworker.h"
#include "core/hub/stoppablethread.h"

#include <atomic>
#include <memory>

namespace pb::hub {

struct CarrierLabelSettings {
  db::ConnectionSettings database;
  carriers::ShipEngineSettings carrier;
  // One per API key, shared by every thread of this hub that uses it (null: the adapter makes its own).
  std::shared_ptr<carriers::RequestPacer> pacer;
  LabelWorkerSettings worker;
  ManifestRetry manifestRetry; // an end of day whose carrier answer was lost
  int pollMs = 5000;           // NOTIFY packbench_label_request does the fast path; this catches anything missed
};

// The hub's carrier labels on their own thread, database connection and ShipEngine adapter: LISTENs on
// packbench_label_request and packbench_manifest_request and runs LabelWorker and ManifestWorker (end of day)
// passes until nothing is due, then waits for a notification or the poll. Several threads (hub.carrier_workers) and
// hubs share the work through the requests' leases.
class CarrierLabelThread final : public StoppableThread {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(CarrierLabelThread)

public:
  explicit CarrierLabelThread(CarrierLabelSettings settings, QObject *parent = nullptr);
  ~CarrierLabelThread() override;

Q_SIGNALS:
  // After each pass that worked on requests (emitted on this thread).
  void passDone(int worked);

protected:
  void run() override;

private:
  void runWith(QSqlDatabase db);

  CarrierLabelSettings m_settings;
};

} // namespace pb::hub
