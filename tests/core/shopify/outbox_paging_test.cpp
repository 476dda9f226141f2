// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox worker with orders larger than one page of Shopify's connections, against the fake and PostgreSQL.
#include "core/base/clock.h"
#include "core/db/sql.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/fulfillmentapi.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/outboxworker.h"
#include "tests/support/fakeshopbench.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/outboxrig.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;

namespace {

QList<int> quantities(int count)
{
  QList<int> out;
  for (int i = 0; i < count; ++i)
    out.append(i % 3 + 1);
  return out;
}

} // namespace

class OutboxPagingTest final : public QObject, private test::FakeShopBench {
  Q_OBJECT

private:
  // A packed fulfillment order mirroring the fake's addFulfillmentOrder(orderId, number, quantities),
  // with a tracked package and an outbox row; Shopify ids left out when idsKnown is false.
  bool seedPacked(qint64 orderRowId, qint64 number, const QList<int> &lineQuantities, bool idsKnown,
                  bool partial = false)
  {
    const qint64 fo = packedFulfillmentOrder(orderRowId, number, lineQuantities, idsKnown);
    if (fo <= 0)
      return false;
    return run(QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, carrier, tracking_number) VALUES "
                              "(?, 1, 'UPS', ?)"),
               {fo, QStringLiteral("1ZPAGE%1").arg(number)}) &&
           run(QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) VALUES (?, "
                              "'fulfillment.create', ?, ?, jsonb_build_object('fulfillment_order_id', ?::bigint, "
                              "'notify_customer', false, 'partial', ?::boolean))"),
               {m_shopId, QString::number(fo), QStringLiteral("fulfillment.create:%1").arg(fo), fo, partial});
  }

  qint64 addOrder(qint64 shopifyId)
  {
    return scalar(QStringLiteral("INSERT INTO orders (shop_id, shopify_id, name) VALUES (?, ?, ?) RETURNING id"),
                  {m_shopId, QString::number(shopifyId), QStringLiteral("#%1").arg(shopifyId)});
  }

  // Runs the worker until the outbox is settled (retries are due after 1 ms); false if it never is.
  bool drain(test::FakeShopify &fake)
  {
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlClient client(fake.clientSettings(), throttle);
    shopify::OutboxWorker worker(m_db, client, test::FakeShopify::defaultShop(),
                                 test::outboxSettings(QStringLiteral("w-paging")));
    return drainOutbox(worker, 20);
  }

  static bool allShipped(const test::FakeShopify::FulfillmentOrder &fo)
  {
    return fo.status == u"CLOSED" &&
           std::all_of(fo.lines.begin(), fo.lines.end(), [](const auto &line) { return line.remaining == 0; });
  }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openFakeShopBench(QStringLiteral("outbox_paging"))); }

  void cleanup() { QVERIFY(run(QStringLiteral("DELETE FROM outbox"))); }

  // 120 lines, Shopify ids unknown: the lookup must page the lines to match and post every one.
  void create_120Lines_onePostCoversEveryLine()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("8001"), 8001, quantities(120));
    QVERIFY(seedPacked(addOrder(8001), 8001, quantities(120), false));
    QVERIFY(drain(fake));
    const auto fo = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/8001"));
    QVERIFY(allShipped(fo)); // the fake refuses more than remains, so every line went with its exact quantity
    QCOMPARE(fo.fulfillmentIds.size(), 1);
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentOrdersForOrder")), 1);
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentOrderLineItems")), 1); // lines 51..120
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id "
                                   "= l.fulfillment_order_id WHERE f.shopify_id = ? AND l.shopify_id = "
                                   "'gid://shopify/FulfillmentOrderLineItem/' || l.line_item_shopify_id"),
                    {fo.id}),
             120);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'done' AND attempts = 1")), 1);
  }

  // Seven fulfillment orders on one order: the last two are on the lookup's second page.
  void create_sevenFulfillmentOrders_allFulfilled()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    const qint64 order = addOrder(8100);
    for (qint64 n = 81001; n <= 81007; ++n) {
      fake.addFulfillmentOrder(QStringLiteral("8100"), n, {1, 2});
      QVERIFY(seedPacked(order, n, {1, 2}, false));
    }
    QVERIFY(drain(fake));
    for (qint64 n = 81001; n <= 81007; ++n) {
      const auto fo = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(n));
      QVERIFY2(allShipped(fo), qPrintable(fo.id));
      QCOMPARE(fo.fulfillmentIds.size(), 1);
    }
    QCOMPARE(fake.stats().fulfillmentCreates, 7);
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentOrdersForOrder")), 7 * 2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'done'")), 7);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE order_id = ? AND "
                                   "shopify_fulfillment_id LIKE 'gid://shopify/Fulfillment/%'"),
                    {order}),
             7);
  }

  // The answer to the only post is lost: the retry pages through Shopify's state and posts nothing more.
  // A partial pack (the packer completed short) ships what was scanned, not what was ordered.
  qint64 seedPartialPack(qint64 number)
  {
    if (!seedPacked(addOrder(number), number, {3, 2}, true, true))
      return -1;
    const qint64 fo = scalar(QStringLiteral("SELECT id FROM fulfillment_orders WHERE shopify_id = ?"),
                             {QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(number)});
    const qint64 firstLine =
        scalar(QStringLiteral("SELECT min(id) FROM fulfillment_order_lines WHERE fulfillment_order_id = ?"), {fo});
    // Two of the first line's three verified (one scan, then one typed in); the second line not at all.
    const bool scanned =
        run(QStringLiteral("INSERT INTO scan_events (client_event_id, fulfillment_order_id, line_id, raw_code, "
                           "outcome, quantity) VALUES (gen_random_uuid(), ?, ?, 'SKU-1', 'ok', 1), "
                           "(gen_random_uuid(), ?, ?, 'SKU-1', 'manual', 1), (gen_random_uuid(), ?, ?, 'SKU-X', "
                           "'wrong_item', 1)"),
            {fo, firstLine, fo, firstLine, fo, firstLine});
    return scanned ? fo : -1;
  }

  void create_partialPack_postsOnlyWhatWasPacked()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("8310"), 8310, {3, 2});
    QVERIFY(seedPartialPack(8310) > 0);
    QVERIFY(drain(fake));
    const auto fo = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/8310"));
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(fo.lines.at(0).remaining, 1);
    QCOMPARE(fo.lines.at(1).remaining, 2);
  }

  void create_partialPack_lostAnswer_notSentTwice()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("8311"), 8311, {3, 2});
    fake.loseAnswerOfFulfillmentCreate(1);
    QVERIFY(seedPartialPack(8311) > 0);
    QVERIFY(drain(fake));
    const auto fo = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/8311"));
    QCOMPARE(fake.stats().lost, 1);
    QCOMPARE(fake.stats().fulfillmentCreates, 1); // the retry saw its own 2 and sent nothing more
    QCOMPARE(fo.lines.at(0).remaining, 1);
    QCOMPARE(fo.lines.at(1).remaining, 2);
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'done' AND attempts = 2 AND "
                              "idempotency_key = ?"),
               {QStringLiteral("fulfillment.create:%1")
                    .arg(scalar(QStringLiteral("SELECT id FROM fulfillment_orders WHERE shopify_id = ?"), {fo.id}))}),
        1);
  }

  void create_120Lines_lostAnswer_postedExactlyOnce()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("8200"), 8200, quantities(120));
    fake.loseAnswerOfFulfillmentCreate(1);
    QVERIFY(seedPacked(addOrder(8200), 8200, quantities(120), true));
    QVERIFY(drain(fake));
    const auto fo = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/8200"));
    QVERIFY(allShipped(fo));
    QCOMPARE(fake.stats().lost, 1);
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(fo.fulfillmentIds.size(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'done' AND attempts = 2")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE shopify_id = ? AND "
                                   "shopify_fulfillment_id = ?"),
                    {fo.id, fo.fulfillmentIds.first()}),
             1);
  }

  // 600 lines exceed Shopify's 512 per fulfillmentCreate: two posts; the first answer is lost, so the
  // retry re-reads every page and posts only the 88 lines still open.
  void create_600Lines_splitAt512_lostFirstPart_eachLineOnce()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("8300"), 8300, quantities(600));
    fake.loseAnswerOfFulfillmentCreate(1);
    QVERIFY(seedPacked(addOrder(8300), 8300, quantities(600), false));
    // Two boxes, two UPS labels.
    QVERIFY(run(QStringLiteral("UPDATE packages SET tracking_company = 'UPS', tracking_number = '1Z5R89390357567127' "
                               "WHERE tracking_number = '1ZPAGE8300'")));
    QVERIFY(run(QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, tracking_company, tracking_number) "
                               "SELECT fulfillment_order_id, 2, 'UPS', '1Z879E930346834440' FROM packages WHERE "
                               "tracking_number = '1Z5R89390357567127'")));
    QVERIFY(drain(fake));
    const auto fo = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/8300"));
    QVERIFY(allShipped(fo));
    QCOMPARE(fake.stats().lost, 1);
    QCOMPARE(fake.stats().fulfillmentCreates, 2);
    QCOMPARE(fo.fulfillmentIds.size(), 2);
    // Two lookups of 1 + 6 pages (50, then 100 at a time).
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentOrderLineItems")), 2 * 6);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'done' AND attempts = 2")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE shopify_id = ? AND "
                                   "shopify_fulfillment_id = ?"),
                    {fo.id, fo.fulfillmentIds.last()}),
             1);
    // Both parts are kept (before migration 0015 only the last was), and each carries the boxes' tracking.
    const qint64 local = scalar(QStringLiteral("SELECT id FROM fulfillment_orders WHERE shopify_id = ?"), {fo.id});
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shopify_fulfillments WHERE fulfillment_order_id = ? AND "
                                   "shopify_fulfillment_id IN (?, ?)"),
                    {local, fo.fulfillmentIds.first(), fo.fulfillmentIds.last()}),
             2);
    for (const QString &id : fo.fulfillmentIds)
      QCOMPARE(fake.fulfillments().value(id).numbers,
               (QStringList{QStringLiteral("1Z5R89390357567127"), QStringLiteral("1Z879E930346834440")}));
    // A later tracking change reaches every part.
    QVERIFY(run(QStringLiteral("UPDATE packages SET tracking_number = '1Z410E7W0392751591', tracking_url = NULL "
                               "WHERE fulfillment_order_id = ? AND box_no = 2"),
                {local}));
    QVERIFY(run(QStringLiteral("INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload) VALUES "
                               "('fulfillment.tracking_update', ?, 'tracking:8300', jsonb_build_object("
                               "'fulfillment_order_id', ?::bigint, 'notify_customer', false))"),
                {QString::number(local), local}));
    QVERIFY(drain(fake));
    for (const QString &id : fo.fulfillmentIds) {
      QCOMPARE(fake.fulfillments().value(id).trackingUpdates, 1);
      QCOMPARE(fake.fulfillments().value(id).numbers.value(1), QStringLiteral("1Z410E7W0392751591"));
      QCOMPARE(fake.fulfillments().value(id).company, QStringLiteral("UPS"));
    }
  }
};

QTEST_GUILESS_MAIN(OutboxPagingTest)
#include "outbox_paging_test.moc"
