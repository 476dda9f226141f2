// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The real station at a bench whose print server (CUPS_SERVER) takes the connection and never answers: packbench on
// its embedded demo database, on a private Xvfb, typed at by xdotool. The finished order's slip goes to the default
// printer and waits for the server; the packer takes the next order and scans on meanwhile, the station stops on
// SIGTERM without waiting minutes for the server, and starts again at once (the bench lock is free).
#include "core/db/connection.h"
#include "core/db/sql.h"
#include "tests/support/packfixture.h"
#include "tests/support/privatexvfb.h"
#include "tests/support/runningprogram.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace pb;

class SilentPrintServerTest final : public QObject {
  Q_OBJECT

private:
  test::PrivateXvfb m_x;
  QTcpServer m_silent; // listens, never accepts: each request sits unread

  bool key(const QString &name) { return m_x.xdotool({QStringLiteral("key"), name}); }

  std::unique_ptr<test::RunningProgram> startStation(const QTemporaryDir &home)
  {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), m_x.display());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("CUPS_SERVER"), QStringLiteral("127.0.0.1:%1").arg(m_silent.serverPort()));
    auto station = std::make_unique<test::RunningProgram>(
        QStringLiteral(PACKBENCH_STATION_BINARY),
        QStringList{QStringLiteral("--no-default-files"), QStringLiteral("--set"), QStringLiteral("log.file=-"),
                    QStringLiteral("--set"), QStringLiteral("station.sounds=false"), QStringLiteral("--set"),
                    QStringLiteral("printing.auto_print=true")}, // no slip printer named: the default
        home.path(), env);
    if (!station->waitForStarted() || !station->waitForOutput(QStringLiteral("ready at")))
      return station;
    // No window manager runs here, as in a kiosk session started by xinit, and nothing gives the window the keyboard:
    // the station asks for it itself (its F-keys were dead here, while typed scans still arrived).
    const bool shown = QTest::qWaitFor(
        [&] {
          return m_x.xdotool({QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--name"),
                              QStringLiteral("Packbench")});
        },
        30000);
    if (!shown)
      qWarning("the station's window never showed");
    return station;
  }

  static qint64 count(const QSqlDatabase &demo, const QString &sql)
  {
    auto rows = db::exec(demo, sql);
    return rows && rows.value().next() ? rows.value().value(0).toLongLong() : -1;
  }

  // Every item of the order the bench holds, scanned as a wedge scanner types; how many scans (0: none could be).
  int scanTheHeldOrder(const QSqlDatabase &demo)
  {
    auto lines = db::exec(demo, QStringLiteral("SELECT l.sku, l.quantity FROM claims c JOIN fulfillment_order_lines l "
                                               "ON l.fulfillment_order_id = c.fulfillment_order_id "
                                               "WHERE c.released_at IS NULL ORDER BY l.id"));
    if (!lines)
      return 0;
    QList<std::pair<QString, int>> items;
    while (lines.value().next())
      items.append({lines.value().value(0).toString(), lines.value().value(1).toInt()});
    int scans = 0;
    for (const auto &[sku, quantity] : items)
      for (int i = 0; i < quantity; ++i, ++scans) {
        if (!m_x.type(test::barcodeFor(demo, sku), 5) || !key(QStringLiteral("Return")))
          return 0;
        QTest::qWait(150);
      }
    return scans;
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY2(!m_x.start().isEmpty(), "Xvfb did not start (scripts/install-deps.sh installs it)");
    QVERIFY(m_silent.listen(QHostAddress::LocalHost, 0));
    m_silent.pauseAccepting();
  }

  void slipWaitsForTheServer_thePackerGoesOn_andTheStationStopsAndStartsAtOnce()
  {
    QTemporaryDir home;
    auto station = startStation(home);
    QVERIFY2(station->isRunning(), qPrintable(station->output()));
    db::ConnectionSettings settings;
    settings.driver = db::Driver::Sqlite;
    settings.sqlitePath = home.filePath(QStringLiteral("data/Packbench/packbench/packbench.sqlite"));
    auto demo = db::openDatabase(settings, QStringLiteral("silent-print-demo"));
    QVERIFY(demo);

    QVERIFY(m_x.type(QStringLiteral("PB-1001"), 5));
    QTest::qWait(500);
    QVERIFY(m_x.type(QStringLiteral("1001"), 250));
    QTest::qWait(1000);
    QVERIFY(key(QStringLiteral("F8")));
    QTRY_COMPARE_WITH_TIMEOUT(count(*demo, QStringLiteral("SELECT count(*) FROM claims WHERE released_at IS NULL")), 1,
                              20000);
    QVERIFY(scanTheHeldOrder(*demo) > 0);
    QVERIFY(key(QStringLiteral("F9")));
    // The slip is journaled for the default printer and waits for the server.
    QTRY_COMPARE_WITH_TIMEOUT(count(*demo, QStringLiteral("SELECT count(*) FROM print_jobs WHERE kind = 'slip' AND "
                                                          "printer = '' AND status = 'queued'")),
                              1, 20000);

    // Meanwhile the packer takes the next order and scans it: each reaches the database as it did before.
    QTest::qWait(1500); // the complete screen's own pause
    const qint64 firstOrder = count(*demo, QStringLiteral("SELECT max(fulfillment_order_id) FROM claims"));
    QVERIFY(key(QStringLiteral("F8")));
    QTRY_VERIFY2_WITH_TIMEOUT(count(*demo, QStringLiteral("SELECT count(*) FROM claims WHERE released_at IS NULL AND "
                                                          "fulfillment_order_id <> %1")
                                               .arg(firstOrder)) == 1,
                              qPrintable(station->output()), 10000);
    const qint64 scansBefore = count(*demo, QStringLiteral("SELECT count(*) FROM scan_events"));
    const int scanned = scanTheHeldOrder(*demo);
    QVERIFY(scanned > 0);
    QTRY_VERIFY2_WITH_TIMEOUT(count(*demo, QStringLiteral("SELECT count(*) FROM scan_events")) == scansBefore + scanned,
                              qPrintable(station->output()), 10000);
    QCOMPARE(count(*demo, QStringLiteral("SELECT count(*) FROM print_jobs WHERE status = 'queued'")), 1);

    // Stopped (logout, shutdown): it ends in seconds, not after the print server's minutes.
    QElapsedTimer stopping;
    stopping.start();
    station->sendSignal(SIGTERM);
    QVERIFY2(station->waitForExit(30'000), qPrintable(station->output()));
    QVERIFY2(stopping.elapsed() < 25'000, qPrintable(QStringLiteral("stopped in %1 ms").arg(stopping.elapsed())));
    QCOMPARE(station->exitCode(), 0);
    QVERIFY2(!station->output().contains(QStringLiteral("still waits for CUPS")) ||
                 station->output().contains(QStringLiteral("not waiting for it to stop")),
             qPrintable(station->output()));

    auto again = startStation(home);
    QVERIFY2(again->isRunning() && again->output().contains(QStringLiteral("ready at")), qPrintable(again->output()));
    // The slip the last run left with the server is marked failed, with why, for the lead's F4 list.
    QCOMPARE(count(*demo, QStringLiteral("SELECT count(*) FROM print_jobs WHERE status = 'failed' AND last_error LIKE "
                                         "'Not printed: the station stopped before this job went out.%'")),
             1);
    QVERIFY(again->output().contains(QStringLiteral("1 print jobs left unsent by the last run are marked failed")));
    again->sendSignal(SIGTERM);
    QVERIFY(again->waitForExit(30'000));
  }
};

QTEST_GUILESS_MAIN(SilentPrintServerTest)
#include "silent_print_server_test.moc"
