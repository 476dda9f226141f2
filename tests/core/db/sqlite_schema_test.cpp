// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/connection.h"
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/reconnector.h"
#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/queue/queuelisting.h"
#include "tests/support/manualclock.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

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
    const test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
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

  void freshFile_openedByManyThreadsAtOnce_allConnect()
  {
    // The hub's probe and ingest writers open a new file together: switching it to WAL must wait for
    // the others' locks, not fail with "database is locked" (CI saw /healthz answer 503 from this).
    for (int round = 0; round < 10; ++round) {
      db::ConnectionSettings s;
      s.sqlitePath = m_dir.filePath(QStringLiteral("together%1.sqlite").arg(round));
      QList<QThread *> threads;
      QAtomicInt failures = 0;
      QStringList errors;
      QMutex errorsLock;
      for (int i = 0; i < 8; ++i) {
        threads.push_back(QThread::create([&, i]() {
          const QString name = QStringLiteral("together-%1-%2").arg(round).arg(i);
          {
            auto db = db::openDatabase(s, name);
            // Half of them write at once, as the inbox writers' migrations do.
            if (db && i % 2 == 0) {
              QSqlDatabase handle = *db;
              handle.transaction();
              if (!db::exec(handle, QStringLiteral("CREATE TABLE IF NOT EXISTS t%1 (x INTEGER)").arg(i)))
                failures.fetchAndAddRelaxed(1);
              QThread::msleep(5);
              handle.commit();
            }
            if (!db) {
              failures.fetchAndAddRelaxed(1);
              QMutexLocker lock(&errorsLock);
              errors << db.error().message;
            }
          }
          QSqlDatabase::removeDatabase(name);
        }));
      }
      for (QThread *thread : threads)
        thread->start();
      for (QThread *thread : threads) {
        thread->wait();
        delete thread;
      }
      QVERIFY2(failures.loadRelaxed() == 0, qPrintable(errors.join(u"; ")));
    }
  }

  void unopenableFile_isUnavailable()
  {
    db::ConnectionSettings s;
    s.sqlitePath = QStringLiteral("/proc/packbench/nope.sqlite");
    auto db = db::openDatabase(s, QStringLiteral("nope"));
    QVERIFY(!db.ok());
    QCOMPARE(db.error().kind, ErrorKind::Unavailable);
  }
  void execOneRow_isOnTheRow_orNotFoundWithTheCallersWords()
  {
    QSqlDatabase db = open();
    QVERIFY(db::execStatic(db, QStringLiteral("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)")).ok());
    QVERIFY(db::exec(db, QStringLiteral("INSERT INTO t (k, n) VALUES ('a', 7)")).ok());
    const QString byKey = QStringLiteral("SELECT n FROM t WHERE k = ?");
    auto found = db::execOneRow(db, byKey, {QStringLiteral("a")}, QStringLiteral("no a"));
    QVERIFY(found.ok());
    QCOMPARE(found.value().value(0).toInt(), 7); // already on the row: no next() by the caller
    auto missing = db::execOneRow(db, byKey, {QStringLiteral("b")}, QStringLiteral("no row b"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    QCOMPARE(missing.error().message, QStringLiteral("no row b"));
    auto broken = db::execOneRow(db, QStringLiteral("SELECT n FROM nowhere"), {}, QStringLiteral("unused"));
    QVERIFY(!broken.ok());
    QVERIFY(broken.error().kind != ErrorKind::NotFound); // a failed statement is not a missing row
  }

  void statementCache_reusesStatementWithNewValues()
  {
    QSqlDatabase db = open();
    QVERIFY(db::execStatic(db, QStringLiteral("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)")).ok());
    db::StatementCache cache(db);
    const QString insert = QStringLiteral("INSERT INTO t (k, n) VALUES (?, ?)");
    QCOMPARE(cache.command(insert, {QStringLiteral("a"), 1}).value(), 1);
    QCOMPARE(cache.command(insert, {QStringLiteral("b"), 2}).value(), 1);
    QCOMPARE(cache.command(QStringLiteral("UPDATE t SET n = n + 10")).value(), 2);
    auto rows = cache.query(QStringLiteral("SELECT k, n FROM t WHERE n > ? ORDER BY k"), {11});
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->first(), (QVariantList{QStringLiteral("b"), 12}));
    rows = cache.query(QStringLiteral("SELECT k, n FROM t WHERE n > ? ORDER BY k"), {0});
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 2);
    QCOMPARE(cache.database().connectionName(), db.connectionName());
  }

  void statementCache_failedPrepare_isNotCached()
  {
    QSqlDatabase db = open();
    db::StatementCache cache(db);
    const QString select = QStringLiteral("SELECT n FROM later WHERE n = ?");
    auto missing = cache.query(select, {1});
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::Internal);
    QVERIFY(missing.error().message.contains(QStringLiteral("later")));
    // Once the table exists the same text must prepare afresh, not replay the failure.
    QVERIFY(db::execStatic(db, QStringLiteral("CREATE TABLE later (n INTEGER)")).ok());
    QVERIFY(db::execStatic(db, QStringLiteral("INSERT INTO later VALUES (1)")).ok());
    auto found = cache.query(select, {1});
    QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().message));
    QCOMPARE(found->size(), 1);
  }

  void statementCache_uniqueViolation_isConflictAndRecovers()
  {
    QSqlDatabase db = open();
    QVERIFY(db::execStatic(db, QStringLiteral("CREATE TABLE u (k TEXT PRIMARY KEY)")).ok());
    db::StatementCache cache(db);
    const QString insert = QStringLiteral("INSERT INTO u (k) VALUES (?)");
    QVERIFY(cache.command(insert, {QStringLiteral("x")}).ok());
    auto duplicate = cache.command(insert, {QStringLiteral("x")});
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().kind, ErrorKind::Conflict);
    QCOMPARE(cache.command(insert, {QStringLiteral("y")}).value(), 1);
    cache.clear();
    QCOMPARE(cache.query(QStringLiteral("SELECT count(*) FROM u")).value().first().first().toInt(), 2);
  }

  void statementCache_closedDatabase_isAnError()
  {
    QSqlDatabase db = open();
    db::StatementCache cache(db);
    QVERIFY(cache.query(QStringLiteral("SELECT 1")).ok());
    cache.clear();
    db.close();
    auto closed = cache.query(QStringLiteral("SELECT 1"));
    QVERIFY(!closed.ok());
    QVERIFY(!cache.command(QStringLiteral("SELECT 1")).ok());
  }
  void reconnector_unknownConnection_isInternal()
  {
    test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    db::Reconnector reconnector(QStringLiteral("never-added"), clock);
    const Status status = reconnector.ensureOpen();
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, ErrorKind::Internal);
    QVERIFY(status.error().message.contains(QStringLiteral("never-added")));
    QVERIFY(!reconnector.isDown());
    QCOMPARE(reconnector.msUntilNextAttempt(), 0);
  }

  void reconnector_failingSessionSetup_backsOffThenRecovers()
  {
    QSqlDatabase db = open();
    test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    bool setupWorks = false;
    int setups = 0;
    db::Reconnector reconnector(db.connectionName(), clock,
                                {std::chrono::milliseconds(50), std::chrono::milliseconds(80)},
                                [&](const QSqlDatabase &) -> Status {
                                  ++setups;
                                  if (setupWorks)
                                    return {};
                                  return makeError(ErrorKind::Internal, QStringLiteral("LISTEN refused"));
                                });
    QVERIFY(reconnector.ensureOpen().ok()); // open and not down: nothing to do
    QCOMPARE(setups, 0);
    reconnector.noteError(makeError(ErrorKind::Conflict, QStringLiteral("not a connection problem")));
    QVERIFY(!reconnector.isDown());
    reconnector.noteError(makeError(ErrorKind::Unavailable, QStringLiteral("gone")));
    QVERIFY(reconnector.isDown());
    Status first = reconnector.ensureOpen();
    QVERIFY(!first.ok());
    QCOMPARE(first.error().kind, ErrorKind::Unavailable);
    QVERIFY(first.error().message.contains(QStringLiteral("LISTEN refused")));
    QCOMPARE(reconnector.failedAttempts(), 1);
    QCOMPARE(reconnector.msUntilNextAttempt(), 50);
    clock.advanceMs(50);
    QVERIFY(!reconnector.ensureOpen().ok());
    QCOMPARE(reconnector.msUntilNextAttempt(), 80); // capped at the maximum
    clock.advanceMs(80);
    setupWorks = true;
    QVERIFY(reconnector.ensureOpen().ok());
    QCOMPARE(setups, 3);
    QVERIFY(!reconnector.isDown());
    QCOMPARE(reconnector.failedAttempts(), 0);
    QVERIFY(reconnector.probe().ok());
  }
};

QTEST_GUILESS_MAIN(SqliteSchemaTest)
#include "sqlite_schema_test.moc"
