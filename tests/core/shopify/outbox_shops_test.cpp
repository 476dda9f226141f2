// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// One hub, several shops: every outbox row goes to its own shop's Admin API with that shop's token; a row
// of a shop without credentials, or whose shop_id is not its order's shop, waits with a clear error.
#include "core/base/clock.h"
#include "core/db/sql.h"
#include "core/shopify/outboxworker.h"
#include "core/shopify/shopclients.h"
#include "core/shopify/shopdirectory.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;

namespace {
const QString kShopA = QStringLiteral("shop-a.myshopify.com");
const QString kShopB = QStringLiteral("shop-b.myshopify.com");
const QString kShopC = QStringLiteral("shop-c.myshopify.com"); // served for webhooks, no Admin API token
} // namespace

class OutboxShopsTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;
  QHash<QString, qint64> m_shops;

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }
  QString text(const QString &sql, const QVariantList &values = {}) { return test::text(m_db, sql, values); }

  // A packed one-line order of the shop whose fulfillment order Shopify knows as FulfillmentOrder/{order};
  // the outbox row names rowShop (normally the same shop). Returns the outbox row id.
  qint64 packed(const QString &shop, qint64 order, const QString &rowShop)
  {
    const qint64 location = scalar(QStringLiteral("SELECT id FROM locations WHERE shop_id = ?"), {m_shops[shop]});
    const qint64 orderId = scalar(QStringLiteral("INSERT INTO orders (shop_id, shopify_id, name) VALUES (?, ?, ?) "
                                                 "RETURNING id"),
                                  {m_shops[shop], QString::number(order), QStringLiteral("#%1").arg(order)});
    const qint64 fo = scalar(QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, pack_state, "
                                            "shopify_id) VALUES (?, ?, 'packed', ?) RETURNING id"),
                             {orderId, location, QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(order)});
    const qint64 line = order * 100 + 1;
    const bool lined =
        db::exec(m_db,
                 QStringLiteral("INSERT INTO fulfillment_order_lines (fulfillment_order_id, shopify_id, "
                                "line_item_shopify_id, title, quantity, remaining_quantity) VALUES (?, ?, ?, "
                                "'Item', 1, 1)"),
                 {fo, QStringLiteral("gid://shopify/FulfillmentOrderLineItem/%1").arg(line), QString::number(line)})
            .ok();
    const bool boxed =
        db::exec(m_db,
                 QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, carrier, tracking_number) "
                                "VALUES (?, 1, 'UPS', ?)"),
                 {fo, QStringLiteral("1ZSHOPS%1").arg(order)})
            .ok();
    if (!lined || !boxed)
      return -1;
    return scalar(
        QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) VALUES "
                       "(?, 'fulfillment.create', ?, ?, jsonb_build_object('fulfillment_order_id', ?::bigint, "
                       "'notify_customer', false)) RETURNING id"),
        {m_shops[rowShop], QString::number(fo), QStringLiteral("fulfillment.create:%1").arg(fo), fo});
  }

  static shopify::OutboxSettings workerSettings()
  {
    shopify::OutboxSettings s;
    s.workerId = QStringLiteral("shops-worker");
    s.leaseSeconds = 30;
    s.backoffBaseMs = 20;
    s.backoffMaxMs = 200;
    return s;
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("outboxshops"));
    VERIFY_OK(scratch);
    m_db = scratch->db;
    for (const QString &shop : {kShopA, kShopB, kShopC}) {
      m_shops[shop] =
          scalar(QStringLiteral("INSERT INTO shops (domain, name) VALUES (?, ?) RETURNING id"), {shop, shop});
      QVERIFY(scalar(QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, 'DC', 'DC') RETURNING "
                                    "id"),
                     {m_shops[shop]}) > 0);
    }
  }

  void eachRow_goesToItsShopWithItsToken_othersWait()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addShop(kShopA, QByteArrayLiteral("shpat_token_of_a"));
    fake.addShop(kShopB, QByteArrayLiteral("shpat_token_of_b"));
    fake.addOrder(QStringLiteral("601"), {1}).shop = kShopA;
    fake.addOrder(QStringLiteral("602"), {1}).shop = kShopB;
    fake.addOrder(QStringLiteral("604"), {1}).shop = kShopB;
    const qint64 rowA = packed(kShopA, 601, kShopA);
    const qint64 rowB = packed(kShopB, 602, kShopB);
    const qint64 rowC = packed(kShopC, 603, kShopC);
    const qint64 forged = packed(kShopB, 604, kShopA); // claims shop A for an order of shop B
    QVERIFY(rowA > 0 && rowB > 0 && rowC > 0 && forged > 0);

    shopify::ShopDirectory shops;
    shops.add({kShopA, QByteArrayLiteral("shpat_token_of_a"), QByteArrayLiteral("secret-a"),
               fake.adminBaseUrl(kShopA).toString()});
    shops.add({kShopB, QByteArrayLiteral("shpat_token_of_b"), QByteArrayLiteral("secret-b"),
               fake.adminBaseUrl(kShopB).toString()});
    shops.add({kShopC, {}, QByteArrayLiteral("secret-c"), {}});
    const SystemClock clock;
    shopify::ShopThrottles throttles(clock);
    shopify::ShopClientPool clients(shops, fake.clientSettings(2000), QStringLiteral("2026-01"), throttles);
    shopify::OutboxWorker worker(m_db, clients, workerSettings());
    auto claimed = worker.runOnce();
    VERIFY_OK(claimed);
    QCOMPARE(claimed->claimed, 4);

    // A and B: posted, each through its own shop's endpoint, with its own token; nothing was refused.
    QCOMPARE(fake.refusedTokens(), 0);
    for (const auto &[row, order, shop] : {std::tuple{rowA, 601, kShopA}, std::tuple{rowB, 602, kShopB}}) {
      QCOMPARE(text(QStringLiteral("SELECT status FROM outbox WHERE id = ?"), {row}), QStringLiteral("done"));
      const auto fo = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(order));
      QCOMPARE(fo.status, QStringLiteral("CLOSED"));
      QCOMPARE(fake.fulfillments().value(fo.fulfillmentIds.value(0)).shop, shop);
    }
    // C: no token here, so it waits, the attempt not counted, and says why.
    QCOMPARE(text(QStringLiteral("SELECT status FROM outbox WHERE id = ?"), {rowC}), QStringLiteral("failed"));
    QCOMPARE(scalar(QStringLiteral("SELECT attempts FROM outbox WHERE id = ?"), {rowC}), 0);
    QVERIFY(text(QStringLiteral("SELECT last_error FROM outbox WHERE id = ?"), {rowC})
                .contains(u"no Admin API access token for shop 'shop-c.myshopify.com'"));
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE id = ? AND next_attempt_at > now() + interval "
                                  "'30 seconds'"),
                   {rowC}) == 1);
    // The forged row is not posted with A's token, nor with B's: it waits with the reason.
    QCOMPARE(text(QStringLiteral("SELECT status FROM outbox WHERE id = ?"), {forged}), QStringLiteral("failed"));
    QVERIFY(text(QStringLiteral("SELECT last_error FROM outbox WHERE id = ?"), {forged})
                .contains(u"not the shop of the order"));
    QCOMPARE(fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/604")).status,
             QStringLiteral("OPEN"));
    // Secrets never reach the database or the error text.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE last_error LIKE '%shpat%'")), 0);
  }

  void fake_answersEachShopOnlyToItsToken()
  {
    // The fake itself keeps shops apart as Shopify does: another shop's token is 401, an unknown shop 404,
    // and one shop cannot see another's fulfillment orders.
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addShop(kShopA, QByteArrayLiteral("shpat_token_of_a"));
    fake.addShop(kShopB, QByteArrayLiteral("shpat_token_of_b"));
    fake.addOrder(QStringLiteral("701"), {1}).shop = kShopB;
    const SystemClock clock;
    shopify::ShopThrottles throttles(clock);
    shopify::ShopDirectory shops;
    shops.add({kShopA, QByteArrayLiteral("shpat_token_of_b"), {}, fake.adminBaseUrl(kShopA).toString()});
    shops.add({kShopB, QByteArrayLiteral("shpat_token_of_a"), {}, fake.adminBaseUrl(kShopB).toString()});
    shops.add({kShopC, QByteArrayLiteral("shpat_token_of_c"), {}, fake.adminBaseUrl(kShopC).toString()});
    shopify::GraphQlSettings base = fake.clientSettings(2000, 0);
    shopify::ShopClientPool swapped(shops, base, QStringLiteral("2026-01"), throttles);
    for (const QString &shop : {kShopA, kShopB, kShopC}) {
      auto client = swapped.clientFor(shop);
      VERIFY_OK(client);
      auto read = (*client)->execute(QStringLiteral("FulfillmentOrdersForOrder"),
                                     QJsonObject{{QStringLiteral("orderId"), QStringLiteral("gid://shopify/Order/701")},
                                                 {QStringLiteral("after"), QJsonValue()}});
      QVERIFY2(!read.ok(), qPrintable(shop));
    }
    QCOMPARE(fake.refusedTokens(), 2);
    shopify::ShopDirectory right;
    right.add({kShopA, QByteArrayLiteral("shpat_token_of_a"), {}, fake.adminBaseUrl(kShopA).toString()});
    shopify::ShopClientPool own(right, base, QStringLiteral("2026-01"), throttles);
    auto client = own.clientFor(kShopA);
    VERIFY_OK(client);
    auto read = (*client)->execute(QStringLiteral("FulfillmentOrdersForOrder"),
                                   QJsonObject{{QStringLiteral("orderId"), QStringLiteral("gid://shopify/Order/701")},
                                               {QStringLiteral("after"), QJsonValue()}});
    VERIFY_OK(read);
    QVERIFY(read->value(u"order").isNull()); // shop B's order is not shop A's
  }
};

QTEST_GUILESS_MAIN(OutboxShopsTest)
#include "outbox_shops_test.moc"
