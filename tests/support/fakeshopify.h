// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/shopify/graphqlclient.h"
#include "tests/support/graphqlcost.h"
#include "tests/support/graphqlschemacheck.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>
#include <QStringList>
#include <QUrl>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QNetworkAccessManager;

namespace pb::test {

class FakeCatalogue;

// A local Shopify Admin GraphQL endpoint for the operations Packbench sends, with Shopify's
// semantics: userErrors, extensions.cost (requested cost reserved, the difference to the actual cost
// refunded, MAX_COST_EXCEEDED over 1000) with a leaky bucket and THROTTLED, and faults on demand
// (5xx, slow answers, "lost" answers that apply the mutation and then answer 502). It keeps
// fulfillment-order state, so a double post shows as two fulfillments. Lives on the thread that
// creates it; also signs and sends webhooks like Shopify does.
class FakeShopify final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(FakeShopify)

public:
  struct Faults {
    double serverError = 0; // 500/503, nothing applied
    double lost = 0;        // applied, then 502 (the answer is lost)
    double slow = 0;        // applied, answered after slowMs (past the client's time-out)
    double throttle = 0;    // the bucket is drained just before this call
    int slowMs = 0;
  };
  struct Line {
    QString id; // FulfillmentOrderLineItem gid
    QString lineItemId;
    int total = 0;
    int remaining = 0;
    QString variantId; // numeric; empty for a custom item
    QString title;
    QString variantTitle;
    QString sku;
  };
  struct FulfillmentOrder {
    QString id;
    QString orderId; // numeric
    QString status = QStringLiteral("OPEN");
    QString locationId = QStringLiteral("1"); // numeric Location id it is assigned to
    QList<Line> lines;
    QStringList fulfillmentIds;
    QString shop; // the shop it belongs to (empty: the default shop); other shops' tokens do not see it
  };
  // A fulfillmentEventCreate Shopify accepted (FulfillmentEventInput's fields).
  struct FulfillmentEvent {
    QString id;
    QString status;
    QDateTime happenedAt;
    QString message;
    QString city;
    QString province;
    QString zip;
    QString country;
    QDateTime estimatedDeliveryAt;
  };
  struct Fulfillment {
    QString id;
    QString fulfillmentOrderId;
    QDateTime createdAt;
    QList<std::pair<QString, int>> lines; // numeric line item id, quantity
    QString company;
    QStringList numbers;
    QStringList urls;
    int trackingUpdates = 0;
    QString shop;                   // the shop whose endpoint and token created it (empty: the default shop)
    QList<FulfillmentEvent> events; // in the order they were created
  };
  struct Location {
    QString id; // numeric
    QString name;
    bool active = true;
  };
  // A line of an order Shopify routed to one of the shop's locations.
  struct OrderLine {
    QString lineItemId; // numeric
    QString variantId;  // numeric; empty for a custom item
    QString title;
    QString variantTitle;
    QString sku;
    int quantity = 0;
    QString locationId;
    QString price = QStringLiteral("9.99");
  };
  struct Order {
    QString id; // numeric
    QString name;
    QDateTime updatedAt;
    QList<OrderLine> lines;
    QString shippingTitle = QStringLiteral("Ground"); // its webhooks' shipping line: the order's shipping method
  };
  struct Stats {
    int requests = 0;
    int throttled = 0;         // THROTTLED answers in all
    int throttledInjected = 0; // of those, caused by Faults::throttle
    int serverErrors = 0;
    int lost = 0;
    int slow = 0;
    int fulfillmentCreates = 0; // applied
    int fulfillmentEvents = 0;  // fulfillmentEventCreate applied
    int maxCostExceeded = 0;    // refused: requested cost over the single-query limit
    int invalidDocuments = 0;   // refused: not valid against the Admin schema of the API version
    double pointsCharged = 0;   // actual query cost of every call that ran
    QHash<QString, int> calls;  // per operation name, calls that ran
    QHash<QString, double> actualCost;
    QHash<QString, int> requestedCost;
    QList<qint64> fulfillmentAppliedMs;              // clockMs() of each applied fulfillmentCreate
    QList<std::pair<qint64, double>> levelAfterCall; // clockMs() and bucket level after each call that ran
  };

  explicit FakeShopify(QObject *parent = nullptr);
  ~FakeShopify() override;

