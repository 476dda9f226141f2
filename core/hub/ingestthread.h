// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSemaphore>
#include <QString>
#include <QThread>

#include <atomic>

namespace pb::hub {

struct IngestContext;

// One ingest thread: its own QHttpServer accepting on its own SO_REUSEPORT socket and its own event
// loop; deliveries are stored through the hub's shared InboxWriter, which batches the commits of all
// threads. Stops (and closes its sockets) when its event loop quits.
class IngestThread final : public QThread {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(IngestThread)

public:
  // Takes ownership of the listening descriptor; releases ready once serving (or failed).
  IngestThread(const IngestContext &context, int index, qintptr listener, QSemaphore &ready, QObject *parent = nullptr);
  ~IngestThread() override;

  // After ready was released: did the thread start serving?
  bool serving() const { return m_serving; }

protected:
  void run() override;

private:
  const IngestContext &m_context;
  int m_index;
  qintptr m_listener;
  QSemaphore &m_ready;
  std::atomic<bool> m_serving{false};
};

} // namespace pb::hub
