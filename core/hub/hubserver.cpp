// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/hubserver.h"

#include "core/base/version.h"
#include "core/db/sql.h"
#include "core/shopify/webhookinbox.h"
#include "core/shopify/webhookverifier.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcHubServer, "packbench.core.hub.server")

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

HubServer::HubServer(QSqlDatabase db, WebhookSettings webhooks, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_webhooks(std::move(webhooks))
    , m_server(std::make_unique<QHttpServer>())
{
  addRoutes();
}

HubServer::~HubServer() = default;

void HubServer::addRoutes()
{
  m_server->route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [this]() {
    ++m_healthChecks;
    const bool dbOk = db::exec(m_db, QStringLiteral("SELECT 1")).ok();
    const QJsonObject body{{QStringLiteral("status"), dbOk ? QStringLiteral("ok") : QStringLiteral("degraded")},
                           {QStringLiteral("database"), dbOk ? QStringLiteral("ok") : QStringLiteral("unreachable")},
                           {QStringLiteral("version"), versionString()}};
    return QHttpServerResponse(body, dbOk ? QHttpServerResponse::StatusCode::Ok
                                          : QHttpServerResponse::StatusCode::ServiceUnavailable);
  });
  m_server->route(QStringLiteral("/metrics"), QHttpServerRequest::Method::Get, [this]() {
    QString text = QStringLiteral("# TYPE packbench_build_info gauge\n"
                                  "packbench_build_info{version=\"%1\"} 1\n"
                                  "# TYPE packbench_health_checks_total counter\n"
                                  "packbench_health_checks_total %2\n"
                                  "# TYPE packbench_webhooks_total counter\n"
                                  "packbench_webhooks_total{result=\"stored\"} %3\n"
                                  "packbench_webhooks_total{result=\"duplicate\"} %4\n"
                                  "packbench_webhooks_total{result=\"rejected\"} %5\n")
                       .arg(versionString())
                       .arg(m_healthChecks.load())
                       .arg(m_webhooksStored.load())
                       .arg(m_webhooksDuplicate.load())
                       .arg(m_webhooksRejected.load());
    // Work not yet settled (shared by every hub instance): dead letters and a growing backlog page someone.
    text += backlogGauge(QStringLiteral("packbench_webhook_inbox_rows"),
                         QStringLiteral("SELECT status, count(*) FROM webhook_inbox WHERE status <> 'processed' "
                                        "GROUP BY status ORDER BY status"));
    text += backlogGauge(QStringLiteral("packbench_outbox_rows"),
                         QStringLiteral("SELECT status, count(*) FROM outbox WHERE status <> 'done' GROUP BY status "
                                        "ORDER BY status"));
    return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"), text.toUtf8());
  });
  m_server->route(QStringLiteral("/webhooks/shopify"), QHttpServerRequest::Method::Post,
                  [this](const QHttpServerRequest &request) { return handleWebhook(request); });
}

QString HubServer::backlogGauge(const QString &metric, const QString &sql)
{
  auto rows = db::exec(m_db, sql);
  if (!rows)
    return {};
  QString text = QStringLiteral("# TYPE %1 gauge\n").arg(metric);
  while (rows.value().next())
    text += QStringLiteral("%1{status=\"%2\"} %3\n")
                .arg(metric, rows->value(0).toString())
                .arg(rows->value(1).toLongLong());
  return text;
}

QHttpServerResponse HubServer::handleWebhook(const QHttpServerRequest &request)
{
  using Code = QHttpServerResponse::StatusCode;
  // QtHttpServer 6.4 has no body limit of its own: check the declared and the actual size.
  const QByteArray declared = headerValue(request, "content-length");
  bool numeric = false;
  const qint64 declaredBytes = declared.toLongLong(&numeric);
  if ((numeric && declaredBytes > m_webhooks.maxBodyBytes) || request.body().size() > m_webhooks.maxBodyBytes) {
    ++m_webhooksRejected;
    return QHttpServerResponse(Code::PayloadTooLarge);
  }
  const shopify::WebhookVerifier verifier(m_webhooks.secret);
  if (!verifier.isAuthentic(request.body(), headerValue(request, "x-shopify-hmac-sha256"))) {
    ++m_webhooksRejected;
    qCWarning(lcHubServer) << "webhook refused: missing or wrong HMAC from" << request.remoteAddress().toString();
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
    ++m_webhooksRejected;
    return QHttpServerResponse(Code::BadRequest);
  }
  auto stored = shopify::webhookinbox::store(m_db, delivery);
  if (!stored) {
    // Not stored, so not acknowledged: Shopify retries the delivery later.
    qCWarning(lcHubServer).noquote() << "webhook not stored:" << stored.error().message;
    return QHttpServerResponse(Code::ServiceUnavailable);
  }
  if (*stored == shopify::StoreOutcome::Duplicate) {
    ++m_webhooksDuplicate;
  } else {
    ++m_webhooksStored;
    Q_EMIT webhookStored();
  }
  return QHttpServerResponse(Code::Ok);
}

Result<quint16> HubServer::listen(const QHostAddress &address, quint16 port)
{
  const quint16 bound = m_server->listen(address, port);
  if (bound == 0)
    return makeError(
        ErrorKind::Unavailable,
        QStringLiteral("cannot listen on %1:%2 (in use or not permitted)").arg(address.toString()).arg(port));
  qCInfo(lcHubServer) << "listening on" << address.toString() << bound;
  return bound;
}

} // namespace pb::hub
