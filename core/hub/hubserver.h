// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/connection.h"
#include "core/hub/webhookendpoint.h"

#include <QHostAddress>
#include <QObject>
#include <QSemaphore>

#include <atomic>
#include <memory>
#include <vector>

namespace pb::hub {

class DatabaseProbe;
class IngestCounters;
class IngestThread;
class InboxWriter;

// The hub's HTTP face: /healthz for load balancers, /metrics for Prometheus and
// POST /webhooks/shopify (HMAC check, size limit, durable dedupe before 200), served by
// hub.ingest_threads threads on one port that store through hub.inbox_writers batching writers.
class HubServer final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(HubServer)

public:
  HubServer(db::ConnectionSettings database, WebhookSettings webhooks, int ingestThreads = 1,
            QObject *parent = nullptr);
  // Stops every ingest thread (each closes its sockets), then the inbox writers, before returning.
  ~HubServer() override;

  // Binds and starts serving; returns the bound port (useful with port 0). Only once.
  Result<quint16> listen(const QHostAddress &address, quint16 port);
  // Stops taking webhooks (the port and its connections close) and lets each writer finish the batch
  // it is storing; deliveries not stored yet get no 200, so Shopify sends them again. Idempotent.
  void close();

  int ingestThreads() const;

Q_SIGNALS:
  // New deliveries are in webhook_inbox (not emitted for duplicates): wake the inbox processor.
  // Emitted on this object's thread and coalesced: one signal may stand for many deliveries.
  void webhookStored();

private:
  void noteStored();
  void stopThreads();

  std::unique_ptr<IngestCounters> m_counters;
  std::unique_ptr<DatabaseProbe> m_probe;
  std::unique_ptr<InboxWriter> m_writer;
  std::unique_ptr<IngestContext> m_context;
  int m_threadCount;
  QSemaphore m_ready; // each ingest thread releases it once, when serving or failed
  std::vector<std::unique_ptr<IngestThread>> m_threads;
  std::atomic<bool> m_wakeQueued{false};
};

} // namespace pb::hub
