// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The real packbench-hub returns the orders of crashed stations to the queue by itself.
#include "core/base/clock.h"
#include "core/queue/orderqueue.h"
#include "tests/support/manualclock.h"
#include "tests/support/programrun.h"
#include "tests/support/queueworld.h"
#include "tests/support/runningprogram.h"
#include "tests/support/verify.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;

class HubReaperTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;

  QString packState(const QSqlDatabase &db, qint64 fo)
  {
    return test::scalar(db,
                        QStringLiteral("SELECT CASE pack_state WHEN 'queued' THEN 1 WHEN 'claimed' THEN 2 ELSE 0 "
                                       "END FROM fulfillment_orders WHERE id = ?"),
                        {fo}) == 1
               ? QStringLiteral("queued")
               : QStringLiteral("not queued");
  }

private Q_SLOTS:
  void serve_returnsExpiredLeasesToTheQueue_andLeavesLiveOnes()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("reaper"));
    VERIFY_OK(scratch);
    QSqlDatabase db = scratch->db;
    auto world = test::createQueueWorld(db);
    VERIFY_OK(world);
    auto crashed = test::addQueuedOrder(db, world->shopId, world->locationId, 9, QDateTime());
    VERIFY_OK(crashed);
    auto live = test::addQueuedOrder(db, world->shopId, world->locationId, 1, QDateTime());
    VERIFY_OK(live);
    // A bench claimed one order an hour ago and died; another holds a fresh lease.
    const test::ManualClock anHourAgo(QDateTime::currentDateTimeUtc().addSecs(-3600));
    queue::OrderQueue past(db, anHourAgo, std::chrono::seconds(120));
    auto dead = past.claimNext(world->stationId, world->locationId);
    VERIFY_OK(dead);
    QVERIFY(dead->has_value());
    QCOMPARE((*dead)->fulfillmentOrderId, *crashed);
    const SystemClock now;
    queue::OrderQueue present(db, now, std::chrono::seconds(600));
    auto alive = present.claimNext(world->otherStationId, world->locationId);
    VERIFY_OK(alive);
    QVERIFY(alive->has_value());

    // Stopped (killed) when the test ends, pass or fail.
    test::RunningProgram hub(QStringLiteral(PACKBENCH_HUB_BINARY),
                             QStringList{QStringLiteral("serve"), QStringLiteral("--no-default-files")} +
                                 test::postgresArgs(scratch->settings) +
                                 QStringList{QStringLiteral("--set"), QStringLiteral("hub.port=0"),
                                             QStringLiteral("--set"), QStringLiteral("hub.reap_interval_seconds=1"),
                                             QStringLiteral("--set"), QStringLiteral("log.file=-")},
                             m_dir.path());
    QVERIFY(hub.waitForStarted());
    QTRY_VERIFY2_WITH_TIMEOUT(packState(db, *crashed) == u"queued", qPrintable(hub.output()), 20'000);
    QCOMPARE(test::scalar(db, QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND release_reason = 'expired'"),
                          {(*dead)->claimId}),
             1);
    QCOMPARE(test::scalar(db,
                          QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'lease_expired' AND "
                                         "subject_id = ?"),
                          {QString::number(*crashed)}),
             1);
    QCOMPARE(packState(db, *live), QStringLiteral("not queued")); // a live lease is left alone
    QVERIFY(hub.isRunning());
  }
};

QTEST_GUILESS_MAIN(HubReaperTest)
#include "hub_reaper_test.moc"
