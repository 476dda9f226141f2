// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/burstlimiter.h"
#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/base/version.h"
#include "tests/support/manualclock.h"

#include <QTest>

using namespace pb;

class ClockResultTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void manualClock_movesOnlyWhenTold()
  {
    const QDateTime start(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC);
    test::ManualClock clock(start);
    QCOMPARE(clock.nowUtc(), start);
    QCOMPARE(clock.monotonicMs(), 0);
    clock.advanceMs(90'000);
    QCOMPARE(clock.nowUtc(), start.addSecs(90));
    QCOMPARE(clock.monotonicMs(), 90'000);
  }

  void systemClock_isUtcAndMonotonic()
  {
    const SystemClock clock;
    QCOMPARE(clock.nowUtc().timeSpec(), Qt::UTC);
    const qint64 a = clock.monotonicMs();
    QVERIFY(clock.monotonicMs() >= a);
  }

  void result_holdsValueOrError()
  {
    Result<int> good = 7;
    QVERIFY(good.ok());
    QCOMPARE(*good, 7);
    Result<int> bad = makeError(ErrorKind::NotFound, QStringLiteral("nope"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().kind, ErrorKind::NotFound);
    Status fine;
    QVERIFY(fine.ok());
    Status failed = makeError(ErrorKind::Conflict, QStringLiteral("taken"));
    QCOMPARE(failed.error().message, QStringLiteral("taken"));
  }

  void burstLimiter_admitsFirstThenOnePerIntervalWithTheHeldBackCount()
  {
    BurstLimiter limiter(10'000);
    QCOMPARE(limiter.admit(5'000), std::optional<int>(0));
    QCOMPARE(limiter.admit(5'001), std::nullopt);
    QCOMPARE(limiter.admit(14'999), std::nullopt);
    QCOMPARE(limiter.admit(15'000), std::optional<int>(2));
    QCOMPARE(limiter.admit(15'500), std::nullopt);
    QCOMPARE(limiter.admit(60'000), std::optional<int>(1));
    QCOMPARE(limiter.admit(80'000), std::optional<int>(0));
  }

  void version_isTheProjectVersion() { QCOMPARE(versionString(), QStringLiteral(PACKBENCH_VERSION)); }
};

QTEST_GUILESS_MAIN(ClockResultTest)
#include "clock_result_test.moc"
