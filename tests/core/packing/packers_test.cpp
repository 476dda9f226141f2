// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/admin/packeradmin.h"
#include "core/db/sql.h"
#include "core/packing/packers.h"
#include "core/packing/pinhash.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/verify.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace pb::packing;

class PackersTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoSqlite(m_dir.filePath(QStringLiteral("p.sqlite")), QStringLiteral("packers"), m_clock);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
  }

  void pbkdf2_matchesRfc7914Vectors_data()
  {
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<int>("iterations");
    QTest::addColumn<QByteArray>("hex");
    QTest::newRow("c=1") << QByteArray("passwd") << QByteArray("salt") << 1
                         << QByteArray("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b64"
                                       "5991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    QTest::newRow("c=80000") << QByteArray("Password") << QByteArray("NaCl") << 80000
                             << QByteArray(
                                    "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a12258"
                                    "33549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
  }

  void pbkdf2_matchesRfc7914Vectors()
  {
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(int, iterations);
    QFETCH(QByteArray, hex);
    QCOMPARE(pbkdf2Sha256(password, salt, iterations, 64).toHex(), hex);
  }

  void pinHash_roundTripsAndIsSalted()
  {
    const QString a = hashPin(QStringLiteral("4711"), 1000);
    const QString b = hashPin(QStringLiteral("4711"), 1000);
    QVERIFY(a != b); // random salt
    QVERIFY(a.startsWith(QStringLiteral("pbkdf2-sha256$1000$")));
    QVERIFY(verifyPin(QStringLiteral("4711"), a));
    QVERIFY(!verifyPin(QStringLiteral("4712"), a));
    QVERIFY(!verifyPin(QString(), a));
    QVERIFY(!verifyPin(QStringLiteral("4711"), QStringLiteral("md5$abc")));
    QVERIFY(!verifyPin(QStringLiteral("4711"), QStringLiteral("pbkdf2-sha256$x$AA==$AA==")));
    QVERIFY(!verifyPin(QStringLiteral("4711"), QString()));
  }

  void demoPackers_signInWithBadgeOrPin()
  {
    auto byBadge = signInWithBadge(m_db, QStringLiteral("PB-1001"));
    QVERIFY(byBadge.ok());
    QCOMPARE(byBadge->name, QStringLiteral("Jordan P."));
    QVERIFY(!byBadge->isLead());
    auto byPin = signInWithPin(m_db, QStringLiteral("PB-9001"), QStringLiteral("9001"));
    QVERIFY(byPin.ok());
    QVERIFY(byPin->isLead());
  }

  void wrongPinOrBadge_sameAnswer()
  {
    const auto wrongPin = signInWithPin(m_db, QStringLiteral("PB-1001"), QStringLiteral("0000"));
    const auto noBadge = signInWithPin(m_db, QStringLiteral("PB-0000"), QStringLiteral("1001"));
    QVERIFY(!wrongPin.ok() && !noBadge.ok());
    QCOMPARE(wrongPin.error().kind, ErrorKind::Permission);
    QCOMPARE(noBadge.error().message, wrongPin.error().message);
    QCOMPARE(signInWithBadge(m_db, QStringLiteral("PB-0000")).error().kind, ErrorKind::NotFound);
  }

  void inactivePacker_isRefused()
  {
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE packers SET active = 0 WHERE badge_id = 'PB-1002'")).ok());
    QCOMPARE(signInWithBadge(m_db, QStringLiteral("PB-1002")).error().kind, ErrorKind::Permission);
    QVERIFY(!signInWithPin(m_db, QStringLiteral("PB-1002"), QStringLiteral("1002")).ok());
  }

  void packerAdmin_onSqlite_writesItsOwnHash_andSignOutIsANoOp()
  {
    // The embedded station checks PINs in C++ (PBKDF2); PostgreSQL's bcrypt is hub_admin_cli_test's.
    admin::PackerAdmin admin(m_db, QStringLiteral("tester"));
    VERIFY_OK(admin.add(QStringLiteral("PB-5151"), QStringLiteral("Sam"), QStringLiteral("packer"),
                        QStringLiteral("515151")));
    auto stored = db::exec(m_db, QStringLiteral("SELECT pin_hash FROM packers WHERE badge_id = 'PB-5151'"));
    QVERIFY(stored.ok() && stored.value().next());
    QVERIFY(stored.value().value(0).toString().startsWith(QStringLiteral("pbkdf2-sha256$")));
    auto packer = signInWithPin(m_db, QStringLiteral("PB-5151"), QStringLiteral("515151"), 1);
    VERIFY_OK(packer);
    QVERIFY(packer->signInToken.isEmpty()); // one shape: SQLite has no sign-in sessions
    VERIFY_OK(signOut(m_db, *packer));
    VERIFY_OK(admin.setPin(QStringLiteral("PB-5151"), QStringLiteral("626262")));
    QVERIFY(signInWithPin(m_db, QStringLiteral("PB-5151"), QStringLiteral("626262")).ok());
    QVERIFY(!signInWithPin(m_db, QStringLiteral("PB-5151"), QStringLiteral("515151")).ok());
  }
};

QTEST_GUILESS_MAIN(PackersTest)
#include "packers_test.moc"
