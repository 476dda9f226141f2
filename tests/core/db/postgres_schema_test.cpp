// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/queue/queuelisting.h"
#include "tests/support/testdatabase.h"

#include <QTest>

using namespace pb;

class PostgresSchemaTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;

private Q_SLOTS:
  void initTestCase()
  {
    auto settings = test::createScratchDatabase(QStringLiteral("schema"));
    QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
    auto db = db::openDatabase(*settings, QStringLiteral("schema-test"));
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
  }

  void migrate_createsSchemaOnce()
  {
    const db::MigrationRunner runner(QStringLiteral(":/migrations/postgres"));
    QVERIFY(!runner.verify(m_db).ok()); // empty database: too old
    auto applied = runner.migrate(m_db);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().message));
    QVERIFY(*applied >= 1);
    QCOMPARE(*runner.migrate(m_db), 0);
    QVERIFY(runner.verify(m_db).ok());
  }

  void demoData_loadsIntoPostgresToo()
  {
    const SystemClock clock;
    auto seeded = db::seedDemoData(m_db, clock);
    QVERIFY2(seeded.ok(), qPrintable(seeded.ok() ? QString() : seeded.error().message));
    auto locations = queue::listLocations(m_db);
    QVERIFY(locations.ok());
    QCOMPARE(locations->size(), 2);
    auto waiting = queue::listWaitingOrders(m_db, locations->first().id);
    QVERIFY(waiting.ok());
    QVERIFY(waiting->size() > 10);
    QVERIFY(waiting->first().shipBy.isValid());
  }

  void auditLog_isAppendOnly()
  {
    QVERIFY(db::exec(m_db, QStringLiteral("INSERT INTO audit_log (actor_kind, action, subject_kind, subject_id) VALUES "
                                          "('system', 'test', 'x', '1')"))
                .ok());
    auto update = db::exec(m_db, QStringLiteral("UPDATE audit_log SET action = 'forged'"));
    QVERIFY(!update.ok());
    QVERIFY(update.error().message.contains(QStringLiteral("append-only")));
  }

  void oneOpenClaimPerFulfillmentOrder()
  {
    QVERIFY(db::exec(m_db, QStringLiteral("INSERT INTO stations (name) VALUES ('s1')")).ok());
    const QString insert = QStringLiteral("INSERT INTO claims (fulfillment_order_id, station_id, expires_at) "
                                          "SELECT (SELECT min(id) FROM fulfillment_orders), (SELECT id FROM stations "
                                          "WHERE name = 's1'), now() + interval '1 minute'");
    QVERIFY(db::exec(m_db, insert).ok());
    auto second = db::exec(m_db, insert);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().kind, ErrorKind::Conflict);
  }

  // 0008: every outbox row has a progress object (empty for rows written before it), never anything else.
  void outboxProgress_isAnObjectByDefault()
  {
    QVERIFY(db::exec(m_db, QStringLiteral("INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload) VALUES "
                                          "('fulfillment.create', '1', 'schema:progress', '{}')"))
                .ok());
    auto progress = db::exec(m_db, QStringLiteral("SELECT progress::text FROM outbox WHERE idempotency_key = "
                                                  "'schema:progress'"));
    QVERIFY(progress.ok() && progress.value().next());
    QCOMPARE(progress->value(0).toString(), QStringLiteral("{}"));
    QVERIFY(
        !db::exec(m_db, QStringLiteral("UPDATE outbox SET progress = '[]' WHERE idempotency_key = 'schema:progress'"))
             .ok());
    QVERIFY(
        !db::exec(m_db, QStringLiteral("UPDATE outbox SET progress = NULL WHERE idempotency_key = 'schema:progress'"))
             .ok());
  }

  void stations_areKeyedByInstallation_notByName()
  {
    // Two benches may share a host name (0010); one installation id may not be registered twice.
    QVERIFY(db::exec(m_db, QStringLiteral("INSERT INTO stations (name, install_id) VALUES ('twin', 'i-1')")).ok());
    QVERIFY(db::exec(m_db, QStringLiteral("INSERT INTO stations (name, install_id) VALUES ('twin', 'i-2')")).ok());
    auto again = db::exec(m_db, QStringLiteral("INSERT INTO stations (name, install_id) VALUES ('other', 'i-1')"));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
  }

  // 0016: a sign-in session keeps a 32-byte SHA-256 of its token, never the token, and ends with a reason.
  void signInSessions_keepOnlyAHash_andEndWithAReason()
  {
    const QString insert = QStringLiteral("INSERT INTO sign_in_sessions (token_sha256, login, packer_id, ended_at, "
                                          "end_reason) SELECT %1, session_user, min(id), %2 FROM packers");
    QVERIFY(db::exec(m_db, insert.arg(QStringLiteral("digest('a', 'sha256')"), QStringLiteral("NULL, NULL"))).ok());
    QCOMPARE(
        db::exec(m_db, insert.arg(QStringLiteral("digest('a', 'sha256')"), QStringLiteral("NULL, NULL"))).error().kind,
        ErrorKind::Conflict);
    for (const QString &bad :
         {insert.arg(QStringLiteral("convert_to('a-token-in-clear', 'UTF8')"), QStringLiteral("NULL, NULL")),
          insert.arg(QStringLiteral("digest('b', 'sha256')"), QStringLiteral("now(), NULL")),
          insert.arg(QStringLiteral("digest('c', 'sha256')"), QStringLiteral("now(), 'expired'"))})
      QCOMPARE(db::exec(m_db, bad).error().kind, ErrorKind::InvalidInput);
  }

  // 0017: a shipment is followed only with a carrier code; one row per package and number; codes are well-formed.
  void shipmentTracking_followsOnlyWithACarrierCode()
  {
    QVERIFY(db::exec(m_db, QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, tracking_number) SELECT "
                                          "min(id), 77, '1Z5R89390357567127' FROM fulfillment_orders"))
                .ok());
    const QString insert = QStringLiteral(
        "INSERT INTO shipment_tracking (package_id, fulfillment_order_id, tracking_number, carrier_code, state, "
        "interval_seconds, next_poll_at) SELECT id, fulfillment_order_id, tracking_number, %1, '%2', 1800, now() FROM "
        "packages WHERE box_no = 77");
    QVERIFY(!db::exec(m_db, insert.arg(QStringLiteral("NULL"), QStringLiteral("following"))).ok());
    QVERIFY(db::exec(m_db, insert.arg(QStringLiteral("NULL"), QStringLiteral("unsupported"))).ok());
    auto twice = db::exec(m_db, insert.arg(QStringLiteral("'ups'"), QStringLiteral("following")));
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().kind, ErrorKind::Conflict);
    QVERIFY(
        !db::exec(m_db, QStringLiteral("UPDATE packages SET tracking_carrier_code = 'UPS Ground' WHERE box_no = 77"))
             .ok());
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE packages SET tracking_carrier_code = 'ups' WHERE box_no = 77")).ok());
    auto usps =
        db::exec(m_db, QStringLiteral("SELECT carrier_code FROM tracking_carrier_codes WHERE company = 'USPS'"));
    QVERIFY(usps.ok() && usps.value().next());
    QCOMPARE(usps->value(0).toString(), QStringLiteral("stamps_com"));
  }

  void unreachableServer_isUnavailable()
  {
    db::ConnectionSettings s;
    s.driver = db::Driver::Postgres;
    s.host = QStringLiteral("/nonexistent-socket-dir");
    s.name = QStringLiteral("x");
    s.user = QStringLiteral("x");
    auto db = db::openDatabase(s, QStringLiteral("unreachable"));
    QVERIFY(!db.ok());
    QCOMPARE(db.error().kind, ErrorKind::Unavailable);
  }
};

QTEST_GUILESS_MAIN(PostgresSchemaTest)
#include "postgres_schema_test.moc"
