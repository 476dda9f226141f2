// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/connection.h"
#include "core/db/statementcache.h"
#include "core/shopify/webhookinbox.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace pb::hub {

// Stores webhook deliveries for every ingest thread through a few writer threads, each with its own
// connection. Whatever waits when a writer comes free goes into one INSERT and one durable commit, so a
// burst costs PostgreSQL one transaction per batch instead of one per webhook; each caller is answered
// only after the commit that holds its delivery. Writers reopen a lost connection with backoff.
class InboxWriter final {
public:
  struct Settings {
    db::ConnectionSettings database;
    int writers = 1;                           // one: fewer, larger commits (docs/benchmarks.md, session 18)
    int maxBatch = 64;                         // deliveries per statement
    QString connectionPrefix;                  // connection names are per process
    qint64 maxQueuedBytes = 256 * 1024 * 1024; // bodies waiting beyond this are refused (503) at once
  };
  explicit InboxWriter(Settings settings);
  // Answers every waiting caller (Unavailable) and stops the writers.
  ~InboxWriter();
  Q_DISABLE_COPY_MOVE(InboxWriter)

  using StoreCallback = std::function<void(Result<shopify::StoreOutcome>)>;
  // Queues the delivery; once it is durably stored (or found stored), or storing failed, done is called
  // on a writer thread (or on the caller's, when the writer is already stopping). Never blocks.
  void storeAsync(shopify::WebhookDelivery delivery, StoreCallback done);

  // Store statements run so far (a batch split after a refusal counts once): deliveries per batch shows
  // how much the batching saves.
  quint64 batches() const { return m_batches; }

  struct Job;

private:
  class Writer;
  // Queues a job; false (and the job untouched) once stopping.
  bool enqueue(Job *job);
  // Next work for a writer: up to maxBatch stores; empty once stopping.
  std::vector<Job *> takeWork();

  Settings m_settings;
  std::mutex m_mutex;
  std::condition_variable m_work;
  std::deque<Job *> m_queue;
  qint64 m_queuedBytes = 0; // bodies in m_queue: a stalled database must not take the hub's memory
  bool m_stopping = false;
  std::atomic<quint64> m_batches{0};
  std::vector<std::unique_ptr<Writer>> m_writers;
};

} // namespace pb::hub
