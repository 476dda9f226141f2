// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/webhookendpoint.h"

#include "core/base/version.h"
#include "core/db/reconnector.h"
#include "core/db/statementcache.h"
#include "core/hub/ingestcounters.h"
#include "core/shopify/webhookinbox.h"
#include "core/shopify/webhookverifier.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcEndpoint, "packbench.core.hub.webhookendpoint")

// A lost database is retried quickly: every failed try is one more 503 that Shopify must redeliver.
constexpr db::Reconnector::Backoff kReconnectBackoff{std::chrono::milliseconds(250), std::chrono::milliseconds(5000)};
constexpr qint64 kFirstOpenRetryMs = 1000;

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

WebhookEndpoint::WebhookEndpoint(const IngestContext &context, int thread, QString connectionName)
    : m_context(context)
    , m_thread(thread)
    , m_connectionName(std::move(connectionName))
{
  // Opened now so the first webhook does not pay for it; a failure is retried per request.
  if (Status opened = ensureDatabase(); !opened)
    qCWarning(lcEndpoint).noquote() << "ingest thread" << m_thread << "has no database yet:" << opened.error().message;
}

WebhookEndpoint::~WebhookEndpoint()
{
  m_statements.reset();
  m_reconnector.reset();
  if (QSqlDatabase::contains(m_connectionName)) {
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
  }
}

void WebhookEndpoint::addRoutes(QHttpServer &server)
{
  server.route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [this]() { return health(); });
  server.route(QStringLiteral("/metrics"), QHttpServerRequest::Method::Get, [this]() { return metrics(); });
  server.route(QStringLiteral("/webhooks/shopify"), QHttpServerRequest::Method::Post,
               [this](const QHttpServerRequest &request) { return webhook(request); });
}

Status WebhookEndpoint::ensureDatabase()
{
  if (m_reconnector)
    return m_reconnector->ensureOpen();
  // Never opened yet: openDatabase() registers the connection only when it succeeds.
  if (m_clock.monotonicMs() < m_nextOpenMs)
    return makeError(ErrorKind::Unavailable, QStringLiteral("database unavailable; retrying shortly"));
  auto opened = db::openDatabase(m_context.database, m_connectionName);
  if (!opened) {
    m_nextOpenMs = m_clock.monotonicMs() + kFirstOpenRetryMs;
    return opened.error();
  }
  m_statements = std::make_unique<db::StatementCache>(*opened);
  m_reconnector = std::make_unique<db::Reconnector>(m_connectionName, m_clock, kReconnectBackoff);
  return {};
}

void WebhookEndpoint::noteError(const Error &error)
{
  if (m_reconnector)
    m_reconnector->noteError(error);
}

QHttpServerResponse WebhookEndpoint::health()
{
  ++m_context.counters->healthChecks;
  ++m_context.counters->requests(m_thread);
  bool dbOk = ensureDatabase().ok();
  if (dbOk) {
    auto ping = m_statements->query(QStringLiteral("SELECT 1"));
    if (!ping)
      noteError(ping.error());
    dbOk = ping.ok();
  }
  const QJsonObject body{{QStringLiteral("status"), dbOk ? QStringLiteral("ok") : QStringLiteral("degraded")},
                         {QStringLiteral("database"), dbOk ? QStringLiteral("ok") : QStringLiteral("unreachable")},
                         {QStringLiteral("version"), versionString()}};
  return QHttpServerResponse(body, dbOk ? QHttpServerResponse::StatusCode::Ok
                                        : QHttpServerResponse::StatusCode::ServiceUnavailable);
}

QHttpServerResponse WebhookEndpoint::metrics()
{
  ++m_context.counters->requests(m_thread);
  QString text = m_context.counters->prometheusText(versionString());
  if (ensureDatabase().ok()) {
    // Work not yet settled (shared by every hub instance): dead letters and a growing backlog page someone.
    text += backlogGauge(QStringLiteral("packbench_webhook_inbox_rows"),
                         QStringLiteral("SELECT status, count(*) FROM webhook_inbox WHERE status <> 'processed' "
                                        "GROUP BY status ORDER BY status"));
    text += backlogGauge(QStringLiteral("packbench_outbox_rows"),
                         QStringLiteral("SELECT status, count(*) FROM outbox WHERE status <> 'done' GROUP BY status "
                                        "ORDER BY status"));
  }
  return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"), text.toUtf8());
}

