// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/testdatabase.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class HubCliTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;

  struct Run {
    int exitCode = -1;
    QString out;
    QString err;
  };

  Run run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
  {
    QProcess process;
    QProcessEnvironment e = env;
    e.insert(QStringLiteral("HOME"), m_dir.path()); // keep the user's own config out of the test
    e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    e.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(e);
    process.start(QStringLiteral(PACKBENCH_HUB_BINARY), args);
    if (!process.waitForFinished(60'000))
      qFatal("packbench-hub did not finish");
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
  }

  QString write(const QString &name, const QByteArray &text)
  {
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
      qFatal("cannot write");
    file.write(text);
    return file.fileName();
  }

private Q_SLOTS:
  void version_and_help()
  {
    const Run version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.contains(QStringLiteral("packbench-hub")));
    const Run help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QStringLiteral("--config")));
    QVERIFY(help.out.contains(QStringLiteral("migrate")));
  }

  void printConfig_withUnknownKey_failsNamingKey()
  {
    const QString bad = write(QStringLiteral("bad.conf"), "[database]\nhost = db1\n[shopify]\nshopp = example\n");
    const Run r = run({QStringLiteral("--print-config"), QStringLiteral("--config"), bad});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("shopify.shopp")), qPrintable(r.err));
    QVERIFY(r.err.contains(bad));
    QVERIFY(r.out.isEmpty()); // nothing half-printed
  }

  void printConfig_showsSourcesAndMasksSecrets()
  {
    const QString good = write(QStringLiteral("good.conf"), "[database]\ndriver = postgres\nport = 6543\n");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PACKBENCH_SHOPIFY_ACCESS_TOKEN"), QStringLiteral("shpat_do_not_print"));
    const Run r = run({QStringLiteral("--print-config"), QStringLiteral("--config"), good, QStringLiteral("--set"),
                       QStringLiteral("log.level=debug")},
                      env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("database.port = 6543    # --config file: ") + good + QStringLiteral(":3")));
    QVERIFY(r.out.contains(QStringLiteral("log.level = debug    # command line")));
    QVERIFY(r.out.contains(QStringLiteral("shopify.access_token = ******** (set)")));
    QVERIFY(!r.out.contains(QStringLiteral("shpat_do_not_print")));
    QVERIFY(!r.err.contains(QStringLiteral("shpat_do_not_print")));
    QVERIFY(!r.out.contains(QStringLiteral("station.location"))); // station-only keys are not the hub's
  }

  void migrate_againstThrowawayPostgres()
  {
    auto settings = pb::test::createScratchDatabase(QStringLiteral("cli"));
    QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
    const QStringList args = {QStringLiteral("migrate"), QStringLiteral("--no-default-files"),
                              QStringLiteral("--set"),   QStringLiteral("database.driver=postgres"),
                              QStringLiteral("--set"),   QStringLiteral("database.host=") + settings->host,
                              QStringLiteral("--set"),   QStringLiteral("database.port=%1").arg(settings->port),
                              QStringLiteral("--set"),   QStringLiteral("database.name=") + settings->name,
                              QStringLiteral("--set"),   QStringLiteral("database.user=postgres"),
                              QStringLiteral("--set"),   QStringLiteral("log.file=-")};
    const Run first = run(args);
    QCOMPARE(first.exitCode, 0);
    // Migrations are numbered without gaps, so the newest version is the number of files.
    const qsizetype latest =
        QDir(qEnvironmentVariable("PACKBENCH_TEST_SOURCE_DIR") + QStringLiteral("/resources/migrations/postgres"))
            .entryList({QStringLiteral("*.sql")}, QDir::Files)
            .size();
    QVERIFY(latest >= 1);
    QVERIFY2(first.out.contains(QStringLiteral("schema version %1").arg(latest)), qPrintable(first.out + first.err));
    const Run second = run(args);
    QCOMPARE(second.exitCode, 0);
    QVERIFY(second.out.contains(QStringLiteral("applied 0 migration(s)")));
  }

  void migrate_withDatabaseDown_exitsWithDatabaseCode()
  {
    const Run r =
        run({QStringLiteral("migrate"), QStringLiteral("--no-default-files"), QStringLiteral("--set"),
             QStringLiteral("database.driver=postgres"), QStringLiteral("--set"),
             QStringLiteral("database.host=/nonexistent"), QStringLiteral("--set"), QStringLiteral("log.file=-")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY(r.err.contains(QStringLiteral("cannot open postgres")));
  }

  void unknownCommand_isRejected()
  {
    const Run r = run({QStringLiteral("frobnicate"), QStringLiteral("--set"), QStringLiteral("log.file=-")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("frobnicate")));
  }
};

QTEST_GUILESS_MAIN(HubCliTest)
#include "hub_cli_test.moc"
