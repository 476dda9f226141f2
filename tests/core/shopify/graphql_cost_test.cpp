// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shopify's calculated query cost as the fake charges it, and what our own documents cost.
#include "core/shopify/graphqlclient.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/graphqlcost.h"
#include "tests/support/graphqlschemacheck.h"

#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace pb;

namespace {

QJsonObject post(test::FakeShopify &fake, const QString &document)
{
  QNetworkAccessManager network;
  QNetworkRequest request(fake.graphqlEndpoint());
  request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
  request.setRawHeader("X-Shopify-Access-Token", fake.accessToken());
  QNetworkReply *reply = network.post(
      request,
      QJsonDocument(QJsonObject{{QStringLiteral("query"), document},
                                {QStringLiteral("variables"),
                                 QJsonObject{{QStringLiteral("orderId"), QStringLiteral("gid://shopify/Order/7")}}}})
          .toJson(QJsonDocument::Compact));
  QEventLoop loop;
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  if (!reply->isFinished())
    loop.exec();
  const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
  reply->deleteLater();
  return answer;
}

} // namespace

class GraphQlCostTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void requestedCost_data()
  {
    QTest::addColumn<QString>("document");
    QTest::addColumn<bool>("mutation");
    QTest::addColumn<int>("cost");
    QTest::newRow("scalars only") << QStringLiteral("query A { shop { id name } }") << false << 1;
    QTest::newRow("connection of 10") << QStringLiteral("query B { products(first: 10) { nodes { title } } }") << false
                                      << 12;
    QTest::newRow("nested connections multiply")
        << QStringLiteral("query C { products(first: 10) { nodes { variants(first: 5) { nodes { id } } } } }") << false
        << 2 + 10 * (1 + 2 + 5 * 1);
    QTest::newRow("comments and args") << QStringLiteral("# x\nquery D($id: ID!) {\n order(id: $id) { id # y\n } }")
                                       << false << 1;
    QTest::newRow("mutation is flat") << QStringLiteral("mutation E($f: FulfillmentInput!) { fulfillmentCreate("
                                                        "fulfillment: $f) { fulfillment { id trackingInfo(first: 10) "
                                                        "{ number } } userErrors { message } } }")
                                      << true << 10;
    QTest::newRow("our fulfillment-order lookup")
        << shopify::graphQlDocument(QStringLiteral("FulfillmentOrdersForOrder")) << false << 564;
    QTest::newRow("our fulfillment-order lines page")
        << shopify::graphQlDocument(QStringLiteral("FulfillmentOrderLineItems")) << false << 204;
    QTest::newRow("our fulfillments of a fulfillment order")
        << shopify::graphQlDocument(QStringLiteral("FulfillmentOrderFulfillments")) << false << 524;
    QTest::newRow("our reconcile page") << shopify::graphQlDocument(QStringLiteral("OrdersUpdatedSince")) << false
                                        << 835;
    QTest::newRow("our fulfillment-order mirror")
        << shopify::graphQlDocument(QStringLiteral("OrderFulfillmentOrders")) << false << 784;
    QTest::newRow("our mirror lines page")
        << shopify::graphQlDocument(QStringLiteral("FulfillmentOrderLineItemsForMirror")) << false << 304;
    QTest::newRow("our locations page") << shopify::graphQlDocument(QStringLiteral("ShopLocations")) << false << 103;
    QTest::newRow("our catalogue variants page (fragments)")
        << shopify::graphQlDocument(QStringLiteral("ProductVariantsPage")) << false << 653;
    QTest::newRow("our catalogue poll (fragments)")
        << shopify::graphQlDocument(QStringLiteral("ProductsUpdatedSince")) << false << 938;
  }

  void requestedCost()
  {
    QFETCH(QString, document);
    QFETCH(bool, mutation);
    QFETCH(int, cost);
    const auto op = test::GraphQlOperation::parse(document);
    QVERIFY(op.valid);
    QCOMPARE(op.mutation, mutation);
    QCOMPARE(op.requestedCost(), cost);
  }

  void everyDocumentWeSend_isUnderTheSingleQueryLimit()
  {
    const QStringList names = QDir(QStringLiteral(":/shopify/graphql")).entryList({QStringLiteral("*.graphql")});
    QVERIFY(names.size() >= 6);
    for (const QString &name : names) {
      const auto op = test::GraphQlOperation::parse(shopify::graphQlDocument(name.chopped(8)));
      QVERIFY2(op.valid, qPrintable(name));
      QVERIFY2(op.requestedCost() <= test::kSingleQueryMaxCost,
               qPrintable(QStringLiteral("%1 costs %2").arg(name).arg(op.requestedCost())));
    }
  }

  // A named fragment costs what its fields cost where it is spread, wherever it is defined and however nested.
  void parse_readsNamedFragmentsWhereTheyAreSpread()
  {
    const int inline_ =
        test::GraphQlOperation::parse(
            QStringLiteral("query A { products(first: 10) { nodes { id variants(first: 5) { nodes { id sku } } } } }"))
            .requestedCost();
    const auto spread = test::GraphQlOperation::parse(
        QStringLiteral("fragment V on ProductVariant { id sku }\n"
                       "query A { products(first: 10) { nodes { ...P } } }\n"
                       "fragment P on Product { id variants(first: 5) { nodes { ... V } } }"));
    QVERIFY(spread.valid);
    QCOMPARE(spread.name, QStringLiteral("A"));
    QCOMPARE(spread.requestedCost(), inline_);
    QCOMPARE(inline_, 2 + 10 * (1 + 2 + 5 * 1));
    QVERIFY(spread.find(QStringLiteral("sku")));
  }

  // What the hub sends is the document and the fragments it spreads, each once, and the schema takes it as it is
  // (graphql-js with every rule: a fragment defined but not spread would be refused, as Shopify refuses it).
  void everyDocumentWeSend_isValidAsSent_withItsFragmentsOnce()
  {
    auto schema = test::GraphQlSchemaCheck::fromBuild();
    const QStringList names = QDir(QStringLiteral(":/shopify/graphql")).entryList({QStringLiteral("*.graphql")});
    const QStringList fragments =
        QDir(QStringLiteral(":/shopify/graphql/fragments")).entryList({QStringLiteral("*.graphql")});
    QVERIFY(fragments.size() >= 4);
    QStringList spreadSomewhere;
    for (const QString &name : names) {
      const QString document = shopify::graphQlDocument(name.chopped(8));
      QVERIFY2(!document.isEmpty(), qPrintable(name));
      const QStringList errors = schema->errors(document);
      QVERIFY2(errors.isEmpty(), qPrintable(name + QStringLiteral(": ") + errors.join(u"; ")));
      for (const QString &fragment : fragments) {
        const QString definition = QStringLiteral("fragment %1 on").arg(fragment.chopped(8));
        QVERIFY2(document.count(definition) <= 1, qPrintable(name));
        if (document.contains(definition))
          spreadSomewhere.append(fragment);
      }
    }
    spreadSomewhere.removeDuplicates();
    QCOMPARE(spreadSomewhere.size(), fragments.size()); // none is left over
    const QString lines = shopify::graphQlDocument(QStringLiteral("FulfillmentOrderLineItems"));
    QVERIFY(lines.contains(QStringLiteral("fragment FulfillmentOrderLineFields on")));
    QVERIFY(!lines.contains(QStringLiteral("fragment MirroredLineFields on")));
  }

  void parse_rejectsWhatItDoesNotModel()
  {
    QVERIFY(!test::GraphQlOperation::parse(QStringLiteral("query { a { ...F } }")).valid);
    QVERIFY(!test::GraphQlOperation::parse(QStringLiteral("query { a { ...F } } fragment F on A { ...F }")).valid);
    QVERIFY(!test::GraphQlOperation::parse(QStringLiteral("query { a { ... on A { b } } }")).valid);
    QVERIFY(!test::GraphQlOperation::parse(QStringLiteral("query A { a } query B { b }")).valid);
    QVERIFY(!test::GraphQlOperation::parse(QStringLiteral("query { a { b }")).valid);
    QVERIFY(!test::GraphQlOperation::parse(QString()).valid);
  }

  void actualCost_countsWhatCameBack()
  {
    const auto op =
        test::GraphQlOperation::parse(shopify::graphQlDocument(QStringLiteral("FulfillmentOrdersForOrder")));
    const QJsonObject data = QJsonDocument::fromJson(R"({"order":{"id":"o","fulfillmentOrders":{"nodes":[{"id":"f",
      "status":"OPEN","supportedActions":[{"action":"CREATE_FULFILLMENT"},{"action":"HOLD"}],
      "lineItems":{"nodes":[{"id":"l1","lineItem":{"id":"x"}},{"id":"l2","lineItem":{"id":"y"}}]},
      "fulfillments":{"nodes":[]}}]}}})")
                                 .object();
    // order 1 + fulfillmentOrders (2 + 1) + 2 actions + lineItems (2 + 2 + 2 line items) + fulfillments (2 + 0)
    QCOMPARE(op.actualCost(data), 1 + 3 + 2 + 6 + 2);
    QCOMPARE(op.actualCost(QJsonObject{{QStringLiteral("order"), QJsonValue()}}), 0);
  }

  void fake_refundsTheDifference_andRefusesTooCostlyQueries()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addOrder(QStringLiteral("7"), {1, 2});
    fake.setBucket(1000, 1); // slow restore: the figures below are exact to a point
    const QJsonObject answer = post(fake, shopify::graphQlDocument(QStringLiteral("FulfillmentOrdersForOrder")));
    const QJsonObject cost = answer.value(u"extensions").toObject().value(u"cost").toObject();
    QCOMPARE(cost.value(u"requestedQueryCost").toInt(), 564);
    QCOMPARE(cost.value(u"actualQueryCost").toInt(), 16); // 14 + the two pageInfo objects
    const double left = cost.value(u"throttleStatus").toObject().value(u"currentlyAvailable").toDouble();
    QVERIFY2(left >= 984 && left <= 985, qPrintable(QString::number(left)));

    const QString tooCostly =
        QStringLiteral("query Big { orders(first: 50) { nodes { lineItems(first: 100) { nodes { id } } } } }");
    const QJsonObject refused = post(fake, tooCostly);
    const QJsonObject error = refused.value(u"errors").toArray().first().toObject();
    QCOMPARE(error.value(u"extensions").toObject().value(u"code").toString(), QStringLiteral("MAX_COST_EXCEEDED"));
    QVERIFY(error.value(u"message").toString().contains(QStringLiteral("exceeds the single query max cost limit")));
    QVERIFY(!refused.contains(u"data"));
    QCOMPARE(fake.stats().maxCostExceeded, 1);

    fake.setBucket(500, 1); // less than the lookup requests: THROTTLED, nothing charged
    const QJsonObject throttled = post(fake, shopify::graphQlDocument(QStringLiteral("FulfillmentOrdersForOrder")));
    QCOMPARE(throttled.value(u"errors").toArray().first().toObject().value(u"extensions").toObject().value(u"code"),
             QJsonValue(QStringLiteral("THROTTLED")));
    QVERIFY(throttled.value(u"extensions").toObject().value(u"cost").toObject().value(u"actualQueryCost").isNull());
    QVERIFY(fake.bucketAvailable() >= 500);
  }
};

QTEST_GUILESS_MAIN(GraphQlCostTest)
#include "graphql_cost_test.moc"
