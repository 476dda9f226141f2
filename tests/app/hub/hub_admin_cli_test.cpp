// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-hub's administration commands through the real binary against the fixture's PostgreSQL:
// packers (PIN from standard input, never an argument) and database logins for stations and the hub.
#include "core/db/sql.h"
#include "core/packing/packers.h"
#include "tests/support/programrun.h"
#include "tests/support/terminalrun.h"
#include "tests/support/testdatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace pb;
using namespace Qt::StringLiterals;

class HubAdminCliTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  test::MigratedDatabase m_db;
  QString m_suffix = QString::number(QRandomGenerator::global()->bounded(100000, 999999)); // roles are cluster-wide

  QStringList connection(const QString &user = u"postgres"_s) const
  {
    return QStringList{u"--no-default-files"_s} + test::postgresArgs(m_db.settings, user) +
           QStringList{u"--set"_s, u"log.file=-"_s};
  }

  test::ProgramRun hub(const QStringList &args, const QByteArray &input = {})
  {
    return test::runProgramWithInput(QStringLiteral(PACKBENCH_HUB_BINARY), args + connection(), m_dir.path(), input);
  }

  qint64 count(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db.db, sql, values); }

  static QString why(const test::ProgramRun &r) { return test::describe(r); }

  // Opens a connection as `user` with `password`; the fixture checks passwords of pbt_password_login members.
  Result<QSqlDatabase> loginAs(const QString &user, const QString &password, const QString &name)
  {
    db::ConnectionSettings settings = m_db.settings;
    settings.user = user;
    settings.password = password;
    return db::openDatabase(settings, name);
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_dir.isValid());
    auto db = test::createMigratedDatabase(u"hubadmin"_s);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    // The shop and warehouse a station login is mapped to.
    QVERIFY(db::exec(m_db.db, u"WITH s AS (INSERT INTO shops (domain, name) VALUES ('adm.myshopify.com', 'Adm') "
                              "RETURNING id) INSERT INTO locations (shop_id, code, name) SELECT id, c, c FROM s, "
                              "(VALUES ('WH1'), ('WH2')) v(c)"_s)
                .ok());
  }

  // station-login create NAME with the scope every station login needs.
  QStringList stationCreate(const QString &name, const QStringList &more = {}) const
  {
    return QStringList{u"station-login"_s,     u"create"_s,     name,    u"--shop"_s,
                       u"adm.myshopify.com"_s, u"--location"_s, u"WH1"_s} +
           more;
  }

  void packerAdd_withPinOnStdin_signsInWithIt_andIsAudited()
  {
    const test::ProgramRun r =
        hub({u"packer"_s, u"add"_s, u"PB-7001"_s, u"--name"_s, u"Robin Q."_s, u"--role"_s, u"lead"_s}, "482913\n");
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    QVERIFY(r.out.contains(u"packer PB-7001 added"_s));
    QVERIFY(!r.out.contains(u"482913"_s) && !r.err.contains(u"482913"_s));
    // Written as bcrypt by pgcrypto, as the database checks it (migration 0011): no PBKDF2 to verify in PL/pgSQL
    // (~0.9 s) and rewrite at the first sign-in.
    const QString hashSql = u"SELECT pin_hash FROM packers WHERE badge_id = 'PB-7001'"_s;
    auto stored = db::exec(m_db.db, hashSql);
    QVERIFY(stored.ok() && stored.value().next());
    const QString hash = stored.value().value(0).toString();
    QVERIFY2(hash.startsWith(u"$2a$10$"_s) && hash.size() == 60, qPrintable(hash.left(7)));
    auto packer = packing::signInWithPin(m_db.db, u"PB-7001"_s, u"482913"_s);
    QVERIFY2(packer.ok(), qPrintable(packer.ok() ? QString() : packer.error().message));
    QCOMPARE(packer->name, u"Robin Q."_s);
    QVERIFY(packer->isLead());
    QVERIFY(!packing::signInWithPin(m_db.db, u"PB-7001"_s, u"000000"_s).ok());
    // Nothing to upgrade: the first correct entry left the hash as it was.
    QCOMPARE(count(u"SELECT count(*) FROM packers WHERE badge_id = 'PB-7001' AND pin_hash = ?"_s, {hash}), 1);
    QCOMPARE(count(u"SELECT count(*) FROM audit_log WHERE action = 'packer.added' AND subject_id = 'PB-7001' "
                   "AND actor_kind = 'system'"_s),
             1);
  }

  void packerAdd_badInput_changesNothing_data()
  {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QStringList add{u"packer"_s, u"add"_s, u"PB-7002"_s, u"--name"_s, u"Kim"_s};
    QTest::newRow("short PIN") << add << QByteArray("12\n") << 2 << u"4 to 12 digits"_s;
    QTest::newRow("letters in PIN") << add << QByteArray("12ab\n") << 2 << u"4 to 12 digits"_s;
    QTest::newRow("no PIN") << add << QByteArray() << 2 << u"no PIN"_s;
    QTest::newRow("no name") << QStringList{u"packer"_s, u"add"_s, u"PB-7002"_s} << QByteArray("1234\n") << 2
                             << u"--name"_s;
    QTest::newRow("bad role") << (add + QStringList{u"--role"_s, u"boss"_s}) << QByteArray("1234\n") << 2 << u"boss"_s;
    QTest::newRow("bad badge") << QStringList{u"packer"_s, u"add"_s, u"PB 7002;--"_s, u"--name"_s, u"Kim"_s}
                               << QByteArray("1234\n") << 2 << u"not valid"_s;
    QTest::newRow("PIN as an argument") << (add + QStringList{u"--pin"_s, u"1234"_s}) << QByteArray("1234\n") << 1
                                        << u"Unknown option 'pin'"_s;
    QTest::newRow("existing badge") << QStringList{u"packer"_s, u"add"_s, u"PB-7001"_s, u"--name"_s, u"Again"_s}
                                    << QByteArray("123456\n") << 1 << u"exists already"_s;
  }

  void packerAdd_badInput_changesNothing()
  {
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const qint64 packers = count(u"SELECT count(*) FROM packers"_s);
    const qint64 audits = count(u"SELECT count(*) FROM audit_log"_s);
    const test::ProgramRun r = hub(args, input);
    QVERIFY2(r.exitCode == exitCode, qPrintable(why(r)));
    QVERIFY2(r.err.contains(message, Qt::CaseInsensitive), qPrintable(why(r)));
    QCOMPARE(count(u"SELECT count(*) FROM packers"_s), packers);
    QCOMPARE(count(u"SELECT count(*) FROM audit_log"_s), audits);
    QCOMPARE(count(u"SELECT count(*) FROM packers WHERE name = 'Again'"_s), 0);
  }

  // An administrator at a terminal: the PIN is typed twice at prompts that do not show it, and two PINs that differ
  // change nothing.
  void packerSetPin_atATerminal_isNotShown_andMustBeTypedTwice()
  {
    QVERIFY(hub({u"packer"_s, u"add"_s, u"PB-7005"_s, u"--name"_s, u"Kim"_s}, "1111\n").exitCode == 0);
    const QString binary = QStringLiteral(PACKBENCH_HUB_BINARY);
    const QStringList setPin = QStringList{u"packer"_s, u"set-pin"_s, u"PB-7005"_s} + connection();
    const test::TerminalRun typed = test::runInTerminal(
        binary, setPin,
        {{"New PIN for PB-7005 (4-12 digits, not shown): ", "73519"}, {"The same PIN again: ", "73519"}});
    QVERIFY2(typed.exitCode == 0, typed.screen.constData());
    QCOMPARE(typed.answered, 2);
    QVERIFY2(!typed.screen.contains("73519"), typed.screen.constData()); // not echoed
    QVERIFY(packing::signInWithPin(m_db.db, u"PB-7005"_s, u"73519"_s).ok());

    const test::TerminalRun differ =
        test::runInTerminal(binary, setPin, {{"New PIN for PB-7005", "24680"}, {"The same PIN again: ", "24681"}});
    QCOMPARE(differ.exitCode, 2);
    QVERIFY2(differ.screen.contains("the two PINs differ; nothing was changed"), differ.screen.constData());
    const test::TerminalRun tooShort = test::runInTerminal(binary, setPin, {{"New PIN for PB-7005", "12"}});
    QCOMPARE(tooShort.exitCode, 2);
    QCOMPARE(tooShort.answered, 1);                                          // refused before the second prompt
    QVERIFY(packing::signInWithPin(m_db.db, u"PB-7005"_s, u"73519"_s).ok()); // still the PIN set first
    QVERIFY(typed.echoing && differ.echoing && tooShort.echoing);

    // Ctrl+C at the hidden prompt: the administrator's terminal shows typing again, and nothing changed.
    const test::TerminalRun interrupted = test::runInTerminal(binary, setPin, {{"New PIN for PB-7005", "\x03"}});
    QCOMPARE(interrupted.answered, 1);
    QVERIFY2(interrupted.echoing, interrupted.screen.constData());
    QVERIFY(packing::signInWithPin(m_db.db, u"PB-7005"_s, u"73519"_s).ok());
    // And at the second prompt, with the first PIN typed: the same.
    const test::TerminalRun second =
        test::runInTerminal(binary, setPin, {{"New PIN for PB-7005", "86420"}, {"The same PIN again: ", "\x03"}});
    QCOMPARE(second.answered, 2);
    QVERIFY(second.exitCode != 0);
    QVERIFY2(second.echoing, second.screen.constData());
    QVERIFY2(!second.screen.contains("86420"), second.screen.constData());
    QVERIFY(packing::signInWithPin(m_db.db, u"PB-7005"_s, u"73519"_s).ok());
  }

  void packerSetPin_disable_enable_list()
  {
    QVERIFY(hub({u"packer"_s, u"add"_s, u"PB-7003"_s, u"--name"_s, u"Lee"_s}, "1111\n").exitCode == 0);
    test::ProgramRun r = hub({u"packer"_s, u"set-pin"_s, u"PB-7003"_s}, "20202020\n");
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    QCOMPARE(count(u"SELECT count(*) FROM packers WHERE badge_id = 'PB-7003' AND pin_hash LIKE '$2a$10$%'"_s), 1);
    QVERIFY(packing::signInWithPin(m_db.db, u"PB-7003"_s, u"20202020"_s).ok());
    QVERIFY(!packing::signInWithPin(m_db.db, u"PB-7003"_s, u"1111"_s).ok());

    r = hub({u"packer"_s, u"disable"_s, u"PB-7003"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    QCOMPARE(packing::signInWithBadge(m_db.db, u"PB-7003"_s).error().kind, ErrorKind::Permission);
    QVERIFY(!packing::signInWithPin(m_db.db, u"PB-7003"_s, u"20202020"_s).ok());
    r = hub({u"packer"_s, u"list"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    QVERIFY2(r.out.contains(u"PB-7003\tpacker\tno\tset\tLee"_s), qPrintable(r.out));
    QVERIFY(!r.out.contains(u"pbkdf2"_s) && !r.out.contains(u"$2a$"_s)); // no hashes on screen

    r = hub({u"packer"_s, u"enable"_s, u"PB-7003"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    QVERIFY(packing::signInWithBadge(m_db.db, u"PB-7003"_s).ok());
    QCOMPARE(count(u"SELECT count(*) FROM audit_log WHERE subject_id = 'PB-7003'"_s), 4);

    r = hub({u"packer"_s, u"disable"_s, u"PB-0000"_s});
    QVERIFY2(r.exitCode == 1 && r.err.contains(u"no packer has badge PB-0000"_s), qPrintable(why(r)));
  }

  void stationLogin_create_writesPassword0600_andLogsInAsAStation()
  {
    const QString name = u"station_bench_"_s + m_suffix;
    const QString file = m_dir.filePath(u"bench.password"_s);
    const test::ProgramRun r = hub(stationCreate(name, {u"--password-file"_s, file}));
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    QVERIFY(r.out.contains(u"password_file"_s) && r.out.contains(u"user = "_s + name));
    QVERIFY2(r.out.contains(u"shop = adm.myshopify.com"_s) && r.out.contains(u"location = WH1"_s), qPrintable(r.out));
    QCOMPARE(count(u"SELECT count(*) FROM station_logins m JOIN locations l ON l.id = ANY (m.location_ids) "
                   "WHERE m.login = ? AND l.code = 'WH1' AND cardinality(m.location_ids) = 1"_s,
                   {name}),
             1);
    struct stat status {};
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &status), 0);
    QCOMPARE(status.st_mode & 0777, 0600u); // nobody else reads it
    QFile passwordFile(file);
    QVERIFY(passwordFile.open(QIODevice::ReadOnly));
    const QString password = QString::fromUtf8(passwordFile.readAll()).trimmed();
    QVERIFY(password.size() >= 40);
    QVERIFY(!r.out.contains(password) && !r.err.contains(password));
    QCOMPARE(count(u"SELECT count(*) FROM pg_roles WHERE rolname = ? AND rolcanlogin"_s, {name}), 1);
    QCOMPARE(count(u"SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                   "JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = 'packbench_station' AND r.rolname = ?"_s,
                   {name}),
             1);
    // Stored as a SCRAM verifier, never the password itself.
    QCOMPARE(
        count(u"SELECT count(*) FROM pg_authid WHERE rolname = ? AND rolpassword LIKE 'SCRAM-SHA-256$%'"_s, {name}), 1);

    // The fixture checks passwords of this group's members: the file's password works, another does not.
    QVERIFY(db::execStatic(m_db.db, u"GRANT pbt_password_login TO "_s + name).ok());
    QVERIFY(!loginAs(name, u"wrong"_s, u"wrong-login"_s).ok());
    auto station = loginAs(name, password, u"station-login"_s);
    QVERIFY2(station.ok(), qPrintable(station.ok() ? QString() : station.error().message));
    QVERIFY(db::exec(*station, u"SELECT count(*) FROM packers"_s).ok());
    QCOMPARE(test::scalar(*station, u"SELECT count(*) FROM locations"_s), 2); // its shop's, nobody else's
    auto secret = db::exec(*station, u"SELECT count(*) FROM webhook_inbox"_s);
    QVERIFY(!secret.ok());
    QCOMPARE(secret.error().kind, ErrorKind::Permission);

    const test::ProgramRun again = hub({u"station-login"_s, u"list"_s});
    QVERIFY2(again.exitCode == 0 && again.out.contains(name + u"\tadm.myshopify.com\tWH1\tactive"_s),
             qPrintable(why(again)));

    // Revoked: the open session is ended, a new one is refused, the list says so.
    const test::ProgramRun revoked = hub({u"station-login"_s, u"revoke"_s, name});
    QVERIFY2(revoked.exitCode == 0, qPrintable(why(revoked)));
    QVERIFY(!db::exec(*station, u"SELECT count(*) FROM packers"_s).ok());
    QVERIFY(!loginAs(name, password, u"station-login-again"_s).ok());
    const test::ProgramRun listed = hub({u"station-login"_s, u"list"_s});
    QVERIFY2(listed.out.contains(name + u"\tadm.myshopify.com\tWH1\trevoked"_s), qPrintable(why(listed)));
    QVERIFY(hub({u"station-login"_s, u"revoke"_s, u"nobody_"_s + m_suffix}).exitCode != 0);
  }

  void stationLogin_needsAKnownShopAndLocation_andLeavesNoRoleOtherwise()
  {
    const QString name = u"station_scope_"_s + m_suffix;
    test::ProgramRun r = hub({u"station-login"_s, u"create"_s, name});
    QVERIFY2(r.exitCode == 2 && r.err.contains(u"--shop"_s), qPrintable(why(r)));
    r = hub({u"station-login"_s, u"create"_s, name, u"--shop"_s, u"adm.myshopify.com"_s, u"--location"_s, u"WH1,NOPE"_s,
             u"--password-file"_s, m_dir.filePath(u"scope.password"_s)});
    QVERIFY2(r.exitCode == 1 && r.err.contains(u"NOPE"_s), qPrintable(why(r)));
    r = hub({u"station-login"_s, u"create"_s, name, u"--shop"_s, u"other.myshopify.com"_s, u"--location"_s, u"WH1"_s});
    QVERIFY2(r.exitCode == 1 && r.err.contains(u"other.myshopify.com"_s), qPrintable(why(r)));
    QCOMPARE(count(u"SELECT count(*) FROM pg_roles WHERE rolname = ?"_s, {name}), 0);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(u"scope.password"_s)));
    r = hub({u"hub-login"_s, u"create"_s, name, u"--shop"_s, u"adm.myshopify.com"_s});
    QVERIFY2(r.exitCode == 2, qPrintable(why(r)));
  }

  void stationLogin_refusals_leaveNoRoleAndNoFile()
  {
    const QString name = u"station_dup_"_s + m_suffix;
    const QString existing = m_dir.filePath(u"taken.password"_s);
    QFile taken(existing);
    QVERIFY(taken.open(QIODevice::WriteOnly));
    taken.write("keep me\n");
    taken.close();
    test::ProgramRun r = hub(stationCreate(name, {u"--password-file"_s, existing}));
    QVERIFY2(r.exitCode == 1 && r.err.contains(u"cannot create"_s), qPrintable(why(r)));
    QVERIFY(taken.open(QIODevice::ReadOnly));
    QCOMPARE(taken.readAll(), QByteArray("keep me\n")); // never overwritten
    QCOMPARE(count(u"SELECT count(*) FROM pg_roles WHERE rolname = ?"_s, {name}), 0);

    r = hub({u"station-login"_s, u"create"_s, u"Robert'); DROP TABLE packers;--"_s});
    QVERIFY2(r.exitCode == 2 && r.err.contains(u"not valid"_s), qPrintable(why(r)));
    r = hub({u"station-login"_s, u"create"_s, u"packbench_station"_s});
    QVERIFY2(r.exitCode == 2 && r.err.contains(u"reserved"_s), qPrintable(why(r)));

    // An existing role: refused, and the password file made for it is gone again.
    const QString file = m_dir.filePath(u"dup.password"_s);
    QVERIFY(hub(stationCreate(name, {u"--password-file"_s, m_dir.filePath(u"first.password"_s)})).exitCode == 0);
    r = hub(stationCreate(name, {u"--password-file"_s, file}));
    QVERIFY2(r.exitCode == 1 && r.err.contains(u"exists already"_s), qPrintable(why(r)));
    QVERIFY(!QFileInfo::exists(file));
  }

  void certAndPeerLogins_haveNoPassword_andSayWhatToDo()
  {
    const QString station = u"station_cert_"_s + m_suffix;
    test::ProgramRun r = hub(stationCreate(station, {u"--auth"_s, u"cert"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(why(r)));
    QVERIFY(r.out.contains(u"hostssl"_s) && r.out.contains(u"/CN="_s + station) && r.out.contains(u"PGSSLMODE"_s));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(station + u".password"_s)));
    QCOMPARE(count(u"SELECT count(*) FROM pg_authid WHERE rolname = ? AND rolpassword IS NULL"_s, {station}), 1);

    const QString hubLogin = u"hub_"_s + m_suffix;
    r = hub({u"hub-login"_s, u"create"_s, hubLogin});
    QVERIFY2(r.exitCode == 0 && r.out.contains(u"peer"_s), qPrintable(why(r)));
    QCOMPARE(count(u"SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                   "JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = 'packbench_hub' AND r.rolname = ?"_s,
                   {hubLogin}),
             1);
    // The new hub login runs the hub's own commands.
    r = test::runProgramWithInput(QStringLiteral(PACKBENCH_HUB_BINARY),
                                  QStringList{u"packer"_s, u"list"_s} + connection(hubLogin), m_dir.path(), {});
    QVERIFY2(r.exitCode == 0 && r.out.contains(u"PB-7001"_s), qPrintable(why(r)));
    // An administrator lists the hub logins; a mistyped verb or a missing name is a usage error.
    r = hub({u"hub-login"_s, u"list"_s});
    QVERIFY2(r.exitCode == 0 && r.out.split(u'\n').contains(hubLogin), qPrintable(why(r)));
    r = hub({u"hub-login"_s, u"remove"_s, hubLogin});
    QVERIFY2(r.exitCode == 2 && r.err.contains(u"unknown hub-login command 'remove' (create, list)"_s),
             qPrintable(why(r)));
    r = hub({u"hub-login"_s, u"create"_s});
    QVERIFY2(r.exitCode == 2 && r.err.contains(u"hub-login create needs exactly one NAME"_s), qPrintable(why(r)));
  }
};

QTEST_GUILESS_MAIN(HubAdminCliTest)
#include "hub_admin_cli_test.moc"
