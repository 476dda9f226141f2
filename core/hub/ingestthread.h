// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/hub/ingestloop.h"

#include <QSemaphore>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>

namespace pb::hub {

struct IngestContext;
struct WebhookSettings;

// One ingest thread: its own IngestLoop (HTTP/1.1 over epoll) accepting on its own SO_REUSEPORT socket;
// deliveries are stored through the hub's shared InboxWriter, which batches the commits of all threads.
// Stops (and closes its sockets) on stop().
class IngestThread final : public QThread {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(IngestThread)

public:
  // Takes ownership of the listening descriptor; releases ready once serving (or failed).
  IngestThread(const IngestContext &context, int index, qintptr listener, QSemaphore &ready, QObject *parent = nullptr);
  ~IngestThread() override;

  // After ready was released: did the thread start serving?
  bool serving() const { return m_serving; }
  // Ends run() and closes its connections; from any thread.
  void stop();

protected:
  void run() override;

private:
  static IngestLoop::Settings loopSettings(const WebhookSettings &webhooks);

  const IngestContext &m_context;
  int m_index;
  std::unique_ptr<IngestLoop> m_loop; // made here, run on the thread
  QSemaphore &m_ready;
  std::atomic<bool> m_serving{false};
};

} // namespace pb::hub
