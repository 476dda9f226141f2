// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Stations wake on LISTEN/NOTIFY: new work at their location, and changes to the order they hold.
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/queue/orderqueue.h"
#include "core/queue/queuenotifier.h"
#include "tests/support/queueworld.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace std::chrono_literals;

class QueueNotifierTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_writer;   // the hub / another station
  QSqlDatabase m_listener; // this station's notification connection
  test::QueueWorld m_world;
  const SystemClock m_clock{}; // {}: clang refuses a const member with no initialiser

  queue::Claim claimOne()
  {
    queue::OrderQueue queue(m_writer, m_clock, 120s);
    auto claim = queue.claimNext(m_world.stationId, m_world.locationId);
    if (!claim || !claim->has_value())
      qFatal("nothing to claim");
    return **claim;
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createScratchDatabase(QStringLiteral("notify"));
    VERIFY_OK(scratch);
    auto writer = db::openDatabase(*scratch, QStringLiteral("notify-writer"));
    auto listener = db::openDatabase(*scratch, QStringLiteral("notify-listener"));
    VERIFY_OK(writer);
    VERIFY_OK(listener);
    m_writer = *writer;
    m_listener = *listener;
    VERIFY_OK(db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(m_writer));
    auto world = test::createQueueWorld(m_writer);
    VERIFY_OK(world);
    m_world = *world;
  }

  void newQueuedOrder_wakesItsLocation()
  {
    queue::QueueNotifier notifier(m_listener);
    VERIFY_OK(notifier.start());
    QVERIFY(notifier.isListening());
    QSignalSpy work(&notifier, &queue::QueueNotifier::workAvailable);
    VERIFY_OK(test::addQueuedOrder(m_writer, m_world.shopId, m_world.locationId, 0, QDateTime()));
    QVERIFY(work.wait(5000));
    QCOMPARE(work.first().first().toLongLong(), m_world.locationId);
  }

  void releasedOrExpiredOrder_wakesAgain()
  {
    VERIFY_OK(test::addQueuedOrder(m_writer, m_world.shopId, m_world.locationId, 0, QDateTime()));
    const queue::Claim claim = claimOne();
    queue::QueueNotifier notifier(m_listener);
    VERIFY_OK(notifier.start());
    QSignalSpy work(&notifier, &queue::QueueNotifier::workAvailable);
    queue::OrderQueue queue(m_writer, m_clock, 120s);
    VERIFY_OK(queue.release(claim));
    QVERIFY(work.wait(5000));
    QCOMPARE(work.first().first().toLongLong(), m_world.locationId);
  }

  void claimedOrderCancelled_tellsItsStation()
  {
    VERIFY_OK(test::addQueuedOrder(m_writer, m_world.shopId, m_world.locationId, 50, QDateTime()));
    const queue::Claim claim = claimOne();
    queue::QueueNotifier notifier(m_listener);
    VERIFY_OK(notifier.start());
    QSignalSpy changed(&notifier, &queue::QueueNotifier::orderChanged);
    VERIFY_OK(db::exec(m_writer, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"),
                       {claim.fulfillmentOrderId}));
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().first().toLongLong(), claim.fulfillmentOrderId);
  }

  void claimedOrderEdited_tellsItsStation()
  {
    VERIFY_OK(test::addQueuedOrder(m_writer, m_world.shopId, m_world.locationId, 60, QDateTime()));
    const queue::Claim claim = claimOne();
    queue::QueueNotifier notifier(m_listener);
    VERIFY_OK(notifier.start());
    QSignalSpy changed(&notifier, &queue::QueueNotifier::orderChanged);

    // A line edit, a version bump and a cancellation of the parent order each reach the station.
    VERIFY_OK(db::exec(m_writer,
                       QStringLiteral("UPDATE fulfillment_order_lines SET quantity = 1, remaining_quantity = 1 "
                                      "WHERE fulfillment_order_id = ?"),
                       {claim.fulfillmentOrderId}));
    QVERIFY(changed.wait(5000));
    VERIFY_OK(db::exec(m_writer, QStringLiteral("UPDATE fulfillment_orders SET version = version + 1 WHERE id = ?"),
                       {claim.fulfillmentOrderId}));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 5000);
    VERIFY_OK(db::exec(m_writer,
                       QStringLiteral("UPDATE orders SET cancelled_at = now() WHERE id = (SELECT order_id "
                                      "FROM fulfillment_orders WHERE id = ?)"),
                       {claim.fulfillmentOrderId}));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 3, 5000);
    for (const QList<QVariant> &signal : changed)
      QCOMPARE(signal.first().toLongLong(), claim.fulfillmentOrderId);
  }

  void packingOwnOrder_isNotAChange()
  {
    VERIFY_OK(test::addQueuedOrder(m_writer, m_world.shopId, m_world.locationId, 70, QDateTime()));
    const queue::Claim claim = claimOne();
    queue::QueueNotifier notifier(m_listener);
    VERIFY_OK(notifier.start());
    QSignalSpy changed(&notifier, &queue::QueueNotifier::orderChanged);
    QSignalSpy work(&notifier, &queue::QueueNotifier::workAvailable);
    queue::OrderQueue queue(m_writer, m_clock, 120s);
    VERIFY_OK(db::inTransaction(m_writer, [&]() -> Status { return queue.markPacked(claim); }));
    // Notifications arrive in commit order: once this later one is in, an earlier one would be too.
    VERIFY_OK(test::addQueuedOrder(m_writer, m_world.shopId, m_world.locationId, 0, QDateTime()));
    QVERIFY(work.wait(5000));
    QCOMPARE(changed.size(), 0);
  }

  void stopped_hearsNothing_andRestarts()
  {
    queue::QueueNotifier notifier(m_listener);
    VERIFY_OK(notifier.start());
    notifier.stop();
    QVERIFY(!notifier.isListening());
    VERIFY_OK(notifier.start()); // start again, as after a reconnect
    QSignalSpy work(&notifier, &queue::QueueNotifier::workAvailable);
    VERIFY_OK(test::addQueuedOrder(m_writer, m_world.shopId, m_world.locationId, 0, QDateTime()));
    QVERIFY(work.wait(5000));
    QCOMPARE(work.size(), 1);
  }

  void sqlite_startsAndStaysSilent()
  {
    QTemporaryDir dir;
    db::ConnectionSettings s;
    s.sqlitePath = dir.filePath(QStringLiteral("n.sqlite"));
    {
      auto db = db::openDatabase(s, QStringLiteral("notify-sqlite"));
      VERIFY_OK(db);
      queue::QueueNotifier notifier(*db);
      VERIFY_OK(notifier.start());
      QVERIFY(!notifier.isListening());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("notify-sqlite"));
  }
};

QTEST_GUILESS_MAIN(QueueNotifierTest)
#include "queue_notifier_test.moc"
