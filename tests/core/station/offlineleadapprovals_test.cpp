// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A lead's approval kept at the bench for typed quantities offline, in a real journal file: the PIN checked against
// the bench's PBKDF2 copy, one of the database's offline approvals spent per approval, wrong PINs locked out as the
// database does, the copy gone after a shift, and neither the badge nor the PIN written in the clear.
#include "core/station/offlinejournal.h"
#include "core/station/offlineleadapprovals.h"
#include "tests/support/verify.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using station::OfflineLeadApprovals;

namespace {

const QDateTime kAt(QDate(2026, 12, 3), QTime(8, 0), Qt::UTC);
const QString kBadge = QStringLiteral("PB-9001");
const QString kPin = QStringLiteral("730519");
// A cheap KDF keeps the many checks here fast; the station keeps the default cost (packing::kDefaultPinIterations).
constexpr int kFastIterations = 1000;

packing::Packer lead()
{
  return {9001, kBadge, QStringLiteral("Lena Lead"), QStringLiteral("lead"), true, {}};
}

QList<packing::OfflineApproval> approvals(int count, const QDateTime &expires = kAt.addSecs(12 * 3600))
{
  QList<packing::OfflineApproval> made;
  for (int i = 0; i < count; ++i)
    made.append({QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0')), expires});
  return made;
}

} // namespace

class OfflineLeadApprovalsTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  std::unique_ptr<station::OfflineJournal> m_journal;

  std::unique_ptr<OfflineLeadApprovals> fresh(const QString &name)
  {
    m_journal.reset();
    auto journal = station::OfflineJournal::open(m_dir.filePath(name));
    if (!journal)
      qFatal("journal: %s", qPrintable(journal.error().message));
    m_journal = std::move(journal).value();
    return std::make_unique<OfflineLeadApprovals>(m_journal->database(), kFastIterations);
  }

private Q_SLOTS:
  void cleanup() { m_journal.reset(); }

  void rightPin_spendsOneApproval_untilNoneAreLeft()
  {
    auto leads = fresh(QStringLiteral("spend.sqlite"));
    VERIFY_OK(leads->remember(kBadge, kPin, lead(), approvals(2), kAt));
    auto first = leads->approve(QStringLiteral(" PB-9001 "), kPin, true, kAt.addSecs(600));
    VERIFY_OK(first);
    QCOMPARE(first->id, 9001);
    QCOMPARE(first->approvalToken, QStringLiteral("00000000-0000-4000-8000-000000000000"));
    auto second = leads->approve(kBadge, kPin, true, kAt.addSecs(700));
    VERIFY_OK(second);
    QVERIFY(second->approvalToken != first->approvalToken); // single-use: never handed out twice
    auto left = leads->approvalsLeft(kBadge, kAt.addSecs(700));
    VERIFY_OK(left);
    QCOMPARE(*left, 0);
    auto none = leads->approve(kBadge, kPin, true, kAt.addSecs(800));
    QVERIFY(!none.ok());
    QCOMPARE(none.error().kind, ErrorKind::Permission);
    QVERIFY(none.error().message.contains(QStringLiteral("No approvals offline left")));
  }

  void withoutTheDatabasesApprovals_theCopyAloneApproves_onSqlite()
  {
    auto leads = fresh(QStringLiteral("sqlite.sqlite"));
    VERIFY_OK(leads->remember(kBadge, kPin, lead(), {}, kAt));
    for (int i = 0; i < 3; ++i) {
      auto approved = leads->approve(kBadge, kPin, false, kAt.addSecs(60 * i));
      VERIFY_OK(approved);
      QVERIFY(approved->approvalToken.isEmpty());
      QCOMPARE(approved->id, 9001);
    }
  }

  void unknownBadge_wrongPin_andAnotherLeadsPin_areRefused()
  {
    auto leads = fresh(QStringLiteral("refused.sqlite"));
    VERIFY_OK(leads->remember(kBadge, kPin, lead(), approvals(3), kAt));
    auto unknown = leads->approve(QStringLiteral("PB-9002"), kPin, true, kAt);
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().message.contains(QStringLiteral("approved at this bench")));
    auto wrong = leads->approve(kBadge, QStringLiteral("000000"), true, kAt);
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().kind, ErrorKind::Permission);
    auto empty = leads->approve(kBadge, QString(), true, kAt);
    QVERIFY(!empty.ok());
    auto left = leads->approvalsLeft(kBadge, kAt);
    VERIFY_OK(left);
    QCOMPARE(*left, 3); // nothing spent on a refusal
  }

  void fiveWrongPins_lockTheBadge_thenBackOff_andTheRightPinResets()
  {
    auto leads = fresh(QStringLiteral("lockout.sqlite"));
    VERIFY_OK(leads->remember(kBadge, kPin, lead(), approvals(3), kAt));
    for (int i = 0; i < 4; ++i)
      QCOMPARE(leads->approve(kBadge, QStringLiteral("1111"), true, kAt).error().kind, ErrorKind::Permission);
    auto fifth = leads->approve(kBadge, QStringLiteral("1111"), true, kAt);
    QCOMPARE(fifth.error().kind, ErrorKind::LockedOut);
    QVERIFY(fifth.error().message.contains(QStringLiteral("30")));
    // Locked: even the right PIN waits.
    QCOMPARE(leads->approve(kBadge, kPin, true, kAt.addSecs(10)).error().kind, ErrorKind::LockedOut);
    // After the wait one more wrong PIN locks for twice as long.
    auto sixth = leads->approve(kBadge, QStringLiteral("1111"), true, kAt.addSecs(31));
    QCOMPARE(sixth.error().kind, ErrorKind::LockedOut);
    QVERIFY(sixth.error().message.contains(QStringLiteral("60")));
    auto right = leads->approve(kBadge, kPin, true, kAt.addSecs(31 + 61));
    VERIFY_OK(right);
    // The count starts again: four wrong PINs are only refusals.
    for (int i = 0; i < 4; ++i)
      QCOMPARE(leads->approve(kBadge, QStringLiteral("1111"), true, kAt.addSecs(200)).error().kind,
               ErrorKind::Permission);
  }

  void theCopyEndsWithTheShift_andExpiredApprovalsAreNotSpent()
  {
    auto leads = fresh(QStringLiteral("expiry.sqlite"));
    VERIFY_OK(leads->remember(kBadge, kPin, lead(), approvals(1, kAt.addSecs(3600)), kAt));
    auto late = leads->approve(kBadge, kPin, true, kAt.addSecs(3601)); // the database's approval ran out
    QVERIFY(!late.ok());
    QVERIFY(late.error().message.contains(QStringLiteral("No approvals offline left")));
    VERIFY_OK(leads->remember(kBadge, kPin, lead(), approvals(1), kAt));
    auto nextShift = leads->approve(kBadge, kPin, true, kAt.addSecs(12 * 3600 + 1));
    QVERIFY(!nextShift.ok());
    QVERIFY(nextShift.error().message.contains(QStringLiteral("12 hours")));
  }

  void aNewBatch_replacesTheLeadsEarlierOne()
  {
    auto leads = fresh(QStringLiteral("replace.sqlite"));
    VERIFY_OK(leads->remember(kBadge, kPin, lead(), approvals(3), kAt));
    QList<packing::OfflineApproval> later{{QStringLiteral("11111111-1111-4111-8111-111111111111"), kAt.addDays(1)}};
    VERIFY_OK(leads->remember(kBadge, QStringLiteral("246810"), lead(), later, kAt.addSecs(60)));
    QVERIFY(!leads->approve(kBadge, kPin, true, kAt.addSecs(120)).ok()); // the PIN changed meanwhile
    auto approved = leads->approve(kBadge, QStringLiteral("246810"), true, kAt.addSecs(120));
    VERIFY_OK(approved);
    QCOMPARE(approved->approvalToken, later.first().token);
    auto left = leads->approvalsLeft(kBadge, kAt.addSecs(120));
    VERIFY_OK(left);
    QCOMPARE(*left, 0); // the earlier three were withdrawn with the new batch
  }

  void onlyALeadsPinIsKept()
  {
    auto leads = fresh(QStringLiteral("packer.sqlite"));
    packing::Packer packer = lead();
    packer.role = QStringLiteral("packer");
    QVERIFY(!leads->remember(kBadge, kPin, packer, approvals(1), kAt).ok());
    QVERIFY(!leads->approve(kBadge, kPin, true, kAt).ok());
  }

  void neitherBadgeNorPin_isWrittenInTheClear()
  {
    auto leads = fresh(QStringLiteral("clear.sqlite"));
    VERIFY_OK(leads->remember(kBadge, kPin, lead(), approvals(1), kAt));
    const QString file = m_journal->path();
    m_journal.reset(); // closed: the WAL is checkpointed into the file
    leads.reset();
    QByteArray bytes;
    for (const QString &part : QStringList{file, file + QStringLiteral("-wal")}) {
      QFile f(part);
      if (f.open(QIODevice::ReadOnly))
        bytes += f.readAll();
    }
    QVERIFY(!bytes.isEmpty());
    QVERIFY(!bytes.contains(kBadge.toUtf8()));
    QVERIFY(!bytes.contains(kPin.toUtf8()));
    QVERIFY(bytes.contains("pbkdf2-sha256$1000$"));
  }
};

QTEST_GUILESS_MAIN(OfflineLeadApprovalsTest)
#include "offlineleadapprovals_test.moc"
