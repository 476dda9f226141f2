// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/burstlimiter.h"
#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/db/connection.h"
#include "core/hub/answerqueue.h"
#include "core/shopify/webhookinbox.h"

#include <QString>

#include <functional>
#include <memory>
#include <variant>

class QHttpServer;
class QHttpServerRequest;

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
// durable dedupe through the shared InboxWriter, then 200). A webhook is answered when the writer has
// committed it, so one thread keeps many requests in flight and they share commits; answers go out in
// order per connection and never to a connection that closed (AnswerQueue). A lost database answers 503.
class WebhookEndpoint final {
public:
  WebhookEndpoint(const IngestContext &context, int thread);
  ~WebhookEndpoint();
  Q_DISABLE_COPY_MOVE(WebhookEndpoint)

  void addRoutes(QHttpServer &server);

private:
  struct Mailbox;
  QHttpServerResponse health();
  QHttpServerResponse metrics();
  // The answer when the request is refused before storing (413, 401, 400), else the delivery to store.
  std::variant<QHttpServerResponse, shopify::WebhookDelivery> admit(const QHttpServerRequest &request);
  void webhook(const QHttpServerRequest &request, QHttpServerResponder &&responder);
  QHttpServerResponse stored(const Result<shopify::StoreOutcome> &outcome);
  QString backlogGauge(const QString &metric, const QString &sql);

  const IngestContext &m_context;
  int m_thread;
  SystemClock m_clock;
  BurstLimiter m_unavailableLog{10'000}; // one line per 10 s per thread while the database is away
  BurstLimiter m_forgedLog{10'000};      // and while someone sends forged signatures
  AnswerQueue m_answers;
  QObject m_receiver; // on this thread: writers hand their outcomes to it
  std::shared_ptr<Mailbox> m_mailbox;
};

} // namespace pb::hub
