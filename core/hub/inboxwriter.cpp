// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/inboxwriter.h"

#include "core/base/burstlimiter.h"
#include "core/base/clock.h"
#include "core/db/reconnector.h"
#include "core/hub/ingestloop.h"

#include <QLoggingCategory>
#include <QThread>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcInboxWriter, "packbench.core.hub.inboxwriter")

// A lost database is retried quickly: every failed try is one more 503 that Shopify must redeliver.
constexpr db::Reconnector::Backoff kReconnectBackoff{std::chrono::milliseconds(250), std::chrono::milliseconds(5000)};
} // namespace

struct InboxWriter::Job {
  shopify::WebhookDelivery delivery;
  StoreCallback stored; // the caller; the job is the writer's to delete

  // The outcome goes to its caller, and the job is done with.
  void finish(Result<shopify::StoreOutcome> outcome)
  {
    stored(std::move(outcome));
    delete this;
  }
};

// One writer: its own thread and connection, taking batches from the shared queue.
class InboxWriter::Writer final : public QThread {
public:
  Writer(InboxWriter &owner, QString connectionName)
      : m_owner(owner)
      , m_connectionName(std::move(connectionName))
  {
    setObjectName(QStringLiteral("inbox-writer"));
  }
  ~Writer() override { wait(); }
  Q_DISABLE_COPY_MOVE(Writer)

protected:
  void run() override
  {
    {
      const SystemClock clock;
      db::Reconnector reconnector(m_owner.m_settings.database, m_connectionName, clock, kReconnectBackoff);
      std::unique_ptr<db::StatementCache> statements;
      // Opened now so the first webhook does not pay for it; a failure is retried with the first batch.
      if (Status opened = reconnector.ensureOpen(); !opened)
        qCWarning(lcInboxWriter).noquote() << "inbox writer has no database yet:" << opened.error().message;
      while (true) {
        std::vector<Job *> jobs = m_owner.takeWork();
        if (jobs.empty())
          break;
        Status ready = reconnector.ensureOpen();
        if (ready.ok() && !statements)
          statements = std::make_unique<db::StatementCache>(reconnector.database());
        if (!ready.ok()) {
          for (Job *job : jobs)
            job->finish(ready.error());
        } else {
          storeAll(*statements, reconnector, jobs);
        }
      }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
  }

private:
  // Stores the batch and finishes every job in it.
  void storeAll(db::StatementCache &statements, db::Reconnector &reconnector, const std::vector<Job *> &jobs)
  {
    const IngestLoop::HeldWakeUps wakeEachLoopOnce;
    QList<shopify::WebhookDelivery> deliveries;
    deliveries.reserve(static_cast<qsizetype>(jobs.size()));
    for (const Job *job : jobs)
      deliveries.append(job->delivery);
    ++m_owner.m_batches;
    auto outcomes = shopify::webhookinbox::storeBatch(statements, deliveries);
    if (outcomes) {
      for (size_t i = 0; i < jobs.size(); ++i)
        jobs[i]->finish(outcomes->at(static_cast<qsizetype>(i)));
      return;
    }
    reconnector.noteError(outcomes.error());
    if (outcomes.error().kind == ErrorKind::Unavailable || jobs.size() == 1) {
      for (Job *job : jobs)
        job->finish(outcomes.error());
      return;
    }
    // One delivery the database refuses must not cost the others their place: store them one by one.
    if (const auto heldBack = m_splitLog.admit(m_clock.monotonicMs()))
      qCWarning(lcInboxWriter).noquote() << "a batch of" << jobs.size()
                                         << "webhooks was refused; storing them one by one:" << outcomes.error().message
                                         << QStringLiteral("(%1 more since the last such line)").arg(*heldBack);
    for (Job *job : jobs) {
      auto single = shopify::webhookinbox::storeBatch(statements, {job->delivery});
      if (!single) {
        reconnector.noteError(single.error());
        job->finish(single.error());
      } else {
        job->finish(single->first());
      }
    }
  }

  InboxWriter &m_owner;
  QString m_connectionName;
  SystemClock m_clock;
  BurstLimiter m_splitLog{10'000};
};

InboxWriter::InboxWriter(Settings settings)
    : m_settings(std::move(settings))
{
  const int writers = std::max(1, m_settings.writers);
  for (int i = 0; i < writers; ++i) {
    m_writers.push_back(
        std::make_unique<Writer>(*this, QStringLiteral("%1-writer-%2").arg(m_settings.connectionPrefix).arg(i)));
    m_writers.back()->start();
  }
}

InboxWriter::~InboxWriter()
{
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_work.notify_all();
  m_writers.clear(); // each waits for its thread, which finishes the batch in hand first
  std::deque<Job *> left;
  {
    const std::lock_guard lock(m_mutex);
    left.swap(m_queue);
  }
  const Error stopping = makeError(ErrorKind::Unavailable, QStringLiteral("the hub is shutting down"));
  for (Job *job : left)
    job->finish(stopping);
}

bool InboxWriter::enqueue(Job *job)
{
  {
    const std::lock_guard lock(m_mutex);
    if (m_stopping)
      return false;
    const qint64 bytes = job->delivery.body.size();
    if (m_queuedBytes > 0 && m_queuedBytes + bytes > m_settings.maxQueuedBytes)
      return false;
    m_queuedBytes += bytes;
    m_queue.push_back(job);
  }
  m_work.notify_one();
  return true;
}

std::vector<InboxWriter::Job *> InboxWriter::takeWork()
{
  std::unique_lock lock(m_mutex);
  m_work.wait(lock, [this]() { return m_stopping || !m_queue.empty(); });
  std::vector<Job *> jobs;
  if (m_stopping || m_queue.empty())
    return jobs;
  while (!m_queue.empty() && std::ssize(jobs) < m_settings.maxBatch) {
    m_queuedBytes -= m_queue.front()->delivery.body.size();
    jobs.push_back(m_queue.front());
    m_queue.pop_front();
  }
  // More waiting than this writer took: let another writer start on it now.
  if (!m_queue.empty())
    m_work.notify_one();
  return jobs;
}

void InboxWriter::storeAsync(shopify::WebhookDelivery delivery, StoreCallback done)
{
  auto *job = new Job;
  job->delivery = std::move(delivery);
  job->stored = std::move(done);
  if (!enqueue(job))
    job->finish(makeError(ErrorKind::Unavailable,
                          QStringLiteral("the hub is shutting down or too far behind the database to take more")));
}

} // namespace pb::hub
