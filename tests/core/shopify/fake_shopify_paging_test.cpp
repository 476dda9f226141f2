// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Shopify fake pages fulfillment orders and their lines like Shopify: first/after, pageInfo.
#include "core/base/clock.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/fulfillmentapi.h"
#include "core/shopify/graphqlclient.h"
#include "tests/support/fakeshopify.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pb;

namespace {

QList<int> ones(int count)
{
  return QList<int>(count, 1);
}

QStringList ids(const QJsonArray &nodes)
{
  QStringList out;
  for (const QJsonValue &node : nodes)
    out.append(node.toObject().value(u"id").toString());
  return out;
}

} // namespace

class FakeShopifyPagingTest final : public QObject {
  Q_OBJECT

private:
  test::FakeShopify m_fake;
  SystemClock m_clock;
  std::unique_ptr<shopify::CostThrottle> m_throttle;
  std::unique_ptr<shopify::GraphQlClient> m_client;

  QJsonObject execute(const QString &operation, const QJsonObject &variables)
  {
    auto data = m_client->execute(operation, variables);
    if (!data) {
      qWarning().noquote() << data.error().message;
      return {};
    }
    return *data;
  }

  QJsonObject fulfillmentOrdersPage(const QString &orderId, const QString &after = {})
  {
    QJsonObject variables{{QStringLiteral("orderId"), QString(QStringLiteral("gid://shopify/Order/") + orderId)}};
    if (!after.isEmpty())
      variables.insert(QStringLiteral("after"), after);
    return execute(QStringLiteral("FulfillmentOrdersForOrder"), variables)
        .value(u"order")
        .toObject()
        .value(u"fulfillmentOrders")
        .toObject();
  }

