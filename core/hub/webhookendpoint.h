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

namespace pb::db {
class Reconnector;
class StatementCache;
} // namespace pb::db

namespace pb::hub {

class IngestCounters;

// What the webhook endpoint needs from configuration.
struct WebhookSettings {
  QByteArray secret; // shopify.webhook_secret; empty refuses every delivery
  qint64 maxBodyBytes = 2 * 1024 * 1024;
};

// What every ingest thread shares: settings, the counters and the hook that wakes the inbox processor.
struct IngestContext {
  db::ConnectionSettings database;
  WebhookSettings webhooks;
  IngestCounters *counters = nullptr;
  std::function<void()> onStored; // called on the ingest thread; must be thread-safe
};

// The routes of one ingest thread over that thread's own database connection: /healthz, /metrics and
// POST /webhooks/shopify (size limit, HMAC, durable dedupe, then 200). Answers synchronously (see
// docs/shopify.md: QtHttpServer 6.4 and QFuture). A lost database answers 503 and is reopened with backoff.
class WebhookEndpoint final {
public:
  WebhookEndpoint(const IngestContext &context, int thread, QString connectionName);
  ~WebhookEndpoint();
  Q_DISABLE_COPY_MOVE(WebhookEndpoint)

  void addRoutes(QHttpServer &server);

private:
  QHttpServerResponse health();
  QHttpServerResponse metrics();
  QHttpServerResponse webhook(const QHttpServerRequest &request);
  Status ensureDatabase();
  void noteError(const Error &error);
  QString backlogGauge(const QString &metric, const QString &sql);

  const IngestContext &m_context;
  int m_thread;
  QString m_connectionName;
  SystemClock m_clock;
  qint64 m_nextOpenMs = 0;
  BurstLimiter m_unavailableLog{10'000}; // one line per 10 s per thread while the database is away
  BurstLimiter m_forgedLog{10'000};      // and while someone sends forged signatures
  std::unique_ptr<db::StatementCache> m_statements;
  std::unique_ptr<db::Reconnector> m_reconnector;
};

} // namespace pb::hub
