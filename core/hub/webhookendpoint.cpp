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

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QLoggingCategory>

#include <mutex>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcEndpoint, "packbench.core.hub.webhookendpoint")

// Header names are case-insensitive; QtHttpServer 6.4 keeps them as sent.
QByteArray headerValue(const QHttpServerRequest &request, const char *lowerName)
{
  for (const auto &header : request.headers()) {
    if (header.first.compare(lowerName, Qt::CaseInsensitive) == 0)
      return header.second;
  }
  return {};
}
} // namespace

// Hands a writer's outcome back to the ingest thread; once the endpoint is gone, drops it.
struct WebhookEndpoint::Mailbox {
  std::mutex mutex;
  QObject *receiver = nullptr;

  void post(std::function<void()> work)
  {
    const std::lock_guard lock(mutex);
    if (receiver)
      QMetaObject::invokeMethod(receiver, std::move(work), Qt::QueuedConnection);
  }
};

WebhookEndpoint::WebhookEndpoint(const IngestContext &context, int thread)
    : m_context(context)
    , m_thread(thread)
    , m_mailbox(std::make_shared<Mailbox>())
{
  m_mailbox->receiver = &m_receiver;
}

WebhookEndpoint::~WebhookEndpoint()
{
  const std::lock_guard lock(m_mailbox->mutex);
  m_mailbox->receiver = nullptr; // outcomes still on their way are dropped with m_receiver's events
}

void WebhookEndpoint::addRoutes(QHttpServer &server)
{
  // Every route answers through the queue, so a pipelining client gets its answers in order.
  server.route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get,
               [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                 m_answers.answer(m_answers.open(std::move(responder)), health());
               });
  server.route(QStringLiteral("/metrics"), QHttpServerRequest::Method::Get,
               [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                 m_answers.answer(m_answers.open(std::move(responder)), metrics());
               });
  server.route(QStringLiteral("/webhooks/shopify"), QHttpServerRequest::Method::Post,
               [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                 webhook(request, std::move(responder));
               });
}

QHttpServerResponse WebhookEndpoint::health()
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
  return QHttpServerResponse(body, dbOk ? QHttpServerResponse::StatusCode::Ok
                                        : QHttpServerResponse::StatusCode::ServiceUnavailable);
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

QHttpServerResponse WebhookEndpoint::metrics()
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
  return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"), text.toUtf8());
}

std::variant<QHttpServerResponse, shopify::WebhookDelivery> WebhookEndpoint::admit(const QHttpServerRequest &request)
{
  using Code = QHttpServerResponse::StatusCode;
  IngestCounters &counters = *m_context.counters;
  // QtHttpServer 6.4 has no body limit of its own: check the declared and the actual size.
  const QByteArray declared = headerValue(request, "content-length");
  bool numeric = false;
  const qint64 declaredBytes = declared.toLongLong(&numeric);
  const qint64 limit = m_context.webhooks.maxBodyBytes;
  if ((numeric && declaredBytes > limit) || request.body().size() > limit) {
    ++counters.rejected;
    return QHttpServerResponse(Code::PayloadTooLarge);
  }
  // The shop header is not signed: it only picks the secret, and a shop we do not serve has none.
  const QString shopDomain = QString::fromUtf8(headerValue(request, "x-shopify-shop-domain")).trimmed().toLower();
  const shopify::ShopCredentials *shop = m_context.webhooks.shops.find(shopDomain);
  const shopify::WebhookVerifier verifier(shop ? shop->webhookSecret : QByteArray());
  if (!verifier.isAuthentic(request.body(), headerValue(request, "x-shopify-hmac-sha256"))) {
    ++counters.rejected;
    if (!shop)
      ++counters.unknownShop;
    if (const auto heldBack = m_forgedLog.admit(m_clock.monotonicMs()))
      qCWarning(lcEndpoint) << "webhook refused:" << (shop ? "missing or wrong HMAC" : "not a shop this hub serves")
                            << "from" << request.remoteAddress().toString()
                            << QStringLiteral("(%1 more since the last such line)").arg(*heldBack);
    return QHttpServerResponse(Code::Unauthorized);
  }
  shopify::WebhookDelivery delivery;
  delivery.shopDomain = shop->domain;
  delivery.topic = QString::fromUtf8(headerValue(request, "x-shopify-topic"));
  delivery.webhookId = QString::fromUtf8(headerValue(request, "x-shopify-webhook-id"));
  delivery.eventId = QString::fromUtf8(headerValue(request, "x-shopify-event-id"));
  delivery.apiVersion = QString::fromUtf8(headerValue(request, "x-shopify-api-version"));
  delivery.triggeredAt =
      QDateTime::fromString(QString::fromUtf8(headerValue(request, "x-shopify-triggered-at")), Qt::ISODateWithMs);
  delivery.body = request.body();
  if (delivery.topic.isEmpty() || delivery.webhookId.isEmpty()) {
    ++counters.rejected;
    return QHttpServerResponse(Code::BadRequest);
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
    return QHttpServerResponse(Code::BadRequest);
  }
  return delivery;
}

void WebhookEndpoint::webhook(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
  ++m_context.counters->requests(m_thread);
  const AnswerQueue::Ticket ticket = m_answers.open(std::move(responder));
  auto admitted = admit(request);
  if (auto *refusal = std::get_if<QHttpServerResponse>(&admitted)) {
    m_answers.answer(ticket, std::move(*refusal));
    return;
  }
  // Answered once a writer has committed it; this thread goes on reading other requests meanwhile.
  m_context.writer->storeAsync(
      std::get<shopify::WebhookDelivery>(std::move(admitted)),
      [this, ticket, mailbox = m_mailbox](Result<shopify::StoreOutcome> outcome) {
        mailbox->post([this, ticket, outcome = std::move(outcome)]() { m_answers.answer(ticket, stored(outcome)); });
      });
}

QHttpServerResponse WebhookEndpoint::stored(const Result<shopify::StoreOutcome> &outcome)
{
  using Code = QHttpServerResponse::StatusCode;
  IngestCounters &counters = *m_context.counters;
  if (!outcome) {
    // Not stored, so not acknowledged: Shopify delivers it again later.
    ++counters.unavailable;
    if (const auto heldBack = m_unavailableLog.admit(m_clock.monotonicMs()))
      qCWarning(lcEndpoint).noquote() << "webhook not stored (503):" << outcome.error().message
                                      << QStringLiteral("(%1 more since the last such line)").arg(*heldBack);
    return QHttpServerResponse(Code::ServiceUnavailable);
  }
  if (*outcome == shopify::StoreOutcome::Duplicate) {
    ++counters.duplicate;
  } else {
    ++counters.stored;
    if (m_context.onStored)
      m_context.onStored();
  }
  return QHttpServerResponse(Code::Ok);
}

} // namespace pb::hub
