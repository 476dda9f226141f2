// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// How a fulfillment reaches Shopify when answers go missing: one request per attempt, refusals after a
// lost answer reconciled, retries decided by what this row posted, the verified lines sent, and leases
// that hold while a call is in flight. Against the Shopify fake and a real PostgreSQL.
#include "core/base/clock.h"
#include "core/db/sql.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/outboxworker.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace pb;

namespace {

shopify::GraphQlSettings clientSettings(const test::FakeShopify &fake, int timeoutMs = 5000)
{
  shopify::GraphQlSettings s;
  s.endpoint = fake.graphqlEndpoint();
  s.accessToken = fake.accessToken();
  s.timeoutMs = timeoutMs;
  s.maxRetries = 3;
  s.backoffBaseMs = 10;
  return s;
}

shopify::OutboxSettings workerSettings(const QString &id)
{
  shopify::OutboxSettings s;
  s.workerId = id;
  s.leaseSeconds = 60;
  s.maxAttempts = 10;
  s.backoffBaseMs = 1;
  s.backoffMaxMs = 1;
  s.batchSize = 10;
  return s;
}

QString foGid(qint64 number)
{
  return QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(number);
}

} // namespace

class OutboxDeliveryTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_db;
  qint64 m_shopId = 0;
  qint64 m_locationId = 0;

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }

  QString text(const QString &sql, const QVariantList &values = {})
  {
    auto query = db::exec(m_db, sql, values);
    if (!query || !query.value().next())
      return QStringLiteral("<none>");
    return query->value(0).toString();
  }

  bool run(const QString &sql, const QVariantList &values = {})
  {
    auto done = db::exec(m_db, sql, values);
    if (!done)
      qWarning().noquote() << done.error().message;
    return done.ok();
  }

  // A packed fulfillment order mirroring the fake's addFulfillmentOrder(number, number, quantities), with a
  // tracked package and a fulfillment.create row whose payload is extended by `extra`. Returns its id.
  qint64 seedPacked(qint64 number, const QList<int> &quantities, bool idsKnown, const QJsonObject &extra = {})
  {
    const qint64 order =
        scalar(QStringLiteral("INSERT INTO orders (shop_id, shopify_id, name) VALUES (?, ?, ?) RETURNING id"),
               {m_shopId, QString::number(number), QStringLiteral("#%1").arg(number)});
    const qint64 fo =
        scalar(QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, pack_state, shopify_id) VALUES "
                              "(?, ?, 'packed', ?) RETURNING id"),
               {order, m_locationId, idsKnown ? QVariant(foGid(number)) : QVariant()});
    if (order <= 0 || fo <= 0)
      return -1;
    for (int i = 0; i < quantities.size(); ++i) {
      const QString lineItem = QString::number(number * 1000 + i + 1);
      if (!run(QStringLiteral(
                   "INSERT INTO fulfillment_order_lines (fulfillment_order_id, shopify_id, line_item_shopify_id, "
                   "title, quantity, remaining_quantity) VALUES (?, ?, ?, 'Item', ?, ?)"),
               {fo,
                idsKnown ? QVariant(QStringLiteral("gid://shopify/FulfillmentOrderLineItem/") + lineItem) : QVariant(),
                lineItem, quantities.at(i), quantities.at(i)}))
        return -1;
    }
    QJsonObject payload{{QStringLiteral("fulfillment_order_id"), fo}, {QStringLiteral("notify_customer"), false}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
      payload.insert(it.key(), it.value());
    const bool seeded =
        run(QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, carrier, tracking_number) VALUES "
                           "(?, 1, 'UPS', ?)"),
            {fo, QStringLiteral("1ZDLV%1").arg(number)}) &&
        run(QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) VALUES (?, "
                           "'fulfillment.create', ?, ?, ?::jsonb)"),
            {m_shopId, QString::number(fo), QStringLiteral("fulfillment.create:%1").arg(fo),
             QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))});
    return seeded ? fo : -1;
  }

  qint64 lineId(qint64 fo, int index)
  {
    return scalar(QStringLiteral("SELECT id FROM fulfillment_order_lines WHERE fulfillment_order_id = ? ORDER BY id "
                                 "OFFSET ? LIMIT 1"),
                  {fo, index});
  }

  QString rowStatus(qint64 fo)
  {
    return text(QStringLiteral("SELECT status FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)});
  }
  QString recordedFulfillment(qint64 fo)
  {
    return text(QStringLiteral("SELECT coalesce(shopify_fulfillment_id, '') FROM fulfillment_orders WHERE id = ?"),
                {fo});
  }

  // The next attempt is due now (the tests run attempts one at a time).
  bool makeDue() { return run(QStringLiteral("UPDATE outbox SET next_attempt_at = now() WHERE status = 'failed'")); }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("outbox_delivery"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_db = scratch->db;
    m_shopId =
        scalar(QStringLiteral("INSERT INTO shops (domain, name) VALUES ('fake.myshopify.com', 'Fake') RETURNING id"));
    m_locationId = scalar(QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, 'RNO', 'Reno') "
                                         "RETURNING id"),
                          {m_shopId});
    QVERIFY(m_locationId > 0);
  }

  void cleanup() { QVERIFY(run(QStringLiteral("DELETE FROM outbox"))); }

  // Shopify applies the fulfillment, then the connection closes with no answer. Qt's HTTP layer would send
  // the same POST again on a new connection at once; the fake must see it exactly once per attempt.
  void create_connectionClosedAfterApply_sentOncePerAttempt()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9100"), 9100, {1, 2});
    fake.closeConnectionAfterFulfillmentCreate(1);
    // Ids unknown: the lookup goes first, so the create travels on a reused keep-alive connection.
    const qint64 fo = seedPacked(9100, {1, 2}, false);
    QVERIFY(fo > 0);
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlClient client(clientSettings(fake), throttle);
    shopify::OutboxWorker worker(m_db, client, workerSettings(QStringLiteral("w-once")));

    VERIFY_OK(worker.runOnce());
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentCreate")), 1); // not re-sent inside the attempt
    QCOMPARE(fake.stats().lost, 1);
    QCOMPARE(rowStatus(fo), QStringLiteral("failed")); // no answer: not dead, tried again

    QVERIFY(makeDue());
    VERIFY_OK(worker.runOnce());
    const auto remote = fake.fulfillmentOrders().value(foGid(9100));
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentCreate")), 1); // the retry found it at Shopify
    QCOMPARE(remote.fulfillmentIds.size(), 1);
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(recordedFulfillment(fo), remote.fulfillmentIds.first());
  }
};

QTEST_GUILESS_MAIN(OutboxDeliveryTest)
#include "outbox_delivery_test.moc"
