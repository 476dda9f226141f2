// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// audit::write, compiled twice: PostgreSQL (label db) and SQLite (label unit, PACKBENCH_AUDIT_TEST_SQLITE). On
// PostgreSQL it also proves the PL/pgSQL writer (packbench_audit, migration 0012) fills the shared columns as
// audit::write does for the same event.
#include "core/audit/auditlog.h"
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/queue/orderqueue.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/verify.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;

namespace {

#ifdef PACKBENCH_AUDIT_TEST_SQLITE
constexpr bool kSqlite = true;
#else
constexpr bool kSqlite = false;
#endif

// The columns every writer fills, as stored.
struct StoredEntry {
  QString at;
  QString actorKind;
  QVariant actorId;
  QVariant stationId;
  QString action;
  QString subjectKind;
  QString subjectId;
  QJsonObject details;
};

} // namespace

class AuditLogTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};
  qint64 m_stationId = 0;
  qint64 m_packerId = 0;

  qint64 lastId() { return test::scalar(m_db, QStringLiteral("SELECT max(id) FROM audit_log")); }

  StoredEntry entry(qint64 id)
  {
    auto q =
        db::exec(m_db,
                 db::isPostgres(m_db)
                     ? QStringLiteral("SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                                      "actor_kind, actor_id, station_id, action, subject_kind, subject_id, "
                                      "details::text FROM audit_log WHERE id = ?")
                     : QStringLiteral("SELECT at, actor_kind, actor_id, station_id, action, subject_kind, "
                                      "subject_id, details FROM audit_log WHERE id = ?"),
                 {id});
    if (!q || !q.value().next())
      qFatal("no audit entry %lld", id);
    return {q->value(0).toString(),
            q->value(1).toString(),
            q->value(2),
            q->value(3),
            q->value(4).toString(),
            q->value(5).toString(),
            q->value(6).toString(),
            QJsonDocument::fromJson(q->value(7).toString().toUtf8()).object()};
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoDatabase(kSqlite, m_dir.path(), QStringLiteral("audit"), m_clock);
    VERIFY_OK(db);
    m_db = *db;
    const qint64 location = test::scalar(m_db, QStringLiteral("SELECT min(id) FROM locations"));
    auto station = queue::registerStation(m_db, QStringLiteral("audit-bench"), location);
    VERIFY_OK(station);
    m_stationId = *station;
    m_packerId = test::packerId(m_db, QStringLiteral("PB-1001"));
    QVERIFY(m_packerId > 0);
  }

  void write_fillsTheSharedColumns_data()
  {
    QTest::addColumn<int>("actorCase");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("hasActorId");
    QTest::addColumn<bool>("atStation");
    QTest::newRow("packer at a bench") << 0 << QStringLiteral("packer") << true << true;
    QTest::newRow("station") << 1 << QStringLiteral("station") << true << true;
    QTest::newRow("hub") << 2 << QStringLiteral("hub") << true << false;
    QTest::newRow("system, no name") << 3 << QStringLiteral("system") << false << false;
    QTest::newRow("bench rule without packer") << 4 << QStringLiteral("station") << true << true;
    QTest::newRow("bench rule without anyone") << 5 << QStringLiteral("system") << false << false;
  }

  void write_fillsTheSharedColumns()
  {
    QFETCH(int, actorCase);
    QFETCH(QString, kind);
    QFETCH(bool, hasActorId);
    QFETCH(bool, atStation);
    const audit::Actor actors[] = {
        audit::Actor::packer(m_packerId, m_stationId),        audit::Actor::station(m_stationId),
        audit::Actor::hub(QStringLiteral("shopify-webhook")), audit::Actor::system(),
        audit::Actor::atBench(m_stationId, std::nullopt),     audit::Actor::atBench(0, std::nullopt)};
    const QDateTime at(QDate(2026, 11, 26), QTime(9, 30, 1, 250), Qt::UTC);
    VERIFY_OK(
        audit::write(m_db, {actors[actorCase], QStringLiteral("packed"), audit::Subject::fulfillmentOrder(77),
                            QJsonObject{{QStringLiteral("claim_id"), 5}, {QStringLiteral("partial"), false}}, at}));
    const StoredEntry stored = entry(lastId());
    QCOMPARE(stored.at, QStringLiteral("2026-11-26T09:30:01.250Z"));
    QCOMPARE(stored.actorKind, kind);
    QCOMPARE(!stored.actorId.isNull(), hasActorId);
    QCOMPARE(!stored.stationId.isNull(), atStation);
    if (atStation)
      QCOMPARE(stored.stationId.toLongLong(), m_stationId);
    QCOMPARE(stored.action, QStringLiteral("packed"));
    QCOMPARE(stored.subjectKind, QStringLiteral("fulfillment_order"));
    QCOMPARE(stored.subjectId, QStringLiteral("77"));
    QCOMPARE(stored.details, (QJsonObject{{QStringLiteral("claim_id"), 5}, {QStringLiteral("partial"), false}}));
  }

  void write_withoutATime_takesTheDatabasesNow()
  {
    VERIFY_OK(audit::write(m_db, {audit::Actor::system(QStringLiteral("test")),
                                  QStringLiteral("packer.added"),
                                  {QStringLiteral("packer"), QStringLiteral("PB-9")},
                                  {},
                                  std::nullopt}));
    const StoredEntry stored = entry(lastId());
    const QDateTime at = QDateTime::fromString(stored.at, Qt::ISODateWithMs);
    QVERIFY(at.isValid());
    QVERIFY(qAbs(at.secsTo(QDateTime::currentDateTimeUtc())) < 300);
    QCOMPARE(stored.details, QJsonObject());
  }

  void write_followsTheCallersTransaction()
  {
    const qint64 before = lastId();
    const Status rolledBack = db::inTransaction(m_db, [&]() -> Status {
      if (Status s = audit::write(m_db, {audit::Actor::station(m_stationId),
                                         QStringLiteral("release"),
                                         audit::Subject::fulfillmentOrder(1),
                                         {},
                                         std::nullopt});
          !s)
        return s;
      return makeError(ErrorKind::Conflict, QStringLiteral("the caller's own write failed"));
    });
    QVERIFY(!rolledBack.ok());
    QCOMPARE(lastId(), before);
  }

  void write_refusesNestedDetailsAndMissingSubjects()
  {
    const qint64 before = lastId();
    const Status nested = audit::write(
        m_db, {audit::Actor::hub(QStringLiteral("h")),
               QStringLiteral("customer.redact"),
               {QStringLiteral("customer"), QStringLiteral("1")},
               QJsonObject{{QStringLiteral("order"), QJsonObject{{QStringLiteral("email"), QStringLiteral("a@b.c")}}}},
               std::nullopt});
    QVERIFY(!nested.ok());
    QCOMPARE(nested.error().kind, ErrorKind::InvalidInput);
    const Status noSubject = audit::write(
        m_db, {audit::Actor::hub(QStringLiteral("h")), QStringLiteral("x"), audit::Subject{}, {}, std::nullopt});
    QVERIFY(!noSubject.ok());
    QCOMPARE(lastId(), before);
  }

  void entries_areAppendOnly()
  {
    VERIFY_OK(audit::write(
        m_db,
        {audit::Actor::system(), QStringLiteral("unhold"), audit::Subject::fulfillmentOrder(3), {}, std::nullopt}));
    QVERIFY(!db::exec(m_db, QStringLiteral("DELETE FROM audit_log WHERE id = ?"), {lastId()}).ok());
  }

