// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Statements run through libpq directly give the same values as Qt's QPSQL driver, keep their errors
// sorted (conflict, lost connection), and survive a reopened connection.
#include "core/db/connection.h"
#include "core/db/pgstatements.h"
#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QSqlDriver>
#include <QSqlRecord>
#include <QTest>

#include <cmath>

using namespace pb;

Q_DECLARE_METATYPE(QVariantList)

class PgStatementsTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_db;

  // The first row through Qt's own driver, for comparison.
  QVariantList viaQt(const QString &sql, const QVariantList &values)
  {
    auto ran = db::exec(m_db, sql, values);
    if (!ran)
      return {};
    QSqlQuery query = std::move(ran).value();
    if (!query.next())
      return {};
    QVariantList row;
    for (int c = 0; c < query.record().count(); ++c)
      row.append(query.value(c));
    return row;
  }

  static bool sameValue(const QVariant &a, const QVariant &b)
  {
    if (a.metaType() != b.metaType() || a.isNull() != b.isNull())
      return false;
    if (a.metaType() == QMetaType::fromType<QDateTime>())
      return a.toDateTime() == b.toDateTime() && a.toDateTime().isValid() == b.toDateTime().isValid();
    if (a.metaType() == QMetaType::fromType<double>() && std::isnan(a.toDouble()))
      return std::isnan(b.toDouble());
    return a == b;
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("pgstatements"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_db = scratch->db;
    QVERIFY(db::PgStatements::usable(m_db));
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("CREATE TABLE pgs_items (id bigserial PRIMARY KEY, sku text UNIQUE, "
                                                  "body bytea, seen timestamptz, n integer)")));
  }

  void values_matchQtDriver_data()
  {
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QVariantList>("values");
    const QByteArray binary("\x00\x01\\x'\"?\xff\n", 9);
    const QDateTime instant = QDateTime::fromString(QStringLiteral("2026-11-26T13:20:00.123Z"), Qt::ISODateWithMs);
    QTest::newRow("bigint") << u"SELECT ?::bigint, ?::bigint"_qs << QVariantList{qlonglong(1) << 40, -7};
    QTest::newRow("int, smallint") << u"SELECT ?::int, ?::smallint"_qs << QVariantList{-2147483647, 12};
    QTest::newRow("bool") << u"SELECT ?::boolean, ?::boolean"_qs << QVariantList{true, false};
    QTest::newRow("text") << u"SELECT ?::text"_qs << QVariantList{u"Grüße ✓ 'quoted' ? $1 \\ end"_qs};
    QTest::newRow("bytea") << u"SELECT ?::bytea, length(?::bytea)"_qs << QVariantList{binary, binary};
    QTest::newRow("timestamptz") << u"SELECT ?::timestamptz"_qs << QVariantList{instant};
    QTest::newRow("timestamptz as text") << u"SELECT ?::timestamptz"_qs << QVariantList{u"2026-11-26T13:20:00Z"_qs};
    QTest::newRow("microseconds") << u"SELECT '2026-11-26 13:20:00.123456+00'::timestamptz"_qs << QVariantList{};
    QTest::newRow("other zone") << u"SELECT '2026-11-26 13:20:00+05:30'::timestamptz"_qs << QVariantList{};
    QTest::newRow("timestamp") << u"SELECT ?::timestamp"_qs << QVariantList{instant};
    QTest::newRow("date, time") << u"SELECT ?::date, '13:20:01'::time"_qs << QVariantList{QDate(2026, 11, 26)};
    QTest::newRow("numeric") << u"SELECT ?::numeric(10,2), 0.1::float8"_qs << QVariantList{u"12.50"_qs};
    QTest::newRow("jsonb") << u"SELECT ?::jsonb"_qs << QVariantList{u"{\"a\": [1, \"x\"]}"_qs};
    QTest::newRow("uuid") << u"SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid"_qs << QVariantList{};
    QTest::newRow("null string binds NULL")
        << u"SELECT ?::text IS NULL, ?::text"_qs << QVariantList{QString(), QVariant(QMetaType::fromType<QString>())};
    QTest::newRow("typed nulls") << u"SELECT NULL::bigint, NULL::timestamptz, NULL::bytea, NULL::boolean, NULL::int"_qs
                                 << QVariantList{};
    QTest::newRow("? in quotes and comments")
        << u"SELECT '?' || ?::text /* ? */ -- ?\n, \"?\" FROM (SELECT 1 AS \"?\") t"_qs << QVariantList{u"x"_qs};
  }

  void values_matchQtDriver()
  {
    QFETCH(QString, sql);
    QFETCH(QVariantList, values);
    const QVariantList expected = viaQt(sql, values);
    QVERIFY(!expected.isEmpty());
    db::PgStatements statements(m_db);
    auto rows = statements.query(sql, values);
    VERIFY_OK(rows);
    QCOMPARE(rows->size(), 1);
    const QVariantList actual = rows->first();
    QCOMPARE(actual.size(), expected.size());
    for (int c = 0; c < actual.size(); ++c) {
      if (!sameValue(actual.at(c), expected.at(c)))
        QFAIL(qPrintable(QStringLiteral("column %1: libpq %2 (%3) vs Qt %4 (%5)")
                             .arg(c)
                             .arg(actual.at(c).toString(), QLatin1StringView(actual.at(c).typeName()),
                                  expected.at(c).toString(), QLatin1StringView(expected.at(c).typeName()))));
    }
  }

  void statementCache_usesExtendedProtocol()
  {
    db::StatementCache cache(m_db);
    VERIFY_OK(cache.query(QStringLiteral("SELECT ?::int + 1"), {41}));
    // Prepared through libpq (protocol-level), not by an SQL PREPARE as Qt does.
    auto ours = viaQt(QStringLiteral("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'pb\\_stmt\\_%' "
                                     "AND NOT from_sql"),
                      {});
    QVERIFY(!ours.isEmpty());
    QVERIFY(ours.first().toLongLong() >= 1);
  }

  void droppedCache_deallocatesItsStatements()
  {
    // A short-lived cache (one call's worth) must not leave its statements on the server for the session's life.
    const QString ours = QStringLiteral("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'pb\\_stmt\\_%'");
    const qint64 before = test::scalar(m_db, ours);
    {
      db::StatementCache cache(m_db);
      VERIFY_OK(cache.query(QStringLiteral("SELECT ?::int + 2"), {40}));
      VERIFY_OK(cache.command(QStringLiteral("UPDATE pgs_items SET n = n WHERE sku = ?"), {u"NO-SUCH"_qs}));
      QCOMPARE(test::scalar(m_db, ours), before + 2);
    }
    QCOMPARE(test::scalar(m_db, ours), before);
    // Inside the caller's transaction too, which goes on and commits.
    const Status status = db::inTransaction(m_db, [&]() -> Status {
      {
        db::StatementCache cache(m_db);
        if (auto ran = cache.query(QStringLiteral("SELECT ?::int"), {7}); !ran)
          return ran.error();
      }
      auto after = db::exec(m_db, QStringLiteral("INSERT INTO pgs_items (sku) VALUES (?)"), {u"AFTER-DROP"_qs});
      return after ? Status{} : Status{after.error()};
    });
    VERIFY_OK(status);
    QCOMPARE(test::scalar(m_db, ours), before);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM pgs_items WHERE sku = 'AFTER-DROP'")), 1);
  }

  void bytea_roundTripsThroughTable()
  {
    db::StatementCache cache(m_db);
    QByteArray body(4096, '\0');
    for (int i = 0; i < body.size(); ++i)
      body[i] = static_cast<char>(i * 7);
    auto inserted = cache.query(QStringLiteral("INSERT INTO pgs_items (sku, body, seen, n) VALUES (?, ?, ?, ?) "
                                               "RETURNING id"),
                                {u"BYTES-1"_qs, body, QDateTime::currentDateTimeUtc(), QVariant()});
    VERIFY_OK(inserted);
    QCOMPARE(inserted->size(), 1);
    QVERIFY(inserted->first().first().toLongLong() > 0);
    const QVariantList stored =
        viaQt(QStringLiteral("SELECT body, n IS NULL FROM pgs_items WHERE sku = ?"), {u"BYTES-1"_qs});
    QCOMPARE(stored.value(0).toByteArray(), body);
    QCOMPARE(stored.value(1).toBool(), true);
  }

  void command_countsRows()
  {
    db::StatementCache cache(m_db);
    for (int i = 0; i < 3; ++i)
      VERIFY_OK(cache.command(QStringLiteral("INSERT INTO pgs_items (sku, n) VALUES (?, ?)"),
                              {QStringLiteral("COUNT-%1").arg(i), i}));
    auto changed = cache.command(QStringLiteral("UPDATE pgs_items SET n = n + 10 WHERE sku LIKE ?"), {u"COUNT-%"_qs});
    VERIFY_OK(changed);
    QCOMPARE(*changed, 3);
    auto none = cache.command(QStringLiteral("UPDATE pgs_items SET n = 0 WHERE sku = ?"), {u"NO-SUCH"_qs});
    VERIFY_OK(none);
    QCOMPARE(*none, 0);
  }

  void uniqueViolation_isConflict_andStatementStillWorks()
  {
    db::StatementCache cache(m_db);
    const QString insert = QStringLiteral("INSERT INTO pgs_items (sku) VALUES (?)");
    VERIFY_OK(cache.command(insert, {u"DUP-1"_qs}));
    auto again = cache.command(insert, {u"DUP-1"_qs});
    QVERIFY(!again);
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QVERIFY(again.error().message.contains(u"duplicate key"));
    VERIFY_OK(cache.command(insert, {u"DUP-2"_qs}));
  }

  void badStatement_isError_andValueCountChecked()
  {
    db::StatementCache cache(m_db);
    auto bad = cache.query(QStringLiteral("SELEC 1"));
    QVERIFY(!bad);
    QVERIFY(bad.error().message.startsWith(u"prepare:"));
    auto missing = cache.query(QStringLiteral("SELECT ?::int"), {});
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ErrorKind::Internal);
    auto dataError = cache.query(QStringLiteral("SELECT ?::int"), {u"not a number"_qs});
    QVERIFY(!dataError);
    QCOMPARE(dataError.error().kind, ErrorKind::InvalidInput);
    VERIFY_OK(cache.query(QStringLiteral("SELECT ?::int"), {5}));
  }

  void failedStatement_rollsBackItsTransaction()
  {
    db::StatementCache cache(m_db);
    const Status status = db::inTransaction(m_db, [&]() -> Status {
      if (auto first = cache.command(QStringLiteral("INSERT INTO pgs_items (sku) VALUES (?)"), {u"TX-1"_qs}); !first)
        return first.error();
      auto second = cache.command(QStringLiteral("INSERT INTO pgs_items (sku) VALUES (?)"), {u"TX-1"_qs});
      return second ? Status{} : Status{second.error()};
    });
    QVERIFY(!status.ok());
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM pgs_items WHERE sku = 'TX-1'")), 0);
    VERIFY_OK(cache.query(QStringLiteral("SELECT 1")));
  }

  void lostConnection_isUnavailable_thenWorksOnceReopened()
  {
    QSqlDatabase victim;
    {
      auto opened = db::openDatabase(m_settings, QStringLiteral("pgs-victim"));
      VERIFY_OK(opened);
      victim = *opened;
    }
    {
      db::StatementCache cache(victim);
      const QString sql = QStringLiteral("SELECT count(*) FROM pgs_items WHERE sku = ?");
      VERIFY_OK(cache.query(sql, {u"DUP-1"_qs}));
      const qint64 pid = test::scalar(victim, QStringLiteral("SELECT pg_backend_pid()"));
      QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT pg_terminate_backend(?)::int"), {pid}), 1);
      QTRY_COMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"), {pid}), 0);
      auto lost = cache.query(sql, {u"DUP-1"_qs});
      QVERIFY(!lost);
      QCOMPARE(lost.error().kind, ErrorKind::Unavailable);
      victim.close();
      QVERIFY(victim.open());
      auto back = cache.query(sql, {u"DUP-1"_qs});
      VERIFY_OK(back);
      QCOMPARE(back->first().first().toLongLong(), 1);
    }
    victim.close();
    victim = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("pgs-victim"));
  }

  void listeningConnection_staysWithQt()
  {
    QSqlDatabase listener;
    {
      auto opened = db::openDatabase(m_settings, QStringLiteral("pgs-listener"));
      VERIFY_OK(opened);
      listener = *opened;
    }
    QVERIFY(db::PgStatements::usable(listener));
    // Qt polls the socket for notifications; reading results behind its back could strand one.
    QVERIFY(listener.driver()->subscribeToNotification(QStringLiteral("pgs_channel")));
    QVERIFY(!db::PgStatements::usable(listener));
    {
      db::StatementCache cache(listener);
      auto rows = cache.query(QStringLiteral("SELECT ?::int * 2"), {21});
      VERIFY_OK(rows);
      QCOMPARE(rows->first().first().toInt(), 42);
    }
    listener.close();
    listener = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("pgs-listener"));
  }
};

QTEST_GUILESS_MAIN(PgStatementsTest)
#include "pg_statements_test.moc"
