// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/ingestloop.h"

#include <QHostAddress>
#include <QLoggingCategory>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <mutex>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcLoop, "packbench.core.hub.ingestloop")

constexpr quint64 kListenerId = 1;
constexpr quint64 kWakeId = 2;
constexpr int kMaxEvents = 128;
constexpr int kReadsPerWake = 4; // then other connections get their turn; level-triggered epoll comes back
constexpr size_t kReadBufferBytes = 64 * 1024;
constexpr int kAcceptBurst = 64;
constexpr int kAcceptPauseMs = 1000;
// Answers a client has not taken beyond this stop its requests being read: one that sends and never reads
// would otherwise grow its buffer for as long as it sends.
constexpr qsizetype kMaxUnsentBytes = 64 * 1024;

qint64 monotonicMs()
{
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<qint64>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

QString errnoText(int error)
{
  return QString::fromLocal8Bit(std::strerror(error));
}
} // namespace

struct IngestLoop::Connection {
  quint64 id = 0;
  int fd = -1;
  QString peer;
  QByteArray in;  // bytes read and not yet taken as a request
  QByteArray out; // answers ready to send, in order
  qsizetype outSent = 0;
  struct Slot {
    bool closing = false;
    std::optional<QByteArray> bytes; // the serialized answer, once known
  };
  std::deque<Slot> answers; // one per request taken, oldest first
  quint64 firstSequence = 0;
  quint64 nextSequence = 0;
  bool noMoreRequests = false; // a refusal or "Connection: close" was taken: nothing after it is read
  bool finishing = false;      // its last answer is queued in `out`
  bool lingering = false;      // write side shut; what the client still sends is read and dropped
  bool peerClosed = false;
  bool continueSent = false;
  bool doomed = false;
  bool registered = false; // in the epoll set
  quint32 interest = 0;
  qint64 lastActivityMs = 0;
  qint64 stalledSinceMs = 0;   // when the kernel last refused our answer bytes; 0 while they flow
  qint64 requestStartedMs = 0; // when the bytes now in `in` began to arrive; 0 when `in` is empty
  qint64 lingerUntilMs = 0;
};

struct IngestLoop::Mailbox {
  std::mutex mutex;
  std::vector<std::function<void()>> work;
  int wakeFd = -1;
  bool open = true;

  static void post(const std::shared_ptr<Mailbox> &mailbox, std::function<void()> item)
  {
    const std::lock_guard lock(mailbox->mutex);
    if (!mailbox->open)
      return;
    const bool wasEmpty = mailbox->work.empty();
    mailbox->work.push_back(std::move(item));
    if (!wasEmpty)
      return; // a wake-up is already owed for what was there
    if (HeldWakeUps *held = tl_heldWakeUps) {
      held->keep(mailbox);
      return;
    }
    mailbox->wake();
  }

  // Under the mutex.
  void wake() const
  {
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wakeFd, &one, sizeof one);
  }

  static thread_local HeldWakeUps *tl_heldWakeUps;
};

thread_local IngestLoop::HeldWakeUps *IngestLoop::Mailbox::tl_heldWakeUps = nullptr;

IngestLoop::HeldWakeUps::HeldWakeUps()
    : m_outer(Mailbox::tl_heldWakeUps)
{
  Mailbox::tl_heldWakeUps = this;
}

void IngestLoop::HeldWakeUps::keep(const std::shared_ptr<Mailbox> &mailbox)
{
  if (std::find(m_held.begin(), m_held.end(), mailbox) == m_held.end())
    m_held.push_back(mailbox);
}

IngestLoop::HeldWakeUps::~HeldWakeUps()
{
  Mailbox::tl_heldWakeUps = m_outer;
  for (const auto &mailbox : m_held) {
    if (m_outer) { // nested: the outer scope wakes it
      m_outer->keep(mailbox);
      continue;
    }
    const std::lock_guard lock(mailbox->mutex);
    // Work the loop already took (woken by something else) needs no wake-up; a spare one is harmless.
    if (mailbox->open && !mailbox->work.empty())
      mailbox->wake();
  }
}

IngestLoop::Responder::Responder(IngestLoop *loop, quint64 connection, quint64 sequence)
    : m_loop(loop)
    , m_connection(connection)
    , m_sequence(sequence)
{}

void IngestLoop::Responder::answer(http::Response &&response) const
{
  m_loop->deliver(m_connection, m_sequence, std::move(response));
}

