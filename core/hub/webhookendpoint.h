// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/burstlimiter.h"
#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/db/connection.h"
#include "core/hub/ingestloop.h"
#include "core/shopify/shopdirectory.h"
#include "core/shopify/webhookinbox.h"

#include <QString>

#include <functional>
#include <memory>
#include <variant>

namespace pb::hub {

class DatabaseProbe;
class IngestCounters;
class InboxWriter;

// What the webhook endpoint needs from configuration.
struct WebhookSettings {
  // The shops served, each with the secret its webhooks are signed with; any other shop is refused (401).
  shopify::ShopDirectory shops;
  qint64 maxBodyBytes = 2 * 1024 * 1024;
  int inboxWriters = 1;       // hub.inbox_writers
  int maxBatch = 64;          // hub.ingest_batch
  int maxAgeSeconds = 21600;  // shopify.webhook_max_age_seconds: older X-Shopify-Triggered-At is refused
  int probeIntervalMs = 2000; // how often /healthz and /metrics learn the database's state
};

// What every ingest thread shares: settings, the counters, the inbox writer and the hook that wakes the
// inbox processor.
struct IngestContext {
  WebhookSettings webhooks;
  IngestCounters *counters = nullptr;
  InboxWriter *writer = nullptr;
  const DatabaseProbe *probe = nullptr; // health and backlog, measured off the request path
  std::function<void()> onStored;       // called on the ingest thread; must be thread-safe
};

// The routes of one ingest thread: /healthz and /metrics (answered from counters and the DatabaseProbe's
// last result: no query on this thread) and POST /webhooks/shopify (its size already held to the limit by
// the IngestLoop; then a served shop, its HMAC, headers that agree with the signed body, a fresh
// X-Shopify-Triggered-At, durable dedupe through the shared InboxWriter, then 200). A webhook is answered
// when the writer has committed it, so one thread keeps many requests in flight and they share commits;
// answers go out in order per connection and never to a connection that closed (IngestLoop). A lost
// database answers 503.
class WebhookEndpoint final {
public:
  WebhookEndpoint(const IngestContext &context, int thread);
  Q_DISABLE_COPY_MOVE(WebhookEndpoint)

  // Serves /webhooks/shopify, /healthz and /metrics on the loop (which must not outlive this endpoint).
  void serve(IngestLoop &loop);

private:
  void route(http::Request &&request, IngestLoop::Responder responder);
  http::Response health();
  http::Response metrics();
  // The answer when the request is refused before storing (401, 400), else the delivery to store.
  // 401 also for a shop this hub does not serve: there is no secret to check its signature with.
  std::variant<http::Response, shopify::WebhookDelivery> admit(http::Request &&request);
  void webhook(http::Request &&request, IngestLoop::Responder responder);
  http::Response stored(const Result<shopify::StoreOutcome> &outcome);

  const IngestContext &m_context;
  int m_thread;
  SystemClock m_clock;
  BurstLimiter m_unavailableLog{10'000}; // one line per 10 s per thread while the database is away
  BurstLimiter m_forgedLog{10'000};      // and while someone sends forged signatures
  BurstLimiter m_refusedLog{10'000};     // or authentic deliveries whose headers disagree or are stale
  IngestLoop::Poster m_poster;           // writers hand their outcomes back to this thread through it
};

} // namespace pb::hub
