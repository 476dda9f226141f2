// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Against a real cluster that accepts only TLS with client certificates (postgres-tls-fixture.sh):
// verify-full with the right CA and certificate connects and carries real work; everything weaker or
// wrong is refused, and the message names the setting to fix.
#include "core/db/connection.h"
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/db/transportsecurity.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>
#include <QUuid>

using namespace pb;

class PostgresTlsTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_server;

  // Opens `s` under a fresh connection name; the caller removes it with close().
  static Result<QSqlDatabase> open(const db::ConnectionSettings &s)
  {
    return db::openDatabase(s, QStringLiteral("tls-") + QUuid::createUuid().toString(QUuid::Id128));
  }

  static void close(QSqlDatabase &db)
  {
    const QString name = db.connectionName();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
  }

  static void close(Result<QSqlDatabase> &opened)
  {
    const QString name = opened->connectionName();
    opened = makeError(ErrorKind::Internal, QStringLiteral("closed"));
    QSqlDatabase::removeDatabase(name);
  }

  // The open must fail, naming `libpqWords` (what the server or libpq said) and `hint` (our advice).
  void expectRefused(const db::ConnectionSettings &s, const QString &libpqWords, const QString &hint)
  {
    auto opened = open(s);
    QVERIFY2(!opened, "connected although it must be refused");
    QCOMPARE(opened.error().kind, ErrorKind::Unavailable);
    QVERIFY2(opened.error().message.contains(libpqWords), qPrintable(opened.error().message));
    QVERIFY2(opened.error().message.contains(hint), qPrintable(opened.error().message));
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto server = test::tlsFixtureServer();
    VERIFY_OK(server);
    m_server = *server;
  }

  void verifyFull_withClientCertificate_connectsOverTls()
  {
    auto opened = open(m_server);
    VERIFY_OK(opened);
    QVERIFY2(db::describeTransport(*opened).startsWith(u"TLSv1."), qPrintable(db::describeTransport(*opened)));
    // The server's own view: this session is encrypted and it saw our client certificate.
    auto seen =
        db::exec(*opened, QStringLiteral("SELECT ssl, client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
    VERIFY_OK(seen);
    QSqlQuery row = std::move(seen).value();
    QVERIFY(row.next());
    QCOMPARE(row.value(0).toBool(), true);
    QCOMPARE(row.value(1).toString(), QStringLiteral("/CN=postgres"));
    close(opened);
  }

  void migrationsAndStationWork_runOverTls()
  {
    auto scratch = test::createScratchDatabaseOn(m_server, QStringLiteral("tls"));
    VERIFY_OK(scratch);
    auto opened = open(*scratch);
    VERIFY_OK(opened);
    QSqlDatabase admin = std::move(opened).value();
    opened = makeError(ErrorKind::Internal, QStringLiteral("moved")); // one handle left: close() removes it
    VERIFY_OK(db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(admin));
    const SystemClock clock;
    VERIFY_OK(db::seedDemoData(admin, clock));
    const qint64 queued = test::scalar(admin, QStringLiteral("SELECT count(*) FROM fulfillment_orders"));
    QVERIFY(queued > 0);

    // A station logs in by its own certificate (CN = role name) and reads through its grants.
    (void)db::execStatic(admin, QStringLiteral("DROP ROLE IF EXISTS pbt_tls_station"));
    VERIFY_OK(db::execStatic(admin, QStringLiteral("CREATE ROLE pbt_tls_station LOGIN IN ROLE packbench_station")));
    VERIFY_OK(db::exec(admin,
                       QStringLiteral("INSERT INTO station_logins (login, shop_id, location_ids) SELECT ?, shop_id, "
                                      "array_agg(id) FROM locations WHERE shop_id = (SELECT min(id) FROM shops) "
                                      "GROUP BY shop_id"),
                       {QStringLiteral("pbt_tls_station")}));
    db::ConnectionSettings station = *scratch;
    station.user = QStringLiteral("pbt_tls_station");
    station.sslCert = test::tlsFixtureFile(QStringLiteral("pbt_tls_station.crt"));
    station.sslKey = test::tlsFixtureFile(QStringLiteral("pbt_tls_station.key"));
    auto bench = open(station);
    VERIFY_OK(bench);
    auto who = db::exec(*bench, QStringLiteral("SELECT session_user, (SELECT count(*) FROM locations)"));
    VERIFY_OK(who);
    QSqlQuery whoRow = std::move(who).value();
    QVERIFY(whoRow.next());
    QCOMPARE(whoRow.value(0).toString(), QStringLiteral("pbt_tls_station"));
    QVERIFY(whoRow.value(1).toLongLong() > 0);
    close(bench);

    // The certificate names one role: it cannot log in as another.
    db::ConnectionSettings impostor = station;
    impostor.user = QStringLiteral("postgres");
    expectRefused(impostor, QStringLiteral("certificate authentication failed"), QStringLiteral("database.ssl_cert"));
    VERIFY_OK(db::execStatic(admin, QStringLiteral("DROP OWNED BY pbt_tls_station")));
    VERIFY_OK(db::execStatic(admin, QStringLiteral("DROP ROLE pbt_tls_station")));
    close(admin);
  }

  void plaintext_isRefused_data()
  {
    QTest::addColumn<QString>("mode");
    QTest::newRow("disable") << QStringLiteral("disable");
    QTest::newRow("allow") << QStringLiteral("allow"); // tries plaintext first, then TLS: must still get in
  }

  void plaintext_isRefused()
  {
    QFETCH(QString, mode);
    db::ConnectionSettings s = m_server;
    s.sslMode = mode;
    if (mode == u"allow") {
      // allow falls back to TLS when the server refuses plaintext; the session must end up encrypted.
      auto opened = open(s);
      VERIFY_OK(opened);
      QVERIFY(db::describeTransport(*opened).startsWith(u"TLSv1."));
      close(opened);
      return;
    }
    expectRefused(s, QStringLiteral("no encryption"), QStringLiteral("only over TLS: database.sslmode is disable"));
  }

  void wrongCa_isRefused_withClearMessage()
  {
    db::ConnectionSettings s = m_server;
    s.sslRootCert = test::tlsFixtureFile(QStringLiteral("other-ca.crt"));
    expectRefused(s, QStringLiteral("certificate verify failed"),
                  QStringLiteral("not signed by a CA in database.ssl_root_cert ") + s.sslRootCert);
    s.sslMode = QStringLiteral("verify-ca"); // the CA is checked in verify-ca too
    expectRefused(s, QStringLiteral("certificate verify failed"), QStringLiteral("database.ssl_root_cert"));
  }

  void verifyFull_checksTheHostName()
  {
    // The server certificate names "localhost" only: 127.0.0.1 is the same machine but not the same name.
    db::ConnectionSettings s = m_server;
    s.host = QStringLiteral("127.0.0.1");
    expectRefused(s, QStringLiteral("does not match host name"), QStringLiteral("database.host"));
    s.sslMode = QStringLiteral("verify-ca"); // checks the CA, not the name
    auto opened = open(s);
    VERIFY_OK(opened);
    close(opened);
  }

  void withoutClientCertificate_isRefused()
  {
    db::ConnectionSettings s = m_server;
    s.sslCert.clear();
    s.sslKey.clear();
    expectRefused(s, QStringLiteral("requires a valid client certificate"),
                  QStringLiteral("set database.ssl_cert and database.ssl_key"));
  }

  void clientCertificateFromAnotherCa_isRefused()
  {
    db::ConnectionSettings s = m_server;
    s.sslCert = test::tlsFixtureFile(QStringLiteral("stranger.crt"));
    s.sslKey = test::tlsFixtureFile(QStringLiteral("stranger.key"));
    expectRefused(s, QStringLiteral("unknown ca"), QStringLiteral("not issued by a CA the server trusts"));
  }

  void autoMode_onLocalhost_prefersTls()
  {
    // auto on this machine is libpq's prefer: against a TLS server it still ends up encrypted.
    db::ConnectionSettings s = m_server;
    s.sslMode = QStringLiteral("auto");
    QCOMPARE(s.effectiveSslMode(), QStringLiteral("prefer"));
    auto opened = open(s);
    VERIFY_OK(opened);
    QVERIFY(db::describeTransport(*opened).startsWith(u"TLSv1."));
    close(opened);
  }

  void pathWithSemicolon_isRefusedBeforeConnecting()
  {
    db::ConnectionSettings s = m_server;
    s.sslRootCert = QStringLiteral("/tmp/a;sslmode=disable");
    auto opened = open(s);
    QVERIFY(!opened);
    QCOMPARE(opened.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(opened.error().message.contains(u"';'"), qPrintable(opened.error().message));
  }
};

QTEST_GUILESS_MAIN(PostgresTlsTest)
#include "postgres_tls_test.moc"
