// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A bench switched on before the central database answers: it waits on a screen that says so, tries again by itself
// off the window's thread, and hands over once a try gets through (the real PostgreSQL of the test fixture).
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "tests/support/screenshot.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"
#include "ui/databasewaitwindow.h"
#include "ui/statusbanner.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace pb;
using Tone = ui::StatusBanner::Tone;

class DatabaseWaitTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_server;

  static const ui::StatusBanner &banner(const ui::DatabaseWaitWindow &window)
  {
    return *window.findChild<ui::StatusBanner *>(QStringLiteral("waitBanner"));
  }
  static QString details(const ui::DatabaseWaitWindow &window)
  {
    return window.findChild<QLabel *>(QStringLiteral("waitDetails"))->text();
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto server = test::fixtureServer();
    VERIFY_OK(server);
    m_server = *server;
  }

  // Nothing answers: the bench says so, keeps trying (1 s, then 2 s …), and the window never stops answering keys.
  void nothingAnswers_theBenchSaysSo_andKeepsTrying()
  {
    db::ConnectionSettings down = m_server;
    down.host = QStringLiteral("/nonexistent-packbench-socket-dir");
    ui::DatabaseWaitWindow window(down, {QStringLiteral("bench-7"), QStringLiteral("#1042"), 2},
                                  makeError(ErrorKind::Unavailable, QStringLiteral("connection refused")));
    QSignalSpy reachable(&window, &ui::DatabaseWaitWindow::reachable);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(banner(window).tone(), Tone::Warning);
    QCOMPARE(banner(window).headline(), QStringLiteral("Waiting for the central database"));
    QVERIFY2(banner(window).hint().contains(QStringLiteral("starts by itself")), qPrintable(banner(window).hint()));
    // The order the bench held when it stopped, and that what was done to it offline is kept.
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("waitHeldOrder"))->text(),
             QStringLiteral("Order #1042 is on this bench: keep its box here. 2 step(s) done offline are kept and are "
                            "recorded when the database is back."));
    QVERIFY2(details(window).contains(QStringLiteral("(try 2)")), qPrintable(details(window)));
    QTRY_VERIFY_WITH_TIMEOUT(window.failedTries() >= 3, 10000); // tries at 1 s and 2 s after the start's own
    QVERIFY2(window.lastError().contains(QStringLiteral("nonexistent-packbench-socket-dir")),
             qPrintable(window.lastError()));
    QVERIFY2(details(window).contains(QStringLiteral("nonexistent-packbench-socket-dir")), qPrintable(details(window)));
    QVERIFY(reachable.isEmpty());
    QVERIFY(test::saveScreenshot(window, QStringLiteral("station-waiting-for-database.png")));

    QSignalSpy quit(&window, &ui::DatabaseWaitWindow::quitRequested);
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QCOMPARE(quit.size(), 1);
    window.close(); // the window manager's close button: the same
    QCOMPARE(quit.size(), 2);
  }

  // The server answers but turns the login down: said in red, for the lead; it still tries again by itself.
  void theLoginIsRefused_theLeadIsToldWhy()
  {
    db::ConnectionSettings refused = m_server;
    refused.name = QStringLiteral("packbench_no_such_database");
    ui::DatabaseWaitWindow window(refused, {QStringLiteral("bench-7"), QStringLiteral("#1042"), 0},
                                  makeError(ErrorKind::Unavailable, QStringLiteral("connection refused")));
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.failedTries() >= 2, 10000);
    QCOMPARE(banner(window).tone(), Tone::Error);
    QCOMPARE(banner(window).headline(), QStringLiteral("The database refused this station's login"));
    QVERIFY2(details(window).contains(QStringLiteral("packbench_no_such_database")), qPrintable(details(window)));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("waitHeldOrder"))->text(),
             QStringLiteral("Order #1042 is on this bench: keep its box here. It opens again when you sign in."));
  }

  // The stations were upgraded before the database's migrate ran: the bench says the database is being upgraded and
  // starts once the schema is this program's (it used to refuse to start and quit).
  void theDatabaseIsStillAtTheOldSchema_theBenchWaitsForTheUpgrade()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("waitupgrade"));
    VERIFY_OK(scratch);
    QSqlDatabase owner = scratch->db;
    // As before the upgrade's migrate: the newest migration not applied yet (set aside, put back below).
    VERIFY_OK(db::exec(owner, QStringLiteral("UPDATE schema_migrations SET version = -version WHERE version = "
                                             "(SELECT max(version) FROM schema_migrations)")));
    const Status before = db::MigrationRunner(db::MigrationRunner::defaultDirectory(owner)).verify(owner);
    QVERIFY(!before.ok());
    QVERIFY(db::isSchemaBehind(before.error()));

    ui::DatabaseWaitWindow window(scratch->settings, {QStringLiteral("bench-7"), {}, 0}, before.error());
    QSignalSpy reachable(&window, &ui::DatabaseWaitWindow::reachable);
    window.show();
    QCOMPARE(banner(window).headline(), QStringLiteral("The central database is being upgraded"));
    QTRY_VERIFY_WITH_TIMEOUT(window.failedTries() >= 2, 10000); // it answers, and is still behind
    QCOMPARE(banner(window).headline(), QStringLiteral("The central database is being upgraded"));
    QVERIFY2(details(window).contains(QStringLiteral("packbench-hub migrate")), qPrintable(details(window)));
    QVERIFY(reachable.isEmpty());

    VERIFY_OK(db::exec(owner, QStringLiteral("UPDATE schema_migrations SET version = -version WHERE version < 0")));
    QVERIFY(reachable.wait(15000));
    QCOMPARE(banner(window).tone(), Tone::Good);
  }

  // The database comes (the fixture's server answers, at this program's schema): the window hands over at the next
  // try.
  void theDatabaseAnswers_theWindowHandsOver()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("waitanswers"));
    VERIFY_OK(scratch);
    ui::DatabaseWaitWindow window(scratch->settings, {QStringLiteral("bench-7"), {}, 0},
                                  makeError(ErrorKind::Unavailable, QStringLiteral("connection refused")));
    QSignalSpy reachable(&window, &ui::DatabaseWaitWindow::reachable);
    window.show();
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("waitHeldOrder"))); // no order on the bench: nothing said
    QVERIFY(reachable.wait(10000));
    QCOMPARE(window.failedTries(), 1);
    QCOMPARE(banner(window).tone(), Tone::Good);
    QCOMPARE(banner(window).headline(), QStringLiteral("The database answered"));
  }
};

QTEST_MAIN(DatabaseWaitTest)
#include "databasewait_test.moc"
