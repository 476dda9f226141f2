// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/hub/httprequest.h"
#include "core/hub/httpresponse.h"

#include <QString>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace pb::hub {

// One ingest thread's HTTP/1.1 server: an epoll loop over the thread's own SO_REUSEPORT listener and the
// connections it accepted. Requests are parsed straight from each socket's bytes (no QIODevice between),
// answered in the order they came on a connection even when a later answer is ready first (pipelining),
// and an answer for a connection that has gone is dropped. Everything but stop() and the poster runs on
// the thread that calls run().
class IngestLoop final {
  struct Mailbox;

public:
  struct Settings {
    http::Limits limits;
    int idleTimeoutMs = 75'000;    // above nginx's upstream keepalive_timeout (60 s): nginx closes idle ones first
    int requestTimeoutMs = 10'000; // a request begun must be whole by then, and an answer taken by the client
    int maxPipelined = 32;         // unanswered requests per connection before its reading pauses
    int maxConnections = 4096;     // per thread; more are closed at once
    int lingerMs = 2000;           // after a closing answer, the client's unread bytes are drained this long
  };

  // Answers one request; copyable, used on the loop's thread only (the poster brings work there).
  class Responder {
  public:
    void answer(http::Response &&response) const;

  private:
    friend class IngestLoop;
    Responder(IngestLoop *loop, quint64 connection, quint64 sequence);
    IngestLoop *m_loop;
    quint64 m_connection;
    quint64 m_sequence;
  };
  using Handler = std::function<void(http::Request &&, Responder)>;
  // Runs work on the loop's thread; from any thread, also after the loop ended (the work is then dropped).
  using Poster = std::function<void(std::function<void()>)>;

  // While one lives, what its thread posts is held and each loop posted to is woken once when it goes:
  // a writer finishing a batch of webhooks wakes each ingest thread once, not once per answer.
  class HeldWakeUps {
  public:
    HeldWakeUps();
    ~HeldWakeUps();
    HeldWakeUps(const HeldWakeUps &) = delete;
    HeldWakeUps &operator=(const HeldWakeUps &) = delete;

  private:
    friend struct IngestLoop::Mailbox;
    // Remembers a loop to wake when this scope ends (once, however often it was posted to).
    void keep(const std::shared_ptr<Mailbox> &mailbox);
    HeldWakeUps *m_outer;
    std::vector<std::shared_ptr<Mailbox>> m_held;
  };

  // Takes the listening descriptor (non-blocking accept is set here).
  IngestLoop(int listener, Settings settings);
  ~IngestLoop();
  IngestLoop(const IngestLoop &) = delete;
  IngestLoop &operator=(const IngestLoop &) = delete;

  // Empty when the loop can run; else why not.
  QString error() const { return m_error; }
  void setHandler(Handler handler) { m_handler = std::move(handler); }
  // Told of each request refused before the handler saw it (400, 408, 411, 413, 414, 431, 505).
  void setRefusalHook(std::function<void(int status)> hook) { m_refused = std::move(hook); }
  Poster poster() const;

  // Serves until stop(); then closes every connection.
  void run();
  // From any thread.
  void stop();

private:
  struct Connection;

  void acceptAll();
  void onSocket(Connection &connection, quint32 events);
  void readFrom(Connection &connection);
  void takeRequests(Connection &connection);
  void enqueueAnswer(Connection &connection, bool closing, const std::optional<http::Response> &response);
  void deliver(quint64 id, quint64 sequence, http::Response &&response);
  void flushAnswers(Connection &connection);
  void writeTo(Connection &connection);
  void startClosing(Connection &connection);
  void updateInterest(Connection &connection);
  // Unanswered requests below the pipeline cap, and answers the client has not taken below a bound.
  bool mayTakeRequests(const Connection &connection) const;
  void refuse(Connection &connection, int status);
  void sweep(qint64 nowMs);
  void runPosted();
  void reap();
  void doom(Connection &connection);
  Connection *find(quint64 id);

  int m_listener = -1;
  int m_epoll = -1;
  Settings m_settings;
  QString m_error;
  Handler m_handler;
  std::function<void(int)> m_refused;
  std::shared_ptr<Mailbox> m_mailbox;
  std::atomic<bool> m_stopping{false};
  std::unordered_map<quint64, std::unique_ptr<Connection>> m_connections;
  std::vector<quint64> m_doomed;     // closed at the end of the current step, so no caller holds a dead one
  std::vector<quint64> m_readyInput; // buffered requests to take once answers made room
  quint64 m_nextId = 16;             // lower ids name the listener and the wake-up descriptor
  bool m_acceptPaused = false;       // out of descriptors: accepting resumes at m_acceptResumeMs
  qint64 m_acceptResumeMs = 0;
  qint64 m_lastSweepMs = 0;
  std::vector<char> m_readBuffer;
};

} // namespace pb::hub
