// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's HTTP endpoints over real sockets.
#include "core/db/connection.h"
#include "core/hub/hubserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;

class HubServerTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QNetworkAccessManager m_network;

  struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
  };

  Reply get(quint16 port, const QString &path)
  {
    QNetworkReply *reply =
        m_network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10'000))
      qFatal("no reply");
    Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
            reply->header(QNetworkRequest::ContentTypeHeader).toByteArray()};
    reply->deleteLater();
    return r;
  }

  db::ConnectionSettings sqlite(const QString &name)
  {
    db::ConnectionSettings s;
    s.sqlitePath = m_dir.filePath(name + QStringLiteral(".sqlite"));
    return s;
  }

private Q_SLOTS:
  void healthz_reportsDatabaseOk()
  {
    hub::HubServer server(sqlite(QStringLiteral("ok")), {});
    auto port = server.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    const Reply r = get(*port, QStringLiteral("/healthz"));
    QCOMPARE(r.status, 200);
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(body.value(u"status").toString(), QStringLiteral("ok"));
    QCOMPARE(body.value(u"database").toString(), QStringLiteral("ok"));
  }

  void healthz_withDatabaseGone_is503()
  {
    // A database file that cannot be created: the thread serves, but every check says unreachable.
    db::ConnectionSettings gone;
    gone.sqlitePath = QStringLiteral("/proc/packbench-no-such-dir/gone.sqlite");
    hub::HubServer server(gone, {});
    auto port = server.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    const Reply r = get(*port, QStringLiteral("/healthz"));
    QCOMPARE(r.status, 503);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"database").toString(), QStringLiteral("unreachable"));
  }

  void metrics_countHealthChecks()
  {
    // Two threads: the counters are shared, whichever thread answers.
    hub::HubServer server(sqlite(QStringLiteral("metrics")), {}, 2);
    auto port = server.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    get(*port, QStringLiteral("/healthz"));
    get(*port, QStringLiteral("/healthz"));
    const Reply r = get(*port, QStringLiteral("/metrics"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.contentType.startsWith("text/plain"));
    QVERIFY(r.body.contains("packbench_health_checks_total 2"));
    QVERIFY(r.body.contains("packbench_build_info{version="));
    QVERIFY(r.body.contains("packbench_ingest_threads 2"));
    QVERIFY(r.body.contains("packbench_ingest_requests_total{thread=\"1\"}"));
  }

  void listen_onTakenPort_isAClearError()
  {
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    hub::HubServer server(sqlite(QStringLiteral("taken")), {}, 3);
    auto port = server.listen(QHostAddress::LocalHost, squatter.serverPort());
    QVERIFY(!port.ok());
    QCOMPARE(port.error().kind, ErrorKind::Unavailable);
    QVERIFY(port.error().message.contains(QString::number(squatter.serverPort())));
  }
};

QTEST_GUILESS_MAIN(HubServerTest)
#include "hubserver_test.moc"
