// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/ingestthread.h"

#include "core/hub/webhookendpoint.h"

#include <QHttpServer>
#include <QLoggingCategory>
#include <QTcpServer>

#include <unistd.h>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcIngest, "packbench.core.hub.ingestthread")
}

IngestThread::IngestThread(const IngestContext &context, int index, qintptr listener, QSemaphore &ready,
                           QObject *parent)
    : QThread(parent)
    , m_context(context)
    , m_index(index)
    , m_listener(listener)
    , m_ready(ready)
{
  setObjectName(QStringLiteral("ingest-%1").arg(index));
}

IngestThread::~IngestThread()
{
  quit();
  wait();
}

void IngestThread::run()
{
  WebhookEndpoint endpoint(m_context, m_index);
  // Declared after the endpoint so it goes first: no request can reach a closed connection.
  QHttpServer http;
  endpoint.addRoutes(http);
  auto *tcp = new QTcpServer(&http);
  if (!tcp->setSocketDescriptor(m_listener)) {
    qCCritical(lcIngest) << "ingest thread" << m_index << "cannot accept:" << tcp->errorString();
    ::close(static_cast<int>(m_listener));
    m_ready.release();
    return;
  }
  http.bind(tcp);
  m_serving = true;
  m_ready.release();
  exec();
}

} // namespace pb::hub
