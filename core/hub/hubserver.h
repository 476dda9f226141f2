// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QHostAddress>
#include <QObject>
#include <QSqlDatabase>

#include <atomic>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

namespace pb::hub {

// What the webhook endpoint needs from configuration.
struct WebhookSettings {
  QByteArray secret; // shopify.webhook_secret; empty refuses every delivery
  qint64 maxBodyBytes = 2 * 1024 * 1024;
};

// The hub's HTTP face: /healthz for load balancers, /metrics for Prometheus and
// POST /webhooks/shopify (HMAC check, size limit, durable dedupe before 200).
class HubServer final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(HubServer)

public:
  explicit HubServer(QSqlDatabase db, WebhookSettings webhooks = {}, QObject *parent = nullptr);
  ~HubServer() override;

  // Binds and starts serving; returns the bound port (useful with port 0).
  Result<quint16> listen(const QHostAddress &address, quint16 port);

Q_SIGNALS:
  // A new delivery is in webhook_inbox (not emitted for duplicates): wake the inbox processor.
  void webhookStored();

private:
  void addRoutes();
  QHttpServerResponse handleWebhook(const QHttpServerRequest &request);
  QString backlogGauge(const QString &metric, const QString &sql);

  QSqlDatabase m_db;
  WebhookSettings m_webhooks;
  std::unique_ptr<QHttpServer> m_server;
  std::atomic<quint64> m_healthChecks{0};
  std::atomic<quint64> m_webhooksStored{0};
  std::atomic<quint64> m_webhooksDuplicate{0};
  std::atomic<quint64> m_webhooksRejected{0};
};

} // namespace pb::hub
