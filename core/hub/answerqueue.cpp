// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/answerqueue.h"

namespace pb::hub {

AnswerQueue::AnswerQueue() = default;

AnswerQueue::~AnswerQueue() = default;

AnswerQueue::Ticket AnswerQueue::open(QHttpServerResponder &&responder)
{
  QTcpSocket *socket = responder.socket();
  auto ticket = std::make_shared<Slot>(Slot{socket, std::move(responder), std::nullopt});
  auto line = m_lines.find(socket);
  if (line == m_lines.end()) {
    line = m_lines.insert(socket, {});
    // Answers are small and go out in pieces: Nagle would hold the last piece for the client's delayed ACK.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // A closed connection's unanswered requests are forgotten with it.
    QObject::connect(socket, &QObject::destroyed, &m_context, [this, socket]() { m_lines.remove(socket); });
  }
  line->push_back(ticket);
  return ticket;
}

void AnswerQueue::answer(const Ticket &ticket, QHttpServerResponse &&response)
{
  ticket->response.emplace(std::move(response));
  if (QTcpSocket *socket = ticket->socket.data())
    flush(socket);
}

void AnswerQueue::flush(QTcpSocket *socket)
{
  auto line = m_lines.find(socket);
  if (line == m_lines.end())
    return;
  while (!line->empty() && line->front()->response) {
    const Ticket ticket = line->front();
    line->pop_front();
    if (socket->state() == QAbstractSocket::ConnectedState)
      ticket->response->write(std::move(ticket->responder));
  }
}

qsizetype AnswerQueue::waiting() const
{
  qsizetype count = 0;
  for (const auto &line : m_lines)
    count += static_cast<qsizetype>(line.size());
  return count;
}

} // namespace pb::hub
