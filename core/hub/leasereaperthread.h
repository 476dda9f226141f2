// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/db/connection.h"

#include <QThread>

#include <atomic>
#include <chrono>

namespace pb::hub {

// Gives expired pack-station leases back to the queue (OrderQueue::reapExpired) every interval, on its
// own thread and connection: a crashed or abandoned bench's order is never stuck. Several hubs may run
// it at once; SKIP LOCKED lets each lease be reaped exactly once.
class LeaseReaperThread final : public QThread {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(LeaseReaperThread)

public:
  LeaseReaperThread(db::ConnectionSettings database, std::chrono::seconds interval, QObject *parent = nullptr);
  ~LeaseReaperThread() override;

  void requestStop();

Q_SIGNALS:
  // After each pass that returned leases to the queue (emitted on this thread).
  void reaped(int leases);

protected:
  void run() override;

private:
  db::ConnectionSettings m_database;
  std::chrono::seconds m_interval;
  std::atomic<bool> m_stop{false};
};

} // namespace pb::hub
