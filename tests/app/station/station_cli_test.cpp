// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station executable as a newcomer starts it: embedded demo database, no display needed.
#include "tests/support/code128read.h"
#include "tests/support/pdftools.h"
#include "tests/support/programrun.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class StationCliTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;

  using Run = pb::test::ProgramRun;

  // No display at all, as on a fresh server; withPlatform=false also drops QT_QPA_PLATFORM.
  Run run(const QStringList &args, bool withPlatform = true)
  {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    if (!withPlatform)
      env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    return pb::test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY), args, m_dir.path(), env);
  }

  // Starts the station as a packer's run (no --screenshot, no --self-test) in `sandbox`; true once it says it is ready.
  static bool startStation(QProcess &station, const QString &sandbox)
  {
    station.setProcessEnvironment(pb::test::sandboxed(sandbox));
    station.setProcessChannelMode(QProcess::MergedChannels);
    station.start(QStringLiteral(PACKBENCH_STATION_BINARY), {QStringLiteral("--set"), QStringLiteral("log.file=-")});
    if (!station.waitForStarted())
      return false;
    QByteArray said;
    QElapsedTimer waited;
    waited.start();
    while (!said.contains("ready at") && waited.elapsed() < 30'000 && station.state() == QProcess::Running) {
      station.waitForReadyRead(1000);
      said += station.readAll();
    }
    return said.contains("ready at");
  }

