// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A lost connection is ErrorKind::Unavailable with a clear message, and the next call reconnects,
// with exponential backoff while the server stays away.
#include "core/db/connection.h"
#include "core/db/connectionstate.h"
#include "core/db/connectionsupervisor.h"
#include "core/db/migrations.h"
#include "core/db/reachcheck.h"
#include "core/db/reconnector.h"
#include "core/db/sql.h"
#include "core/queue/orderqueue.h"
#include "core/queue/queuenotifier.h"
#include "tests/support/manualclock.h"
#include "tests/support/queueworld.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <utility>

#include <libpq-fe.h>
#include <sys/socket.h>

using namespace pb;
using namespace std::chrono_literals;

class ReconnectTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_admin;
  test::QueueWorld m_world;

  // What an operator's pg_terminate_backend, a failover or a network cut does to a station.
  void killBackendOf(const QSqlDatabase &victim)
  {
    const qint64 pid = test::scalar(victim, QStringLiteral("SELECT pg_backend_pid()"));
    QVERIFY(pid > 0);
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT pg_terminate_backend(?)::int"), {pid}), 1);
    QTRY_COMPARE(test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"), {pid}),
                 0);
  }

  // A station's connection `name` with its reconnector and order queue, two more orders waiting; removed after body.
  void withStation(const QString &name,
                   const std::function<void(QSqlDatabase, db::Reconnector &, queue::OrderQueue &)> &body)
  {
    {
      auto opened = db::openDatabase(m_settings, name);
      VERIFY_OK(opened);
      const SystemClock clock;
      db::Reconnector reconnector(name, clock);
      queue::OrderQueue queue(*opened, clock, 120s);
      VERIFY_OK(test::addQueuedOrder(m_admin, m_world.shopId, m_world.locationId, 0, QDateTime()));
      VERIFY_OK(test::addQueuedOrder(m_admin, m_world.shopId, m_world.locationId, 0, QDateTime()));
      body(*opened, reconnector, queue);
    }
    QSqlDatabase::removeDatabase(name);
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("reconnect"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_admin = scratch->db;
    auto world = test::createQueueWorld(m_admin);
    VERIFY_OK(world);
    m_world = *world;
  }

  // A crash or an immediate-mode restart closes the socket with no error message (at most a WARNING notice), so
  // libpq's "server closed the connection unexpectedly" carries no SQLSTATE: it must still read as Unavailable, or
  // the station refuses the scan instead of keeping it offline (database_outage_test's crash round).
  void socketClosedWithoutAMessage_isUnavailable_atBeginAndInAQuery()
  {
    const QString name = QStringLiteral("closed-under");
    {
      auto opened = db::openDatabase(m_settings, name);
      VERIFY_OK(opened);
      QSqlDatabase db = *opened;
      pg_conn *connection = db::pgConnection(db);
      QVERIFY(connection != nullptr);
      QCOMPARE(::shutdown(PQsocket(connection), SHUT_RDWR), 0);
      const Status begun = db::inTransaction(db, [] { return Status{}; });
      QVERIFY(!begun);
      QVERIFY2(begun.error().code.isEmpty(), qPrintable(begun.error().code)); // libpq's own error, no SQLSTATE
      QCOMPARE(begun.error().kind, ErrorKind::Unavailable);
      QVERIFY(db::isConnectionBroken(db));
      const auto queried = db::exec(db, QStringLiteral("SELECT 1"));
      QVERIFY(!queried);
      QCOMPARE(queried.error().kind, ErrorKind::Unavailable);
    }
    QSqlDatabase::removeDatabase(name);
  }

  // An immediate shutdown's socket can fail a BEGIN while the driver still reads as open and PQstatus as OK (seen in
  // database_outage_test): libpq's own text without a SQLSTATE is the link failing; Qt's own errors have no text.
  void libpqErrorWithoutSqlstate_isUnavailable_butQtsOwnStatementErrorIsNot()
  {
    const QSqlError lost(QStringLiteral("Could not begin transaction"),
                         QStringLiteral("server closed the connection unexpectedly"), QSqlError::TransactionError);
    QCOMPARE(db::toError(m_admin, lost, QStringLiteral("begin transaction")).kind, ErrorKind::Unavailable);
    const QSqlError mismatch(QStringLiteral("Parameter count mismatch"), QString(), QSqlError::StatementError);
    QCOMPARE(db::toError(m_admin, mismatch, QStringLiteral("query")).kind, ErrorKind::Internal);
    const QSqlError refused(QStringLiteral("Unable to create query"), QStringLiteral("relation \"x\" does not exist"),
                            QSqlError::StatementError, QStringLiteral("42P01"));
    QCOMPARE(db::toError(m_admin, refused, QStringLiteral("query")).kind, ErrorKind::Internal);
  }

  void neverOpened_isOpenedFromSettings_withTheSameBackoff()
  {
    test::ManualClock clock(QDateTime::currentDateTimeUtc());
    db::ConnectionSettings nowhere = m_settings;
    nowhere.port = 1; // nothing listens there
    const QString name = QStringLiteral("never-opened");
    {
      db::Reconnector reconnector(nowhere, name, clock, {100ms, 1000ms});
      const Status first = reconnector.ensureOpen();
      QVERIFY(!first.ok());
      QCOMPARE(first.error().kind, ErrorKind::Unavailable);
      QVERIFY(!QSqlDatabase::contains(name)); // a failed first open registers nothing
      QCOMPARE(reconnector.failedAttempts(), 1);
      const Status tooSoon = reconnector.ensureOpen();
      QVERIFY(!tooSoon.ok());
      QVERIFY2(tooSoon.error().message.contains(u"reconnecting in"), qPrintable(tooSoon.error().message));
      QCOMPARE(reconnector.failedAttempts(), 1);
      clock.advanceMs(100);
      QVERIFY(!reconnector.ensureOpen().ok());
      QCOMPARE(reconnector.failedAttempts(), 2);
    }
    const QString good = QStringLiteral("first-open");
    {
      int sessions = 0;
      db::Reconnector reconnector(m_settings, good, clock, {100ms, 1000ms}, [&](const QSqlDatabase &) -> Status {
        ++sessions;
        return {};
      });
      QVERIFY(!QSqlDatabase::contains(good));
      VERIFY_OK(reconnector.ensureOpen());
      QVERIFY(reconnector.database().isOpen());
      QCOMPARE(sessions, 1);
      QCOMPARE(test::scalar(reconnector.database(), QStringLiteral("SELECT 1")), 1);
      VERIFY_OK(reconnector.ensureOpen()); // open stays open, no second session set-up
      QCOMPARE(sessions, 1);
      reconnector.database().close();
    }
    QSqlDatabase::removeDatabase(good);
  }

  void connectionLostMidTransaction_isUnavailable_thenReconnects()
  {
    auto opened = db::openDatabase(m_settings, QStringLiteral("victim"));
    VERIFY_OK(opened);
    QSqlDatabase victim = *opened;
    const SystemClock clock;
    int sessionsSetUp = 0;
    db::Reconnector reconnector(QStringLiteral("victim"), clock, {}, [&](const QSqlDatabase &db) -> Status {
      ++sessionsSetUp;
      return queue::setSessionShop(db, m_world.shopId);
    });
    VERIFY_OK(reconnector.ensureOpen());

    QVERIFY(victim.transaction());
    VERIFY_OK(db::exec(victim, QStringLiteral("SELECT count(*) FROM fulfillment_orders")));
    killBackendOf(victim);
    auto lost = db::exec(victim, QStringLiteral("SELECT count(*) FROM fulfillment_orders"));
    QVERIFY(!lost.ok());
    qInfo().noquote() << "mid-transaction loss reads:" << lost.error().message;
    QCOMPARE(lost.error().kind, ErrorKind::Unavailable);
    QVERIFY2(!lost.error().message.trimmed().isEmpty(), "no message");
    reconnector.noteError(lost.error());
    QVERIFY(reconnector.isDown());

    VERIFY_OK(reconnector.ensureOpen());
    QVERIFY(!reconnector.isDown());
    QCOMPARE(sessionsSetUp, 1);
    QCOMPARE(test::scalar(victim, QStringLiteral("SELECT current_setting('packbench.shop_id')::bigint")),
             m_world.shopId);
    victim = QSqlDatabase();
    QSqlDatabase::database(QStringLiteral("victim"), false).close();
    QSqlDatabase::removeDatabase(QStringLiteral("victim"));
  }

  void orderQueue_survivesAReconnect()
  {
    withStation(QStringLiteral("station"),
                [&](QSqlDatabase station, db::Reconnector &reconnector, queue::OrderQueue &queue) {
                  auto first = queue.claimNext(m_world.stationId, m_world.locationId); // prepares and caches the claim
                  VERIFY_OK(first);
                  QVERIFY(first->has_value());

                  killBackendOf(station);
                  auto lost = queue.claimNext(m_world.stationId, m_world.locationId);
                  QVERIFY(!lost.ok());
                  QCOMPARE(lost.error().kind, ErrorKind::Unavailable);
                  reconnector.noteError(lost.error());
                  VERIFY_OK(reconnector.ensureOpen());
                  auto second = queue.claimNext(m_world.stationId, m_world.locationId);
                  VERIFY_OK(second);
                  QVERIFY(second->has_value());
                  QVERIFY((*second)->fulfillmentOrderId != (*first)->fulfillmentOrderId);
                  VERIFY_OK(queue.heartbeat(**first)); // statements prepared before the loss work again too
                });
  }

  void cachedStatements_afterReconnect_workInsideATransaction()
  {
    withStation(QStringLiteral("station-tx"), [&](QSqlDatabase station, db::Reconnector &reconnector,
                                                  queue::OrderQueue &queue) {
      auto first = queue.claimNext(m_world.stationId, m_world.locationId);
      VERIFY_OK(first);
      QVERIFY(first->has_value());
      auto second = queue.claimNext(m_world.stationId, m_world.locationId);
      VERIFY_OK(second);
      QVERIFY(second->has_value());
      VERIFY_OK(db::inTransaction(station, [&]() { return queue.markPacked(**first); })); // caches markPacked's SQL

      killBackendOf(station);
      reconnector.noteError(makeError(ErrorKind::Unavailable, QStringLiteral("killed")));
      VERIFY_OK(reconnector.ensureOpen());
      // A stale prepared statement would fail with 26000 here and abort the transaction it runs in.
      VERIFY_OK(db::inTransaction(station, [&]() { return queue.markPacked(**second); }));
      QCOMPARE(test::scalar(m_admin,
                            QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND "
                                           "pack_state = 'packed'"),
                            {(*second)->fulfillmentOrderId}),
               1);
    });
  }

  void supervisor_saysUnavailable_thenRestoresEverySession()
  {
    {
      auto main = db::openDatabase(m_settings, QStringLiteral("sv-main"));
      auto listen = db::openDatabase(m_settings, QStringLiteral("sv-notify"));
      VERIFY_OK(main);
      VERIFY_OK(listen);
      VERIFY_OK(queue::setSessionShop(*main, m_world.shopId));
      queue::QueueNotifier notifier(*listen);
      VERIFY_OK(notifier.start());
      const SystemClock clock;
      db::ConnectionSupervisor supervisor(clock, {50ms, {20ms, 200ms}});
      const qint64 shop = m_world.shopId;
      supervisor.watch(QStringLiteral("sv-main"),
                       [shop](const QSqlDatabase &db) { return queue::setSessionShop(db, shop); });
      supervisor.watch(QStringLiteral("sv-notify"), [&notifier](const QSqlDatabase &) { return notifier.start(); });
      QSignalSpy lost(&supervisor, &db::ConnectionSupervisor::unavailable);
      QSignalSpy back(&supervisor, &db::ConnectionSupervisor::restored);
      supervisor.start();

      killBackendOf(*listen); // only the LISTEN connection dies: the probe finds it
      QTRY_COMPARE(lost.count(), 1);
      QTRY_COMPARE(back.count(), 1);
      QVERIFY(supervisor.isAvailable());
      QSignalSpy woken(&notifier, &queue::QueueNotifier::workAvailable);
      VERIFY_OK(test::addQueuedOrder(m_admin, m_world.shopId, m_world.locationId, 0, QDateTime()));
      QVERIFY(woken.wait(5'000));

      killBackendOf(*main);
      supervisor.noteError(makeError(ErrorKind::Unavailable, QStringLiteral("a caller saw it first")));
      QTRY_COMPARE(lost.count(), 2);
      QTRY_COMPARE(back.count(), 2);
      QCOMPARE(test::scalar(*main, QStringLiteral("SELECT current_setting('packbench.shop_id')::bigint")), shop);
      supervisor.noteError(makeError(ErrorKind::Conflict, QStringLiteral("not a connection problem")));
      QCOMPARE(lost.count(), 2);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("sv-main"));
    QSqlDatabase::removeDatabase(QStringLiteral("sv-notify"));
  }

  void supervisor_reachCheckedOffThread_lostByACaller_restoresWhenReachable()
  {
    {
      auto main = db::openDatabase(m_settings, QStringLiteral("sv2-main"));
      VERIFY_OK(main);
      VERIFY_OK(queue::setSessionShop(*main, m_world.shopId));
      const SystemClock clock;
      db::ConnectionSupervisor supervisor(clock, {50ms, {20ms, 200ms}, true});
      const qint64 shop = m_world.shopId;
      supervisor.watch(QStringLiteral("sv2-main"),
                       [shop](const QSqlDatabase &db) { return queue::setSessionShop(db, shop); });
      QSignalSpy lost(&supervisor, &db::ConnectionSupervisor::unavailable);
      QSignalSpy back(&supervisor, &db::ConnectionSupervisor::restored);
      supervisor.start();

      // A write timed out on a link the probe might still find fine: unavailable until a round proves otherwise.
      supervisor.declareLost(QStringLiteral("a scan's write lost the database"));
      QCOMPARE(lost.count(), 1);
      QVERIFY(!supervisor.isAvailable());
      supervisor.declareLost(QStringLiteral("said twice"));
      QCOMPARE(lost.count(), 1);
      QTRY_COMPARE(back.count(), 1);
      QVERIFY(supervisor.isAvailable());

      killBackendOf(*main); // the reopen after a reachable check re-applies the session's shop
      supervisor.noteError(makeError(ErrorKind::Unavailable, QStringLiteral("a caller saw it first")));
      QTRY_COMPARE(lost.count(), 2);
      QTRY_COMPARE(back.count(), 2);
      QCOMPARE(test::scalar(*main, QStringLiteral("SELECT current_setting('packbench.shop_id')::bigint")), shop);

      // The server out of reach: only the throwaway connections on the other thread fail; nothing is reopened.
      QSqlDatabase handle = QSqlDatabase::database(QStringLiteral("sv2-main"), false);
      handle.setHostName(QStringLiteral("/nonexistent-packbench-socket-dir"));
      killBackendOf(*main);
      supervisor.noteError(makeError(ErrorKind::Unavailable, QStringLiteral("gone")));
      QTRY_COMPARE(lost.count(), 3);
      QTest::qWait(400);
      QCOMPARE(back.count(), 2);
      QVERIFY(supervisor.failedRounds() > 1);
      handle.setHostName(m_settings.host); // reachable again
      QTRY_COMPARE(back.count(), 3);
      QCOMPARE(test::scalar(*main, QStringLiteral("SELECT current_setting('packbench.shop_id')::bigint")), shop);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("sv2-main"));
  }

  // One try with these settings: whether it got through and why not; a second start while it runs is no second try.
  static std::pair<bool, QString> tryReach(const db::ConnectionSettings &settings, int *tries)
  {
    db::ReachCheck reach;
    QSignalSpy finished(&reach, &db::ReachCheck::finished);
    reach.start(settings);
    const bool running = reach.isRunning();
    reach.start(settings);
    if (!running || (finished.isEmpty() && !finished.wait(10000)))
      return {false, QStringLiteral("the check did not finish")};
    QTest::qWait(100);
    *tries = static_cast<int>(finished.size());
    return {finished.first().at(0).toBool(), finished.first().at(1).toString()};
  }

  // The station's start and its outages try the database off their own thread and show why it did not answer.
  void reachCheck_saysWhetherTheServerAnswered_andWhy()
  {
    int tries = 0;
    const auto [reached, none] = tryReach(m_settings, &tries);
    QVERIFY2(reached, qPrintable(none));
    QCOMPARE(none, QString());
    QCOMPARE(tries, 1);

    db::ConnectionSettings nobody = m_settings;
    nobody.host = QStringLiteral("/nonexistent-packbench-socket-dir");
    const auto [down, why] = tryReach(nobody, &tries);
    QVERIFY(!down);
    QVERIFY2(why.contains(QStringLiteral("nonexistent-packbench-socket-dir")), qPrintable(why));
    QVERIFY2(!db::isLoginRefusal(why), qPrintable(why));

    db::ConnectionSettings noSuchDatabase = m_settings;
    noSuchDatabase.name = QStringLiteral("packbench_no_such_database");
    const auto [refused, refusal] = tryReach(noSuchDatabase, &tries);
    QVERIFY(!refused);
    QVERIFY2(db::isLoginRefusal(refusal), qPrintable(refusal));
    QVERIFY(db::isLoginRefusal(QStringLiteral("FATAL:  password authentication failed for user \"bench\"")));
    QVERIFY(!db::isLoginRefusal(QStringLiteral("could not connect to server: Connection refused")));
    QVERIFY(!db::isLoginRefusal(QStringLiteral("FATAL:  the database system is starting up")));
  }

  // Two checks at once (a station's outage check and another's) each open a connection of their own.
  void reachChecks_atOnce_doNotShareAConnection()
  {
    db::ReachCheck first;
    db::ReachCheck second;
    QSignalSpy firstDone(&first, &db::ReachCheck::finished);
    QSignalSpy secondDone(&second, &db::ReachCheck::finished);
    for (int round = 0; round < 5; ++round) {
      first.start(m_settings);
      second.start(m_settings);
      QTRY_COMPARE_WITH_TIMEOUT(firstDone.size(), round + 1, 10000);
      QTRY_COMPARE_WITH_TIMEOUT(secondDone.size(), round + 1, 10000);
      QVERIFY2(firstDone.last().at(0).toBool(), qPrintable(firstDone.last().at(1).toString()));
      QVERIFY2(secondDone.last().at(0).toBool(), qPrintable(secondDone.last().at(1).toString()));
    }
  }

  void databaseDown_backsOffExponentially_thenRecovers()
  {
    {
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("flaky"));
      db.setHostName(QStringLiteral("/nonexistent-packbench-socket-dir"));
      db.setDatabaseName(m_settings.name);
      db.setUserName(m_settings.user);
      test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
      db::Reconnector reconnector(QStringLiteral("flaky"), clock, {100ms, 1000ms});

      const QList<qint64> expectedDelays{100, 200, 400, 800, 1000, 1000};
      for (const qint64 delay : expectedDelays) {
        const Status attempt = reconnector.ensureOpen();
        QVERIFY(!attempt.ok());
        QCOMPARE(attempt.error().kind, ErrorKind::Unavailable);
        QCOMPARE(reconnector.msUntilNextAttempt(), delay);
        const int attempts = reconnector.failedAttempts();
        const Status tooSoon = reconnector.ensureOpen(); // no new attempt inside the backoff window
        QVERIFY(!tooSoon.ok());
        QVERIFY(tooSoon.error().message.contains(QStringLiteral("reconnecting in")));
        QCOMPARE(reconnector.failedAttempts(), attempts);
        clock.advanceMs(delay);
      }
      QCOMPARE(reconnector.failedAttempts(), expectedDelays.size());

      db.setHostName(m_settings.host); // the server is back
      db.setPort(m_settings.port);
      VERIFY_OK(reconnector.ensureOpen());
      QCOMPARE(reconnector.failedAttempts(), 0);
      VERIFY_OK(reconnector.probe());
      db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("flaky"));
  }
};

QTEST_GUILESS_MAIN(ReconnectTest)
#include "reconnect_test.moc"
