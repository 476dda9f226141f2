// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// InboxProcessor's batches on a real PostgreSQL: a failing row is undone alone (dead letter or left
// pending), rows of one order apply in order, a lost connection loses nothing, two hubs share the inbox.
#include "core/base/clock.h"
#include "core/db/reconnector.h"
#include "core/db/sql.h"
#include "core/hub/inboxthread.h"
#include "core/shopify/inboxprocessor.h"
#include "tests/support/inboxstore.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>

using namespace pb;

namespace {
const QString kShop = QStringLiteral("packbench-batch.myshopify.com");
const QString kConnection = QStringLiteral("inbox-under-test");
} // namespace

class InboxBatchTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_db;      // superuser: fixtures, triggers, checks
  QSqlDatabase m_inboxDb; // the processor's own connection, as in the hub
  std::unique_ptr<shopify::InboxProcessor> m_processor;
  const QDateTime m_t0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);

  qint64 store(const QString &topic, const QByteArray &body)
  {
    shopify::WebhookDelivery delivery;
    delivery.shopDomain = kShop;
    delivery.topic = topic;
    delivery.webhookId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    delivery.body = body;
    auto stored = test::storeWebhook(m_db, delivery);
    if (!stored || *stored != shopify::StoreOutcome::Stored)
      return -1;
    return test::scalar(m_db, QStringLiteral("SELECT id FROM webhook_inbox WHERE webhook_id = ?"),
                        {delivery.webhookId});
  }

  qint64 storeOrder(const QString &topic, const QJsonObject &order) { return store(topic, test::compact(order)); }

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }

  QString text(const QString &sql, const QVariantList &values = {}) { return test::text(m_db, sql, values); }

  QString status(qint64 inboxId)
  {
    return text(QStringLiteral("SELECT status FROM webhook_inbox WHERE id = ?"), {inboxId});
  }

  qint64 orders(qint64 shopifyId)
  {
    return scalar(QStringLiteral("SELECT count(*) FROM orders WHERE shopify_id = ?"), {QString::number(shopifyId)});
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("inboxbatch"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_db = scratch->db;
    auto opened = db::openDatabase(m_settings, kConnection);
    VERIFY_OK(opened);
    m_inboxDb = *opened;
    m_processor = std::make_unique<shopify::InboxProcessor>(m_inboxDb);
    QCOMPARE(m_processor->batchSize(), shopify::InboxProcessor::kDefaultBatchSize);
    // The shop exists, as it does once a hub has mapped its first webhook.
    VERIFY_OK(db::exec(m_db, QStringLiteral("INSERT INTO shops (domain, name) VALUES (?, ?)"), {kShop, kShop}));
  }

  void init()
  {
    VERIFY_OK(db::exec(m_db, QStringLiteral("DELETE FROM webhook_inbox")));
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("DROP TRIGGER IF EXISTS pbt_fail ON orders")));
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("DROP TRIGGER IF EXISTS pbt_fail ON fulfillment_order_lines")));
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("DROP FUNCTION IF EXISTS pbt_fail()")));
  }

  void badRowsAmongGood_deadLetteredAloneInOneTransaction()
  {
    // A data error raised by the database after the row has written its order and fulfillment order.
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("CREATE FUNCTION pbt_fail() RETURNS trigger LANGUAGE plpgsql AS $$ "
                                                  "BEGIN RAISE EXCEPTION 'poisoned line' USING ERRCODE = '22023'; "
                                                  "END $$")));
    VERIFY_OK(
        db::execStatic(m_db, QStringLiteral("CREATE TRIGGER pbt_fail BEFORE INSERT ON fulfillment_order_lines "
                                            "FOR EACH ROW WHEN (NEW.sku = 'POISON') EXECUTE FUNCTION pbt_fail()")));
    QJsonObject poisoned = test::restOrder(2003, m_t0);
    QJsonArray lines = poisoned.value(u"line_items").toArray();
    QJsonObject first = lines.at(0).toObject();
    first.insert(QStringLiteral("sku"), QStringLiteral("POISON"));
    lines.replace(0, first);
    poisoned.insert(QStringLiteral("line_items"), lines);
    QJsonObject noUpdatedAt = test::restOrder(2005, m_t0);
    noUpdatedAt.remove(QStringLiteral("updated_at"));

    const qint64 good1 = storeOrder(QStringLiteral("orders/create"), test::restOrder(2001, m_t0));
    const qint64 truncated =
        store(QStringLiteral("orders/create"), QByteArrayLiteral("{\"id\": 2002, \"line_items\": "));
    const qint64 poison = storeOrder(QStringLiteral("orders/create"), poisoned);
    const qint64 good2 = storeOrder(QStringLiteral("orders/create"), test::restOrder(2004, m_t0, 3));
    const qint64 missing = storeOrder(QStringLiteral("orders/updated"), noUpdatedAt);
    const qint64 good3 = storeOrder(QStringLiteral("orders/create"), test::restOrder(2006, m_t0));
    QVERIFY(good1 > 0 && truncated > 0 && poison > 0 && good2 > 0 && missing > 0 && good3 > 0);

    QSignalSpy dead(m_processor.get(), &shopify::InboxProcessor::deadLettered);
    auto done = m_processor->processPending();
    VERIFY_OK(done);
    QCOMPARE(*done, 6);
    for (qint64 id : {good1, good2, good3})
      QCOMPARE(status(id), QStringLiteral("processed"));
    for (qint64 id : {truncated, poison, missing})
      QCOMPARE(status(id), QStringLiteral("dead"));
    QCOMPARE(orders(2001), 1);
    QCOMPARE(orders(2004), 1);
    QCOMPARE(orders(2006), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id "
                                   "= l.fulfillment_order_id JOIN orders o ON o.id = f.order_id WHERE o.shopify_id = "
                                   "'2004'")),
             3);
    // The poisoned row's order and fulfillment order were written before the failure: undone with it.
    QCOMPARE(orders(2003), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f LEFT JOIN orders o ON o.id = "
                                   "f.order_id WHERE o.id IS NULL")),
             0);
    QVERIFY(text(QStringLiteral("SELECT error FROM webhook_inbox WHERE id = ?"), {poison}).contains(u"poisoned line"));
    QVERIFY(text(QStringLiteral("SELECT error FROM webhook_inbox WHERE id = ?"), {truncated}).contains(u"JSON"));
    QVERIFY(text(QStringLiteral("SELECT error FROM webhook_inbox WHERE id = ?"), {missing}).contains(u"updated_at"));
    QCOMPARE(dead.count(), 3);
    QCOMPARE(dead.at(0).at(0).toLongLong(), truncated);
    QCOMPARE(dead.at(1).at(0).toLongLong(), poison);
    // now() is the transaction's start: one value means the whole batch was one transaction.
    QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT processed_at) FROM webhook_inbox")), 1);
  }

  void twoUpdatesOfOneOrderInOneBatch_outOfOrder_keepTheNewest()
  {
    // The newer update arrives first, then the older one, then a late create; then a cancel.
    QJsonObject newer = test::restOrder(2101, m_t0.addSecs(120), 3, QStringLiteral("new@example.com"));
    QJsonObject older = test::restOrder(2101, m_t0.addSecs(60), 2, QStringLiteral("old@example.com"));
    const qint64 n = storeOrder(QStringLiteral("orders/updated"), newer);
    const qint64 o = storeOrder(QStringLiteral("orders/updated"), older);
    const qint64 c = storeOrder(QStringLiteral("orders/create"), test::restOrder(2101, m_t0));
    // Another order: created, then updated with a third line, in the same batch.
    storeOrder(QStringLiteral("orders/create"), test::restOrder(2102, m_t0, 2));
    storeOrder(QStringLiteral("orders/updated"), test::restOrder(2102, m_t0.addSecs(30), 3));
    VERIFY_OK(m_processor->processPending());
    QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT processed_at) FROM webhook_inbox")), 1);
    QCOMPARE(text(QStringLiteral("SELECT email FROM orders WHERE shopify_id = '2101'")),
             QStringLiteral("new@example.com"));
    QCOMPARE(text(QStringLiteral("SELECT error FROM webhook_inbox WHERE id = ?"), {n}), QStringLiteral("created"));
    QCOMPARE(text(QStringLiteral("SELECT error FROM webhook_inbox WHERE id = ?"), {o}), QStringLiteral("stale"));
    QCOMPARE(text(QStringLiteral("SELECT error FROM webhook_inbox WHERE id = ?"), {c}), QStringLiteral("stale"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id "
                                   "= l.fulfillment_order_id JOIN orders o ON o.id = f.order_id WHERE o.shopify_id = "
                                   "'2101'")),
             3);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id "
                                   "= l.fulfillment_order_id JOIN orders o ON o.id = f.order_id WHERE o.shopify_id = "
                                   "'2102'")),
             3);
    QCOMPARE(scalar(QStringLiteral("SELECT f.version FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                   "WHERE o.shopify_id = '2102'")),
             2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status <> 'processed'")), 0);
  }

  void update_changesAddsAndKeepsLines()
  {
    storeOrder(QStringLiteral("orders/create"), test::restOrder(2700, m_t0, 2));
    VERIFY_OK(m_processor->processPending());
    auto line = [](int id, int quantity) {
      return QJsonObject{{QStringLiteral("id"), double(id)},
                         {QStringLiteral("title"), QStringLiteral("Widget %1").arg(id)},
                         {QStringLiteral("quantity"), quantity},
                         {QStringLiteral("fulfillable_quantity"), quantity},
                         {QStringLiteral("price"), QStringLiteral("1.00")}};
    };
    QJsonObject update = test::restOrder(2700, m_t0.addSecs(10), 0);
    // Line 1 changes, line 2 stays, line 3 is new and listed twice (the last listing counts), line 4
    // is new with nothing to pack.
    update.insert(QStringLiteral("line_items"),
                  QJsonArray{line(270001, 3), line(270002, 2), line(270003, 1), line(270003, 4), line(270004, 0)});
    storeOrder(QStringLiteral("orders/updated"), update);
    VERIFY_OK(m_processor->processPending());
    const QString quantities =
        QStringLiteral("SELECT string_agg(l.line_item_shopify_id || '=' || l.quantity || '/' || l.remaining_quantity, "
                       "' ' ORDER BY l.line_item_shopify_id) FROM fulfillment_order_lines l JOIN fulfillment_orders f "
                       "ON f.id = l.fulfillment_order_id JOIN orders o ON o.id = f.order_id WHERE o.shopify_id = "
                       "'2700'");
    QCOMPARE(text(quantities), QStringLiteral("270001=3/3 270002=2/2 270003=4/4"));
    const QString version = QStringLiteral("SELECT f.version FROM fulfillment_orders f JOIN orders o ON o.id = "
                                           "f.order_id WHERE o.shopify_id = '2700'");
    QCOMPARE(scalar(version), 2);
    // The same content again, newer: nothing changes, the station is not disturbed.
    update.insert(QStringLiteral("updated_at"), m_t0.addSecs(20).toString(Qt::ISODate));
    storeOrder(QStringLiteral("orders/updated"), update);
    VERIFY_OK(m_processor->processPending());
    QCOMPARE(text(quantities), QStringLiteral("270001=3/3 270002=2/2 270003=4/4"));
    QCOMPARE(scalar(version), 2);
  }

  void transientFailureMidBatch_leavesItAndLaterRowsPending()
  {
    // A serialization failure (transient) for one order only.
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("CREATE FUNCTION pbt_fail() RETURNS trigger LANGUAGE plpgsql AS $$ "
                                                  "BEGIN RAISE EXCEPTION 'injected conflict' USING ERRCODE = '40001'; "
                                                  "END $$")));
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("CREATE TRIGGER pbt_fail BEFORE INSERT ON orders FOR EACH ROW WHEN "
                                                  "(NEW.shopify_id = '2202') EXECUTE FUNCTION pbt_fail()")));
    const qint64 before = storeOrder(QStringLiteral("orders/create"), test::restOrder(2201, m_t0));
    const qint64 failing = storeOrder(QStringLiteral("orders/create"), test::restOrder(2202, m_t0));
    const qint64 after = storeOrder(QStringLiteral("orders/create"), test::restOrder(2203, m_t0));

    auto done = m_processor->processPending();
    QVERIFY(!done.ok());
    QCOMPARE(done.error().kind, ErrorKind::Conflict);
    QCOMPARE(status(before), QStringLiteral("processed"));
    QCOMPARE(orders(2201), 1);
    QCOMPARE(status(failing), QStringLiteral("pending"));
    QCOMPARE(scalar(QStringLiteral("SELECT attempts FROM webhook_inbox WHERE id = ?"), {failing}), 1);
    QVERIFY(text(QStringLiteral("SELECT error FROM webhook_inbox WHERE id = ?"), {failing}).contains(u"injected"));
    // The rows after it wait too: an order's later deliveries never overtake an earlier one.
    QCOMPARE(status(after), QStringLiteral("pending"));
    QCOMPARE(scalar(QStringLiteral("SELECT attempts FROM webhook_inbox WHERE id = ?"), {after}), 0);
    QCOMPARE(orders(2203), 0);

    // Still failing: after kMaxAttempts in a row it becomes a dead letter and the rest goes on.
    QSignalSpy dead(m_processor.get(), &shopify::InboxProcessor::deadLettered);
    for (int pass = 2; pass < shopify::InboxProcessor::kMaxAttempts; ++pass) {
      QVERIFY(!m_processor->processPending().ok());
      QCOMPARE(status(failing), QStringLiteral("pending"));
    }
    VERIFY_OK(m_processor->processPending());
    QCOMPARE(status(failing), QStringLiteral("dead"));
    QCOMPARE(dead.count(), 1);
    QCOMPARE(status(after), QStringLiteral("processed"));
    QCOMPARE(orders(2203), 1);

    // Recovered: a redelivery of the dead order maps.
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("DROP TRIGGER pbt_fail ON orders")));
    storeOrder(QStringLiteral("orders/create"), test::restOrder(2202, m_t0));
    VERIFY_OK(m_processor->processPending());
    QCOMPARE(orders(2202), 1);
  }

  void connectionLostMidBatch_losesNothing_andCachedStatementsWorkAfterReconnect()
  {
    const SystemClock clock;
    db::Reconnector reconnector(kConnection, clock,
                                db::Reconnector::Backoff{std::chrono::milliseconds(10), std::chrono::milliseconds(50)});
    // Warm the cache: every statement of the create path is prepared on this session.
    storeOrder(QStringLiteral("orders/create"), test::restOrder(2300, m_t0));
    VERIFY_OK(m_processor->processPending());
    QCOMPARE(orders(2300), 1);

    // The server ends the session in the middle of the batch's third row.
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("CREATE FUNCTION pbt_fail() RETURNS trigger LANGUAGE plpgsql AS $$ "
                                                  "BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; "
                                                  "END $$")));
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("CREATE TRIGGER pbt_fail BEFORE INSERT ON orders FOR EACH ROW WHEN "
                                                  "(NEW.shopify_id = '2303') EXECUTE FUNCTION pbt_fail()")));
    QList<qint64> rows;
    for (int i = 1; i <= 5; ++i)
      rows.append(storeOrder(QStringLiteral("orders/create"), test::restOrder(2300 + i, m_t0)));
    auto lost = m_processor->processPending();
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().kind, ErrorKind::Unavailable);
    for (qint64 id : rows) {
      QCOMPARE(status(id), QStringLiteral("pending"));
      QCOMPARE(scalar(QStringLiteral("SELECT attempts FROM webhook_inbox WHERE id = ?"), {id}), 0);
    }
    QCOMPARE(orders(2301), 0); // committed nothing of the batch

    VERIFY_OK(db::execStatic(m_db, QStringLiteral("DROP TRIGGER pbt_fail ON orders")));
    reconnector.noteError(lost.error());
    QTRY_VERIFY(reconnector.ensureOpen().ok());
    auto done = m_processor->processPending();
    VERIFY_OK(done);
    QCOMPARE(*done, 5);
    for (int i = 1; i <= 5; ++i)
      QCOMPARE(orders(2300 + i), 1);

    // Cut from outside between passes: the next pass fails, the reopened session maps again.
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND "
                                      "pid <> pg_backend_pid()"),
                       {m_settings.name}));
    storeOrder(QStringLiteral("orders/updated"), test::restOrder(2301, m_t0.addSecs(10), 3));
    auto failed = m_processor->processPending();
    QVERIFY(!failed.ok());
    reconnector.noteError(failed.error());
    QTRY_VERIFY(reconnector.ensureOpen().ok());
    VERIFY_OK(m_processor->processPending());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id "
                                   "= l.fulfillment_order_id JOIN orders o ON o.id = f.order_id WHERE o.shopify_id = "
                                   "'2301'")),
             3);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status <> 'processed'")), 0);
  }

  void inboxThread_reconnects_andMapsWithFreshStatements()
  {
    hub::InboxThread inbox(m_settings, 0, 8);
    inbox.start();
    for (int i = 0; i < 20; ++i)
      storeOrder(QStringLiteral("orders/create"), test::restOrder(2600 + i, m_t0));
    inbox.wake();
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status = 'pending'")), 0,
                              15'000);
    // Every session but this one is cut: the thread's prepared statements are gone with its session.
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND "
                                      "pid <> pg_backend_pid()"),
                       {m_settings.name}));
    for (int i = 20; i < 40; ++i)
      storeOrder(QStringLiteral("orders/create"), test::restOrder(2600 + i, m_t0));
    storeOrder(QStringLiteral("orders/updated"), test::restOrder(2600, m_t0.addSecs(5), 3));
    // The first pass finds the connection gone; a later one (as stored deliveries keep waking it) reopens it.
    QTimer deliveries;
    connect(&deliveries, &QTimer::timeout, &inbox, [&inbox]() { inbox.wake(); });
    deliveries.start(100);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status <> "
                                                    "'processed'")),
                              0, 20'000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE shopify_id::bigint BETWEEN 2600 AND 2639")), 40);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id "
                                   "= l.fulfillment_order_id JOIN orders o ON o.id = f.order_id WHERE o.shopify_id = "
                                   "'2600'")),
             3);
    inbox.quit();
    inbox.wait();
    // The processor under test lost its session too.
    m_inboxDb.close();
    QVERIFY(m_inboxDb.open());
    m_processor = std::make_unique<shopify::InboxProcessor>(m_inboxDb);
  }

  void batchSizeOne_commitsEachRowAlone()
  {
    shopify::InboxProcessor single(m_inboxDb, 1);
    for (int i = 0; i < 4; ++i)
      storeOrder(QStringLiteral("orders/create"), test::restOrder(2400 + i, m_t0));
    auto done = single.processPending();
    VERIFY_OK(done);
    QCOMPARE(*done, 4);
    QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT processed_at) FROM webhook_inbox")), 4);
    QCOMPARE(shopify::InboxProcessor(m_inboxDb, 1000).batchSize(), shopify::InboxProcessor::kMaxBatchSize);
  }

  void twoHubs_shareTheInbox_eachRowOnce_newestWins()
  {
    // Few orders, many updates each, shuffled: the two processors' batches hold the same orders in
    // different orders; with locks taken one by one that deadlocks, with sorted locks it waits.
    constexpr int kOrders = 6;
    constexpr int kRounds = 12;
    std::mt19937 random(20261126);
    for (int i = 0; i < kOrders; ++i)
      storeOrder(QStringLiteral("orders/create"), test::restOrder(2500 + i, m_t0));
    for (int round = 1; round <= kRounds; ++round) {
      std::vector<int> ids(kOrders);
      std::iota(ids.begin(), ids.end(), 0);
      std::shuffle(ids.begin(), ids.end(), random);
      for (int i : ids) {
        storeOrder(QStringLiteral("orders/updated"), test::restOrder(2500 + i, m_t0.addSecs(round), 2 + round % 3,
                                                                     QStringLiteral("round%1@example.com").arg(round)));
      }
    }
    // And the same rows' older twins, delivered late.
    for (int i = 0; i < kOrders; ++i)
      storeOrder(QStringLiteral("orders/updated"), test::restOrder(2500 + i, m_t0.addSecs(1), 2));

    std::atomic<int> errors{0};
    QStringList messages;
    std::mutex messagesLock;
    auto hub = [&](int n) {
      const QString name = QStringLiteral("inbox-hub-%1").arg(n);
      {
        auto opened = db::openDatabase(m_settings, name);
        if (!opened) {
          ++errors;
          return;
        }
        shopify::InboxProcessor processor(*opened, 8);
        for (int pass = 0; pass < 200; ++pass) {
          auto done = processor.processPending(16);
          if (!done) {
            ++errors;
            const std::lock_guard lock(messagesLock);
            messages.append(done.error().message);
            continue;
          }
          if (*done == 0)
            break;
        }
      }
      QSqlDatabase::removeDatabase(name);
    };
    std::thread first(hub, 1);
    std::thread second(hub, 2);
    first.join();
    second.join();
    QVERIFY2(errors == 0, qPrintable(messages.join(u'\n')));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status <> 'processed' OR attempts <> 1")),
             0);
    for (int i = 0; i < kOrders; ++i) {
      QCOMPARE(text(QStringLiteral("SELECT email FROM orders WHERE shopify_id = ?"), {QString::number(2500 + i)}),
               QStringLiteral("round%1@example.com").arg(kRounds));
      QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                     "WHERE o.shopify_id = ?"),
                      {QString::number(2500 + i)}),
               1);
    }
  }

  void cleanupTestCase()
  {
    m_processor.reset();
    m_inboxDb = QSqlDatabase();
    QSqlDatabase::removeDatabase(kConnection);
  }
};

QTEST_GUILESS_MAIN(InboxBatchTest)
#include "inbox_batch_test.moc"
