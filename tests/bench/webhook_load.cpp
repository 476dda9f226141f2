// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-webhook-load: an OPEN-loop load generator for POST /webhooks/shopify. Request i is due at
// t0 + i/rate whatever the server does; its latency runs from that due time to the last byte of the
// answer, so a slow server cannot slow the load down and hide its own queueing (no coordinated
// omission). Requests go over a pool of keep-alive connections; a due request waits for a free one.
// Every request is a distinct signed orders/create (the body template's @ORDER@ becomes a unique id).
// Prints one JSON line; --latencies writes each request's latency in microseconds, one a line.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcessEnvironment>
#include <QTextStream>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <ctime>
#include <deque>
#include <vector>

namespace {

qint64 monotonicNs()
{
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

struct Connection {
  int fd = -1;
  QByteArray in;
  const QByteArray *out = nullptr;
  qsizetype written = 0;
  qint64 request = -1; // in flight; -1 = idle
};

struct Settings {
  quint16 port = 0;
  double rate = 0;
  double seconds = 0;
  int connections = 0;
  QByteArray secret;
  QByteArray bodyTemplate;
  QString prefix;
  qint64 firstOrder = 0;
  QString latencyFile;
};

class LoadGenerator final {
public:
  explicit LoadGenerator(Settings settings)
      : m_settings(std::move(settings))
  {}
  ~LoadGenerator()
  {
    for (Connection &c : m_connections)
      if (c.fd >= 0)
        ::close(c.fd);
    if (m_timer >= 0)
      ::close(m_timer);
    if (m_epoll >= 0)
      ::close(m_epoll);
  }
  Q_DISABLE_COPY_MOVE(LoadGenerator)

  bool prepare(QString *error);
  void run();
  QJsonObject summary() const;
  bool writeLatencies() const;

private:
  QByteArray request(qint64 i) const;
  bool openConnection(int index);
  void dispatch(qint64 now);
  void send(int index, qint64 request);
  void flush(int index);
  void readable(int index);
  void finish(int index, int status);
  qint64 due(qint64 i) const { return m_t0 + qint64(double(i) * 1e9 / m_settings.rate); }

  Settings m_settings;
  qint64 m_total = 0;
  std::vector<QByteArray> m_requests;
  std::vector<Connection> m_connections;
  std::deque<int> m_idle;
  std::deque<qint64> m_waiting;
  std::vector<qint64> m_latencyUs; // -1 = no answer
  std::vector<int> m_status;
  qint64 m_t0 = 0;
  qint64 m_scheduled = 0;
  qint64 m_completed = 0;
  qint64 m_lastAnswer = 0;
  qint64 m_maxSendLagNs = 0;
  int m_reconnects = 0;
  int m_epoll = -1;
  int m_timer = -1;
};

QByteArray LoadGenerator::request(qint64 i) const
{
  QByteArray body = m_settings.bodyTemplate;
  body.replace("@ORDER@", QByteArray::number(m_settings.firstOrder + i));
  const QByteArray hmac =
      QMessageAuthenticationCode::hash(body, m_settings.secret, QCryptographicHash::Sha256).toBase64();
  const QByteArray id = m_settings.prefix.toUtf8() + '-' + QByteArray::number(i);
  return QByteArrayLiteral("POST /webhooks/shopify HTTP/1.1\r\nHost: 127.0.0.1:") +
         QByteArray::number(m_settings.port) +
         "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
         "\r\nX-Shopify-Topic: orders/create\r\nX-Shopify-Shop-Domain: bench.myshopify.com\r\n"
         "X-Shopify-API-Version: 2026-01\r\nX-Shopify-Triggered-At: " +
         QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() +
         "\r\n"
         "X-Shopify-Webhook-Id: " +
         id + "\r\nX-Shopify-Event-Id: ev-" + id + "\r\nX-Shopify-Hmac-Sha256: " + hmac + "\r\n\r\n" + body;
}

bool LoadGenerator::openConnection(int index)
{
  Connection &c = m_connections[size_t(index)];
  if (c.fd >= 0) {
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
    ::close(c.fd);
  }
  c = Connection{};
  c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(m_settings.port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // Connected before the clock starts (and blocking, on loopback): no handshake inside a measurement.
  if (c.fd < 0 || ::connect(c.fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
    return false;
  const int on = 1;
  setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  if (::fcntl(c.fd, F_SETFL, ::fcntl(c.fd, F_GETFL) | O_NONBLOCK) != 0)
    return false;
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = quint64(index);
  return epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &event) == 0;
}

bool LoadGenerator::prepare(QString *error)
{
  m_total = qint64(std::llround(m_settings.rate * m_settings.seconds));
  m_requests.reserve(size_t(m_total));
  for (qint64 i = 0; i < m_total; ++i)
    m_requests.push_back(request(i));
  m_latencyUs.assign(size_t(m_total), -1);
  m_status.assign(size_t(m_total), 0);
  m_epoll = epoll_create1(EPOLL_CLOEXEC);
  m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = ~quint64(0);
  if (m_epoll < 0 || m_timer < 0 || epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_timer, &event) != 0) {
    *error = QStringLiteral("epoll/timerfd: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    return false;
  }
  m_connections.resize(size_t(m_settings.connections));
  for (int i = 0; i < m_settings.connections; ++i) {
    if (!openConnection(i)) {
      *error = QStringLiteral("cannot connect to 127.0.0.1:%1: %2")
                   .arg(m_settings.port)
                   .arg(QString::fromLocal8Bit(strerror(errno)));
      return false;
    }
    m_idle.push_back(i);
  }
  return true;
}

void LoadGenerator::send(int index, qint64 request)
{
  Connection &c = m_connections[size_t(index)];
  c.request = request;
  c.out = &m_requests[size_t(request)];
  c.written = 0;
  flush(index);
}

void LoadGenerator::flush(int index)
{
  Connection &c = m_connections[size_t(index)];
  while (c.out && c.written < c.out->size()) {
    const ssize_t n = ::write(c.fd, c.out->constData() + c.written, size_t(c.out->size() - c.written));
    if (n > 0) {
      c.written += n;
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      epoll_event event{};
      event.events = EPOLLIN | EPOLLOUT;
      event.data.u64 = quint64(index);
      epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &event);
      return;
    }
    finish(index, 0); // the server closed the connection under us
    return;
  }
  c.out = nullptr;
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = quint64(index);
  epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &event);
}

void LoadGenerator::finish(int index, int status)
{
  Connection &c = m_connections[size_t(index)];
  const qint64 now = monotonicNs();
  const bool busy = c.request >= 0;
  if (busy) {
    m_latencyUs[size_t(c.request)] = (now - due(c.request)) / 1000;
    m_status[size_t(c.request)] = status;
    ++m_completed;
    m_lastAnswer = now;
  } else {
    m_idle.erase(std::remove(m_idle.begin(), m_idle.end(), index), m_idle.end());
  }
  if (status == 0) {
    ++m_reconnects;
    if (!openConnection(index))
      return; // lost for good: the pool shrinks by one
  }
  c.request = -1;
  m_idle.push_back(index);
  dispatch(now);
}

void LoadGenerator::readable(int index)
{
  Connection &c = m_connections[size_t(index)];
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(c.fd, buffer, sizeof buffer);
    if (n > 0) {
      c.in.append(buffer, n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
      break;
    finish(index, 0);
    return;
  }
  // One answer at a time per connection (no pipelining): status line, headers, Content-Length body.
  const qsizetype headerEnd = c.in.indexOf("\r\n\r\n");
  if (headerEnd < 0)
    return;
  const QByteArray head = c.in.left(headerEnd).toLower();
  qsizetype length = 0;
  if (const qsizetype at = head.indexOf("\r\ncontent-length:"); at >= 0)
    length = head.mid(at + 17, head.indexOf('\r', at + 2) - at - 17).trimmed().toLongLong();
  if (c.in.size() < headerEnd + 4 + length)
    return;
  const int status = head.mid(9, 3).toInt();
  c.in.remove(0, headerEnd + 4 + length);
  finish(index, status);
}

void LoadGenerator::dispatch(qint64 now)
{
  while (m_scheduled < m_total && due(m_scheduled) <= now)
    m_waiting.push_back(m_scheduled++);
  while (!m_waiting.empty() && !m_idle.empty()) {
    const int index = m_idle.front();
    m_idle.pop_front();
    const qint64 request = m_waiting.front();
    m_waiting.pop_front();
    m_maxSendLagNs = std::max(m_maxSendLagNs, monotonicNs() - due(request));
    send(index, request);
  }
}

void LoadGenerator::run()
{
  m_t0 = monotonicNs() + 50'000'000;
  const qint64 drainNs = 30'000'000'000; // answers later than this after the last due time count as lost
  epoll_event events[64];
  while (m_completed < m_total) {
    const qint64 now = monotonicNs();
    dispatch(now);
    if (m_scheduled >= m_total && now > due(m_total - 1) + drainNs)
      break;
    itimerspec next{};
    const qint64 wake = m_scheduled < m_total ? due(m_scheduled) : now + 100'000'000;
    next.it_value.tv_sec = wake / 1'000'000'000;
    next.it_value.tv_nsec = wake % 1'000'000'000;
    timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &next, nullptr);
    const int n = epoll_wait(m_epoll, events, 64, -1);
    for (int e = 0; e < n; ++e) {
      if (events[e].data.u64 == ~quint64(0)) {
        quint64 expirations = 0;
        [[maybe_unused]] const ssize_t r = ::read(m_timer, &expirations, sizeof expirations);
        continue;
      }
      const int index = int(events[e].data.u64);
      if (events[e].events & EPOLLOUT)
        flush(index);
      if (events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        readable(index);
    }
  }
}

QJsonObject LoadGenerator::summary() const
{
  std::vector<qint64> answered;
  qint64 ok = 0;
  qint64 failed = 0;
  for (qint64 i = 0; i < m_total; ++i) {
    if (m_latencyUs[size_t(i)] >= 0)
      answered.push_back(m_latencyUs[size_t(i)]);
    if (m_status[size_t(i)] == 200)
      ++ok;
    else
      ++failed;
  }
  std::sort(answered.begin(), answered.end());
  auto percentile = [&answered](double p) {
    if (answered.empty())
      return -1.0;
    const size_t at = std::min(answered.size() - 1, size_t(std::ceil(p / 100.0 * double(answered.size()))) - 1);
    return double(answered[at]) / 1000.0;
  };
  const double span = double(std::max<qint64>(1, m_lastAnswer - m_t0)) / 1e9;
  return QJsonObject{{QStringLiteral("target_rps"), m_settings.rate},
                     {QStringLiteral("requests"), double(m_total)},
                     {QStringLiteral("ok"), double(ok)},
                     {QStringLiteral("errors"), double(failed)},
                     {QStringLiteral("achieved_rps"), std::round(double(m_completed) / span * 10) / 10},
                     {QStringLiteral("p50_ms"), percentile(50)},
                     {QStringLiteral("p90_ms"), percentile(90)},
                     {QStringLiteral("p99_ms"), percentile(99)},
                     {QStringLiteral("max_ms"), percentile(100)},
                     {QStringLiteral("max_send_lag_ms"), double(m_maxSendLagNs / 1000) / 1000.0},
                     {QStringLiteral("reconnects"), m_reconnects}};
}

bool LoadGenerator::writeLatencies() const
{
  if (m_settings.latencyFile.isEmpty())
    return true;
  QFile file(m_settings.latencyFile);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
    return false;
  QTextStream out(&file);
  for (qint64 us : m_latencyUs)
    out << us << '\n';
  return true;
}

} // namespace

int main(int argc, char *argv[])
{
  QCoreApplication app(argc, argv);
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Open-loop constant-rate load of signed Shopify webhooks. The "
                                                  "webhook secret comes from the BENCH_SECRET environment variable."));
  parser.addHelpOption();
  const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Hub port on 127.0.0.1."), QStringLiteral("n"));
  const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Requests per second."), QStringLiteral("r"));
  const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Duration."), QStringLiteral("s"));
  const QCommandLineOption connections(QStringLiteral("connections"), QStringLiteral("Keep-alive pool size."),
                                       QStringLiteral("n"), QStringLiteral("64"));
  const QCommandLineOption body(QStringLiteral("body"), QStringLiteral("Body template with @ORDER@."),
                                QStringLiteral("file"));
  const QCommandLineOption prefix(QStringLiteral("prefix"), QStringLiteral("Webhook id prefix (unique per run)."),
                                  QStringLiteral("text"));
  const QCommandLineOption firstOrder(QStringLiteral("first-order"), QStringLiteral("First order id."),
                                      QStringLiteral("n"), QStringLiteral("1"));
  const QCommandLineOption latencies(QStringLiteral("latencies"), QStringLiteral("Write latencies (µs) here."),
                                     QStringLiteral("file"));
  parser.addOptions({port, rate, seconds, connections, body, prefix, firstOrder, latencies});
  parser.process(app);