  // The lineItems connection of the first fulfillment order on order `orderId`'s first page.
  QJsonObject firstOrdersLineItems(const QString &orderId)
  {
    return fulfillmentOrdersPage(orderId).value(u"nodes").toArray().first().toObject().value(u"lineItems").toObject();
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_fake.listen() > 0);
    m_throttle = std::make_unique<shopify::CostThrottle>(m_clock);
    m_client = std::make_unique<shopify::GraphQlClient>(m_fake.clientSettings(5000, 1, 1), *m_throttle);
    m_fake.addFulfillmentOrder(QStringLiteral("10"), 101, ones(120));
    for (qint64 n = 201; n <= 207; ++n)
      m_fake.addFulfillmentOrder(QStringLiteral("20"), n, ones(2));
    m_fake.addFulfillmentOrder(QStringLiteral("30"), 301, ones(50));
  }

  void lineItems_firstPageThenFollowUp_lastPageHasNoNext()
  {
    const QJsonObject lines = firstOrdersLineItems(QStringLiteral("10"));
    QCOMPARE(lines.value(u"nodes").toArray().size(), 50);
    QCOMPARE(lines.value(u"pageInfo").toObject().value(u"hasNextPage").toBool(), true);
    const QString cursor = lines.value(u"pageInfo").toObject().value(u"endCursor").toString();
    QVERIFY(!cursor.isEmpty());

    const QJsonObject rest =
        execute(QStringLiteral("FulfillmentOrderLineItems"),
                QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrder/101")},
                            {QStringLiteral("after"), cursor}})
            .value(u"fulfillmentOrder")
            .toObject()
            .value(u"lineItems")
            .toObject();
    const QStringList restIds = ids(rest.value(u"nodes").toArray());
    QCOMPARE(restIds.size(), 70); // first: 100, only 70 left
    QCOMPARE(restIds.first(), QStringLiteral("gid://shopify/FulfillmentOrderLineItem/101051"));
    QCOMPARE(restIds.last(), QStringLiteral("gid://shopify/FulfillmentOrderLineItem/101120"));
    QCOMPARE(rest.value(u"pageInfo").toObject().value(u"hasNextPage").toBool(), false);
  }

  void lineItems_exactlyOnePage_hasNoNext()
  {
    const QJsonObject lines = firstOrdersLineItems(QStringLiteral("30"));
    QCOMPARE(lines.value(u"nodes").toArray().size(), 50);
    QCOMPARE(lines.value(u"pageInfo").toObject().value(u"hasNextPage").toBool(), false);
  }

  void fulfillmentOrders_pagesOfFive_inTheOrderAdded()
  {
    const QJsonObject first = fulfillmentOrdersPage(QStringLiteral("20"));
    QCOMPARE(ids(first.value(u"nodes").toArray()), (QStringList{QStringLiteral("gid://shopify/FulfillmentOrder/201"),
                                                                QStringLiteral("gid://shopify/FulfillmentOrder/202"),
                                                                QStringLiteral("gid://shopify/FulfillmentOrder/203"),
                                                                QStringLiteral("gid://shopify/FulfillmentOrder/204"),
                                                                QStringLiteral("gid://shopify/FulfillmentOrder/205")}));
    QCOMPARE(first.value(u"pageInfo").toObject().value(u"hasNextPage").toBool(), true);
    const QJsonObject second =
        fulfillmentOrdersPage(QStringLiteral("20"), first.value(u"pageInfo").toObject().value(u"endCursor").toString());
    QCOMPARE(ids(second.value(u"nodes").toArray()),
             (QStringList{QStringLiteral("gid://shopify/FulfillmentOrder/206"),
                          QStringLiteral("gid://shopify/FulfillmentOrder/207")}));
    QCOMPARE(second.value(u"pageInfo").toObject().value(u"hasNextPage").toBool(), false);
  }

  void fetchFulfillmentOrders_readsEveryPage()
  {
    auto many = shopify::fulfillmentapi::fetchFulfillmentOrders(*m_client, QStringLiteral("20"));
    QVERIFY2(many.ok(), qPrintable(many.ok() ? QString() : many.error().message));
    QCOMPARE(many->size(), 7);
    QCOMPARE(many->last().id, QStringLiteral("gid://shopify/FulfillmentOrder/207"));
    auto long_ = shopify::fulfillmentapi::fetchFulfillmentOrders(*m_client, QStringLiteral("10"));
    QVERIFY2(long_.ok(), qPrintable(long_.ok() ? QString() : long_.error().message));
    QCOMPARE(long_->size(), 1);
    QCOMPARE(long_->first().lines.size(), 120);
    for (int i = 0; i < 120; ++i)
      QCOMPARE(long_->first().lines.at(i).lineItemId, QString::number(101 * 1000 + i + 1));
  }

  void lineItems_unknownFulfillmentOrder_isNull()
  {
    const QJsonObject data =
        execute(QStringLiteral("FulfillmentOrderLineItems"),
                QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrder/999")},
                            {QStringLiteral("after"), QStringLiteral("50")}});
    QVERIFY(data.contains(u"fulfillmentOrder"));
    QVERIFY(data.value(u"fulfillmentOrder").isNull());
  }

  // A server that keeps announcing a next page without a new cursor must not make the client loop.
  void fetchFulfillmentOrders_nextPageWithoutNewCursor_isAnError()
  {
    QHttpServer broken;
    int calls = 0;
    broken.route(QStringLiteral("/admin/api/<arg>/graphql.json"), QHttpServerRequest::Method::Post,
                 [&calls](const QString &, const QHttpServerRequest &) {
                   ++calls;
                   const QByteArray answer =
                       R"({"data":{"order":{"id":"gid://shopify/Order/1","fulfillmentOrders":{"pageInfo":)"
                       R"({"hasNextPage":true,"endCursor":"same"},"nodes":[]}}}})";
                   return QHttpServerResponse(QByteArrayLiteral("application/json"), answer);
                 });
    const quint16 port = broken.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port > 0);
    shopify::GraphQlSettings settings = m_fake.clientSettings(5000, 1, 1);
    settings.endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1/admin/api/2026-01/graphql.json").arg(port));
    shopify::GraphQlClient client(settings, *m_throttle);
    auto fos = shopify::fulfillmentapi::fetchFulfillmentOrders(client, QStringLiteral("1"));
    QVERIFY(!fos.ok());
    QVERIFY2(fos.error().message.contains(QStringLiteral("cursor")), qPrintable(fos.error().message));
    QCOMPARE(calls, 2); // the second page repeated the cursor
  }

  void fulfillmentCreate_over512Lines_isRefusedWhole()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("40"), 401, ones(513));
    shopify::GraphQlClient client(fake.clientSettings(5000, 1, 1), *m_throttle);
    QList<shopify::FulfillmentLine> lines;
    for (int i = 1; i <= 513; ++i)
      lines.append({QStringLiteral("gid://shopify/FulfillmentOrderLineItem/%1").arg(401 * 1000 + i), 1});
    auto refused = shopify::fulfillmentapi::createFulfillment(
        client, QStringLiteral("gid://shopify/FulfillmentOrder/401"), lines, {}, false);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
    QVERIFY(refused.error().message.contains(QStringLiteral("512")));
    QCOMPARE(fake.stats().fulfillmentCreates, 0);
    lines.removeLast();
    auto created = shopify::fulfillmentapi::createFulfillment(
        client, QStringLiteral("gid://shopify/FulfillmentOrder/401"), lines, {}, false);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
    QCOMPARE(fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/401")).status,
             QStringLiteral("IN_PROGRESS"));
  }

  // With network latency, a client that gives up first has closed its connection when the answer is due: the fake
  // drops that answer (Qt 6.4's QHttpServerResponder crashes writing to a socket that is gone). outbox_test hit it
  // on a loaded machine, where a 5 s client time-out ran out before the fake's latency.
  void latency_clientGoneBeforeTheAnswer_isNoCrash()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("50"), 501, ones(1));
    fake.setLatencyMs(400);
    shopify::CostThrottle throttle(m_clock);
    {
      shopify::GraphQlClient impatient(fake.clientSettings(50, 0, 1), throttle);
      auto read =
          impatient.execute(QStringLiteral("FulfillmentOrderLineItems"),
                            QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrder/501")},
                                        {QStringLiteral("after"), QStringLiteral("0")}});
      QVERIFY(!read.ok());
      QCOMPARE(read.error().kind, ErrorKind::Unavailable);
    }
    QTest::qWait(800); // the held answer comes due after the client left
    shopify::GraphQlClient patient(fake.clientSettings(5000, 0, 1), throttle);
    auto read =
        patient.execute(QStringLiteral("FulfillmentOrderLineItems"),
                        QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrder/501")},
                                    {QStringLiteral("after"), QStringLiteral("0")}});
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
  }
};

QTEST_GUILESS_MAIN(FakeShopifyPagingTest)
#include "fake_shopify_paging_test.moc"