IngestLoop::IngestLoop(int listener, Settings settings)
    : m_listener(listener)
    , m_settings(std::move(settings))
    , m_mailbox(std::make_shared<Mailbox>())
    , m_readBuffer(kReadBufferBytes)
{
  m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
  m_mailbox->wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (m_epoll < 0 || m_mailbox->wakeFd < 0) {
    m_error = QStringLiteral("cannot create the ingest loop: %1").arg(errnoText(errno));
    return;
  }
  const int flags = ::fcntl(m_listener, F_GETFL);
  if (flags < 0 || ::fcntl(m_listener, F_SETFL, flags | O_NONBLOCK) < 0) {
    m_error = QStringLiteral("cannot make the listener non-blocking: %1").arg(errnoText(errno));
    return;
  }
  epoll_event listen{};
  listen.events = EPOLLIN;
  listen.data.u64 = kListenerId;
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.u64 = kWakeId;
  if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listener, &listen) < 0 ||
      ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_mailbox->wakeFd, &wake) < 0)
    m_error = QStringLiteral("cannot watch the listener: %1").arg(errnoText(errno));
}

IngestLoop::~IngestLoop()
{
  {
    const std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->open = false;
    m_mailbox->work.clear();
    if (m_mailbox->wakeFd >= 0)
      ::close(m_mailbox->wakeFd);
    m_mailbox->wakeFd = -1;
  }
  for (auto &[id, connection] : m_connections)
    ::close(connection->fd);
  if (m_listener >= 0)
    ::close(m_listener);
  if (m_epoll >= 0)
    ::close(m_epoll);
}

IngestLoop::Poster IngestLoop::poster() const
{
  return [mailbox = m_mailbox](std::function<void()> work) { Mailbox::post(mailbox, std::move(work)); };
}

void IngestLoop::stop()
{
  m_stopping = true;
  const std::lock_guard lock(m_mailbox->mutex);
  if (m_mailbox->wakeFd >= 0) {
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t written = ::write(m_mailbox->wakeFd, &one, sizeof one);
  }
}

void IngestLoop::run()
{
  if (!m_error.isEmpty())
    return;
  epoll_event events[kMaxEvents];
  while (!m_stopping) {
    const int ready = ::epoll_wait(m_epoll, events, kMaxEvents, 1000);
    if (ready < 0 && errno != EINTR) {
      qCCritical(lcLoop) << "epoll_wait failed:" << errnoText(errno);
      break;
    }
    for (int i = 0; i < ready; ++i) {
      const quint64 id = events[i].data.u64;
      if (id == kListenerId) {
        acceptAll();
      } else if (id == kWakeId) {
        quint64 count = 0;
        [[maybe_unused]] const ssize_t got = ::read(m_mailbox->wakeFd, &count, sizeof count);
        runPosted();
      } else if (Connection *connection = find(id)) {
        onSocket(*connection, events[i].events);
      }
      reap();
    }
    // Requests that waited in a buffer while their connection had too many unanswered.
    std::vector<quint64> waiting;
    waiting.swap(m_readyInput);
    for (const quint64 id : waiting) {
      if (Connection *connection = find(id))
        takeRequests(*connection);
    }
    reap();
    sweep(monotonicMs());
    reap();
  }
  {
    const std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->open = false;
    m_mailbox->work.clear();
  }
  for (auto &[id, connection] : m_connections)
    ::close(connection->fd);
  m_connections.clear();
}

void IngestLoop::runPosted()
{
  std::vector<std::function<void()>> work;
  {
    const std::lock_guard lock(m_mailbox->mutex);
    work.swap(m_mailbox->work);
  }
  for (auto &item : work)
    item();
}

IngestLoop::Connection *IngestLoop::find(quint64 id)
{
  const auto found = m_connections.find(id);
  return found == m_connections.end() || found->second->doomed ? nullptr : found->second.get();
}

void IngestLoop::doom(Connection &connection)
{
  if (connection.doomed)
    return;
  connection.doomed = true;
  m_doomed.push_back(connection.id);
}

void IngestLoop::reap()
{
  for (const quint64 id : m_doomed) {
    const auto found = m_connections.find(id);
    if (found == m_connections.end())
      continue;
    ::close(found->second->fd); // also takes it out of the epoll set
    m_connections.erase(found);
  }
  m_doomed.clear();
}

void IngestLoop::acceptAll()
{
  for (int i = 0; i < kAcceptBurst; ++i) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    const int fd = ::accept4(m_listener, reinterpret_cast<sockaddr *>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED)
        continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        // The listener stays readable while descriptors are short: pause it rather than spin.
        qCWarning(lcLoop) << "cannot accept a connection:" << errnoText(errno) << "- pausing for 1 s";
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, m_listener, nullptr);
        m_acceptPaused = true;
        m_acceptResumeMs = monotonicMs() + kAcceptPauseMs;
      } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
        qCWarning(lcLoop) << "accept failed:" << errnoText(errno);
      }
      return;
    }
    if (static_cast<int>(m_connections.size()) >= m_settings.maxConnections) {
      ::close(fd);
      continue;
    }
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    auto connection = std::make_unique<Connection>();
    connection->id = m_nextId++;
    connection->fd = fd;
    connection->peer = QHostAddress(reinterpret_cast<const sockaddr *>(&address)).toString();
    connection->lastActivityMs = monotonicMs();
    Connection &added = *connection;
    m_connections.emplace(added.id, std::move(connection));
    updateInterest(added);
  }
}

