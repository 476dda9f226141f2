// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/webhookendpoint.h"

#include "core/base/version.h"
#include "core/hub/databaseprobe.h"
#include "core/hub/inboxwriter.h"
#include "core/hub/ingestcounters.h"
#include "core/shopify/webhookadmission.h"
#include "core/shopify/webhookinbox.h"
#include "core/shopify/webhookverifier.h"

#include <QJsonObject>
#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcEndpoint, "packbench.core.hub.webhookendpoint")

} // namespace

WebhookEndpoint::WebhookEndpoint(const IngestContext &context, int thread)
    : m_context(context)
    , m_thread(thread)
{}

void WebhookEndpoint::serve(IngestLoop &loop)
{
  m_poster = loop.poster();
  loop.setHandler(
      [this](http::Request &&request, IngestLoop::Responder responder) { route(std::move(request), responder); });
  // Refused before a route saw it (unframeable, too large, too slow): a webhook that was not stored.
  loop.setRefusalHook([this](int) {
    ++m_context.counters->requests(m_thread);
    ++m_context.counters->rejected;
  });
}

void WebhookEndpoint::route(http::Request &&request, IngestLoop::Responder responder)
{
  const QByteArray path = request.path();
  const bool get = request.method == "GET";
  if (path == "/webhooks/shopify" && request.method == "POST") {
    webhook(std::move(request), responder);
  } else if (path == "/healthz" && get) {
    responder.answer(health());
  } else if (path == "/metrics" && get) {
    responder.answer(metrics());
  } else {
    ++m_context.counters->requests(m_thread);
    const bool known = path == "/webhooks/shopify" || path == "/healthz" || path == "/metrics";
    http::Response refusal{known ? 405 : 404, {}, {}, {}};
    if (known)
      refusal.headers.append(std::pair<QByteArray, QByteArray>("Allow", path == "/webhooks/shopify" ? "POST" : "GET"));
    responder.answer(std::move(refusal));
  }
}

http::Response WebhookEndpoint::health()
{
  ++m_context.counters->healthChecks;
  ++m_context.counters->requests(m_thread);
  const DatabaseProbe::Snapshot db = m_context.probe->snapshot();
  // A probe that has not finished a check for three intervals is stuck on the database: not healthy.
  const bool current = db.measured && db.ageMs <= 3LL * m_context.probe->intervalMs();
  const bool dbOk = current && db.reachable;
  const QString database = !db.measured ? QStringLiteral("unknown")
                           : !current   ? QStringLiteral("not answering")
                           : dbOk       ? QStringLiteral("ok")
                                        : QStringLiteral("unreachable");
  const QJsonObject body{{QStringLiteral("status"), dbOk ? QStringLiteral("ok") : QStringLiteral("degraded")},
                         {QStringLiteral("database"), database},
                         {QStringLiteral("checked_ms_ago"), db.ageMs},
                         {QStringLiteral("version"), versionString()}};
  return http::Response::json(body, dbOk ? 200 : 503);
}

namespace {
QString backlogGauge(const QString &metric, const QList<std::pair<QString, qint64>> &rows)
{
  QString text = QStringLiteral("# TYPE %1 gauge\n").arg(metric);
  for (const auto &[status, count] : rows)
    text += QStringLiteral("%1{status=\"%2\"} %3\n").arg(metric, status).arg(count);
  return text;
}
} // namespace

http::Response WebhookEndpoint::metrics()
{
  ++m_context.counters->requests(m_thread);
  QString text = m_context.counters->prometheusText(versionString());
  text += QStringLiteral("# TYPE packbench_webhook_store_batches_total counter\n"
                         "packbench_webhook_store_batches_total %1\n")
              .arg(m_context.writer->batches());
  // Work not yet settled (shared by every hub instance), as the probe last counted it: dead letters and a
  // growing backlog page someone.
  const DatabaseProbe::Snapshot db = m_context.probe->snapshot();
  text += QStringLiteral("# TYPE packbench_database_up gauge\npackbench_database_up %1\n"
                         "# TYPE packbench_database_checked_ms_ago gauge\npackbench_database_checked_ms_ago %2\n")
              .arg(db.reachable ? 1 : 0)
              .arg(db.ageMs);
  if (db.backlogKnown) {
    text += backlogGauge(QStringLiteral("packbench_webhook_inbox_rows"), db.inboxRows);
    text += backlogGauge(QStringLiteral("packbench_outbox_rows"), db.outboxRows);
  }
  return http::Response::text(QByteArrayLiteral("text/plain; version=0.0.4"), text.toUtf8());
}

