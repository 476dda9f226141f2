// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/db/connection.h"
#include "core/hub/retention.h"
#include "core/shopify/inboxprocessor.h"

#include <QMutex>
#include <QThread>

#include <atomic>
#include <functional>

namespace pb::hub {

// Maps stored webhooks into orders (InboxProcessor) on its own thread and database connection, at a
// lower CPU priority than the ingest threads: answering Shopify quickly comes first, and mapping
// catches up after a spike. Woken when deliveries are stored, and every few seconds for rows another
// hub or a failed pass left pending. A lost database is reopened with backoff. Customer data past its retention
// (settled webhook bodies, printed labels) is blanked here too, a batch at a time between mapping passes.
class InboxThread final : public QThread {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(InboxThread)

public:
  // nice: Linux nice value for this thread (0 = as the ingest threads; higher yields more under load).
  // batchSize: inbox rows mapped per transaction (InboxProcessor).
  explicit InboxThread(db::ConnectionSettings database, int nice = 10,
                       int batchSize = shopify::InboxProcessor::kDefaultBatchSize, QObject *parent = nullptr);
  ~InboxThread() override;

  // Thread-safe and coalesced: at most one pass is queued however often it is called.
  void wake();
  // Before start(): see InboxProcessor::setMirrorFulfillmentOrders.
  void setMirrorFulfillmentOrders(bool on) { m_mirror = on; }
  // Before start(): what is blanked how long after (0 = kept), at start and hourly (RetentionSweep).
  void setRetention(RetentionDays days) { m_retention = days; }

protected:
  void run() override;

private:
  db::ConnectionSettings m_database;
  int m_nice;
  int m_batchSize;
  bool m_mirror = false;
  RetentionDays m_retention;
  QMutex m_receiverLock;
  QObject *m_receiver = nullptr; // lives on this thread while run() runs
  std::function<void()> m_drain; // one pass; called on this thread only
  std::atomic<bool> m_wakeQueued{false};
};

} // namespace pb::hub
