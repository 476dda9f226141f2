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

namespace pb::hub {

// The hub's HTTP face: /healthz for load balancers and /metrics for Prometheus.
class HubServer final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(HubServer)

public:
  explicit HubServer(QSqlDatabase db, QObject *parent = nullptr);
  ~HubServer() override;

  // Binds and starts serving; returns the bound port (useful with port 0).
  Result<quint16> listen(const QHostAddress &address, quint16 port);

private:
  void addRoutes();

  QSqlDatabase m_db;
  std::unique_ptr<QHttpServer> m_server;
  std::atomic<quint64> m_healthChecks{0};
};

} // namespace pb::hub