  QTextStream err(stderr);
  Settings settings;
  settings.port = quint16(parser.value(port).toUInt());
  settings.rate = parser.value(rate).toDouble();
  settings.seconds = parser.value(seconds).toDouble();
  settings.connections = parser.value(connections).toInt();
  settings.secret = QProcessEnvironment::systemEnvironment().value(QStringLiteral("BENCH_SECRET")).toUtf8();
  settings.prefix = parser.value(prefix);
  settings.firstOrder = parser.value(firstOrder).toLongLong();
  settings.latencyFile = parser.value(latencies);
  QFile bodyFile(parser.value(body));
  if (settings.port == 0 || settings.rate <= 0 || settings.seconds <= 0 || settings.connections <= 0 ||
      settings.secret.isEmpty() || settings.prefix.isEmpty() || !bodyFile.open(QIODevice::ReadOnly)) {
    err << "packbench-webhook-load: need --port, --rate, --seconds, --body, --prefix and BENCH_SECRET" << Qt::endl;
    return 2;
  }
  settings.bodyTemplate = bodyFile.readAll();

  LoadGenerator generator(std::move(settings));
  QString error;
  if (!generator.prepare(&error)) {
    err << "packbench-webhook-load: " << error << Qt::endl;
    return 1;
  }
  generator.run();
  if (!generator.writeLatencies()) {
    err << "packbench-webhook-load: cannot write " << parser.value(latencies) << Qt::endl;
    return 1;
  }
  QTextStream(stdout) << QJsonDocument(generator.summary()).toJson(QJsonDocument::Compact) << Qt::endl;
  return 0;
}