private Q_SLOTS:
  // One station program per bench: a second start says so and leaves at once (it would pack as the same station and
  // share the offline journal); the checks may run beside it; a station killed with -9 leaves a lock the next takes.
  void secondStart_isRefused_andAKilledStationsLockIsTakenOver()
  {
    QTemporaryDir sandbox;
    QProcess first;
    QVERIFY(startStation(first, sandbox.path()));
    const Run second = pb::test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY),
                                            {QStringLiteral("--set"), QStringLiteral("log.file=-")}, sandbox.path());
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.err.contains(
                 QStringLiteral("Packbench is already running at this bench (process %1)").arg(first.processId())),
             qPrintable(second.err));
    QVERIFY(!second.err.contains(QStringLiteral("ready at")));
    const QString shot = sandbox.filePath(QStringLiteral("beside.png"));
    const Run check = pb::test::runProgram(
        QStringLiteral(PACKBENCH_STATION_BINARY),
        {QStringLiteral("--set"), QStringLiteral("log.file=-"), QStringLiteral("--screenshot"), shot}, sandbox.path());
    QVERIFY2(check.exitCode == 0, qPrintable(check.err));

    first.kill(); // SIGKILL: no clean exit, the lock file stays behind
    QVERIFY(first.waitForFinished(10'000));
    QVERIFY(QFile::exists(sandbox.filePath(QStringLiteral("data/Packbench/packbench/station.lock"))));
    QProcess third;
    QVERIFY(startStation(third, sandbox.path()));
    third.terminate();
    QVERIFY(third.waitForFinished(30'000));
    QCOMPARE(third.exitCode(), 0);
    QVERIFY(!QFile::exists(sandbox.filePath(QStringLiteral("data/Packbench/packbench/station.lock"))));
  }

  void version_worksWithoutAnyDisplay()
  {
    const Run r = run({QStringLiteral("--version")}, false);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("Packbench")) || r.out.contains(QStringLiteral("packbench")));
  }

  void plainStart_withoutDisplay_explainsInsteadOfAborting()
  {
    const Run r = run({}, false);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("no display")));
  }

  void screenshot_showsDemoQueueFromEmbeddedSqlite()
  {
    const QString png = m_dir.filePath(QStringLiteral("station.png"));
    const Run r =
        run({QStringLiteral("--screenshot"), png, QStringLiteral("--set"), QStringLiteral("log.file=-")}, false);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(QStringLiteral("seeded demo data: 36 orders")), qPrintable(r.err));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 500);
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("data/Packbench/packbench/packbench.sqlite"))));
  }

  void selfTest_onEmbeddedDatabase_passesWithoutListen()
  {
    const Run r = run({QStringLiteral("--self-test"), QStringLiteral("--set"), QStringLiteral("log.file=-"),
                       QStringLiteral("--set"), QStringLiteral("station.location=CMH")},
                      false);
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("order(s) waiting at CMH")), qPrintable(r.out));
    QVERIFY(!r.out.contains(QStringLiteral("notifications"))); // SQLite has no LISTEN; the poll is all there is
    QVERIFY(r.out.trimmed().endsWith(QStringLiteral("passed")));
  }

  void selfTest_unknownLocation_onEmbeddedDatabase_exits3()
  {
    const Run r = run({QStringLiteral("--self-test"), QStringLiteral("--set"), QStringLiteral("log.file=-"),
                       QStringLiteral("--set"), QStringLiteral("station.location=NOPE")},
                      false);
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("No location with code NOPE")), qPrintable(r.err));
  }

  void hubSecret_inStationConfig_isRefused()
  {
    const Run r = [&] {
      qputenv("PACKBENCH_SHOPIFY_ACCESS_TOKEN", "shpat_station_must_not_have");
      Run result = run({QStringLiteral("--print-config")});
      qunsetenv("PACKBENCH_SHOPIFY_ACCESS_TOKEN");
      return result;
    }();
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("stations never hold")));
    QVERIFY(!r.err.contains(QStringLiteral("shpat_station_must_not_have")));
  }

  // A lead prints the sheet of command barcodes from any machine, a server without a display included.
  void commandSheet_withoutDisplay_holdsEveryCommand()
  {
    const QString pdf = m_dir.filePath(QStringLiteral("commands.pdf"));
    const Run r =
        run({QStringLiteral("--command-sheet"), pdf, QStringLiteral("--set"), QStringLiteral("log.file=-")}, false);
    QVERIFY2(r.exitCode == 0, qPrintable(pb::test::describe(r)));
    QVERIFY2(r.out.contains(QStringLiteral("command sheet written to ") + pdf), qPrintable(r.out));
    const QString text = pb::test::pdfText(pdf);
    for (const char *command : {"PB*ACK", "PB*COMPLETE", "PB*NEXTBOX", "PB*HOLD:DAMAGED", "PB*REPRINT"})
      QVERIFY2(text.contains(QLatin1String(command)), qPrintable(text));

    const QString nowhere = m_dir.filePath(QStringLiteral("no-such-folder/commands.pdf"));
    const Run refused = run({QStringLiteral("--command-sheet"), nowhere}, false);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("could not write ") + nowhere), qPrintable(refused.err));
  }

  // Printing settings that cannot work stop the station as bad configuration before it opens or registers anything.
  void badPrintingSettings_stopBeforeTheDatabase_data()
  {
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<QString>("says");
    QTest::newRow("label printer") << QStringList{QStringLiteral("printing.label_printer=Zebra ZD420")}
                                   << QStringLiteral("printing.label_printer: bad CUPS queue name 'Zebra ZD420'");
    QTest::newRow("ZPL labels with no label printer")
        << QStringList{QStringLiteral("database.driver=postgres"), QStringLiteral("database.host=/nonexistent"),
                       QStringLiteral("printing.carrier_labels=true"),
                       QStringLiteral("printing.carrier_label_format=zpl")}
        << QStringLiteral("printing.carrier_label_format zpl needs printing.label_printer");
  }

  void badPrintingSettings_stopBeforeTheDatabase()
  {
    QFETCH(QStringList, settings);
    QFETCH(QString, says);
    QTemporaryDir sandbox;
    QStringList args{QStringLiteral("--set"), QStringLiteral("log.file=-")};
    for (const QString &setting : std::as_const(settings))
      args << QStringLiteral("--set") << setting;
    const Run r = pb::test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY), args, sandbox.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(says), qPrintable(r.err));
    QVERIFY(!QFile::exists(sandbox.filePath(QStringLiteral("data/Packbench/packbench/packbench.sqlite"))));
  }

  // Printers named in the configuration that this computer does not have: the station starts (a queue may be added
  // while it runs) but says so at once, in its log and in red in its status bar, not at the first order's slip.
  void printersNotInstalled_areSaidAtTheStart()
  {
    QTemporaryDir sandbox;
    const QString shot = sandbox.filePath(QStringLiteral("missing-printers.png"));
    const Run r = pb::test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY),
                                       {QStringLiteral("--set"), QStringLiteral("log.file=-"), QStringLiteral("--set"),
                                        QStringLiteral("printing.slip_printer=Brother_HL_nosuch"),
                                        QStringLiteral("--set"), QStringLiteral("printing.label_printer=zebra_nosuch"),
                                        QStringLiteral("--screenshot"), shot},
                                       sandbox.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("Slip printer 'Brother_HL_nosuch' is not set up on this computer")),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("Label printer 'zebra_nosuch' is not set up on this computer")),
             qPrintable(r.err));
    QVERIFY(!QImage(shot).isNull());
    // The slip printer missing again, with CUPS_SERVER at `server`.
    const auto startWithCupsAt = [&](const QString &server) {
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      env.insert(QStringLiteral("CUPS_SERVER"), server);
      return pb::test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY),
                                  {QStringLiteral("--set"), QStringLiteral("log.file=-"), QStringLiteral("--set"),
                                   QStringLiteral("printing.slip_printer=Brother_HL_nosuch"),
                                   QStringLiteral("--screenshot"), shot},
                                  sandbox.path(), env);
    };
    // With CUPS itself not answering, that is what it says (not that each printer is missing).
    const Run down = startWithCupsAt(sandbox.filePath(QStringLiteral("no-cupsd-here.sock")));
    QVERIFY2(down.exitCode == 0, qPrintable(down.err));
    QVERIFY2(down.err.contains(QStringLiteral("The print service (CUPS) does not answer")), qPrintable(down.err));
    QVERIFY2(!down.err.contains(QStringLiteral("is not set up")), qPrintable(down.err));
    // A print server that takes the connection and never answers (libcups waits a minute or more for each question):
    // said within the check's 3 s, and the bench is not held meanwhile (it held its start for over a minute).
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    silent.pauseAccepting();
    QElapsedTimer took;
    took.start();
    const Run hung = startWithCupsAt(QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()));
    QVERIFY2(hung.exitCode == 0, qPrintable(hung.err));
    QVERIFY2(hung.err.contains(QStringLiteral("The print service (CUPS) does not answer")), qPrintable(hung.err));
    QVERIFY2(took.elapsed() < 30'000, qPrintable(QStringLiteral("started in %1 ms").arg(took.elapsed())));
    // A raw 9100 label printer is no CUPS queue: nothing to look up.
    const Run raw = pb::test::runProgram(
        QStringLiteral(PACKBENCH_STATION_BINARY),
        {QStringLiteral("--set"), QStringLiteral("log.file=-"), QStringLiteral("--set"),
         QStringLiteral("printing.label_printer=tcp://127.0.0.1:9100"), QStringLiteral("--screenshot"), shot},
        sandbox.path());
    QVERIFY2(raw.exitCode == 0 && !raw.err.contains(QStringLiteral("is not set up")), qPrintable(raw.err));
  }

  // The merchant's slip template is read and parsed at the start: a missing or broken one stops the station as bad
  // configuration, saying which file and where, instead of the built-in slip printing in its place all day.
  void slipTemplate_missingOrBroken_stopsAtTheStart()
  {
    QTemporaryDir sandbox;
    const QString broken = pb::test::writeFile(sandbox.filePath(QStringLiteral("broken.liquid")),
                                               "<h1>{{ order.name }}</h1>\n{% for line in line_items_in_shipment %}");
    const QString missing = sandbox.filePath(QStringLiteral("missing.liquid"));
    const QList<std::pair<QString, QString>> cases{
        {broken,
         QStringLiteral("printing.slip_template: the slip template %1 is broken: line 2, column 1: ").arg(broken)},
        {missing, QStringLiteral("printing.slip_template: cannot read the slip template %1").arg(missing)}};
    for (const auto &[path, says] : cases) {
      const Run r = pb::test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY),
                                         {QStringLiteral("--set"), QStringLiteral("log.file=-"),
                                          QStringLiteral("--set"), QStringLiteral("printing.slip_template=") + path},
                                         sandbox.path());
      QCOMPARE(r.exitCode, 2);
      QVERIFY2(r.err.contains(says), qPrintable(r.err));
      QVERIFY(!QFile::exists(sandbox.filePath(QStringLiteral("data/Packbench/packbench/packbench.sqlite"))));
    }
    // A good template starts the station (the screenshot needs the demo database).
    const QString good =
        pb::test::writeFile(sandbox.filePath(QStringLiteral("good.liquid")), "<h1>{{ order.name }}</h1>");
    const Run started =
        pb::test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY),
                             {QStringLiteral("--set"), QStringLiteral("log.file=-"), QStringLiteral("--set"),
                              QStringLiteral("printing.slip_template=") + good, QStringLiteral("--screenshot"),
                              sandbox.filePath(QStringLiteral("started.png"))},
                             sandbox.path());
    QVERIFY2(started.exitCode == 0, qPrintable(started.err));
  }

  // `--slip-preview` shows the merchant's template on the sample order without touching a database; with
  // --screenshot it saves the preview (here: the template's own barcode, read back) and exits.
  void slipPreview_showsTheMerchantsTemplate_withoutADatabase()
  {
    QTemporaryDir sandbox;
    const QString slip = pb::test::writeFile(sandbox.filePath(QStringLiteral("slip.liquid")),
                                             "<h1>Packed with care</h1><img src=\"barcode:PREVIEW-42\">"
                                             "<p>{{ order.name }}</p>");
    const QString png = sandbox.filePath(QStringLiteral("preview.png"));
    const Run r = pb::test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY),
                                       {QStringLiteral("--set"), QStringLiteral("log.file=-"), QStringLiteral("--set"),
                                        QStringLiteral("printing.slip_template=") + slip,
                                        QStringLiteral("--slip-preview"), QStringLiteral("--screenshot"), png},
                                       sandbox.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(pb::test::readCode128(QImage(png)), QStringLiteral("PREVIEW-42"));
    QVERIFY(!QFile::exists(sandbox.filePath(QStringLiteral("data/Packbench/packbench/packbench.sqlite"))));
  }
};

QTEST_GUILESS_MAIN(StationCliTest)
#include "station_cli_test.moc"
