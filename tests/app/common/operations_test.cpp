// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Operating Packbench as shipped: each program starts with its example config (adjusted only for the
// test's database socket, port and name, the paths of secret files and local ports) under logins made by
// packbench-hub's own commands, and SIGTERM/SIGINT end it gracefully: exit 0, the last log lines
// written, nothing acknowledged lost.
#include "core/db/demodata.h"
#include "core/db/sql.h"
#include "tests/support/programrun.h"
#include "tests/support/runningprogram.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/signedwebhook.h"
#include "tests/support/testdatabase.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {

QString example(const QString &name)
{
  return qEnvironmentVariable("PACKBENCH_TEST_SOURCE_DIR") + u"/packaging/config/"_s + name;
}

// The last `count` non-empty lines of a log file.
QStringList lastLines(const QString &path, int count)
{
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return {u"<cannot read %1>"_s.arg(path)};
  const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
  return lines.mid(std::max<qsizetype>(0, lines.size() - count));
}

// A copy of an example config whose secret files are the test's own (a config file's *_file keys are read
// as the file is loaded, before --set could point them elsewhere).
QString adjustedExample(const QString &name, const QString &dir, const QList<std::pair<QString, QString>> &paths)
{
  QFile in(example(name));
  QFile out(dir + u"/"_s + name);
  if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
    return {};
  QString text = QString::fromUtf8(in.readAll());
  for (const auto &[from, to] : paths)
    text.replace(from, to);
  out.write(text.toUtf8());
  return out.fileName();
}

} // namespace

class OperationsTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  test::MigratedDatabase m_db;
  QString m_stationPasswordFile;

  QStringList databaseOverrides() const
  {
    return {u"--set"_s, u"database.host="_s + m_db.settings.host,
            u"--set"_s, u"database.port=%1"_s.arg(m_db.settings.port),
            u"--set"_s, u"database.name="_s + m_db.settings.name};
  }

  QString secretFile(const QString &name, const QByteArray &secret)
  {
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(secret) != secret.size())
      return {};
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return file.fileName();
  }

  static QString why(const test::ProgramRun &r) { return test::describe(r); }

  // What packbench-hub would need on the machine: its secrets in 0600 files, Shopify here a local closed port.
  QStringList hubArgs(quint16 port, const QString &log)
  {
    return QStringList{u"--no-default-files"_s,
                       u"--config"_s,
                       hubConfig(),
                       u"--set"_s,
                       u"hub.port=%1"_s.arg(port),
                       u"--set"_s,
                       u"shopify.admin_base_url=http://127.0.0.1:%1"_s.arg(test::freePort()),
                       u"--set"_s,
                       u"log.file="_s + log} +
           databaseOverrides();
  }

  QString hubConfig()
  {
    return adjustedExample(
        u"packbench-hub.conf.example"_s, m_dir.path(),
        {{u"/etc/packbench/secrets/shopify-access-token"_s, secretFile(u"token"_s, "shpat_test_token")},
         {u"/etc/packbench/secrets/shopify-webhook-secret"_s, secretFile(u"webhook-secret"_s, "hook-secret")}});
  }

  QStringList stationArgs(const QString &log)
  {
    const QString config = adjustedExample(u"packbench-station.conf.example"_s, m_dir.path(),
                                           {{u"/etc/packbench/db-password"_s, m_stationPasswordFile}});
    return QStringList{u"--no-default-files"_s,
                       u"--config"_s,
                       config,
                       u"--set"_s,
                       u"printing.label_printer=tcp://127.0.0.1:%1"_s.arg(test::freePort()),
                       u"--set"_s,
                       u"log.file="_s + log} +
           databaseOverrides();
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(example(u"packbench-hub.conf.example"_s)), "PACKBENCH_TEST_SOURCE_DIR not set");
    auto db = test::createMigratedDatabase(u"operations"_s);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    const SystemClock clock;
    QVERIFY(db::seedDemoData(m_db.db, clock).ok());
    // The logins the example configs name, made as an administrator would: with the hub's commands.
    const QStringList admin = QStringList{u"--no-default-files"_s,
                                          u"--set"_s,
                                          u"database.driver=postgres"_s,
                                          u"--set"_s,
                                          u"database.user=postgres"_s,
                                          u"--set"_s,
                                          u"log.file=-"_s} +
                              databaseOverrides();
    m_stationPasswordFile = m_dir.filePath(u"db-password"_s);
    test::ProgramRun r =
        test::runProgram(QStringLiteral(PACKBENCH_HUB_BINARY),
                         admin + QStringList{u"station-login"_s, u"create"_s, u"station_bench_07"_s, u"--shop"_s,
                                             u"northwind-outfitters.myshopify.com"_s, u"--location"_s, u"RNO"_s,
                                             u"--password-file"_s, m_stationPasswordFile},
                         m_dir.path());
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    // The fixture checks this login's password for real.
    QVERIFY(db::execStatic(m_db.db, u"GRANT pbt_password_login TO station_bench_07"_s).ok());
    r = test::runProgram(QStringLiteral(PACKBENCH_HUB_BINARY),
                         admin + QStringList{u"hub-login"_s, u"create"_s, u"packbench"_s}, m_dir.path());
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
  }

  // The shipped unit's ExecStartPre, as the hub's own login: it checks the schema and never migrates (#12).
  void hubUnit_execStartPre_asItsLogin_onlyChecksTheSchema()
  {
    QFile unit(qEnvironmentVariable("PACKBENCH_TEST_SOURCE_DIR") + u"/packaging/systemd/packbench-hub.service"_s);
    QVERIFY(unit.open(QIODevice::ReadOnly));
    QStringList pre;
    for (const QString &line : QString::fromUtf8(unit.readAll()).split(u'\n')) {
      if (line.startsWith(u"ExecStartPre="_s))
        pre = line.mid(13).split(u' ', Qt::SkipEmptyParts);
    }
    QCOMPARE(pre, (QStringList{u"/usr/bin/packbench-hub"_s, u"migrate"_s, u"--check"_s}));
    const test::ProgramRun r = test::runProgram(
        QStringLiteral(PACKBENCH_HUB_BINARY),
        pre.mid(1) + QStringList{u"--no-default-files"_s, u"--config"_s, hubConfig(), u"--set"_s, u"log.file=-"_s} +
            databaseOverrides(),
        m_dir.path());
    QVERIFY2(r.exitCode == 0 && r.out.contains(u" is current"_s), qPrintable(why(r)));
  }

  void hubExampleConfig_migrateAsItsLogin_isANoOp()
  {
    // An administrator's `migrate` repeated as the hub's login on a migrated database changes nothing.
    const test::ProgramRun r = test::runProgram(
        QStringLiteral(PACKBENCH_HUB_BINARY),
        QStringList{u"migrate"_s, u"--no-default-files"_s, u"--config"_s, hubConfig(), u"--set"_s, u"log.file=-"_s} +
            databaseOverrides(),
        m_dir.path());
    QVERIFY2(r.exitCode == 0 && r.out.contains(u"applied 0 migration(s)"_s), qPrintable(why(r)));
  }

  void hubExampleConfig_servesWebhooks_andStopsGracefully_data()
  {
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
  }

  void hubExampleConfig_servesWebhooks_andStopsGracefully()
  {
    QFETCH(int, signalNumber);
    const QString signalName = signalNumber == SIGTERM ? u"SIGTERM"_s : u"SIGINT"_s;
    const quint16 port = test::freePort();
    const QString log = m_dir.filePath(u"hub-%1.log"_s.arg(signalName));
    test::RunningProgram hub(QStringLiteral(PACKBENCH_HUB_BINARY), hubArgs(port, log), m_dir.path());
    QVERIFY(hub.waitForStarted());
    QVERIFY2(hub.waitForOutput(u"listening on"_s), qPrintable(hub.output()));

    // Webhooks in flight when the signal comes: each one answered 200 must be stored.
    QNetworkAccessManager network;
    const QUrl url(u"http://127.0.0.1:%1/webhooks/shopify"_s.arg(port));
    QList<QNetworkReply *> replies;
    QStringList ids;
    for (int i = 0; i < 40; ++i) {
      const QString id = u"ops-%1-%2"_s.arg(signalName).arg(i);
      const test::WebhookDelivery delivery{u"orders/create"_s,
                                           test::compact(test::restOrder(900000 + i, QDateTime::currentDateTimeUtc())),
                                           u"example-staging.myshopify.com"_s,
                                           id,
                                           {},
                                           {},
                                           {}};
      ids << id;
      replies << network.post(test::webhookRequest(url, delivery, "hook-secret"), delivery.body);
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }), 10'000);
    hub.sendSignal(signalNumber);
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }), 30'000);
    QVERIFY2(hub.waitForExit(40'000), qPrintable(hub.output()));
    QVERIFY2(!hub.crashed() && hub.exitCode() == 0, qPrintable(hub.output()));

    int acknowledged = 0;
    for (int i = 0; i < replies.size(); ++i) {
      if (replies[i]->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        continue;
      ++acknowledged;
      QCOMPARE(test::scalar(m_db.db, u"SELECT count(*) FROM webhook_inbox WHERE webhook_id = ?"_s, {ids[i]}), 1);
    }
    QVERIFY(acknowledged > 0);
    qDeleteAll(replies);

    // The port is closed, and the log file ends with the orderly stop (it was flushed before exit).
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!probe.waitForConnected(1000));
    // In this order: the signal, the webhook port closed, the workers done (their calls may log between), the end.
    const QString all = lastLines(log, 10'000).join(u'\n');
    const qsizetype received = all.indexOf(signalName + u" received: stopping"_s);
    const qsizetype closed = all.indexOf(u"webhook endpoint closed"_s);
    const qsizetype finished = all.indexOf(u"outbox and inbox workers finished"_s);
    QVERIFY2(received >= 0 && closed > received && finished > closed, qPrintable(all));
    QVERIFY2(lastLines(log, 1).join(QString()).contains(u"packbench-hub stopped, exit code 0"_s), qPrintable(all));
  }

#ifdef PACKBENCH_STATION_BINARY
  void stationExampleConfig_passesItsSelfTest()
  {
    const test::ProgramRun r = test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY),
                                                stationArgs(u"-"_s) + QStringList{u"--self-test"_s}, m_dir.path());
    QVERIFY2(r.exitCode == 0 && r.out.trimmed().endsWith(u"passed"_s), qPrintable(why(r)));
  }

  void stationExampleConfig_comesUp_andStopsGracefully_data()
  {
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
  }

  void stationExampleConfig_comesUp_andStopsGracefully()
  {
    QFETCH(int, signalNumber);
    const QString signalName = signalNumber == SIGTERM ? u"SIGTERM"_s : u"SIGINT"_s;
    const QString log = m_dir.filePath(u"station-%1.log"_s.arg(signalName));
    test::RunningProgram station(QStringLiteral(PACKBENCH_STATION_BINARY), stationArgs(log), m_dir.path());
    QVERIFY(station.waitForStarted());
    QVERIFY2(station.waitForOutput(u"station bench-07 ready at RNO"_s), qPrintable(station.output()));
    QCOMPARE(test::scalar(m_db.db, u"SELECT count(*) FROM stations WHERE name = 'bench-07'"_s), 1);
    station.sendSignal(signalNumber);
    QVERIFY2(station.waitForExit(30'000), qPrintable(station.output()));
    QVERIFY2(!station.crashed() && station.exitCode() == 0, qPrintable(station.output()));
    const QString tail = lastLines(log, 3).join(u'\n');
    QVERIFY2(tail.contains(signalName + u" received: stopping"_s), qPrintable(tail));
    QVERIFY2(tail.contains(u"stopping: no order open"_s), qPrintable(tail));
    QVERIFY2(lastLines(log, 1).join(QString()).contains(u"packbench stopped, exit code 0"_s), qPrintable(tail));
    QCOMPARE(test::scalar(m_db.db, u"SELECT count(*) FROM claims c JOIN stations s ON s.id = c.station_id "
                                   "WHERE s.name = 'bench-07' AND c.released_at IS NULL"_s),
             0);
  }
#endif
};

QTEST_GUILESS_MAIN(OperationsTest)
#include "operations_test.moc"
