// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station executable started against the real throwaway PostgreSQL as a station role, the way an
// installer would: it must pick its shop, scope the session for row-level security, LISTEN, and reach
// the queue; a bad configuration or a database it cannot use must say why and exit nonzero.
#include "core/db/connection.h"
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "tests/support/programrun.h"
#include "tests/support/queueworld.h"
#include "tests/support/stationlogin.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <QUuid>
#include <functional>

using namespace pb;

class StationPostgresCliTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  db::ConnectionSettings m_settings;
  QSqlDatabase m_admin;
  QString m_stationRole;
  QString m_otherRole; // a station login mapped to the other shop
  qint64 m_otherShop = 0;
  qint64 m_otherRno = 0;

  using Run = test::ProgramRun;

  // Writes a config file for the station; extra lines go to the end of their section.
  QString writeConfig(const QString &name, const QString &database, const QString &station)
  {
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
      return {};
    file.write(QStringLiteral("[database]\n%1\n[station]\n%2\n[log]\nfile = -\n").arg(database, station).toUtf8());
    return path;
  }

  QString databaseSection(const QString &host, const QString &name, const QString &user = {}) const
  {
    return QStringLiteral("driver = postgres\nhost = %1\nport = %2\nname = %3\nuser = %4")
        .arg(host)
        .arg(m_settings.port)
        .arg(name, user.isEmpty() ? m_stationRole : user);
  }

  // The station's data folder under a sandbox's HOME (XDG_DATA_HOME is sandbox/data).
  static QString dataFolder(const QString &sandbox) { return sandbox + QStringLiteral("/data/Packbench/packbench"); }

  // prepare: what a test puts into the sandbox (HOME) before the station starts.
  Run station(const QStringList &args, const std::function<void(const QString &sandbox)> &prepare = {},
              const QString &cupsServer = {})
  {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!cupsServer.isEmpty())
      env.insert(QStringLiteral("CUPS_SERVER"), cupsServer);
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // as on a server: the program must cope by itself
    const QString sandbox = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128));
    QDir().mkpath(sandbox);
    if (prepare)
      prepare(sandbox);
    return test::runProgram(QStringLiteral(PACKBENCH_STATION_BINARY),
                            QStringList{QStringLiteral("--no-default-files")} + args, sandbox, env);
  }

  qint64 waitingAt(const QString &code)
  {
    return test::scalar(
        m_admin,
        QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN locations l ON l.id = f.location_id "
                       "WHERE l.code = ? AND f.pack_state IN ('queued', 'claimed', 'held')"),
        {code});
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("stationcli"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_admin = scratch->db;
    const SystemClock clock;
    VERIFY_OK(db::seedDemoData(m_admin, clock));
    // Mapped to the demo shop and all its locations, as `packbench-hub station-login create` does (migration 0011).
    auto login = test::createDemoShopStationLogin(m_admin, QStringLiteral("pbt_cli_"));
    VERIFY_OK(login);
    m_stationRole = *login;

    // A second shop in the same database whose warehouse is also called RNO, with two orders waiting.
    m_otherShop = test::scalar(m_admin, QStringLiteral("INSERT INTO shops (domain, name) VALUES "
                                                       "('other-outfitters.myshopify.com', 'Other') RETURNING id"));
    m_otherRno =
        test::scalar(m_admin,
                     QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, 'RNO', 'Other Reno') "
                                    "RETURNING id"),
                     {m_otherShop});
    QVERIFY(m_otherShop > 0 && m_otherRno > 0);
    for (int i = 0; i < 2; ++i)
      VERIFY_OK(test::addQueuedOrder(m_admin, m_otherShop, m_otherRno, 0, QDateTime()));
    m_otherRole = m_stationRole + QStringLiteral("_other");
    VERIFY_OK(
        db::execStatic(m_admin, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE packbench_station").arg(m_otherRole)));
    VERIFY_OK(db::exec(m_admin,
                       QStringLiteral("INSERT INTO station_logins (login, shop_id, location_ids) VALUES (?, ?, "
                                      "ARRAY[?]::bigint[])"),
                       {m_otherRole, m_otherShop, m_otherRno}));
  }

  void cleanupTestCase()
  {
    for (const QString &role : {m_stationRole, m_otherRole}) {
      (void)db::execStatic(m_admin, QStringLiteral("DROP OWNED BY %1").arg(role));
      (void)db::execStatic(m_admin, QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
    }
  }

  void selfTest_reachesQueue_withShopScopeAndListen()
  {
    const QString config = writeConfig(QStringLiteral("good.conf"), databaseSection(m_settings.host, m_settings.name),
                                       QStringLiteral("location = CMH\nid = bench-cli-1"));
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("shop scope (row-level security): northwind-outfitters.myshopify.com")),
             qPrintable(r.out));
    const qint64 waiting = waitingAt(QStringLiteral("CMH"));
    QVERIFY(waiting > 0);
    QVERIFY2(r.out.contains(QStringLiteral("queue: %1 order(s) waiting at CMH").arg(waiting)), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("queue notifications: ok")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("offline packing: journal ")), qPrintable(r.out));
    QVERIFY(r.out.trimmed().endsWith(QStringLiteral("passed")));
    QCOMPARE(
        test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM stations s JOIN locations l ON l.id = s.location_id "
                                             "WHERE s.name = 'bench-cli-1' AND l.code = 'CMH'")),
        1);
  }

  // Offline packing is on (the default) but its journal cannot be opened (here: a folder where its file goes; on a
  // bench, a full or read-only disk): the station still packs online, but the self-test fails and names the file,
  // so the install is put right before an outage rather than during one.
  void offlineJournalThatCannotOpen_failsTheSelfTest_namingTheFile()
  {
    const QString config =
        writeConfig(QStringLiteral("journal.conf"), databaseSection(m_settings.host, m_settings.name),
                    QStringLiteral("location = CMH\nid = bench-cli-journal"));
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")}, [](const QString &home) {
      QVERIFY(QDir().mkpath(dataFolder(home) + QStringLiteral("/offline-journal.sqlite")));
    });
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(
        r.out.contains(QStringLiteral("FAILED: offline packing is on (station.offline_packing) but its journal did "
                                      "not open: ")),
        qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("offline-journal.sqlite")), qPrintable(r.out));

    const Run off = station({QStringLiteral("--config"), config, QStringLiteral("--set"),
                             QStringLiteral("station.offline_packing=false"), QStringLiteral("--self-test")},
                            [](const QString &home) {
                              QVERIFY(QDir().mkpath(dataFolder(home) + QStringLiteral("/offline-journal.sqlite")));
                            });
    QVERIFY2(off.exitCode == 0, qPrintable(off.out + off.err)); // switched off on purpose: nothing to report
    QVERIFY(!off.out.contains(QStringLiteral("offline packing")));
  }

  // A slip printer configured but not reachable: the self-test says which (a warning: a queue may be added while the
  // station runs), and when CUPS itself does not answer it says that instead (every queue then looks missing; the
  // lead would set up printers that are fine).
  void configuredPrinterMissing_orCupsDown_isSaidByTheSelfTest()
  {
    const QString config =
        writeConfig(QStringLiteral("printer.conf"), databaseSection(m_settings.host, m_settings.name),
                    QStringLiteral("location = CMH\nid = bench-cli-printer"));
    const QStringList args{QStringLiteral("--config"), config, QStringLiteral("--set"),
                           QStringLiteral("printing.slip_printer=no-such-laser"), QStringLiteral("--self-test")};
    const Run missing = station(args); // the test fixture's cupsd answers (CUPS_SERVER of the test environment)
    QVERIFY2(missing.exitCode == 0, qPrintable(missing.out + missing.err));
    QVERIFY2(
        missing.out.contains(QStringLiteral("warning: Slip printer 'no-such-laser' is not set up on this computer")),
        qPrintable(missing.out));

    const Run cupsDown = station(args, {}, m_dir.filePath(QStringLiteral("no-cupsd-here.sock")));
    QVERIFY2(cupsDown.exitCode == 0, qPrintable(cupsDown.out + cupsDown.err));
    QVERIFY2(cupsDown.out.contains(QStringLiteral("warning: The print service (CUPS) does not answer")),
             qPrintable(cupsDown.out));
    QVERIFY(!cupsDown.out.contains(QStringLiteral("not set up")));
  }

  void sharedLocationCode_withoutShop_meansTheLoginsOwnShop()
  {
    // Two shops have an RNO, but this login is mapped to the demo shop only: the other one is invisible to it.
    const QString config =
        writeConfig(QStringLiteral("ambiguous.conf"), databaseSection(m_settings.host, m_settings.name),
                    QStringLiteral("location = RNO\nid = bench-cli-rno"));
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("northwind-outfitters.myshopify.com")), qPrintable(r.out));
    QVERIFY(test::scalar(m_admin, QStringLiteral("SELECT location_id FROM stations WHERE name = 'bench-cli-rno'")) !=
            m_otherRno);
  }

  void anotherShop_isInvisible_toThisLogin_exits3()
  {
    // Naming another shop in the station's own configuration opens nothing: the mapping decides (issue #12).
    const QString config =
        writeConfig(QStringLiteral("other-as-demo.conf"), databaseSection(m_settings.host, m_settings.name),
                    QStringLiteral("shop = other-outfitters.myshopify.com\nlocation = RNO\nid = bench-cli-sneaky"));
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("No shop other-outfitters.myshopify.com")), qPrintable(r.err));
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM stations WHERE name = 'bench-cli-sneaky'")), 0);
  }

  void otherShopsLogin_packsOnlyThatShopsWarehouse()
  {
    const QString config =
        writeConfig(QStringLiteral("other.conf"), databaseSection(m_settings.host, m_settings.name, m_otherRole),
                    QStringLiteral("shop = other-outfitters.myshopify.com\nlocation = RNO\nid = bench-cli-other"));
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("shop scope (row-level security): other-outfitters.myshopify.com")),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("queue: 2 order(s) waiting at RNO")), qPrintable(r.out));
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT location_id FROM stations WHERE name = 'bench-cli-other'")),
             m_otherRno);

    // The demo shop's RNO is the other one, with its own orders, for the demo shop's login.
    const QString demo =
        writeConfig(QStringLiteral("demo.conf"), databaseSection(m_settings.host, m_settings.name),
                    QStringLiteral("shop = northwind-outfitters.myshopify.com\nlocation = RNO\nid = bench-cli-demo"));
    const Run d = station({QStringLiteral("--config"), demo, QStringLiteral("--self-test")});
    QVERIFY2(d.exitCode == 0, qPrintable(d.out + d.err));
    const qint64 demoRno = test::scalar(
        m_admin, QStringLiteral("SELECT l.id FROM locations l JOIN shops s ON s.id = l.shop_id "
                                "WHERE s.domain = 'northwind-outfitters.myshopify.com' AND l.code = 'RNO'"));
    const qint64 demoWaiting = test::scalar(
        m_admin,
        QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE location_id = ? AND pack_state IN ('queued', "
                       "'claimed', 'held')"),
        {demoRno});
    QVERIFY2(d.out.contains(QStringLiteral("queue: %1 order(s) waiting at RNO").arg(demoWaiting)), qPrintable(d.out));
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT location_id FROM stations WHERE name = 'bench-cli-demo'")),
             demoRno);
  }

  void unknownShop_saysWhich_exits3()
  {
    const QString config = writeConfig(QStringLiteral("noshop.conf"), databaseSection(m_settings.host, m_settings.name),
                                       QStringLiteral("shop = nobody.myshopify.com"));
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("No shop nobody.myshopify.com")), qPrintable(r.err));
  }

  void unreachableDatabase_saysSo_exits3()
  {
    const QString config =
        writeConfig(QStringLiteral("unreachable.conf"),
                    databaseSection(m_dir.filePath(QStringLiteral("no-server-here")), m_settings.name),
                    QStringLiteral("location = RNO"));
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("cannot open postgres %1@").arg(m_stationRole)), qPrintable(r.err));
    QVERIFY(!r.out.contains(QStringLiteral("passed")));
  }

  void unmigratedDatabase_saysSo_exits3()
  {
    auto empty = test::createScratchDatabase(QStringLiteral("stationcli_empty"));
    VERIFY_OK(empty);
    const QString config = writeConfig(QStringLiteral("empty.conf"), databaseSection(m_settings.host, empty->name),
                                       QStringLiteral("location = RNO"));
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("schema"), Qt::CaseInsensitive) ||
                 r.err.contains(QStringLiteral("migrat"), Qt::CaseInsensitive),
             qPrintable(r.err));
  }

  void unknownLocation_saysWhich_exits3()
  {
    const QString config =
        writeConfig(QStringLiteral("nowhere.conf"), databaseSection(m_settings.host, m_settings.name),
                    QStringLiteral("location = XYZ"));
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("XYZ")), qPrintable(r.err));
  }

  void badConfiguration_namesTheKey_exits2_data()
  {
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("expected");
    QTest::newRow("port out of range") << QStringLiteral("driver = postgres\nport = 99999")
                                       << QStringLiteral("database.port");
    QTest::newRow("unknown driver") << QStringLiteral("driver = mysql") << QStringLiteral("database.driver");
    QTest::newRow("unknown key") << QStringLiteral("driver = postgres\nhots = db1") << QStringLiteral("database.hots");
  }

  void badConfiguration_namesTheKey_exits2()
  {
    QFETCH(QString, database);
    QFETCH(QString, expected);
    const QString config = writeConfig(QStringLiteral("bad.conf"), database, QString());
    const Run r = station({QStringLiteral("--config"), config, QStringLiteral("--self-test")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("bad.conf")), qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(StationPostgresCliTest)
#include "station_postgres_cli_test.moc"