  quint16 listen(quint16 port = 0, const QHostAddress &address = QHostAddress(QHostAddress::LocalHost));
  QUrl adminBaseUrl() const;
  // The Admin GraphQL endpoint under that base, for the API version we speak.
  QUrl graphqlEndpoint() const
  {
    return QUrl(adminBaseUrl().toString() + QStringLiteral("/admin/api/2026-01/graphql.json"));
  }
  QByteArray accessToken() const { return QByteArrayLiteral("shpat_fake_token"); }
  // The shop the plain /admin/api/… endpoint is (tests create it as fake.myshopify.com).
  static QString defaultShop() { return QStringLiteral("fake.myshopify.com"); }
  // Another shop served by this fake under /shops/{domain}/admin/api/…, answering only to its own token
  // (401 to any other, 404 for a shop it does not know), as Shopify answers per shop.
  void addShop(const QString &domain, const QByteArray &token) { m_shopTokens.insert(domain, token); }
  QUrl adminBaseUrl(const QString &shop) const
  {
    return QUrl(adminBaseUrl().toString() + QStringLiteral("/shops/") + shop);
  }
  // Requests answered 401 because their token was not the shop's.
  int refusedTokens() const { return m_refusedTokens; }
  // Settings for a GraphQlClient talking to this fake: its endpoint and token, test-sized waits.
  shopify::GraphQlSettings clientSettings(int timeoutMs = 5000, int maxRetries = 3, int backoffBaseMs = 10) const;

  void setFaults(const Faults &faults, quint32 seed = 1);
  // The answer of the nth applied fulfillmentCreate (1-based) is lost: applied, then 502.
  void loseAnswerOfFulfillmentCreate(int nth) { m_loseCreates.append(nth); }
  // The nth applied fulfillmentCreate (1-based) is applied, then its connection is closed with no answer.
  void closeConnectionAfterFulfillmentCreate(int nth) { m_closeAfterCreates.append(nth); }
  // The nth fulfillmentCreate received is answered 502 at once and applied only when the next one arrives,
  // just before it: a request Shopify finishes after the client has given up on it.
  void applyFulfillmentCreateLate(int nth) { m_lateCreates.append(nth); }
  // The answer of the nth applied fulfillmentEventCreate (1-based) is lost: applied, then 502.
  void loseAnswerOfEventCreate(int nth) { m_loseEvents.append(nth); }
  void setBucket(double maximum, double restoreRate);
  void setLatencyMs(int latencyMs); // every answer this much later, without blocking other calls
  double bucketAvailable();
  double bucketMaximum() const { return m_maximum; }
  double restoreRate() const { return m_restoreRate; }
  static qint64 clockMs(); // the monotonic clock the bucket and fulfillmentAppliedMs use

  // An order with one OPEN fulfillment order; line item ids are orderId*100+i, quantities as given.
  FulfillmentOrder &addOrder(const QString &orderId, const QList<int> &quantities);
  // One more fulfillment order of the order: id FulfillmentOrder/number, line item ids number*1000+i.
  FulfillmentOrder &addFulfillmentOrder(const QString &orderId, qint64 number, const QList<int> &quantities);
  void addOrderNode(const QJsonObject &graphQlOrderNode); // for the reconcile query

  void addLocation(const QString &id, const QString &name, bool active = true);
  // An order as Shopify routes it: one OPEN fulfillment order per location its lines are assigned to
  // (ids orderId*10+k in the order of first appearance), fulfillment order lines lineItemId*10+k.
  void addRoutedOrder(const Order &order);
  // The order as Shopify's orders/create and orders/updated webhooks deliver it (fictional customer).
  QJsonObject orderWebhookPayload(const QString &orderId) const;
  // Documents are checked against the Admin schema (tests/data/shopify); off only for fault tests that
  // send broken documents on purpose.
  void setSchemaCheck(bool on) { m_schemaCheckOn = on; }

  const QHash<QString, FulfillmentOrder> &fulfillmentOrders() const { return m_fulfillmentOrders; }
  const QHash<QString, Fulfillment> &fulfillments() const { return m_fulfillments; }
  const Stats &stats() const { return m_stats; }
  QJsonObject statsJson() const;                  // counters and per-operation costs, for the standalone program
  QHttpServer &httpServer() { return *m_server; } // for extra (non-Shopify) routes
  QByteArray lastAccessToken() const { return m_lastToken; }
  FakeCatalogue &catalogue() { return *m_catalogue; } // products, variants, bulk export (fakeshopifycatalogue.h)
  // The chain tests' enamel camp mug (fakeshopify_mug.cpp): product `productId` with one variant, `productId` + "1"
  // (SKU MUG-ENM-01, scanned as `barcode`); and an order `orderId` (named #orderId, line item `orderId` + "01") of
  // `quantity` of them routed to `locationId`.
  void addMug(const QString &productId, const QString &barcode, const QDateTime &updatedAt);
  void addMugOrder(const QString &orderId, const QString &productId, int quantity, const QString &locationId,
                   const QDateTime &updatedAt);
  // The title of a routed order's shipping line ("FedEx 2Day"), as its webhooks carry it from now on.
  void setShippingTitle(const QString &orderId, const QString &title) { m_orders[orderId].shippingTitle = title; }

