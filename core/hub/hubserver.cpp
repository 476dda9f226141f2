// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/hubserver.h"

#include "core/base/version.h"
#include "core/db/sql.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcHubServer, "packbench.core.hub.server")
}

HubServer::HubServer(QSqlDatabase db, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
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
    const QString text = QStringLiteral("# TYPE packbench_build_info gauge\n"
                                        "packbench_build_info{version=\"%1\"} 1\n"
                                        "# TYPE packbench_health_checks_total counter\n"
                                        "packbench_health_checks_total %2\n")
                             .arg(versionString())
                             .arg(m_healthChecks.load());
    return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"), text.toUtf8());
  });
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
