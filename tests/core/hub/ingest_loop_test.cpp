// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/ingestloop.h"
#include "core/hub/sharedlistener.h"

#include <QTest>

#include <chrono>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace pb::hub;

namespace {

// A blocking TCP client that reads with a deadline: what a webhook sender sees on the wire.
class Client {
public:
  explicit Client(quint16 port)
  {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
  }
  ~Client() { ::close(m_fd); }
  Q_DISABLE_COPY_MOVE(Client)

  bool connected() const { return m_connected; }
  bool send(QByteArrayView bytes) const
  {
    return ::send(m_fd, bytes.data(), static_cast<size_t>(bytes.size()), MSG_NOSIGNAL) == bytes.size();
  }
  // Reads until `until` has arrived (or the peer closed, or the deadline passed); returns all read so far.
  QByteArray read(QByteArrayView until, int timeoutMs = 3000)
  {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!m_in.contains(until) && !m_closed) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0)
        break;
      pollfd wait{m_fd, POLLIN, 0};
      if (::poll(&wait, 1, static_cast<int>(left.count())) <= 0)
        break;
      char buffer[65536];
      const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
      if (got <= 0) {
        m_closed = true;
        m_reset = got < 0;
        break;
      }
      m_in.append(buffer, got);
    }
    return m_in;
  }
  // True once the server closed in order (FIN, not a reset) within the time.
  bool closedCleanly(int timeoutMs = 3000)
  {
    read("\x01never\x02", timeoutMs);
    return m_closed && !m_reset;
  }
  int count(QByteArrayView what) const { return static_cast<int>(m_in.count(what)); }

private:
  int m_fd = -1;
  bool m_connected = false;
  bool m_closed = false;
  bool m_reset = false;
  QByteArray m_in;
};

QByteArray post(QByteArrayView path, QByteArrayView body, QByteArrayView extra = {})
{
  return "POST " + path.toByteArray() + " HTTP/1.1\r\nHost: hub\r\n" + extra.toByteArray() +
         "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body.toByteArray();
}

} // namespace

class IngestLoopTest final : public QObject {
  Q_OBJECT

  std::unique_ptr<IngestLoop> m_loop;
  std::thread m_thread;
  std::vector<std::thread> m_late; // answers given later, from other threads, as the inbox writers do
  quint16 m_port = 0;
  std::atomic<int> m_refused{0};

private Q_SLOTS:
  void init()
  {
    auto opened = SharedListener::open(QHostAddress::LocalHost, 0);
    QVERIFY(opened);
    SharedListener listener = std::move(opened).value();
    m_port = listener.port();
    IngestLoop::Settings settings;
    settings.limits.maxBodyBytes = 64 * 1024;
    settings.idleTimeoutMs = 1500;
    settings.requestTimeoutMs = 1000;
    settings.maxPipelined = 4;
    settings.lingerMs = 500;
    m_loop = std::make_unique<IngestLoop>(static_cast<int>(listener.take()), settings);
    QVERIFY2(m_loop->error().isEmpty(), qPrintable(m_loop->error()));
    m_refused = 0;
    m_loop->setRefusalHook([this](int) { ++m_refused; });
    m_loop->setHandler([this](pb::hub::http::Request &&request, IngestLoop::Responder responder) {
      if (request.path() == "/later") {
        // Answered 100 ms later from another thread, through the poster: after an /echo sent behind it.
        m_late.emplace_back([poster = m_loop->poster(), responder, body = request.body]() {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
          poster([responder, body]() { responder.answer({200, "text/plain", "later:" + body, {}}); });
        });
        return;
      }
      responder.answer({200, "text/plain", "echo:" + request.body, {}});
    });
    m_thread = std::thread([this]() { m_loop->run(); });
  }

  void cleanup()
  {
    m_loop->stop();
    m_thread.join();
    for (auto &late : m_late)
      late.join();
    m_late.clear();
    m_loop.reset();
  }

  void pipelinedRequests_areAnsweredInTheOrderSent()
  {
    Client client(m_port);
    QVERIFY(client.connected());
    const QByteArray wire = post("/later", "1") + post("/echo", "2") + post("/later", "3");
    QVERIFY(client.send(wire));
    const QByteArray answers = client.read("later:3");
    QVERIFY2(answers.indexOf("later:1") < answers.indexOf("echo:2"), answers.constData());
    QVERIFY(answers.indexOf("echo:2") < answers.indexOf("later:3"));
    QCOMPARE(client.count("HTTP/1.1 200 OK"), 3);
  }