QString WebhookEndpoint::backlogGauge(const QString &metric, const QString &sql)
{
  auto rows = m_statements->query(sql);
  if (!rows) {
    noteError(rows.error());
    return {};
  }
  QString text = QStringLiteral("# TYPE %1 gauge\n").arg(metric);
  for (const QVariantList &row : *rows)
    text += QStringLiteral("%1{status=\"%2\"} %3\n").arg(metric, row.at(0).toString()).arg(row.at(1).toLongLong());
  return text;
}

QHttpServerResponse WebhookEndpoint::webhook(const QHttpServerRequest &request)
{
  using Code = QHttpServerResponse::StatusCode;
  IngestCounters &counters = *m_context.counters;
  ++counters.requests(m_thread);
  // QtHttpServer 6.4 has no body limit of its own: check the declared and the actual size.
  const QByteArray declared = headerValue(request, "content-length");
  bool numeric = false;
  const qint64 declaredBytes = declared.toLongLong(&numeric);
  const qint64 limit = m_context.webhooks.maxBodyBytes;
  if ((numeric && declaredBytes > limit) || request.body().size() > limit) {
    ++counters.rejected;
    return QHttpServerResponse(Code::PayloadTooLarge);
  }
  const shopify::WebhookVerifier verifier(m_context.webhooks.secret);
  if (!verifier.isAuthentic(request.body(), headerValue(request, "x-shopify-hmac-sha256"))) {
    ++counters.rejected;
    if (const auto heldBack = m_forgedLog.admit(m_clock.monotonicMs()))
      qCWarning(lcEndpoint) << "webhook refused: missing or wrong HMAC from" << request.remoteAddress().toString()
                            << QStringLiteral("(%1 more since the last such line)").arg(*heldBack);
    return QHttpServerResponse(Code::Unauthorized);
  }
  shopify::WebhookDelivery delivery;
  delivery.shopDomain = QString::fromUtf8(headerValue(request, "x-shopify-shop-domain"));
  delivery.topic = QString::fromUtf8(headerValue(request, "x-shopify-topic"));
  delivery.webhookId = QString::fromUtf8(headerValue(request, "x-shopify-webhook-id"));
  delivery.eventId = QString::fromUtf8(headerValue(request, "x-shopify-event-id"));
  delivery.apiVersion = QString::fromUtf8(headerValue(request, "x-shopify-api-version"));
  delivery.triggeredAt =
      QDateTime::fromString(QString::fromUtf8(headerValue(request, "x-shopify-triggered-at")), Qt::ISODateWithMs);
  delivery.body = request.body();
  if (delivery.topic.isEmpty() || delivery.webhookId.isEmpty() || delivery.shopDomain.isEmpty()) {
    ++counters.rejected;
    return QHttpServerResponse(Code::BadRequest);
  }
  Result<shopify::StoreOutcome> stored = makeError(ErrorKind::Unavailable, QString());
  if (Status ready = ensureDatabase(); !ready)
    stored = ready.error();
  else
    stored = shopify::webhookinbox::store(*m_statements, delivery);
  if (!stored) {
    // Not stored, so not acknowledged: Shopify delivers it again later.
    noteError(stored.error());
    ++counters.unavailable;
    if (const auto heldBack = m_unavailableLog.admit(m_clock.monotonicMs()))
      qCWarning(lcEndpoint).noquote() << "webhook not stored (503):" << stored.error().message
                                      << QStringLiteral("(%1 more since the last such line)").arg(*heldBack);
    return QHttpServerResponse(Code::ServiceUnavailable);
  }
  if (*stored == shopify::StoreOutcome::Duplicate) {
    ++counters.duplicate;
  } else {
    ++counters.stored;
    if (m_context.onStored)
      m_context.onStored();
  }
  return QHttpServerResponse(Code::Ok);
}

} // namespace pb::hub
