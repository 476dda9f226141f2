// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/burstlimiter.h"
#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/db/connection.h"

#include <QString>

#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

namespace pb::hub {

class IngestCounters;
class InboxWriter;

// What the webhook endpoint needs from configuration.
struct WebhookSettings {
  QByteArray secret; // shopify.webhook_secret; empty refuses every delivery
  qint64 maxBodyBytes = 2 * 1024 * 1024;
  int inboxWriters = 2; // hub.inbox_writers
  int maxBatch = 64;    // hub.ingest_batch
};

// What every ingest thread shares: settings, the counters, the inbox writer and the hook that wakes the
// inbox processor.
struct IngestContext {
  WebhookSettings webhooks;
  IngestCounters *counters = nullptr;
  InboxWriter *writer = nullptr;
  std::function<void()> onStored; // called on the ingest thread; must be thread-safe
};

// The routes of one ingest thread: /healthz, /metrics and POST /webhooks/shopify (size limit, HMAC,
// durable dedupe through the shared InboxWriter, then 200). Answers synchronously (see docs/shopify.md:
// QtHttpServer 6.4 and QFuture). A lost database answers 503; the writers reconnect with backoff.
class WebhookEndpoint final {
public:
  WebhookEndpoint(const IngestContext &context, int thread);
  ~WebhookEndpoint();
  Q_DISABLE_COPY_MOVE(WebhookEndpoint)

  void addRoutes(QHttpServer &server);

private:
  QHttpServerResponse health();
  QHttpServerResponse metrics();
  QHttpServerResponse webhook(const QHttpServerRequest &request);
  QString backlogGauge(const QString &metric, const QString &sql);

  const IngestContext &m_context;
  int m_thread;
  SystemClock m_clock;
  BurstLimiter m_unavailableLog{10'000}; // one line per 10 s per thread while the database is away
  BurstLimiter m_forgedLog{10'000};      // and while someone sends forged signatures
};

} // namespace pb::hub