  void moreThanThePipelineHolds_waitsAndIsAllAnswered()
  {
    Client client(m_port);
    QByteArray wire;
    for (int i = 0; i < 10; ++i)
      wire += post("/later", QByteArray::number(i));
    QVERIFY(client.send(wire));
    const QByteArray answers = client.read("later:9", 5000);
    for (int i = 1; i < 10; ++i) {
      const QByteArray before = "later:" + QByteArray::number(i - 1);
      const QByteArray after = "later:" + QByteArray::number(i);
      QVERIFY(answers.indexOf(before) < answers.indexOf(after));
    }
    QCOMPARE(client.count("HTTP/1.1 200 OK"), 10);
  }

  void expectContinue_getsA100BeforeTheBody()
  {
    Client client(m_port);
    QVERIFY(client.send("POST /echo HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
    QVERIFY(client.read("\r\n\r\n").startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    QVERIFY(client.send("hello"));
    QVERIFY(client.read("echo:hello").endsWith("echo:hello"));
  }

  void chunkedBody_is411AndTheConnectionCloses()
  {
    Client client(m_port);
    QVERIFY(client.send("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    const QByteArray answer = client.read("\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 411 Length Required\r\n"), answer.constData());
    QVERIFY(answer.contains("Connection: close\r\n"));
    QVERIFY(client.closedCleanly());
    QCOMPARE(m_refused.load(), 1);
  }

  void oversizeBody_is413_readByTheClientBeforeTheClose()
  {
    Client client(m_port);
    // The whole oversize body goes out before the client reads: the server must drain it, not reset.
    QVERIFY(client.send("POST /echo HTTP/1.1\r\nContent-Length: 200000\r\n\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    client.send(QByteArray(200000, 'x'));
    QVERIFY(client.read("\r\n\r\n").startsWith("HTTP/1.1 413 Payload Too Large\r\n"));
    QVERIFY(client.closedCleanly());
  }

  void http10_isAnsweredAndClosed()
  {
    Client client(m_port);
    QVERIFY(client.send("POST /echo HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi"));
    const QByteArray answer = client.read("echo:hi");
    QVERIFY(answer.contains("Connection: close\r\n"));
    QVERIFY(client.closedCleanly());
  }

  void tricklingRequest_is408AfterTheRequestTimeout()
  {
    Client client(m_port);
    QVERIFY(client.send("POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"));
    QVERIFY(client.read("\r\n\r\n", 4000).startsWith("HTTP/1.1 408 Request Timeout\r\n"));
    QVERIFY(client.closedCleanly());
  }

  void idleConnection_isClosedAfterTheIdleTimeout()
  {
    Client client(m_port);
    QVERIFY(client.send(post("/echo", "x")));
    QVERIFY(client.read("echo:x").endsWith("echo:x"));
    QVERIFY(client.closedCleanly(5000));
  }

  void clientGoneBeforeItsAnswer_isDroppedAndOthersAreServed()
  {
    {
      Client leaving(m_port);
      QVERIFY(leaving.send(post("/later", "gone")));
    } // closed before the answer is ready
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    Client next(m_port);
    QVERIFY(next.send(post("/echo", "still here")));
    QVERIFY(next.read("echo:still here").endsWith("echo:still here"));
  }

  void heldWakeUps_runPostedWorkOnlyOnceTheOutermostScopeEnds()
  {
    std::atomic<int> ran{0};
    const IngestLoop::Poster poster = m_loop->poster();
    {
      const IngestLoop::HeldWakeUps outer;
      poster([&ran]() { ++ran; });
      {
        const IngestLoop::HeldWakeUps inner;
        poster([&ran]() { ++ran; });
      }
      // The loop is idle in epoll_wait: nothing wakes it while the writer still holds its batch.
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      QCOMPARE(ran.load(), 0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(ran.load(), 2, 500); // well before the loop's own 1 s epoll timeout
  }

  void stop_closesOpenConnections()
  {
    Client client(m_port);
    QVERIFY(client.send(post("/echo", "a")));
    QVERIFY(client.read("echo:a").endsWith("echo:a"));
    m_loop->stop();
    QVERIFY(client.closedCleanly());
  }
};

QTEST_GUILESS_MAIN(IngestLoopTest)
#include "ingest_loop_test.moc"
