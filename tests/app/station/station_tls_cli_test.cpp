// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station executable against the TLS-only cluster, configured as a site would configure it:
// verify-full, the site CA and the bench's own client certificate. The self-test must pass over TLS;
// a weaker or broken TLS configuration must stop the station with a message naming the key.
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "tests/support/programrun.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace pb;

class StationTlsCliTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  db::ConnectionSettings m_settings;
  QSqlDatabase m_admin;

  QString writeConfig(const QString &name, const QString &tls)
  {
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
      return {};
    file.write(
        QStringLiteral("[database]\ndriver = postgres\nhost = localhost\nport = %1\nname = %2\n"
                       "user = pbt_tls_station\n%3\n[station]\nlocation = CMH\nid = bench-tls\n[log]\nfile = -\n")
            .arg(m_settings.port)
            .arg(m_settings.name, tls)
            .toUtf8());
    return path;
  }

  static QString benchTls(const QString &mode, const QString &ca)
  {
    return QStringLiteral("sslmode = %1\nssl_root_cert = %2\nssl_cert = %3\nssl_key = %4")
        .arg(mode, test::tlsFixtureFile(ca), test::tlsFixtureFile(QStringLiteral("pbt_tls_station.crt")),
             test::tlsFixtureFile(QStringLiteral("pbt_tls_station.key")));
  }

  test::ProgramRun station(const QString &config)
  {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    const QString sandbox = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128));
    QDir().mkpath(sandbox);
    return test::runProgram(
        QStringLiteral(PACKBENCH_STATION_BINARY),
        {QStringLiteral("--no-default-files"), QStringLiteral("--config"), config, QStringLiteral("--self-test")},
        sandbox, env);
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto server = test::tlsFixtureServer();
    VERIFY_OK(server);
    auto scratch = test::createScratchDatabaseOn(*server, QStringLiteral("stationtls"));
    VERIFY_OK(scratch);
    m_settings = *scratch;
    auto admin = db::openDatabase(m_settings, QStringLiteral("stationtls-admin"));
    VERIFY_OK(admin);
    m_admin = *admin;
    VERIFY_OK(db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(m_admin));
    const SystemClock clock;
    VERIFY_OK(db::seedDemoData(m_admin, clock));
    (void)db::execStatic(m_admin, QStringLiteral("DROP ROLE IF EXISTS pbt_tls_station"));
    VERIFY_OK(db::execStatic(m_admin, QStringLiteral("CREATE ROLE pbt_tls_station LOGIN IN ROLE packbench_station")));
    // Mapped to the demo shop and its locations, as `packbench-hub station-login create` does.
    VERIFY_OK(db::exec(m_admin,
                       QStringLiteral("INSERT INTO station_logins (login, shop_id, location_ids) SELECT ?, shop_id, "
                                      "array_agg(id) FROM locations WHERE shop_id = (SELECT min(id) FROM shops) "
                                      "GROUP BY shop_id"),
                       {QStringLiteral("pbt_tls_station")}));
  }

  void cleanupTestCase()
  {
    (void)db::execStatic(m_admin, QStringLiteral("DROP OWNED BY pbt_tls_station"));
    (void)db::execStatic(m_admin, QStringLiteral("DROP ROLE IF EXISTS pbt_tls_station"));
  }

  void selfTest_verifyFullWithClientCertificate_passesOverTls()
  {
    const auto r = station(
        writeConfig(QStringLiteral("good.conf"), benchTls(QStringLiteral("verify-full"), QStringLiteral("ca.crt"))));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("database transport: TLSv1.")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("queue notifications: ok")), qPrintable(r.out));
    QVERIFY(r.out.trimmed().endsWith(QStringLiteral("passed")));
  }

  void sslmodeDisable_isRefusedByTheServer_exits3()
  {
    const auto r = station(writeConfig(QStringLiteral("plain.conf"), QStringLiteral("sslmode = disable")));
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("only over TLS: database.sslmode is disable")), qPrintable(r.err));
    QVERIFY(!r.out.contains(QStringLiteral("passed")));
  }

  void wrongCa_isRefused_exits3_namingTheKey()
  {
    const auto r = station(writeConfig(QStringLiteral("wrongca.conf"),
                                       benchTls(QStringLiteral("verify-full"), QStringLiteral("other-ca.crt"))));
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("certificate verify failed")) &&
                 r.err.contains(QStringLiteral("database.ssl_root_cert")),
             qPrintable(r.err));
  }

  void missingCertificateFile_isAConfigError_exits2()
  {
    const auto r = station(writeConfig(QStringLiteral("missing.conf"),
                                       benchTls(QStringLiteral("verify-full"), QStringLiteral("no-such-ca.crt"))));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("'database.ssl_root_cert': no such file")) &&
                 r.err.contains(QStringLiteral("missing.conf")),
             qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(StationTlsCliTest)
#include "station_tls_cli_test.moc"
