// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/ingestthread.h"

#include "core/hub/webhookendpoint.h"

#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcIngest, "packbench.core.hub.ingestthread")
}

IngestThread::IngestThread(const IngestContext &context, int index, qintptr listener, QSemaphore &ready,
                           QObject *parent)
    : QThread(parent)
    , m_context(context)
    , m_index(index)
    , m_loop(std::make_unique<IngestLoop>(static_cast<int>(listener), loopSettings(context.webhooks)))
    , m_ready(ready)
{
  setObjectName(QStringLiteral("ingest-%1").arg(index));
}

IngestThread::~IngestThread()
{
  stop();
  wait();
}

void IngestThread::stop()
{
  m_loop->stop();
}

IngestLoop::Settings IngestThread::loopSettings(const WebhookSettings &webhooks)
{
  IngestLoop::Settings settings;
  settings.limits.maxBodyBytes = webhooks.maxBodyBytes;
  return settings;
}

void IngestThread::run()
{
  if (!m_loop->error().isEmpty()) {
    qCCritical(lcIngest) << "ingest thread" << m_index << "cannot serve:" << m_loop->error();
    m_ready.release();
    return;
  }
  WebhookEndpoint endpoint(m_context, m_index);
  endpoint.serve(*m_loop);
  m_serving = true;
  m_ready.release();
  m_loop->run(); // returns on stop(), before the endpoint its handler points at goes
}

} // namespace pb::hub
