// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/hubserver.h"

#include "core/hub/databaseprobe.h"
#include "core/hub/inboxwriter.h"
#include "core/hub/ingestcounters.h"
#include "core/hub/ingestthread.h"
#include "core/hub/sharedlistener.h"

#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcHubServer, "packbench.core.hub.server")

// Connection names are per process: tests run several servers side by side.
std::atomic<int> g_serverSerial{0};
} // namespace

HubServer::HubServer(db::ConnectionSettings database, WebhookSettings webhooks, int ingestThreads, QObject *parent)
    : QObject(parent)
    , m_threadCount(std::max(1, ingestThreads))
{
  m_counters = std::make_unique<IngestCounters>(m_threadCount);
  const int serial = ++g_serverSerial;
  m_probe =
      std::make_unique<DatabaseProbe>(database, QStringLiteral("hub-probe-%1").arg(serial), webhooks.probeIntervalMs);
  m_probe->start();
  m_writer = std::make_unique<InboxWriter>(InboxWriter::Settings{
      std::move(database), webhooks.inboxWriters, webhooks.maxBatch, QStringLiteral("hub-inbox-%1").arg(serial)});
  if (webhooks.shops.isEmpty())
    qCWarning(lcHubServer) << "no shop configured (shopify.shop, shopify.shops_file): every webhook is refused";
  m_context = std::make_unique<IngestContext>(
      IngestContext{std::move(webhooks), m_counters.get(), m_writer.get(), m_probe.get(), [this]() { noteStored(); }});
}

HubServer::~HubServer()
{
  close();
}

void HubServer::close()
{
  const bool serving = !m_threads.empty();
  stopThreads();
  m_writer.reset(); // after the threads: no request can be waiting on it now
  m_probe.reset();
  if (serving)
    qCInfo(lcHubServer) << "webhook endpoint closed; stored batches finished";
}

int HubServer::ingestThreads() const
{
  return m_threadCount;
}

void HubServer::noteStored()
{
  // Called on ingest threads: queue at most one wake-up; rows committed after it is taken queue another.
  if (m_wakeQueued.exchange(true))
    return;
  QMetaObject::invokeMethod(
      this,
      [this]() {
        m_wakeQueued = false;
        Q_EMIT webhookStored();
      },
      Qt::QueuedConnection);
}

void HubServer::stopThreads()
{
  for (auto &thread : m_threads)
    thread->stop();
  for (auto &thread : m_threads)
    thread->wait();
  m_threads.clear();
}

Result<quint16> HubServer::listen(const QHostAddress &address, quint16 port)
{
  if (!m_threads.empty() || !m_writer)
    return makeError(ErrorKind::Internal, QStringLiteral("the hub server is already listening or closed"));
  // Every socket first, so a taken port fails before any thread starts.
  std::vector<SharedListener> listeners;
  auto first = SharedListener::open(address, port);
  if (!first)
    return first.error();
  const quint16 bound = first->port();
  listeners.push_back(std::move(first).value());
  for (int i = 1; i < m_threadCount; ++i) {
    auto next = SharedListener::open(address, bound);
    if (!next)
      return next.error();
    listeners.push_back(std::move(next).value());
  }
  for (int i = 0; i < m_threadCount; ++i) {
    m_threads.push_back(
        std::make_unique<IngestThread>(*m_context, i, listeners[static_cast<size_t>(i)].take(), m_ready));
    m_threads.back()->start();
  }
  m_ready.acquire(m_threadCount);
  // The first health check answers with what the database said, not "unknown" (bounded: a hung
  // database must not hold the start; /healthz then says so).
  m_probe->waitForFirstCheck(5000);
  for (const auto &thread : m_threads) {
    if (!thread->serving()) {
      stopThreads();
      return makeError(ErrorKind::Unavailable,
                       QStringLiteral("cannot serve on %1:%2 (an ingest thread failed to start)")
                           .arg(address.toString())
                           .arg(bound));
    }
  }
  qCInfo(lcHubServer) << "listening on" << address.toString() << bound << "with" << m_threadCount << "ingest thread(s)";
  return bound;
}

} // namespace pb::hub