std::variant<http::Response, shopify::WebhookDelivery> WebhookEndpoint::admit(http::Request &&request)
{
  IngestCounters &counters = *m_context.counters;
  // The body's size was held to maxBodyBytes by the loop before the request reached here (413).
  // The shop header is not signed: it only picks the secret, and a shop we do not serve has none.
  const QString shopDomain = QString::fromUtf8(request.header("x-shopify-shop-domain")).trimmed().toLower();
  const shopify::ShopCredentials *shop = m_context.webhooks.shops.find(shopDomain);
  const shopify::WebhookVerifier verifier(shop ? shop->webhookSecret : QByteArray());
  if (!verifier.isAuthentic(request.body, request.header("x-shopify-hmac-sha256"))) {
    ++counters.rejected;
    if (!shop)
      ++counters.unknownShop;
    if (const auto heldBack = m_forgedLog.admit(m_clock.monotonicMs()))
      qCWarning(lcEndpoint) << "webhook refused:" << (shop ? "missing or wrong HMAC" : "not a shop this hub serves")
                            << "from" << request.peer
                            << QStringLiteral("(%1 more since the last such line)").arg(*heldBack);
    return http::Response{401, {}, {}, {}};
  }
  shopify::WebhookDelivery delivery;
  delivery.shopDomain = shop->domain;
  delivery.topic = QString::fromUtf8(request.header("x-shopify-topic"));
  delivery.webhookId = QString::fromUtf8(request.header("x-shopify-webhook-id"));
  delivery.eventId = QString::fromUtf8(request.header("x-shopify-event-id"));
  delivery.apiVersion = QString::fromUtf8(request.header("x-shopify-api-version"));
  delivery.triggeredAt =
      QDateTime::fromString(QString::fromUtf8(request.header("x-shopify-triggered-at")), Qt::ISODateWithMs);
  delivery.body = std::move(request.body);
  if (delivery.topic.isEmpty() || delivery.webhookId.isEmpty()) {
    ++counters.rejected;
    return http::Response{400, {}, {}, {}};
  }
  // Authentic, but the unsigned headers must agree with the signed body, and an old delivery is a replay.
  const auto verdict =
      shopify::webhookadmission::check(delivery, QDateTime::currentDateTimeUtc(), m_context.webhooks.maxAgeSeconds);
  if (verdict.refusal != shopify::webhookadmission::Refusal::None) {
    ++counters.rejected;
    ++(verdict.refusal == shopify::webhookadmission::Refusal::Stale ? counters.stale : counters.mismatched);
    if (const auto heldBack = m_refusedLog.admit(m_clock.monotonicMs()))
      qCWarning(lcEndpoint).noquote() << "webhook refused:" << verdict.reason << "(shop" << delivery.shopDomain
                                      << QStringLiteral("; %1 more since the last such line)").arg(*heldBack);
    return http::Response{400, {}, {}, {}};
  }
  return delivery;
}

void WebhookEndpoint::webhook(http::Request &&request, IngestLoop::Responder responder)
{
  ++m_context.counters->requests(m_thread);
  auto admitted = admit(std::move(request));
  if (auto *refusal = std::get_if<http::Response>(&admitted)) {
    responder.answer(std::move(*refusal));
    return;
  }
  // Answered once a writer has committed it; this thread goes on reading other requests meanwhile.
  m_context.writer->storeAsync(
      std::get<shopify::WebhookDelivery>(std::move(admitted)),
      [this, responder, poster = m_poster](Result<shopify::StoreOutcome> outcome) {
        poster([this, responder, outcome = std::move(outcome)]() { responder.answer(stored(outcome)); });
      });
}

http::Response WebhookEndpoint::stored(const Result<shopify::StoreOutcome> &outcome)
{
  IngestCounters &counters = *m_context.counters;
  if (!outcome) {
    // Not stored, so not acknowledged: Shopify delivers it again later.
    ++counters.unavailable;
    if (const auto heldBack = m_unavailableLog.admit(m_clock.monotonicMs()))
      qCWarning(lcEndpoint).noquote() << "webhook not stored (503):" << outcome.error().message
                                      << QStringLiteral("(%1 more since the last such line)").arg(*heldBack);
    return http::Response{503, {}, {}, {}};
  }
  if (*outcome == shopify::StoreOutcome::Duplicate) {
    ++counters.duplicate;
  } else {
    ++counters.stored;
    if (m_context.onStored)
      m_context.onStored();
  }
  return http::Response{200, {}, {}, {}};
}

} // namespace pb::hub
