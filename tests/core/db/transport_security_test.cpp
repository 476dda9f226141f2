// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Which sslmode a database host gets and the libpq options that carry it; the handshake itself is
// tested against a real TLS cluster in tests/core/db/postgres_tls_test.
#include "core/config/configloader.h"
#include "core/db/connection.h"
#include "core/db/transportsecurity.h"

#include <QTest>

#include <optional>

using namespace pb;

class TransportSecurityTest final : public QObject {
  Q_OBJECT

  // A station's database settings as `--set` overrides make them; none when the configuration is refused.
  static std::optional<db::ConnectionSettings> stationSettings(const QStringList &overrides)
  {
    config::LoadOptions o;
    o.program = config::Scope::Station;
    o.overrides = overrides;
    auto config = config::loadConfig(o);
    if (!config)
      return std::nullopt;
    return db::ConnectionSettings::fromConfig(*config);
  }

private Q_SLOTS:
  void autoMode_dependsOnWhereTheHostIs_data()
  {
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("mode");
    QTest::newRow("socket directory") << QStringLiteral("/run/postgresql") << QStringLiteral("prefer");
    QTest::newRow("abstract socket") << QStringLiteral("@pg") << QStringLiteral("prefer");
    QTest::newRow("empty (libpq default socket)") << QString() << QStringLiteral("prefer");
    QTest::newRow("localhost") << QStringLiteral("localhost") << QStringLiteral("prefer");
    QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST") << QStringLiteral("prefer");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << QStringLiteral("prefer");
    QTest::newRow("127.1.2.3") << QStringLiteral("127.1.2.3") << QStringLiteral("prefer");
    QTest::newRow("::1") << QStringLiteral("::1") << QStringLiteral("prefer");
    QTest::newRow("LAN name") << QStringLiteral("db.internal") << QStringLiteral("verify-full");
    QTest::newRow("LAN address") << QStringLiteral("10.0.0.5") << QStringLiteral("verify-full");
    QTest::newRow("looks local, is not") << QStringLiteral("localhost.evil.example") << QStringLiteral("verify-full");
    QTest::newRow("127 name") << QStringLiteral("127.example.com") << QStringLiteral("verify-full");
    QTest::newRow("bad quad") << QStringLiteral("127.0.0.256") << QStringLiteral("verify-full");
  }

  void autoMode_dependsOnWhereTheHostIs()
  {
    QFETCH(QString, host);
    QFETCH(QString, mode);
    db::ConnectionSettings s;
    s.driver = db::Driver::Postgres;
    s.host = host;
    QCOMPARE(s.effectiveSslMode(), mode);
  }

  void configDefault_isAuto_soANetworkHostIsVerified()
  {
    auto s = stationSettings({QStringLiteral("database.driver=postgres"), QStringLiteral("database.host=db.internal")});
    QVERIFY(s);
    QCOMPARE(s->sslMode, QStringLiteral("auto"));
    QCOMPARE(s->effectiveSslMode(), QStringLiteral("verify-full"));
    auto options = db::tlsConnectOptions(*s);
    QVERIFY(options.ok());
    QCOMPARE(*options, QStringLiteral("sslmode=verify-full"));
  }

  void linkTimeout_fromConfig_boundsKeepalivesAndUnacknowledgedData()
  {
    auto s = stationSettings(
        {QStringLiteral("database.driver=postgres"), QStringLiteral("database.link_timeout_seconds=4")});
    QVERIFY(s);
    QCOMPARE(s->linkTimeoutSeconds, 4);
    // Idle: probed after 2 s, then 3 probes 1 s apart (5 s); data sent into the void: given up after 4 s.
    QCOMPARE(db::linkTimeoutOptions(4), QStringLiteral("connect_timeout=2;application_name=packbench;keepalives=1;"
                                                       "keepalives_idle=2;keepalives_interval=1;keepalives_count=3;"
                                                       "tcp_user_timeout=4000;"));
    QVERIFY(db::linkTimeoutOptions(10).endsWith(QStringLiteral("keepalives_idle=5;keepalives_interval=1;"
                                                               "keepalives_count=3;tcp_user_timeout=10000;")));
    // Below the 2 s floor: a blip would drop every connection.
    QVERIFY(!stationSettings({QStringLiteral("database.link_timeout_seconds=1")}));
  }

  void explicitMode_isKept_andFilesQuoted()
  {
    db::ConnectionSettings s;
    s.host = QStringLiteral("db.internal");
    s.sslMode = QStringLiteral("verify-ca");
    s.sslRootCert = QStringLiteral("/etc/packbench/it's ca.crt");
    s.sslCert = QStringLiteral("C:\\certs\\bench.crt");
    s.sslKey = QStringLiteral("/k");
    auto options = db::tlsConnectOptions(s);
    QVERIFY(options.ok());
    QCOMPARE(*options, QStringLiteral("sslmode=verify-ca;sslrootcert='/etc/packbench/it\\'s ca.crt';"
                                      "sslcert='C:\\\\certs\\\\bench.crt';sslkey='/k'"));
  }

  void optionInjection_throughAPath_isRefused()
  {
    db::ConnectionSettings s;
    s.sslRootCert = QStringLiteral("/x;sslmode=disable");
    QVERIFY(!db::tlsConnectOptions(s).ok());
    s.sslRootCert.clear();
    s.sslCert = QStringLiteral("/c"); // a certificate without its key
    QVERIFY(!db::tlsConnectOptions(s).ok());
    s.sslKey = QStringLiteral("/k");
    s.sslMode = QStringLiteral("verify-full sslmode=disable");
    QVERIFY(!db::tlsConnectOptions(s).ok());
  }

  void verifiesServer_onlyForVerifyModes()
  {
    QVERIFY(db::verifiesServer(QStringLiteral("verify-full")));
    QVERIFY(db::verifiesServer(QStringLiteral("verify-ca")));
    QVERIFY(!db::verifiesServer(QStringLiteral("require")));
    QVERIFY(!db::verifiesServer(QStringLiteral("prefer")));
  }
};

QTEST_GUILESS_MAIN(TransportSecurityTest)
#include "transport_security_test.moc"
