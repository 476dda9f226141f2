// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/connection.h"
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/queue/queuelisting.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;

class SqliteSchemaTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  int m_counter = 0;

  QSqlDatabase open()
  {
    db::ConnectionSettings s;
    s.sqlitePath = m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_counter));
    auto db = db::openDatabase(s, QStringLiteral("conn%1").arg(m_counter));
    if (!db)
      qFatal("%s", qPrintable(db.error().message));
    return *db;
  }

  QString copyMigrations(const QString &name)
  {
    const QString dir = m_dir.filePath(name);
    QDir().mkpath(dir);
    QFile::copy(QStringLiteral(":/migrations/sqlite/0001_initial.sql"), dir + QStringLiteral("/0001_initial.sql"));
    QFile::setPermissions(dir + QStringLiteral("/0001_initial.sql"), QFile::ReadOwner | QFile::WriteOwner);
    return dir;
  }

private Q_SLOTS:
  void migrate_appliesOnceAndRecordsChecksum()
  {
    QSqlDatabase db = open();
    const db::MigrationRunner runner(QStringLiteral(":/migrations/sqlite"));
    auto first = runner.migrate(db);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QVERIFY(*first >= 1);
    auto second = runner.migrate(db);
    QVERIFY(second.ok());
    QCOMPARE(*second, 0);
    QVERIFY(runner.verify(db).ok());
    auto checksum = db::exec(db, QStringLiteral("SELECT checksum FROM schema_migrations WHERE version = 1"));
    QVERIFY(checksum.ok() && checksum.value().next());
    QCOMPARE(checksum.value().value(0).toString().size(), 64);
  }

  void newerDatabase_isRefused()
  {
    QSqlDatabase db = open();
    const db::MigrationRunner runner(QStringLiteral(":/migrations/sqlite"));
    QVERIFY(runner.migrate(db).ok());
    QVERIFY(db::exec(db, QStringLiteral(
                             "INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')"))
                .ok());
    auto again = runner.migrate(db);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::SchemaMismatch);
    QVERIFY(again.error().message.contains(QStringLiteral("newer")));
    QVERIFY(!runner.verify(db).ok());
  }

  void editedMigration_isRefused()
  {
    QSqlDatabase db = open();
    const QString dir = copyMigrations(QStringLiteral("edited"));
    QVERIFY(db::MigrationRunner(dir).migrate(db).ok());
    QFile file(dir + QStringLiteral("/0001_initial.sql"));
    QVERIFY(file.open(QIODevice::Append));
    file.write("\n-- sneaky edit\n");
    file.close();
    auto result = db::MigrationRunner(dir).migrate(db);
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QStringLiteral("checksum")));
  }

  void failingMigration_leavesNothingHalfApplied()
  {
    QSqlDatabase db = open();
    const QString dir = copyMigrations(QStringLiteral("failing"));
    QFile bad(dir + QStringLiteral("/0002_broken.sql"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("CREATE TABLE half_done (id INTEGER);\nTHIS IS NOT SQL;\n");
    bad.close();
    auto result = db::MigrationRunner(dir).migrate(db);
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QStringLiteral("0002")) ||
            result.error().message.contains(QStringLiteral("broken")));
    auto version = db::MigrationRunner(dir).currentVersion(db);
    QCOMPARE(*version, 1); // 0001 committed, 0002 rolled back entirely
    auto table = db::exec(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"));
    QVERIFY(table.ok() && table.value().next());
    QCOMPARE(table.value().value(0).toInt(), 0);
  }

  void badMigrationFileName_isRejected()
  {
    const QString dir = copyMigrations(QStringLiteral("badname"));
    QFile bad(dir + QStringLiteral("/3_oops.sql"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.close();
    QVERIFY(!db::MigrationRunner(dir).available().ok());
  }

  void splitStatements_keepsTriggerBodies()
  {
    const QStringList parts =
        db::splitStatements(QStringLiteral("-- c\nCREATE TABLE a (x);\nCREATE TRIGGER t BEFORE UPDATE ON a BEGIN "
                                           "SELECT 1; SELECT 2;\nEND;\nCREATE TABLE b (y);\n"));
    QCOMPARE(parts.size(), 3);
    QVERIFY(parts.at(1).startsWith(QStringLiteral("CREATE TRIGGER")));
    QVERIFY(parts.at(1).endsWith(QStringLiteral("END;")));
  }

  void demoData_seedsTwoWarehousesOnce()
  {
    QSqlDatabase db = open();
    QVERIFY(db::MigrationRunner(QStringLiteral(":/migrations/sqlite")).migrate(db).ok());
    const ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    auto seeded = db::seedDemoData(db, clock);
    QVERIFY2(seeded.ok(), qPrintable(seeded.ok() ? QString() : seeded.error().message));
    QVERIFY(*seeded >= 24);
    QCOMPARE(*db::seedDemoData(db, clock), 0);

    auto locations = queue::listLocations(db);
    QVERIFY(locations.ok());
    QCOMPARE(locations->size(), 2);
    int total = 0;
    for (const queue::Location &location : *locations) {
      auto waiting = queue::listWaitingOrders(db, location.id);
      QVERIFY(waiting.ok());
      QVERIFY(!waiting->isEmpty());
      total += static_cast<int>(waiting->size());
      for (qsizetype i = 1; i < waiting->size(); ++i) { // claim order: priority desc, then ship-by
        const auto &a = waiting->at(i - 1);
        const auto &b = waiting->at(i);
        QVERIFY(a.priority > b.priority || (a.priority == b.priority && a.shipBy <= b.shipBy));
      }
      QVERIFY(waiting->first().shipBy.isValid());
      QVERIFY(waiting->first().itemCount >= waiting->first().lineCount);
    }
    QCOMPARE(total, *seeded);

    auto barcodes =
        db::exec(db, QStringLiteral("SELECT count(*) FROM barcodes WHERE kind = 'upc' AND length(normalized) = 14"));
    QVERIFY(barcodes.ok() && barcodes.value().next());
    QVERIFY(barcodes.value().value(0).toInt() > 20);
  }

  void auditLog_isAppendOnly()
  {
    QSqlDatabase db = open();
    QVERIFY(db::MigrationRunner(QStringLiteral(":/migrations/sqlite")).migrate(db).ok());
    QVERIFY(db::exec(db, QStringLiteral("INSERT INTO audit_log (actor_kind, action, subject_kind, subject_id) VALUES "
                                        "('system', 'test', 'x', '1')"))
                .ok());
    QVERIFY(!db::exec(db, QStringLiteral("UPDATE audit_log SET action = 'forged'")).ok());
    QVERIFY(!db::exec(db, QStringLiteral("DELETE FROM audit_log")).ok());
  }

  void unopenableFile_isUnavailable()
  {
    db::ConnectionSettings s;
    s.sqlitePath = QStringLiteral("/proc/packbench/nope.sqlite");
    auto db = db::openDatabase(s, QStringLiteral("nope"));
    QVERIFY(!db.ok());
    QCOMPARE(db.error().kind, ErrorKind::Unavailable);
  }
};

QTEST_GUILESS_MAIN(SqliteSchemaTest)
#include "sqlite_schema_test.moc"