void IngestLoop::onSocket(Connection &connection, quint32 events)
{
  // Both directions gone (a reset, or closed after our own shutdown): nothing more can be said.
  if (events & (EPOLLERR | EPOLLHUP)) {
    doom(connection);
    return;
  }
  if (events & EPOLLOUT)
    writeTo(connection);
  if (!connection.doomed && (events & EPOLLIN))
    readFrom(connection);
}

void IngestLoop::readFrom(Connection &connection)
{
  const qint64 now = monotonicMs();
  for (int i = 0; i < kReadsPerWake; ++i) {
    const ssize_t got = ::recv(connection.fd, m_readBuffer.data(), m_readBuffer.size(), 0);
    if (got > 0) {
      connection.lastActivityMs = now;
      if (!connection.lingering) {
        if (connection.in.isEmpty())
          connection.requestStartedMs = now;
        connection.in.append(m_readBuffer.data(), got);
      }
      if (static_cast<size_t>(got) < m_readBuffer.size())
        break;
      continue;
    }
    if (got == 0) {
      connection.peerClosed = true;
      break;
    }
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      break;
    doom(connection);
    return;
  }
  if (connection.lingering) {
    if (connection.peerClosed)
      doom(connection);
    return;
  }
  takeRequests(connection);
  if (connection.doomed)
    return;
  // The client has said all it will: close once what it asked is answered.
  if (connection.peerClosed && connection.answers.empty() && connection.out.isEmpty())
    doom(connection);
  else
    updateInterest(connection);
}

void IngestLoop::takeRequests(Connection &connection)
{
  while (!connection.doomed && mayTakeRequests(connection) && !connection.in.isEmpty()) {
    http::Parsed parsed = http::parse(connection.in, m_settings.limits);
    if (parsed.kind == http::Parsed::Kind::NeedMore) {
      if (parsed.expectsContinue && !connection.continueSent && connection.answers.empty() &&
          connection.out.isEmpty()) {
        connection.continueSent = true;
        connection.out = QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n");
        writeTo(connection);
      }
      return;
    }
    if (parsed.kind == http::Parsed::Kind::Refused) {
      refuse(connection, parsed.status);
      return;
    }
    connection.in.remove(0, parsed.consumed);
    connection.requestStartedMs = connection.in.isEmpty() ? 0 : monotonicMs();
    connection.continueSent = false;
    http::Request request = std::move(parsed.request);
    request.peer = connection.peer;
    const bool closing = !request.keepAlive;
    const quint64 sequence = connection.nextSequence;
    enqueueAnswer(connection, closing, std::nullopt);
    // The handler may answer at once (deliver() then writes), or later through the poster.
    if (m_handler)
      m_handler(std::move(request), Responder(this, connection.id, sequence));
    else
      deliver(connection.id, sequence, http::Response{404, {}, {}, {}});
  }
  if (!connection.doomed)
    updateInterest(connection);
}

void IngestLoop::refuse(Connection &connection, int status)
{
  if (m_refused)
    m_refused(status);
  connection.in.clear();
  enqueueAnswer(connection, true, http::Response{status, {}, {}, {}});
}

void IngestLoop::enqueueAnswer(Connection &connection, bool closing, const std::optional<http::Response> &response)
{
  Connection::Slot slot;
  slot.closing = closing;
  if (response)
    slot.bytes = http::serialize(*response, closing);
  connection.answers.push_back(std::move(slot));
  ++connection.nextSequence;
  if (closing)
    connection.noMoreRequests = true;
  if (response)
    flushAnswers(connection);
}

void IngestLoop::deliver(quint64 id, quint64 sequence, http::Response &&response)
{
  Connection *connection = find(id);
  if (!connection || sequence < connection->firstSequence)
    return;
  const quint64 index = sequence - connection->firstSequence;
  if (index >= connection->answers.size())
    return;
  Connection::Slot &slot = connection->answers[index];
  if (slot.bytes)
    return;
  slot.bytes = http::serialize(response, slot.closing);
  flushAnswers(*connection);
}

