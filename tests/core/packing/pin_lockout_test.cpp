// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PINs are checked inside PostgreSQL (migration 0011): a station never reads a hash, repeated failures lock the
// badge with a growing wait, every failure is audited, and hashes written before keep working.
#include "core/db/sql.h"
#include "core/packing/packers.h"
#include "core/packing/pinhash.h"
#include "tests/support/queueworld.h"
#include "tests/support/stationlogin.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;
using test::kindOf;

class PinLockoutTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_admin;
  test::StationLogin m_station;

  qint64 addPacker(const QString &badge, const QString &role, const QString &pinHash)
  {
    return test::scalar(m_admin,
                        QStringLiteral("INSERT INTO packers (badge_id, name, role, pin_hash) VALUES (?, 'Test', ?, ?) "
                                       "RETURNING id"),
                        {badge, role, pinHash});
  }

  qint64 audited(const QString &action, qint64 packerId)
  {
    return test::scalar(m_admin,
                        QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND subject_kind = 'packer' "
                                       "AND subject_id = ?"),
                        {action, QString::number(packerId)});
  }

  // As if the wait had passed (the lock is the server's clock, not the test's).
  void expireLock(qint64 packerId)
  {
    VERIFY_OK(db::exec(m_admin,
                       QStringLiteral("UPDATE pin_attempts SET locked_until = now() - interval '1 second' "
                                      "WHERE packer_id = ?"),
                       {packerId}));
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("pinlock"));
    VERIFY_OK(scratch);
    m_admin = scratch->db;
    auto world = test::createQueueWorld(m_admin);
    VERIFY_OK(world);
    auto station = test::createStationLogin(m_admin, scratch->settings, QStringLiteral("pbt_pin_"), world->shopId,
                                            {world->locationId});
    VERIFY_OK(station);
    m_station = *station;
  }

  void cleanupTestCase() { test::dropStationLogin(m_admin, m_station); }

  void legacyPbkdf2Hash_signsIn_andIsUpgradedToBcrypt()
  {
    const qint64 id =
        addPacker(QStringLiteral("PB-L1"), QStringLiteral("packer"), packing::hashPin(QStringLiteral("2468"), 1000));
    QCOMPARE(kindOf(packing::signInWithPin(m_station.db, QStringLiteral("PB-L1"), QStringLiteral("1357"))),
             ErrorKind::Permission);
    auto packer = packing::signInWithPin(m_station.db, QStringLiteral("PB-L1"), QStringLiteral("2468"));
    VERIFY_OK(packer);
    QCOMPARE(packer->id, id);
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM packers WHERE id = ? AND pin_hash LIKE '$2%'"),
                          {id}),
             1);
    VERIFY_OK(packing::signInWithPin(m_station.db, QStringLiteral("PB-L1"), QStringLiteral("2468")));
    // Also at the tool's default cost, as `packbench-hub packer add` writes it.
    addPacker(QStringLiteral("PB-L2"), QStringLiteral("packer"), packing::hashPin(QStringLiteral("8642")));
    VERIFY_OK(packing::signInWithPin(m_station.db, QStringLiteral("PB-L2"), QStringLiteral("8642")));
  }

  void fiveWrongPins_lockTheBadge_withAGrowingWait()
  {
    const qint64 id =
        addPacker(QStringLiteral("PB-K1"), QStringLiteral("packer"), packing::hashPin(QStringLiteral("4711"), 1000));
    for (int i = 1; i <= 4; ++i) {
      auto wrong = packing::signInWithPin(m_station.db, QStringLiteral("PB-K1"), QStringLiteral("0000"));
      QVERIFY(!wrong.ok());
      QCOMPARE(kindOf(wrong), ErrorKind::Permission);
    }
    auto fifth = packing::signInWithPin(m_station.db, QStringLiteral("PB-K1"), QStringLiteral("0000"));
    QVERIFY(!fifth.ok());
    QCOMPARE(kindOf(fifth), ErrorKind::LockedOut);
    QCOMPARE(fifth.error().message, packing::lockedOutMessage(30));
    QVERIFY2(fifth.error().message.contains(QStringLiteral("30")), qPrintable(fifth.error().message));
    // While locked even the right PIN is turned away, and that attempt is audited too.
    auto right = packing::signInWithPin(m_station.db, QStringLiteral("PB-K1"), QStringLiteral("4711"));
    QVERIFY(!right.ok());
    QCOMPARE(kindOf(right), ErrorKind::LockedOut);
    QCOMPARE(audited(QStringLiteral("pin.failed"), id), 5);
    QCOMPARE(audited(QStringLiteral("pin.locked_out"), id), 1);
    // After the wait, one more failure locks for twice as long.
    expireLock(id);
    auto sixth = packing::signInWithPin(m_station.db, QStringLiteral("PB-K1"), QStringLiteral("1234"));
    QCOMPARE(kindOf(sixth), ErrorKind::LockedOut);
    QCOMPARE(sixth.error().message, packing::lockedOutMessage(60));
    // The right PIN after the wait signs in and clears the count.
    expireLock(id);
    VERIFY_OK(packing::signInWithPin(m_station.db, QStringLiteral("PB-K1"), QStringLiteral("4711")));
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT failures FROM pin_attempts WHERE packer_id = ?"), {id}), 0);
    // The audit never holds a PIN or a badge number.
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM audit_log WHERE details::text LIKE '%4711%' "
                                                  "OR details::text LIKE '%PB-K1%' OR details::text LIKE '%0000%'")),
             0);
  }

  void leadApproval_checksPin_andLocksOutToo()
  {
    const qint64 lead =
        addPacker(QStringLiteral("PB-K9"), QStringLiteral("lead"), packing::hashPin(QStringLiteral("9001"), 1000));
    addPacker(QStringLiteral("PB-K2"), QStringLiteral("packer"), packing::hashPin(QStringLiteral("2002"), 1000));
    // A packer's right PIN is no lead approval, and does not count against the packer.
    QCOMPARE(kindOf(packing::approveAsLead(m_station.db, QStringLiteral("PB-K2"), QStringLiteral("2002"))),
             ErrorKind::Permission);
    QCOMPARE(kindOf(packing::approveAsLead(m_station.db, QStringLiteral("PB-K9"), QString())),
             ErrorKind::Permission); // a badge alone approves nothing
    auto approved = packing::approveAsLead(m_station.db, QStringLiteral("PB-K9"), QStringLiteral("9001"));
    VERIFY_OK(approved);
    QCOMPARE(approved->id, lead);
    QVERIFY(!approved->approvalToken.isEmpty());
    for (int i = 0; i < 4; ++i)
      QCOMPARE(kindOf(packing::approveAsLead(m_station.db, QStringLiteral("PB-K9"), QStringLiteral("1111"))),
               ErrorKind::Permission);
    QCOMPARE(kindOf(packing::approveAsLead(m_station.db, QStringLiteral("PB-K9"), QStringLiteral("1111"))),
             ErrorKind::LockedOut);
    QCOMPARE(kindOf(packing::approveAsLead(m_station.db, QStringLiteral("PB-K9"), QStringLiteral("9001"))),
             ErrorKind::LockedOut);
  }

  void unknownBadge_isRefused_andAudited()
  {
    const qint64 before = test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                                               "'pin.failed' AND subject_id = 'unknown'"));
    QCOMPARE(kindOf(packing::signInWithPin(m_station.db, QStringLiteral("PB-NOBODY"), QStringLiteral("1234"))),
             ErrorKind::Permission);
    QCOMPARE(test::scalar(m_admin, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'pin.failed' AND "
                                                  "subject_id = 'unknown'")),
             before + 1);
  }
};

QTEST_GUILESS_MAIN(PinLockoutTest)
#include "pin_lockout_test.moc"
