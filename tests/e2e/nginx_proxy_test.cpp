// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The deployment as shipped: a real nginx running packaging/nginx/packbench-hub.conf (ports, paths and
// timeouts made test-sized), unprivileged, with a self-signed certificate, in front of the real
// packbench-hub and PostgreSQL. A signed webhook over HTTPS is stored; an oversize, a trickling or a
// stalled request is cut off by nginx and never reaches the hub; /metrics and /healthz answer only to
// the addresses the site allows.
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "tests/support/programrun.h"
#include "tests/support/runningprogram.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/signedwebhook.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kSecret = QByteArrayLiteral("nginx-e2e-secret");
const QString kShop = u"proxied.myshopify.com"_s;
constexpr int kTimeoutSeconds = 2; // client_header_timeout and client_body_timeout, test-sized

bool run(const QString &program, const QStringList &args)
{
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.start(program, args);
  if (!process.waitForFinished(30'000) || process.exitCode() != 0) {
    qWarning().noquote() << program << args.join(u' ') << "failed:" << process.readAll();
    return false;
  }
  return true;
}

// What came back on one connection.
struct Exchange {
  QByteArray received;
  bool closedByPeer = false;
  qint64 elapsedMs = 0;
  int status() const
  {
    static const QRegularExpression line(u"^HTTP/1\\.1 (\\d{3})"_s);
    const auto match = line.match(QString::fromLatin1(received.left(32)));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
  }
};
} // namespace

class NginxProxyTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  quint16 m_hubPort = 0;
  quint16 m_tlsPort = 0;
  std::unique_ptr<QProcess> m_nginx;
  std::unique_ptr<test::RunningProgram> m_hub;
  QString m_certificate;

  QString path(const QString &name) const { return m_dir.filePath(name); }

  std::unique_ptr<QSslSocket> connectTls(const QHostAddress &from = QHostAddress(u"127.0.0.1"_s))
  {
    auto socket = std::make_unique<QSslSocket>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(m_certificate));
    socket->setSslConfiguration(tls);
    socket->bind(from, 0);
    socket->connectToHostEncrypted(u"127.0.0.1"_s, m_tlsPort, u"localhost"_s);
    if (!socket->waitForEncrypted(10'000)) {
      qWarning() << "TLS handshake failed:" << socket->errorString() << socket->sslHandshakeErrors();
      return nullptr;
    }
    return socket;
  }

  // Writes the chunks (with pauses between them), then reads until the peer closes or waitMs passes.
  Exchange exchange(QSslSocket &socket, const QList<QByteArray> &chunks, int pauseMs, int waitMs)
  {
    Exchange result;
    QElapsedTimer clock;
    clock.start();
    for (const QByteArray &chunk : chunks) {
      if (socket.state() != QAbstractSocket::ConnectedState)
        break;
      socket.write(chunk);
      socket.flush();
      if (pauseMs > 0)
        QTest::qWait(pauseMs);
      result.received += socket.readAll();
    }
    QElapsedTimer waited;
    waited.start();
    while (socket.state() == QAbstractSocket::ConnectedState && waited.elapsed() < waitMs) {
      socket.waitForReadyRead(100);
      result.received += socket.readAll();
      if (result.status() != 0 && result.received.contains("\r\n\r\n") && !chunks.isEmpty() &&
          socket.bytesAvailable() == 0 && waitMs <= 3000)
        break;
    }
    result.received += socket.readAll();
    result.closedByPeer = socket.state() != QAbstractSocket::ConnectedState;
    result.elapsedMs = clock.elapsed();
    return result;
  }

  static QByteArray signedPost(const QByteArray &body, const QString &webhookId)
  {
    return test::rawWebhookPost({u"orders/create"_s, body, kShop, webhookId, {}, {}, {}}, kSecret, "localhost");
  }

  // Requests the hub itself has answered so far (read directly, not through nginx).
  qint64 hubRequests()
  {
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(m_hubPort))));
    if (!QTest::qWaitFor([reply]() { return reply->isFinished(); }, 10'000))
      return -1;
    const QString text = QString::fromUtf8(reply->readAll());
    reply->deleteLater();
    qint64 total = 0;
    static const QRegularExpression line(u"^packbench_ingest_requests_total\\{[^}]*\\} (\\d+)$"_s,
                                         QRegularExpression::MultilineOption);
    for (auto it = line.globalMatch(text); it.hasNext();)
      total += it.next().captured(1).toLongLong();
    return total;
  }

  // The shipped site with this test's ports, paths and timeouts; every replaced line must be there.
  bool writeSite()
  {
    QFile shipped(QStringLiteral(PACKBENCH_SOURCE_DIR "/packaging/nginx/packbench-hub.conf"));
    if (!shipped.open(QIODevice::ReadOnly))
      return false;
    QString site = QString::fromUtf8(shipped.readAll());
    const QList<std::pair<QString, QString>> edits{
        {u"    server 127.0.0.1:8080;"_s, u"    server 127.0.0.1:%1;"_s.arg(m_hubPort)},
        {u"    listen 443 ssl;"_s, u"    listen 127.0.0.1:%1 ssl;"_s.arg(m_tlsPort)},
        {u"    listen [::]:443 ssl;\n"_s, QString()},
        {u"/etc/packbench/tls/hub.crt"_s, m_certificate},
        {u"/etc/packbench/tls/hub.key"_s, path(u"hub.key"_s)},
        {u"/var/log/nginx/packbench-hub.access.log"_s, path(u"access.log"_s)},
        {u"client_header_timeout 10s;"_s, u"client_header_timeout %1s;"_s.arg(kTimeoutSeconds)},
        {u"client_body_timeout 10s;"_s, u"client_body_timeout %1s;"_s.arg(kTimeoutSeconds)},
    };
    for (const auto &[from, to] : edits) {
      if (site.count(from) != 1) {
        qWarning().noquote() << "the shipped site no longer has" << from;
        return false;
      }
      site.replace(from, to);
    }
    const QString main =
        u"worker_processes 1;\npid %1;\nerror_log %2 info;\nevents { worker_connections 256; }\n"
        "http {\n  client_body_temp_path %3/body;\n  proxy_temp_path %3/proxy;\n"
        "  fastcgi_temp_path %3/fastcgi;\n  uwsgi_temp_path %3/uwsgi;\n  scgi_temp_path %3/scgi;\n"
        "  include %4;\n}\n"_s.arg(path(u"nginx.pid"_s), path(u"error.log"_s), m_dir.path(), path(u"site.conf"_s));
    QFile siteFile(path(u"site.conf"_s));
    QFile mainFile(path(u"nginx.conf"_s));
    return siteFile.open(QIODevice::WriteOnly) && siteFile.write(site.toUtf8()) > 0 &&
           mainFile.open(QIODevice::WriteOnly) && mainFile.write(main.toUtf8()) > 0;
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_dir.isValid());
    auto settings = test::createScratchDatabase(u"nginx"_s);
    VERIFY_OK(settings);
    auto db = db::openDatabase(*settings, u"nginx-test"_s);
    VERIFY_OK(db);
    m_db = *db;
    VERIFY_OK(db::MigrationRunner(u":/migrations/postgres"_s).migrate(m_db));

    m_certificate = path(u"hub.crt"_s);
    QVERIFY(
        run(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"1"_s,
                           u"-subj"_s, u"/CN=localhost"_s, u"-addext"_s, u"subjectAltName=DNS:localhost,IP:127.0.0.1"_s,
                           u"-keyout"_s, path(u"hub.key"_s), u"-out"_s, m_certificate}));
    m_hubPort = test::freePort();
    m_tlsPort = test::freePort();
    QVERIFY(writeSite());

    // nginx as an ordinary user: as root, it runs as www-data (owner of this directory) rather than root.
    QStringList command{u"nginx"_s, u"-p"_s, m_dir.path(), u"-c"_s, path(u"nginx.conf"_s), u"-g"_s, u"daemon off;"_s};
    if (geteuid() == 0) {
      QVERIFY(run(u"chown"_s, {u"-R"_s, u"www-data:www-data"_s, m_dir.path()}));
      QVERIFY(run(u"chmod"_s, {u"0755"_s, m_dir.path()}));
      command = QStringList{u"-u"_s, u"www-data"_s, u"--"_s} + command;
      command.prepend(u"runuser"_s);
    }
    m_nginx = std::make_unique<QProcess>();
    m_nginx->setProcessChannelMode(QProcess::MergedChannels);
    m_nginx->start(command.first(), command.mid(1));
    QVERIFY2(m_nginx->waitForStarted(10'000), qPrintable(m_nginx->errorString()));

    QVERIFY(QDir(m_dir.path()).mkpath(u"hub-home"_s));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PACKBENCH_SHOPIFY_WEBHOOK_SECRET"_s, QString::fromLatin1(kSecret));
    m_hub = std::make_unique<test::RunningProgram>(
        QStringLiteral(PACKBENCH_HUB_BINARY),
        QStringList{u"serve"_s, u"--no-default-files"_s} + test::postgresArgs(*settings) +
            QStringList{u"--set"_s, u"hub.port=%1"_s.arg(m_hubPort), u"--set"_s, u"hub.inbox_processing=false"_s,
                        u"--set"_s, u"shopify.shop="_s + kShop, u"--set"_s, u"log.file=-"_s},
        m_dir.filePath(u"hub-home"_s), env);
    QVERIFY(m_hub->waitForStarted());
    QVERIFY2(m_hub->waitForOutput(u"listening on"_s), qPrintable(m_hub->output()));
    // nginx is up once it completes a handshake.
    QVERIFY2(QTest::qWaitFor([this]() { return connectTls() != nullptr; }, 15'000),
             qPrintable(QString::fromUtf8(m_nginx->readAll())));
  }

  void signedWebhook_overHttps_isStored()
  {
    auto socket = connectTls();
    QVERIFY(socket);
    const Exchange answer = exchange(
        *socket, {signedPost(test::compact(test::restOrder(7001, QDateTime::currentDateTimeUtc())), u"tls-7001"_s)}, 0,
        3000);
    QCOMPARE(answer.status(), 200);
    QCOMPARE(test::scalar(m_db, u"SELECT count(*) FROM webhook_inbox WHERE webhook_id = 'tls-7001'"_s), 1);
    // Plain HTTP to the TLS port gets nothing stored either.
    QTcpSocket plain;
    plain.connectToHost(QHostAddress::LocalHost, m_tlsPort);
    QVERIFY(plain.waitForConnected(5000));
    plain.write(signedPost(test::compact(test::restOrder(7002, QDateTime::currentDateTimeUtc())), u"plain"_s));
    plain.waitForReadyRead(3000);
    QVERIFY(plain.readAll().startsWith("HTTP/1.1 400"));
    QCOMPARE(test::scalar(m_db, u"SELECT count(*) FROM webhook_inbox WHERE webhook_id = 'plain'"_s), 0);
  }

  void oversizeBody_isCutOffByNginx_theHubNeverSeesIt()
  {
    const qint64 before = hubRequests();
    QVERIFY(before >= 0);
    // Declared too large: refused from the headers, before the body is read.
    auto declared = connectTls();
    QVERIFY(declared);
    const QByteArray big(3 * 1024 * 1024, 'x');
    const Exchange byLength = exchange(*declared,
                                       {"POST /webhooks/shopify HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
                                        QByteArray::number(big.size()) + "\r\n\r\n"},
                                       0, 3000);
    QCOMPARE(byLength.status(), 413);
    // Chunked, with no length: refused once the body passes the limit.
    auto chunked = connectTls();
    QVERIFY(chunked);
    QList<QByteArray> chunks{
        "POST /webhooks/shopify HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"};
    const QByteArray piece(256 * 1024, 'y');
    for (int i = 0; i < 12; ++i)
      chunks.append(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
    const Exchange byChunks = exchange(*chunked, chunks, 20, 3000);
    QCOMPARE(byChunks.status(), 413);
    // One /metrics read more, nothing else: neither body reached the hub.
    QCOMPARE(hubRequests(), before + 1);
    QCOMPARE(test::scalar(m_db, u"SELECT count(*) FROM webhook_inbox WHERE length(body) > 2000000"_s), 0);
  }

  void tricklingRequests_areCutOff()
  {
    const qint64 before = hubRequests();
    // Headers a byte at a time: cut off once client_header_timeout has passed, however steady the trickle.
    auto headers = connectTls();
    QVERIFY(headers);
    QList<QByteArray> bytes;
    for (const char c :
         QByteArray("POST /webhooks/shopify HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa"))
      bytes.append(QByteArray(1, c));
    const Exchange slowHeaders = exchange(*headers, bytes, 150, 4000);
    QVERIFY2(slowHeaders.closedByPeer, "nginx kept a trickling header open");
    QVERIFY2(slowHeaders.elapsedMs < (kTimeoutSeconds + 5) * 1000LL,
             qPrintable(QString::number(slowHeaders.elapsedMs)));
    // A body that stops coming: cut off after client_body_timeout without a byte for the hub.
    auto body = connectTls();
    QVERIFY(body);
    const Exchange stalled = exchange(
        *body, {"POST /webhooks/shopify HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{\"id\": 1"}, 0,
        (kTimeoutSeconds + 4) * 1000);
    QVERIFY2(stalled.closedByPeer, "nginx kept a stalled body open");
    QVERIFY(stalled.status() == 0 || stalled.status() == 408);
    QCOMPARE(hubRequests(), before + 1);
  }

  void metricsAndHealth_onlyFromAllowedAddresses()
  {
    for (const QString &route : {u"/metrics"_s, u"/healthz"_s}) {
      const QByteArray request = "GET " + route.toUtf8() + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
      auto allowed = connectTls(QHostAddress(u"127.0.0.1"_s));
      QVERIFY(allowed);
      const Exchange inside = exchange(*allowed, {request}, 0, 3000);
      QCOMPARE(inside.status(), 200);
      // 127.0.0.2 is this machine too, but not an address the site lets read metrics or health.
      auto outsider = connectTls(QHostAddress(u"127.0.0.2"_s));
      QVERIFY(outsider);
      QCOMPARE(outsider->localAddress(), QHostAddress(u"127.0.0.2"_s));
      const Exchange outside = exchange(*outsider, {request}, 0, 3000);
      QCOMPARE(outside.status(), 403);
      QVERIFY(!outside.received.contains("packbench_"));
    }
  }

  void cleanupTestCase()
  {
    m_hub.reset();
    if (m_nginx) {
      m_nginx->terminate();
      if (!m_nginx->waitForFinished(5000))
        m_nginx->kill();
      m_nginx->waitForFinished(5000);
    }
  }
};

QTEST_GUILESS_MAIN(NginxProxyTest)
#include "nginx_proxy_test.moc"
