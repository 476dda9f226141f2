// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/migrations.h"
#include "tests/support/programrun.h"
#include "tests/support/testdatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class HubCliTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;

  using Run = pb::test::ProgramRun;

  Run run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
  {
    return pb::test::runProgram(QStringLiteral(PACKBENCH_HUB_BINARY), args, m_dir.path(), env);
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
    const QStringList args = QStringList{QStringLiteral("migrate"), QStringLiteral("--no-default-files")} +
                             pb::test::postgresArgs(*settings) +
                             QStringList{QStringLiteral("--set"), QStringLiteral("log.file=-")};
    const Run first = run(args);
    QCOMPARE(first.exitCode, 0);
    const auto known = pb::db::MigrationRunner(QStringLiteral(":/migrations/postgres")).available();
    QVERIFY(known.ok());
    const QString expected = QStringLiteral("applied %1 migration(s); schema version %1").arg(known->size());
    QVERIFY2(first.out.contains(expected), qPrintable(first.out + first.err));
    const Run second = run(args);
    QCOMPARE(second.exitCode, 0);
    QVERIFY(second.out.contains(QStringLiteral("applied 0 migration(s)")));
  }

  // The unit's ExecStartPre: it must never migrate (#12), only say whether the schema is current.
  void migrateCheck_changesNothing_andSaysWhetherCurrent()
  {
    auto settings = pb::test::createScratchDatabase(QStringLiteral("clicheck"));
    QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
    const QStringList args = QStringList{QStringLiteral("migrate"), QStringLiteral("--no-default-files")} +
                             pb::test::postgresArgs(*settings) +
                             QStringList{QStringLiteral("--set"), QStringLiteral("log.file=-")};
    const Run unmigrated = run(args + QStringList{QStringLiteral("--check")});
    QCOMPARE(unmigrated.exitCode, 3);
    QVERIFY2(unmigrated.err.contains(QStringLiteral("schema version 0 is older")), qPrintable(unmigrated.err));
    QVERIFY2(unmigrated.err.contains(QStringLiteral("as the database owner")), qPrintable(unmigrated.err));
    // Checking created nothing: a real migrate still applies every migration.
    const auto known = pb::db::MigrationRunner(QStringLiteral(":/migrations/postgres")).available();
    QVERIFY(known.ok());
    const Run migrated = run(args);
    QCOMPARE(migrated.exitCode, 0);
    QVERIFY2(migrated.out.contains(QStringLiteral("applied %1 migration(s)").arg(known->size())),
             qPrintable(migrated.out + migrated.err));
    const Run current = run(args + QStringList{QStringLiteral("--check")});
    QCOMPARE(current.exitCode, 0);
    QVERIFY2(current.out.contains(QStringLiteral("schema version %1 is current").arg(known->last().version)),
             qPrintable(current.out + current.err));
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

  // A listen address that is not an IP address stops the hub as bad configuration before the database is opened.
  void serve_withAHostNameAsListenAddress_isRefusedBeforeAnythingOpens()
  {
    const Run r =
        run({QStringLiteral("serve"), QStringLiteral("--no-default-files"), QStringLiteral("--set"),
             QStringLiteral("database.driver=postgres"), QStringLiteral("--set"),
             QStringLiteral("database.host=/nonexistent"), QStringLiteral("--set"),
             QStringLiteral("hub.listen_address=hub.internal"), QStringLiteral("--set"), QStringLiteral("log.file=-")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("hub.listen_address: 'hub.internal' is not an IP address")),
             qPrintable(r.err));
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
