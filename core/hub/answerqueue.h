// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <deque>
#include <memory>
#include <optional>

namespace pb::hub {

// Answers the requests of each HTTP/1.1 connection in the order they came, even when a later one is
// ready first (a client may pipeline), and never writes to a connection that has gone: QtHttpServer
// 6.4 keeps a raw socket pointer in the responder, so answering after the client left would use a
// deleted socket. Lives on one ingest thread; every call from that thread.
class AnswerQueue final {
public:
  struct Slot {
    QPointer<QTcpSocket> socket;
    QHttpServerResponder responder;
    std::optional<QHttpServerResponse> response;
  };
  using Ticket = std::shared_ptr<Slot>;

  AnswerQueue();
  ~AnswerQueue();
  Q_DISABLE_COPY_MOVE(AnswerQueue)

  // Takes the next place in line on the responder's connection.
  Ticket open(QHttpServerResponder &&responder);
  // Writes the answer now, or once every earlier request on its connection is answered; dropped if the
  // connection is gone.
  void answer(const Ticket &ticket, QHttpServerResponse &&response);
  // Requests waiting for their answer, over all connections.
  qsizetype waiting() const;

private:
  void flush(QTcpSocket *socket);

  QObject m_context; // ends the destroyed() watches with this queue
  QHash<QTcpSocket *, std::deque<Ticket>> m_lines;
};

} // namespace pb::hub
