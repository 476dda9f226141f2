// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the packer hears from the real station: packbench on its embedded demo database, on a private Xvfb, typed at
// by xdotool as a person and a wedge scanner type, playing into the `pulse` fixture's null sink. An unknown barcode
// on an open order sounds the unknown-code cue, whole; with station.sounds=false the same scan is silent.
#include "core/db/connection.h"
#include "core/db/sql.h"
#include "tests/support/privatexvfb.h"
#include "tests/support/runningprogram.h"
#include "tests/support/soundcapture.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;

class StationSoundsTest final : public QObject {
  Q_OBJECT

private:
  test::PrivateXvfb m_x;

  bool xdotool(const QStringList &args) { return m_x.xdotool(args); }
  bool type(const QString &text, int msPerKey) { return m_x.type(text, msPerKey); }

  // The demo station with sounds on or off, PB-1001 signed in and the next order open; its database's connection.
  std::unique_ptr<test::RunningProgram> stationWithOrderOpen(const QTemporaryDir &home, bool sounds, QSqlDatabase *demo)
  {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), m_x.display());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("PULSE_SERVER"), QString::fromLocal8Bit(test::pulseServer()));
    auto station = std::make_unique<test::RunningProgram>(
        QStringLiteral(PACKBENCH_STATION_BINARY),
        QStringList{QStringLiteral("--no-default-files"), QStringLiteral("--set"), QStringLiteral("log.file=-"),
                    QStringLiteral("--set"), QStringLiteral("station.sounds=%1").arg(sounds ? u"true" : u"false"),
                    QStringLiteral("--set"), QStringLiteral("printing.auto_print=false")},
        home.path(), env);
    if (!station->waitForStarted() || !station->waitForOutput(QStringLiteral("seeded demo data")))
      return station;
    if (!QTest::qWaitFor(
            [&] {
              return xdotool({QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--name"),
                              QStringLiteral("Packbench"), QStringLiteral("windowfocus"), QStringLiteral("--sync")});
            },
            30000))
      return station;
    db::ConnectionSettings settings;
    settings.driver = db::Driver::Sqlite;
    settings.sqlitePath = home.filePath(QStringLiteral("data/Packbench/packbench/packbench.sqlite"));
    auto opened = db::openDatabase(settings, QStringLiteral("demo-") + (sounds ? u"on" : u"off"));
    if (!opened)
      return station;
    *demo = *opened;
    type(QStringLiteral("PB-1001"), 5);
    QTest::qWait(500);
    type(QStringLiteral("1001"), 250);
    QTest::qWait(1000);
    xdotool({QStringLiteral("key"), QStringLiteral("F8")});
    return station;
  }

  static qint64 openClaims(const QSqlDatabase &demo)
  {
    auto rows = db::exec(demo, QStringLiteral("SELECT count(*) FROM claims WHERE released_at IS NULL"));
    return rows && rows.value().next() ? rows.value().value(0).toLongLong() : -1;
  }

  // An unknown code scanned on an open order: the unknown-code cue whole with sounds on, nothing with them off.
  void scanUnknownBarcode_andListen(bool sounds)
  {
    QTemporaryDir home;
    QSqlDatabase demo;
    auto station = stationWithOrderOpen(home, sounds, &demo);
    QVERIFY2(demo.isValid(), qPrintable(station->output()));
    QTRY_COMPARE_WITH_TIMEOUT(openClaims(demo), 1, 20000);
    QTest::qWait(500); // the cue of the order opening has died away
    const test::Heard heard = test::listen(test::recordWhile([this] { QVERIFY(type(QStringLiteral("NOPE-404"), 5)); }));
    auto unknown = db::exec(demo, QStringLiteral("SELECT count(*) FROM scan_events WHERE outcome = 'unknown'"));
    QVERIFY(unknown && unknown.value().next());
    QCOMPARE(unknown.value().value(0).toInt(), 1); // the scan is in the log either way, as every scan is
    if (!sounds) {
      QCOMPARE(heard.seconds, 0.0);
      return;
    }
    const test::Heard expected = test::cueFile(QStringLiteral("unknown"));
    QVERIFY2(std::abs(heard.seconds - expected.seconds) < 0.05,
             qPrintable(QStringLiteral("heard %1 s of sound, the unknown-code cue is %2 s; station log:\n%3")
                            .arg(heard.seconds)
                            .arg(expected.seconds)
                            .arg(station->output())));
    QVERIFY(heard.peak > expected.peak / 2);
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY2(!test::pulseServer().isEmpty(), "the pulse fixture is not running (ctest starts it)");
    QVERIFY2(!m_x.start().isEmpty(), "Xvfb did not start (scripts/install-deps.sh installs it)");
  }

  void unknownBarcode_onAnOpenOrder_soundsTheUnknownCue_whole() { scanUnknownBarcode_andListen(true); }

  void soundsOff_theSameScan_isSilent() { scanUnknownBarcode_andListen(false); }
};

QTEST_GUILESS_MAIN(StationSoundsTest)
#include "station_sounds_test.moc"
