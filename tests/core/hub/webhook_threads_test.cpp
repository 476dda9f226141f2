// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The webhook endpoint on several ingest threads over real sockets and a real PostgreSQL: concurrent
// deliveries each stored once, duplicates across threads, bad signatures, a lost database, shutdown.
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/hub/hubserver.h"
#include "core/hub/inboxthread.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/signedwebhook.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kSecret = QByteArrayLiteral("threads-webhook-secret");
const QString kShop = QStringLiteral("packbench-threads.myshopify.com");
constexpr int kThreads = 4;
constexpr int kClients = 4; // each QNetworkAccessManager opens up to 6 connections to one host

struct Delivery {
  QString webhookId;
  QString eventId;
  QByteArray body;
  QByteArray hmac;
};

// The hub serves kShop only, with kSecret.
hub::WebhookSettings webhookSettings()
{
  hub::WebhookSettings settings;
  settings.shops.add({kShop, {}, kSecret, {}});
  settings.maxBodyBytes = 64 * 1024;
  settings.inboxWriters = 2; // more than the default one: commits of two writers interleave here
  return settings;
}

// The delivery as an orders/create from kShop, carrying hmac (forged or not).
test::WebhookDelivery asWebhook(const Delivery &d, const QByteArray &hmac)
{
  return {QStringLiteral("orders/create"), d.body, kShop, d.webhookId, d.eventId, hmac, {}};
}

Delivery signedDelivery(const QString &webhookId, const QString &eventId = {})
{
  const QByteArray body = QStringLiteral(R"({"id": 1, "webhook": "%1"})").arg(webhookId).toUtf8();
  return {webhookId, eventId, body, test::shopifyHmac(kSecret, body)};
}
} // namespace

class WebhookThreadsTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_db;
  std::unique_ptr<hub::HubServer> m_server;
  std::vector<std::unique_ptr<QNetworkAccessManager>> m_clients;
  quint16 m_port = 0;

  // Posts every delivery at once over kClients × 6 connections; the HTTP status of each, in order.
  QList<int> postAll(const QList<Delivery> &deliveries, quint16 port = 0)
  {
    QList<int> statuses(deliveries.size(), 0);
    int pending = int(deliveries.size());
    for (int i = 0; i < deliveries.size(); ++i) {
      const Delivery &d = deliveries.at(i);
      const QNetworkRequest request =
          test::webhookRequest(test::webhookUrl(port ? port : m_port), asWebhook(d, d.hmac), kSecret);
      QNetworkReply *reply = m_clients[size_t(i % kClients)]->post(request, d.body);
      connect(reply, &QNetworkReply::finished, this, [reply, i, &statuses, &pending]() {
        statuses[i] = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        --pending;
        reply->deleteLater();
      });
    }
    if (!QTest::qWaitFor([&pending]() { return pending == 0; }, 60'000))
      qFatal("replies missing after 60 s");
    return statuses;
  }

  QByteArray metrics()
  {
    QNetworkReply *reply =
        m_clients.front()->get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_port))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10'000))
      qFatal("no /metrics reply");
    reply->deleteLater();
    return reply->readAll();
  }

  static qint64 metric(const QByteArray &text, const QString &name)
  {
    const QRegularExpression line(QStringLiteral("^%1 (\\d+)$").arg(QRegularExpression::escape(name)),
                                  QRegularExpression::MultilineOption);
    const auto match = line.match(QString::fromUtf8(text));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
  }

  qint64 rows() { return test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox")); }

  // Runs on the fixture's maintenance database: the scratch database itself is what goes away.
  Status admin(const QString &sql, const QVariantList &values = {})
  {
    auto server = test::fixtureServer();
    if (!server)
      return server.error();
    const QString name = QStringLiteral("threads-admin");
    Status status;
    {
      auto opened = db::openDatabase(*server, name);
      if (!opened)
        return opened.error();
      auto ran = values.isEmpty() ? db::execStatic(*opened, sql) : db::exec(*opened, sql, values);
      if (!ran)
        status = ran.error();
    }
    QSqlDatabase::removeDatabase(name);
    return status;
  }

  // One raw HTTP/1.1 request, as bytes on the wire.
  static QByteArray rawPost(const Delivery &d, const QByteArray &hmac)
  {
    return test::rawWebhookPost(asWebhook(d, hmac), kSecret);
  }

  // Holds webhook_inbox locked from a second connection, as a long migration would: stores wait.
  void lockInbox(QSqlDatabase &locker)
  {
    auto opened = db::openDatabase(m_settings, QStringLiteral("threads-locker"));
    VERIFY_OK(opened);
    locker = *opened;
    VERIFY_OK(db::execStatic(locker, QStringLiteral("BEGIN; LOCK TABLE webhook_inbox IN EXCLUSIVE MODE")));
  }
  static void unlockInbox(QSqlDatabase &locker)
  {
    VERIFY_OK(db::execStatic(locker, QStringLiteral("COMMIT")));
    locker.close();
    locker = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("threads-locker"));
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("webthreads"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_db = scratch->db;
    for (int i = 0; i < kClients; ++i)
      m_clients.push_back(std::make_unique<QNetworkAccessManager>());
    m_server = std::make_unique<hub::HubServer>(m_settings, webhookSettings(), kThreads);
    auto port = m_server->listen(QHostAddress::LocalHost, 0);
    VERIFY_OK(port);
    m_port = *port;
  }

  void init() { VERIFY_OK(db::exec(m_db, QStringLiteral("DELETE FROM webhook_inbox"))); }

  void concurrentDeliveries_allStoredOnceAndAnswered200()
  {
    QSignalSpy wakeUps(m_server.get(), &hub::HubServer::webhookStored);
    const qint64 storedBefore = metric(metrics(), QStringLiteral("packbench_webhooks_total{result=\"stored\"}"));
    QList<Delivery> deliveries;
    for (int i = 0; i < 400; ++i)
      deliveries.append(signedDelivery(QStringLiteral("conc-%1").arg(i), QStringLiteral("ev-conc-%1").arg(i)));
    const QList<int> statuses = postAll(deliveries);
    QCOMPARE(statuses.count(200), 400);
    QCOMPARE(rows(), 400);
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(DISTINCT webhook_id) FROM webhook_inbox WHERE "
                                         "webhook_id LIKE 'conc-%' AND shop_domain = ?"),
                          {kShop}),
             400);
    const QByteArray text = metrics();
    QCOMPARE(metric(text, QStringLiteral("packbench_webhooks_total{result=\"stored\"}")) - storedBefore, 400);
    int busyThreads = 0;
    for (int t = 0; t < kThreads; ++t)
      busyThreads += metric(text, QStringLiteral("packbench_ingest_requests_total{thread=\"%1\"}").arg(t)) > 0 ? 1 : 0;
    QVERIFY2(busyThreads >= 2, "the kernel spread 24 connections over one thread only");
    // The inbox processor is woken on this thread, coalesced: at least once, at most once per delivery.
    QTRY_VERIFY(wakeUps.count() >= 1);
    QVERIFY(wakeUps.count() <= 400);
  }

  void metrics_reportTheInboxBacklogByStatus()
  {
    // No inbox processor runs here: what was stored stays pending; a dead letter is counted on its own line.
    QList<Delivery> deliveries;
    for (int i = 0; i < 5; ++i)
      deliveries.append(signedDelivery(QStringLiteral("backlog-%1").arg(i)));
    QCOMPARE(postAll(deliveries).count(200), 5);
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("UPDATE webhook_inbox SET status = 'dead', processed_at = now(), error = 'test' "
                                      "WHERE webhook_id = ?"),
                       {QStringLiteral("backlog-0")}));
    const QString pending = QStringLiteral("packbench_webhook_inbox_rows{status=\"pending\"}");
    QTRY_COMPARE_WITH_TIMEOUT(metric(metrics(), pending), 4, 15'000);
    QCOMPARE(metric(metrics(), QStringLiteral("packbench_webhook_inbox_rows{status=\"dead\"}")), 1);
  }

  void duplicatesAcrossThreads_areStoredOnce()
  {
    QList<Delivery> deliveries;
    // The same event through different subscriptions: new webhook ids, one event id, the same signed body.
    const Delivery event = signedDelivery(QStringLiteral("dup-event"), QStringLiteral("ev-dup"));
    for (int i = 0; i < 60; ++i) {
      deliveries.append(signedDelivery(QStringLiteral("dup-same-webhook")));
      Delivery again = event;
      again.webhookId = QStringLiteral("dup-event-%1").arg(i);
      deliveries.append(again);
    }
    const QList<int> statuses = postAll(deliveries);
    QCOMPARE(statuses.count(200), deliveries.size());
    QCOMPARE(rows(), 2);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE webhook_id = "
                                               "'dup-same-webhook'")),
             1);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE event_id = 'ev-dup'")), 1);
  }

  void badHmac_amongGoodDeliveries_storesNothing()
  {
    QList<Delivery> deliveries;
    for (int i = 0; i < 50; ++i) {
      deliveries.append(signedDelivery(QStringLiteral("good-%1").arg(i)));
      Delivery forged = signedDelivery(QStringLiteral("forged-%1").arg(i));
      forged.hmac = test::shopifyHmac(QByteArrayLiteral("not-our-secret"), forged.body);
      deliveries.append(forged);
      Delivery tampered = signedDelivery(QStringLiteral("tampered-%1").arg(i));
      tampered.body += ' ';
      deliveries.append(tampered);
    }
    const QList<int> statuses = postAll(deliveries);
    for (int i = 0; i < deliveries.size(); ++i)
      QCOMPARE(statuses.at(i), deliveries.at(i).webhookId.startsWith(u"good-") ? 200 : 401);
    QCOMPARE(rows(), 50);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE webhook_id NOT LIKE "
                                               "'good-%'")),
             0);
  }

  void databaseGone_answers503AndStoresNothing_thenRecovers()
  {
    QList<Delivery> deliveries;
    for (int i = 0; i < 40; ++i)
      deliveries.append(signedDelivery(QStringLiteral("gone-%1").arg(i)));
    // The database refuses new connections and every hub connection is cut.
    VERIFY_OK(admin(QStringLiteral("ALTER DATABASE \"%1\" WITH ALLOW_CONNECTIONS false").arg(m_settings.name)));
    VERIFY_OK(admin(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND "
                                   "application_name = 'packbench'"),
                    {m_settings.name}));
    QList<int> statuses = postAll(deliveries);
    VERIFY_OK(admin(QStringLiteral("ALTER DATABASE \"%1\" WITH ALLOW_CONNECTIONS true").arg(m_settings.name)));
    QCOMPARE(statuses.count(503), deliveries.size());
    m_db.close();
    QVERIFY(m_db.open());
    QCOMPARE(rows(), 0);

    // Shopify delivers again until it gets a 200: the threads reconnect within their backoff.
    QList<Delivery> retry = deliveries;
    for (int round = 0; round < 60 && !retry.isEmpty(); ++round) {
      statuses = postAll(retry);
      QList<Delivery> failed;
      for (int i = 0; i < retry.size(); ++i) {
        QVERIFY(statuses.at(i) == 200 || statuses.at(i) == 503);
        if (statuses.at(i) != 200)
          failed.append(retry.at(i));
      }
      retry = failed;
      if (!retry.isEmpty())
        QTest::qWait(250);
    }
    QVERIFY2(retry.isEmpty(), "the ingest threads did not reconnect");
    QCOMPARE(rows(), 40);
    QCOMPARE(postAll(deliveries).count(200), deliveries.size());
    QCOMPARE(rows(), 40);
    QVERIFY(metric(metrics(), QStringLiteral("packbench_webhooks_total{result=\"unavailable\"}")) >= 40);
  }

  void clientGoneBeforeCommit_isNotAnsweredAndNothingBreaks()
  {
    // The hub answers after the commit; a client that gave up meanwhile must not be written to.
    QSqlDatabase locker;
    lockInbox(locker);
    QList<std::shared_ptr<QTcpSocket>> impatient;
    for (int i = 0; i < 8; ++i) {
      auto socket = std::make_shared<QTcpSocket>();
      socket->connectToHost(QHostAddress::LocalHost, m_port);
      QVERIFY(socket->waitForConnected(5000));
      const Delivery d = signedDelivery(QStringLiteral("impatient-%1").arg(i));
      socket->write(rawPost(d, d.hmac));
      QVERIFY(socket->waitForBytesWritten(5000));
      impatient.append(socket);
    }
    QTest::qWait(300); // the requests reach the writers and wait on the lock
    for (auto &socket : impatient)
      socket->abort();
    impatient.clear();
    QTest::qWait(100);
    unlockInbox(locker);
    // Stored all the same (the commit came after they left), and the hub still serves.
    QTRY_COMPARE(rows(), 8);
    QList<Delivery> after;
    for (int i = 0; i < 20; ++i)
      after.append(signedDelivery(QStringLiteral("after-%1").arg(i)));
    QCOMPARE(postAll(after).count(200), 20);
    QCOMPARE(rows(), 28);
  }

  void healthAndMetrics_answerWhileStoresWait()
  {
    // Every inbox writer is stuck on a locked table with webhooks queued behind it: a health check or a
    // scrape must still be answered at once, from what the probe measured, without a query in that line.
    // (First the probe must have its connection back after the earlier tests cut it.)
    QTRY_VERIFY_WITH_TIMEOUT(metrics().contains("packbench_database_up 1"), 15'000);
    QSqlDatabase locker;
    lockInbox(locker);
    QList<std::shared_ptr<QTcpSocket>> waiting;
    for (int i = 0; i < 12; ++i) {
      auto socket = std::make_shared<QTcpSocket>();
      socket->connectToHost(QHostAddress::LocalHost, m_port);
      QVERIFY(socket->waitForConnected(5000));
      const Delivery d = signedDelivery(QStringLiteral("blocked-%1").arg(i));
      socket->write(rawPost(d, d.hmac));
      QVERIFY(socket->waitForBytesWritten(5000));
      waiting.append(socket);
    }
    QTest::qWait(300); // the writers have taken their batches and wait on the lock
    QNetworkAccessManager client;
    for (const QString &path : {QStringLiteral("/healthz"), QStringLiteral("/metrics")}) {
      QElapsedTimer took;
      took.start();
      QNetworkReply *reply =
          client.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path))));
      QSignalSpy finished(reply, &QNetworkReply::finished);
      QVERIFY2(reply->isFinished() || finished.wait(3000), qPrintable(path + u" waited behind the stores"_s));
      QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
      const QByteArray body = reply->readAll();
      if (path == u"/healthz")
        QVERIFY2(body.contains("\"database\":\"ok\""), body.constData());
      else
        QVERIFY2(body.contains("packbench_database_up 1"), body.constData());
      QVERIFY2(took.elapsed() < 2000, qPrintable(u"%1 took %2 ms"_s.arg(path).arg(took.elapsed())));
      reply->deleteLater();
    }
    for (auto &socket : waiting)
      QCOMPARE(socket->bytesAvailable(), 0); // still waiting for their commit
    unlockInbox(locker);
    QTRY_COMPARE(rows(), 12);
    for (auto &socket : waiting)
      QTRY_VERIFY(socket->bytesAvailable() > 0 && socket->peek(12) == "HTTP/1.1 200");
  }

  void pipelinedRequests_areAnsweredInOrder()
  {
    // The first waits for its commit, the second (forged) is refused at once: answers keep request order.
    QSqlDatabase locker;
    lockInbox(locker);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(client.waitForConnected(5000));
    const Delivery slow = signedDelivery(QStringLiteral("pipelined-1"));
    const Delivery forged = signedDelivery(QStringLiteral("pipelined-2"));
    client.write(rawPost(slow, slow.hmac));
    QVERIFY(client.waitForBytesWritten(5000));
    QTest::qWait(200);
    client.write(rawPost(forged, QByteArrayLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
    QVERIFY(client.waitForBytesWritten(5000));
    QTest::qWait(300);
    QCOMPARE(client.bytesAvailable(), 0); // nothing may overtake the first answer
    unlockInbox(locker);
    QByteArray answers;
    QVERIFY(QTest::qWaitFor(
        [&]() {
          client.waitForReadyRead(100);
          answers += client.readAll();
          return answers.count("HTTP/1.1 ") >= 2;
        },
        10'000));
    const qsizetype ok = answers.indexOf("HTTP/1.1 200");
    const qsizetype refused = answers.indexOf("HTTP/1.1 401");
    QVERIFY2(ok >= 0 && refused > ok, answers.constData());
    QCOMPARE(rows(), 1);
  }

  void shutdown_stopsEveryThreadAndClosesItsConnection()
  {
    auto settings = test::createScratchDatabase(QStringLiteral("webshutdown"));
    VERIFY_OK(settings);
    {
      auto opened = db::openDatabase(*settings, QStringLiteral("shutdown-migrate"));
      VERIFY_OK(opened);
      QSqlDatabase db = *opened;
      VERIFY_OK(db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(db));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("shutdown-migrate"));
    auto backends = [this, &settings]() {
      return test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND "
                                         "backend_type = 'client backend'"),
                          {settings->name});
    };
    const QStringList namesBefore = QSqlDatabase::connectionNames();
    quint16 port = 0;
    {
      hub::HubServer server(*settings, webhookSettings(), kThreads);
      auto listening = server.listen(QHostAddress::LocalHost, 0);
      VERIFY_OK(listening);
      port = *listening;
      // The ingest threads hold no connections; the two inbox writers (webhookSettings) and the database probe
      // behind /healthz open theirs at start.
      QTRY_COMPARE(backends(), 3);
      QList<Delivery> deliveries;
      for (int i = 0; i < 40; ++i)
        deliveries.append(signedDelivery(QStringLiteral("bye-%1").arg(i)));
      QCOMPARE(postAll(deliveries, port).count(200), 40);
      // The clients keep their connections open: the server must close them itself.
    }
    QStringList namesAfter = QSqlDatabase::connectionNames();
    namesAfter.sort();
    QStringList expected = namesBefore;
    expected.sort();
    QCOMPARE(namesAfter, expected);
    QTRY_COMPARE(backends(), 0);
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!probe.waitForConnected(2000));
    QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);
  }

  void inboxThread_mapsWhatTheIngestThreadsStored()
  {
    hub::InboxThread inbox(m_settings);
    connect(m_server.get(), &hub::HubServer::webhookStored, &inbox, [&inbox]() { inbox.wake(); });
    inbox.start();
    QList<Delivery> deliveries;
    const QDateTime t0(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
    for (int i = 0; i < 30; ++i) {
      Delivery d;
      d.webhookId = QStringLiteral("map-%1").arg(i);
      d.body = test::compact(test::restOrder(7000 + i, t0));
      d.hmac = test::shopifyHmac(kSecret, d.body);
      deliveries.append(d);
    }
    QCOMPARE(postAll(deliveries).count(200), 30);
    QTRY_COMPARE_WITH_TIMEOUT(
        test::scalar(m_db,
                     QStringLiteral("SELECT count(*) FROM orders WHERE shopify_id::bigint BETWEEN 7000 AND 7029")),
        30, 15'000);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status <> 'processed'")), 0);
  }

  void listenTwice_isRefused()
  {
    auto again = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY(!again.ok());
  }

  void cleanupTestCase()
  {
    m_server.reset();
    m_clients.clear();
  }
};

QTEST_GUILESS_MAIN(WebhookThreadsTest)
#include "webhook_threads_test.moc"