#ifndef PACKBENCH_AUDIT_TEST_SQLITE
  // The station functions' writer and audit::write agree on the shared columns for the same event.
  void plpgsqlWriter_fillsTheSameColumns_data()
  {
    QTest::addColumn<bool>("withPacker");
    QTest::newRow("packer") << true;
    QTest::newRow("station") << false;
  }

  void plpgsqlWriter_fillsTheSameColumns()
  {
    QFETCH(bool, withPacker);
    const QDateTime at(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC);
    const QJsonObject details{{QStringLiteral("claim_id"), 9}, { QStringLiteral("version"), 2 }};
    const std::optional<qint64> packer = withPacker ? std::optional<qint64>(m_packerId) : std::nullopt;
    VERIFY_OK(
        db::exec(m_db,
                 QStringLiteral("SELECT packbench_audit(?::timestamptz, ?::bigint, ?::bigint, 'packed', 88, "
                                "?::jsonb)"),
                 {db::isoUtc(at), m_stationId, packer ? QVariant(*packer) : QVariant(QMetaType::fromType<qlonglong>()),
                  QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))}));
    const StoredEntry fromSql = entry(lastId());
    VERIFY_OK(audit::write(m_db, {audit::Actor::atBench(m_stationId, packer), QStringLiteral("packed"),
                                  audit::Subject::fulfillmentOrder(88), details, at}));
    const StoredEntry fromCpp = entry(lastId());
    QCOMPARE(fromCpp.at, fromSql.at);
    QCOMPARE(fromCpp.actorKind, fromSql.actorKind);
    QCOMPARE(fromCpp.actorId, fromSql.actorId);
    QCOMPARE(fromCpp.stationId, fromSql.stationId);
    QCOMPARE(fromCpp.action, fromSql.action);
    QCOMPARE(fromCpp.subjectKind, fromSql.subjectKind);
    QCOMPARE(fromCpp.subjectId, fromSql.subjectId);
    QCOMPARE(fromCpp.details, fromSql.details);
  }
#endif
};

QTEST_GUILESS_MAIN(AuditLogTest)
#include "audit_log_test.moc"
