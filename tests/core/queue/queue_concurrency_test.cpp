// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Many stations, one queue: every order is claimed exactly once, and a dead station's order
// comes back exactly once after its lease expires.
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/queue/orderqueue.h"
#include "tests/support/manualclock.h"
#include "tests/support/queueworld.h"
#include "tests/support/testdatabase.h"

#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace pb;
using namespace std::chrono_literals;

namespace {
constexpr int kClaimers = 64;
constexpr int kOrders = 10'000;

// What one claimer thread did; filled on its own thread, read after join.
struct ClaimerLog {
  QList<qint64> fulfillmentOrders;
  QString error;
};

// Opens its own connection, claims until the queue is empty, packs each claim in a transaction.
void drainQueue(const db::ConnectionSettings &settings, int index, qint64 stationId, qint64 locationId, ClaimerLog *log)
{
  const QString name = QStringLiteral("claimer-%1").arg(index);
  {
    auto opened = db::openDatabase(settings, name);
    if (!opened) {
      log->error = opened.error().message;
      return;
    }
    QSqlDatabase db = *opened;
    const SystemClock clock;
    queue::OrderQueue queue(db, clock, 120s);
    for (;;) {
      auto claim = queue.claimNext(stationId, locationId);
      if (!claim) {
        log->error = claim.error().message;
        break;
      }
      if (!claim->has_value())
        break;
      const queue::Claim c = **claim;
      log->fulfillmentOrders.append(c.fulfillmentOrderId);
      if (Status packed = db::inTransaction(db, [&]() -> Status { return queue.markPacked(c); }); !packed) {
        log->error = packed.error().message;
        break;
      }
    }
  }
  QSqlDatabase::removeDatabase(name);
}
} // namespace

class QueueConcurrencyTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_db;
  test::QueueWorld m_world;

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createScratchDatabase(QStringLiteral("queue_conc"));
    QVERIFY2(scratch.ok(), qPrintable(scratch.ok() ? QString() : scratch.error().message));
    m_settings = *scratch;
    auto db = db::openDatabase(m_settings, QStringLiteral("concurrency-main"));
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    QVERIFY(db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(m_db).ok());
    auto world = test::createQueueWorld(m_db);
    QVERIFY(world.ok());
    m_world = *world;
  }

  void claim_64ConcurrentClaimersDrain10000OrdersExactlyOnce()
  {
    auto added = test::addQueuedOrdersBulk(m_db, m_world.shopId, m_world.locationId, kOrders);
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
    QCOMPARE(*added, kOrders);

    std::vector<ClaimerLog> logs(kClaimers);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < kClaimers; ++i) {
      const qint64 station = i % 2 == 0 ? m_world.stationId : m_world.otherStationId;
      threads.emplace_back(QThread::create(drainQueue, m_settings, i, station, m_world.locationId, &logs[i]));
      threads.back()->start();
    }
    for (auto &thread : threads)
      QVERIFY(thread->wait());

    QSet<qint64> seen;
    int total = 0;
    int busyClaimers = 0;
    for (const ClaimerLog &log : logs) {
      QVERIFY2(log.error.isEmpty(), qPrintable(log.error));
      total += static_cast<int>(log.fulfillmentOrders.size());
      busyClaimers += log.fulfillmentOrders.isEmpty() ? 0 : 1;
      for (const qint64 fo : log.fulfillmentOrders) {
        QVERIFY2(!seen.contains(fo), qPrintable(QStringLiteral("order %1 claimed twice").arg(fo)));
        seen.insert(fo);
      }
    }
    QCOMPARE(total, kOrders);
    QVERIFY2(busyClaimers > kClaimers / 2, "the claimers did not actually run concurrently");
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM claims")), kOrders);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(DISTINCT fulfillment_order_id) FROM claims")), kOrders);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM claims WHERE release_reason = 'completed'")),
             kOrders);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE pack_state <> 'packed'")),
             0);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'claim'")), kOrders);
  }

  void claim_killedClaimersOrderComesBackOnceAfterExpiry()
  {
    auto fo = test::addQueuedOrder(m_db, m_world.shopId, m_world.locationId, 99, QDateTime());
    QVERIFY(fo.ok());
    test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(9, 0), Qt::UTC));
    qint64 claimId = 0;
    {
      // The doomed station: claims, scans once, then its process dies (no heartbeat, connection gone).
      auto opened = db::openDatabase(m_settings, QStringLiteral("doomed"));
      QVERIFY(opened.ok());
      QSqlDatabase doomed = *opened;
      queue::OrderQueue queue(doomed, clock, 120s);
      auto claim = queue.claimNext(m_world.stationId, m_world.locationId);
      QVERIFY(claim.ok() && claim->has_value());
      QCOMPARE((*claim)->fulfillmentOrderId, *fo);
      claimId = (*claim)->claimId;
      QVERIFY(test::addScan(doomed, *fo, claimId, m_world.stationId).ok());
      doomed.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("doomed"));

    queue::OrderQueue survivor(m_db, clock, 120s);
    auto early = survivor.claimNext(m_world.otherStationId, m_world.locationId);
    QVERIFY(early.ok());
    QVERIFY(!early->has_value()); // still leased to the dead station

    clock.advanceMs(121'000);
    // Several reapers at once (hub and stations): the order is returned exactly once.
    std::atomic<int> reaped{0};
    std::atomic<int> failures{0};
    std::vector<std::unique_ptr<QThread>> reapers;
    for (int i = 0; i < 4; ++i) {
      reapers.emplace_back(QThread::create([&, i] {
        const QString name = QStringLiteral("reaper-%1").arg(i);
        {
          auto opened = db::openDatabase(m_settings, name);
          if (!opened) {
            ++failures;
            return;
          }
          queue::OrderQueue queue(*opened, clock, 120s);
          auto count = queue.reapExpired();
          count ? reaped += *count : ++failures;
        }
        QSqlDatabase::removeDatabase(name);
      }));
      reapers.back()->start();
    }
    for (auto &thread : reapers)
      QVERIFY(thread->wait());
    QCOMPARE(failures.load(), 0);
    QCOMPARE(reaped.load(), 1);
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND "
                                         "release_reason = 'expired'"),
                          {*fo}),
             1);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM scan_events WHERE claim_id = ?"), {claimId}), 1);

    auto reclaim = survivor.claimNext(m_world.otherStationId, m_world.locationId);
    QVERIFY(reclaim.ok() && reclaim->has_value());
    QCOMPARE((*reclaim)->fulfillmentOrderId, *fo);
    QCOMPARE(*survivor.reapExpired(), 0);
  }
};

QTEST_GUILESS_MAIN(QueueConcurrencyTest)
#include "queue_concurrency_test.moc"