  // Signs body with secret and POSTs it like Shopify; returns the HTTP status (-1 on no answer).
  int sendWebhook(const QUrl &url, const QByteArray &secret, const QString &topic, const QByteArray &body,
                  const QString &webhookId, const QString &shopDomain);
  // The same to a packbench-hub on this machine (its /webhooks/shopify), the body as compact JSON.
  int sendWebhookToHub(quint16 hubPort, const QByteArray &secret, const QString &shopDomain, const QString &topic,
                       const QJsonObject &body, const QString &webhookId);

private:
  struct Answer {
    int status = 200;
    QByteArray body;
    int delayMs = 0;
    bool closeConnection = false; // no answer at all: the connection is closed
  };
  Answer handle(const QHttpServerRequest &request, const QString &shop);
  // An OPEN fulfillment order FulfillmentOrder/number of the order, line item ids lineItemBase+i.
  FulfillmentOrder &insertFulfillmentOrder(const QString &orderId, qint64 number, qint64 lineItemBase,
                                           const QList<int> &quantities);
  void serve(const QString &shop, const QHttpServerRequest &request, QHttpServerResponder &&responder);
  // By id, as the shop of the current request sees them (another shop's are not there).
  QHash<QString, FulfillmentOrder>::iterator findFulfillmentOrder(const QString &id);
  QHash<QString, FulfillmentOrder>::const_iterator constFindFulfillmentOrder(const QString &id) const;
  QJsonObject run(const QString &operation, const QJsonObject &variables, QJsonArray *errors);
  QJsonObject fetchFulfillmentOrders(const QJsonObject &variables);
  QJsonObject fulfillmentOrderLineItems(const QJsonObject &variables);
  QJsonObject fulfillmentOrderJson(const FulfillmentOrder &fo, const QString &linesAfter);
  QJsonObject fulfillmentCreate(const QJsonObject &variables);
  QJsonObject fulfillmentCreateWithFaults(const QJsonObject &variables);
  QJsonObject fulfillmentOrderFulfillments(const QJsonObject &variables);
  static void closeWithoutAnswer(QHttpServerResponder &responder);
  QJsonObject trackingUpdate(const QJsonObject &variables);
  QJsonObject fulfillmentEventCreate(const QJsonObject &variables); // fakeshopify_events.cpp
  QJsonObject fulfillmentEvents(const QJsonObject &variables);
  QJsonObject hold(const QJsonObject &variables, bool on);
  QJsonObject ordersUpdatedSince(const QJsonObject &variables);
  QJsonObject mirrorFulfillmentOrders(const QJsonObject &variables);
  QJsonObject mirrorLineItems(const QJsonObject &variables);
  QJsonObject shopLocations(const QJsonObject &variables);
  QStringList schemaErrors(const QString &document);
  double bucketNow();
  int pageSizeOf(const QString &field) const;

  std::unique_ptr<QHttpServer> m_server;
  std::unique_ptr<QNetworkAccessManager> m_network;
  std::unique_ptr<FakeCatalogue> m_catalogue;
  quint16 m_port = 0;
  Faults m_faults;
  QRandomGenerator m_random;
  int m_latencyMs = 0;
  double m_maximum = 1000;
  double m_restoreRate = 1000;
  double m_available = 1000;
  qint64 m_bucketAtMs = 0;
  QHash<QString, GraphQlOperation> m_operations; // parsed documents by text
  const GraphQlOperation *m_current = nullptr;
  QHash<QString, FulfillmentOrder> m_fulfillmentOrders;
  QHash<QString, QStringList> m_fulfillmentOrdersOfOrder; // numeric order id -> ids in the order added
  QHash<QString, Fulfillment> m_fulfillments;
  QList<QJsonObject> m_orderNodes;
  QList<Location> m_locations;
  QHash<QString, Order> m_orders; // routed orders by numeric id
  std::unique_ptr<GraphQlSchemaCheck> m_schemaCheck;
  bool m_schemaCheckOn = true;
  Stats m_stats;
  QList<int> m_loseCreates;
  bool m_loseCurrent = false;
  QList<int> m_closeAfterCreates;
  bool m_closeCurrent = false;
  QList<int> m_lateCreates;
  int m_createsReceived = 0;
  QJsonObject m_heldCreate; // a late fulfillmentCreate's variables until it is applied
  QByteArray m_lastToken;
  QHash<QString, QByteArray> m_shopTokens;
  QString m_currentShop; // of the request being answered ("" = the default shop)
  int m_refusedTokens = 0;
  qint64 m_nextFulfillmentId = 900000;
  QList<int> m_loseEvents;
  qint64 m_nextEventId = 700000;
};

} // namespace pb::test