void IngestLoop::flushAnswers(Connection &connection)
{
  const bool hadRoom = static_cast<int>(connection.answers.size()) < m_settings.maxPipelined;
  bool moved = false;
  while (!connection.answers.empty() && connection.answers.front().bytes) {
    Connection::Slot &front = connection.answers.front();
    connection.out += *front.bytes;
    if (front.closing)
      connection.finishing = true;
    connection.answers.pop_front();
    ++connection.firstSequence;
    moved = true;
  }
  if (!moved)
    return;
  writeTo(connection);
  // Reading paused for too many unanswered: requests already buffered go on once the loop is back on top.
  if (!hadRoom && !connection.doomed && !connection.in.isEmpty())
    m_readyInput.push_back(connection.id);
}

void IngestLoop::writeTo(Connection &connection)
{
  const bool couldTake = mayTakeRequests(connection);
  while (connection.outSent < connection.out.size()) {
    const ssize_t sent = ::send(connection.fd, connection.out.constData() + connection.outSent,
                                static_cast<size_t>(connection.out.size() - connection.outSent), MSG_NOSIGNAL);
    if (sent > 0) {
      connection.outSent += sent;
      connection.lastActivityMs = monotonicMs();
      connection.stalledSinceMs = 0;
      continue;
    }
    if (sent < 0 && errno == EINTR)
      continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (connection.stalledSinceMs == 0)
        connection.stalledSinceMs = monotonicMs();
      break;
    }
    doom(connection);
    return;
  }
  // Reading paused for answers the client had not taken: requests already buffered go on.
  if (!couldTake && mayTakeRequests(connection) && !connection.in.isEmpty())
    m_readyInput.push_back(connection.id);
  if (connection.outSent == connection.out.size()) {
    connection.out.clear();
    connection.outSent = 0;
    if (connection.finishing && !connection.lingering)
      startClosing(connection);
    else if (connection.peerClosed && connection.answers.empty())
      doom(connection);
  }
  if (!connection.doomed)
    updateInterest(connection);
}

void IngestLoop::startClosing(Connection &connection)
{
  // Half-close and drain, so the client reads the last answer before a reset could throw it away.
  ::shutdown(connection.fd, SHUT_WR);
  connection.lingering = true;
  connection.in.clear();
  connection.lingerUntilMs = monotonicMs() + m_settings.lingerMs;
  if (connection.peerClosed)
    doom(connection);
}

bool IngestLoop::mayTakeRequests(const Connection &connection) const
{
  return !connection.noMoreRequests && static_cast<int>(connection.answers.size()) < m_settings.maxPipelined &&
         connection.out.size() - connection.outSent <= kMaxUnsentBytes;
}

void IngestLoop::updateInterest(Connection &connection)
{
  const qint64 inLimit = m_settings.limits.maxHeadBytes + m_settings.limits.maxBodyBytes;
  const bool roomForRequests = mayTakeRequests(connection) && connection.in.size() <= inLimit;
  const bool read = !connection.peerClosed && (connection.lingering || roomForRequests);
  const quint32 wanted = (read ? EPOLLIN : 0u) | (connection.out.isEmpty() ? 0u : EPOLLOUT);
  if (connection.registered && wanted == connection.interest)
    return;
  epoll_event event{};
  event.events = wanted;
  event.data.u64 = connection.id;
  if (::epoll_ctl(m_epoll, connection.registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, connection.fd, &event) < 0) {
    qCWarning(lcLoop) << "cannot watch a connection:" << errnoText(errno);
    doom(connection);
    return;
  }
  connection.registered = true;
  connection.interest = wanted;
}

void IngestLoop::sweep(qint64 nowMs)
{
  if (nowMs - m_lastSweepMs < 1000)
    return;
  m_lastSweepMs = nowMs;
  if (m_acceptPaused && nowMs >= m_acceptResumeMs) {
    epoll_event listen{};
    listen.events = EPOLLIN;
    listen.data.u64 = kListenerId;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listener, &listen);
    m_acceptPaused = false;
  }
  for (auto &[id, owned] : m_connections) {
    Connection &connection = *owned;
    if (connection.doomed)
      continue;
    if (connection.lingering) {
      if (nowMs >= connection.lingerUntilMs)
        doom(connection);
      continue;
    }
    const bool quiet = connection.answers.empty() && connection.out.isEmpty();
    if (quiet && connection.in.isEmpty()) {
      if (nowMs - connection.lastActivityMs > m_settings.idleTimeoutMs)
        doom(connection);
    } else if (connection.stalledSinceMs > 0 && nowMs - connection.stalledSinceMs > m_settings.requestTimeoutMs) {
      doom(connection); // a client that does not read its answers, even one that goes on sending
    } else if (quiet && !connection.noMoreRequests && connection.requestStartedMs > 0 &&
               nowMs - connection.requestStartedMs > m_settings.requestTimeoutMs) {
      refuse(connection, 408); // a request that trickles in, or stopped half-way
    }
  }
}

} // namespace pb::hub
