// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/fakeshopify.h"

#include "tests/support/fakeshopifycatalogue.h"
#include "tests/support/fakeshopifypaging.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/signedwebhook.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUuid>

namespace pb::test {

namespace {

// shopify.dev FulfillmentOrderLineItemsInput: "Accepts a maximum of 512 line items" (the message is ours).
constexpr int kMaxLinesPerFulfillment = 512;

qint64 nowMs()
{
  static QElapsedTimer timer;
  if (!timer.isValid())
    timer.start();
  return timer.elapsed();
}

QJsonObject userError(const QString &message, const QString &field = {})
{
  return QJsonObject{{QStringLiteral("field"), field.isEmpty() ? QJsonValue() : QJsonArray{field}},
                     {QStringLiteral("message"), message}};
}

QJsonArray trackingInfo(const FakeShopify::Fulfillment &f)
{
  QJsonArray out;
  for (int i = 0; i < f.numbers.size(); ++i)
    out.append(QJsonObject{{QStringLiteral("company"), f.company},
                           {QStringLiteral("number"), f.numbers.at(i)},
                           {QStringLiteral("url"), i < f.urls.size() ? QJsonValue(f.urls.at(i)) : QJsonValue()}});
  return out;
}

void readTracking(const QJsonObject &input, FakeShopify::Fulfillment *f)
{
  f->company = input.value(u"company").toString();
  f->numbers.clear();
  f->urls.clear();
  if (input.contains(u"number"))
    f->numbers.append(input.value(u"number").toString());
  for (const QJsonValue &n : input.value(u"numbers").toArray())
    f->numbers.append(n.toString());
  if (input.contains(u"url"))
    f->urls.append(input.value(u"url").toString());
  for (const QJsonValue &u : input.value(u"urls").toArray())
    f->urls.append(u.toString());
}

// FulfillmentTrackingInput's documented rules: number or numbers, url or urls, a url only with a number.
QString trackingInputProblem(const QJsonObject &input)
{
  if (input.contains(u"number") && input.contains(u"numbers"))
    return QStringLiteral("Provide either number or numbers, not both.");
  if (input.contains(u"url") && input.contains(u"urls"))
    return QStringLiteral("Provide either url or urls, not both.");
  if (input.contains(u"url") && !input.contains(u"number"))
    return QStringLiteral("A url needs a number.");
  if (input.contains(u"urls") && !input.contains(u"numbers"))
    return QStringLiteral("urls need numbers.");
  return {};
}

} // namespace

FakeShopify::FakeShopify(QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<QHttpServer>())
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_catalogue(std::make_unique<FakeCatalogue>(*m_server, [this]() { return adminBaseUrl(); }))
    , m_random(1)
{
  m_bucketAtMs = nowMs();
  // Answers synchronously: QtHttpServer 6.4 crashes writing a QFuture's answer to a socket the client
  // already closed (exactly what a timed-out client does), so a slow answer blocks this thread instead.
  m_server->route(QStringLiteral("/admin/api/<arg>/graphql.json"), QHttpServerRequest::Method::Post,
                  [this](const QString &version, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                    Q_UNUSED(version)
                    serve(QString(), request, std::move(responder));
                  });
  m_server->route(QStringLiteral("/shops/<arg>/admin/api/<arg>/graphql.json"), QHttpServerRequest::Method::Post,
                  [this](const QString &shop, const QString &version, const QHttpServerRequest &request,
                         QHttpServerResponder &&responder) {
                    Q_UNUSED(version)
                    serve(shop, request, std::move(responder));
                  });
}

void FakeShopify::serve(const QString &shop, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
  const Answer answer = handle(request, shop);
  if (answer.closeConnection) {
    closeWithoutAnswer(responder);
    return;
  }
  const auto status = static_cast<QHttpServerResponder::StatusCode>(answer.status);
  if (answer.delayMs > 0)
    QThread::msleep(static_cast<unsigned long>(answer.delayMs));
  if (m_latencyMs <= 0 || answer.delayMs > 0) {
    responder.write(answer.body, QByteArrayLiteral("application/json"), status);
    return;
  }
  // Network latency: the call took effect, its answer travels. A client that gave up first (its timeout,
  // or a slow sanitizer build) closed the socket: the answer is lost, as on a real network, and never
  // written (6.4 crashes writing to a socket that is gone).
  const QPointer<QTcpSocket> socket = responder.socket();
  auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
  QTimer::singleShot(m_latencyMs, Qt::PreciseTimer, this, [held, socket, body = answer.body, status]() {
    if (socket && socket->state() == QAbstractSocket::ConnectedState)
      held->write(body, QByteArrayLiteral("application/json"), status);
  });
}

QHash<QString, FakeShopify::FulfillmentOrder>::iterator FakeShopify::findFulfillmentOrder(const QString &id)
{
  auto it = m_fulfillmentOrders.find(id);
  return it != m_fulfillmentOrders.end() && it->shop == m_currentShop ? it : m_fulfillmentOrders.end();
}

QHash<QString, FakeShopify::FulfillmentOrder>::const_iterator
FakeShopify::constFindFulfillmentOrder(const QString &id) const
{
  auto it = m_fulfillmentOrders.constFind(id);
  return it != m_fulfillmentOrders.constEnd() && it->shop == m_currentShop ? it : m_fulfillmentOrders.constEnd();
}

FakeShopify::~FakeShopify() = default;

quint16 FakeShopify::listen(quint16 port, const QHostAddress &address)
{
  m_port = m_server->listen(address, port);
  // The validator's start-up is the test harness's cost, not Shopify's latency: paid here, not inside
  // the first client call's timeout (which it overran under the asan preset). A failure shows at that call.
  if (m_port != 0 && m_schemaCheckOn) {
    if (!m_schemaCheck)
      m_schemaCheck = GraphQlSchemaCheck::fromBuild();
    (void)m_schemaCheck->start();
  }
  return m_port;
}

QJsonObject FakeShopify::statsJson() const
{
  QJsonObject operations;
  for (auto it = m_stats.calls.cbegin(); it != m_stats.calls.cend(); ++it)
    operations.insert(it.key(), QJsonObject{{QStringLiteral("calls"), it.value()},
                                            {QStringLiteral("requested_cost"), m_stats.requestedCost.value(it.key())},
                                            {QStringLiteral("actual_cost"), m_stats.actualCost.value(it.key())}});
  return QJsonObject{{QStringLiteral("requests"), m_stats.requests},
                     {QStringLiteral("throttled"), m_stats.throttled},
                     {QStringLiteral("throttled_injected"), m_stats.throttledInjected},
                     {QStringLiteral("server_errors"), m_stats.serverErrors},
                     {QStringLiteral("lost"), m_stats.lost},
                     {QStringLiteral("slow"), m_stats.slow},
                     {QStringLiteral("max_cost_exceeded"), m_stats.maxCostExceeded},
                     {QStringLiteral("invalid_documents"), m_stats.invalidDocuments},
                     {QStringLiteral("fulfillments_applied"), m_stats.fulfillmentCreates},
                     {QStringLiteral("points_charged"), m_stats.pointsCharged},
                     {QStringLiteral("bucket_maximum"), m_maximum},
                     {QStringLiteral("restore_rate"), m_restoreRate},
                     {QStringLiteral("fulfillment_orders"), static_cast<int>(m_fulfillmentOrders.size())},
                     {QStringLiteral("operations"), operations}};
}

shopify::GraphQlSettings FakeShopify::clientSettings(int timeoutMs, int maxRetries, int backoffBaseMs) const
{
  shopify::GraphQlSettings s;
  s.endpoint = graphqlEndpoint();
  s.accessToken = accessToken();
  s.timeoutMs = timeoutMs;
  s.maxRetries = maxRetries;
  s.backoffBaseMs = backoffBaseMs;
  return s;
}

QUrl FakeShopify::adminBaseUrl() const
{
  return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void FakeShopify::setFaults(const Faults &faults, quint32 seed)
{
  m_faults = faults;
  m_random.seed(seed);
}

void FakeShopify::setLatencyMs(int latencyMs)
{
  m_latencyMs = std::max(0, latencyMs);
}

void FakeShopify::setBucket(double maximum, double restoreRate)
{
  m_maximum = maximum;
  m_restoreRate = restoreRate;
  m_available = maximum;
  m_bucketAtMs = nowMs();
}

FakeShopify::FulfillmentOrder &FakeShopify::addOrder(const QString &orderId, const QList<int> &quantities)
{
  return insertFulfillmentOrder(orderId, orderId.toLongLong(), orderId.toLongLong() * 100, quantities);
}

FakeShopify::FulfillmentOrder &FakeShopify::addFulfillmentOrder(const QString &orderId, qint64 number,
                                                                const QList<int> &quantities)
{
  return insertFulfillmentOrder(orderId, number, number * 1000, quantities);
}

FakeShopify::FulfillmentOrder &FakeShopify::insertFulfillmentOrder(const QString &orderId, qint64 number,
                                                                   qint64 lineItemBase, const QList<int> &quantities)
{
  FulfillmentOrder fo;
  fo.id = QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(number);
  fo.orderId = orderId;
  for (int i = 0; i < quantities.size(); ++i) {
    const QString lineItem = QString::number(lineItemBase + i + 1);
    fo.lines.append({QStringLiteral("gid://shopify/FulfillmentOrderLineItem/%1").arg(lineItem),
                     lineItem,
                     quantities.at(i),
                     quantities.at(i),
                     {},
                     QStringLiteral("Widget %1").arg(i + 1),
                     {},
                     {}});
  }
  if (!m_fulfillmentOrders.contains(fo.id))
    m_fulfillmentOrdersOfOrder[orderId].append(fo.id);
  return m_fulfillmentOrders.insert(fo.id, fo).value();
}

void FakeShopify::addOrderNode(const QJsonObject &graphQlOrderNode)
{
  m_orderNodes.append(graphQlOrderNode);
}

double FakeShopify::bucketNow()
{
  const qint64 now = nowMs();
  m_available = std::min(m_maximum, m_available + m_restoreRate * static_cast<double>(now - m_bucketAtMs) / 1000.0);
  m_bucketAtMs = now;
  return m_available;
}

FakeShopify::Answer FakeShopify::handle(const QHttpServerRequest &request, const QString &shop)
{
  ++m_stats.requests;
  m_lastToken.clear();
  for (const auto &header : request.headers()) {
    if (header.first.compare("x-shopify-access-token", Qt::CaseInsensitive) == 0)
      m_lastToken = header.second;
  }
  if (!shop.isEmpty() && !m_shopTokens.contains(shop))
    return {404, QByteArrayLiteral("{\"errors\":\"Not Found\"}")};
  // Each shop answers only to the token it issued (the default shop to accessToken()).
  if (m_lastToken != (shop.isEmpty() ? accessToken() : m_shopTokens.value(shop))) {
    ++m_refusedTokens;
    return {401, QByteArrayLiteral("{\"errors\":\"[API] Invalid API key or access token\"}")};
  }
  m_currentShop = shop;
  const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
  const QString document = body.value(u"query").toString();
  auto cached = m_operations.constFind(document);
  if (cached == m_operations.constEnd())
    cached = m_operations.insert(document, GraphQlOperation::parse(document));
  const GraphQlOperation &op = cached.value();
  if (!op.valid)
    return {200, QByteArrayLiteral("{\"errors\":[{\"message\":\"syntax error\"}]}")};
  // Shopify refuses a document its schema does not allow, before it costs anything.
  if (const QStringList invalid = schemaErrors(document); !invalid.isEmpty()) {
    ++m_stats.invalidDocuments;
    QJsonArray messages;
    for (const QString &message : invalid)
      messages.append(QJsonObject{{QStringLiteral("message"), message}});
    return {200, QJsonDocument(QJsonObject{{QStringLiteral("errors"), messages}}).toJson(QJsonDocument::Compact)};
  }
  const QString operation = op.name;

  if (m_random.generateDouble() < m_faults.serverError) {
    ++m_stats.serverErrors;
    return {m_random.bounded(2) ? 500 : 503, QByteArrayLiteral("{\"errors\":\"Internal Server Error\"}")};
  }
  const bool injectThrottle = m_random.generateDouble() < m_faults.throttle;
  if (injectThrottle) {
    bucketNow();
    m_available = 0;
  }
  // The bucket must hold the requested cost; afterwards the difference to the actual cost is refunded.
  const int requested = op.requestedCost();
  const double available = bucketNow();
  auto costJson = [&](const QJsonValue &actualCost) {
    return QJsonObject{
        {QStringLiteral("requestedQueryCost"), requested},
        {QStringLiteral("actualQueryCost"), actualCost},
        {QStringLiteral("throttleStatus"), QJsonObject{{QStringLiteral("maximumAvailable"), m_maximum},
                                                       {QStringLiteral("currentlyAvailable"), std::floor(m_available)},
                                                       {QStringLiteral("restoreRate"), m_restoreRate}}}};
  };
  auto errorAnswer = [&](const QString &message, const QJsonObject &extensions) {
    return QJsonObject{{QStringLiteral("errors"), QJsonArray{QJsonObject{{QStringLiteral("message"), message},
                                                                         {QStringLiteral("extensions"), extensions}}}},
                       {QStringLiteral("extensions"), QJsonObject{{QStringLiteral("cost"), costJson(QJsonValue())}}}};
  };
  if (requested > kSingleQueryMaxCost) {
    ++m_stats.maxCostExceeded;
    const QJsonObject refused =
        errorAnswer(QStringLiteral("Query cost is %1, which exceeds the single query max cost limit (%2).")
                        .arg(requested)
                        .arg(kSingleQueryMaxCost),
                    QJsonObject{{QStringLiteral("code"), QStringLiteral("MAX_COST_EXCEEDED")},
                                {QStringLiteral("cost"), requested},
                                {QStringLiteral("maxCost"), kSingleQueryMaxCost}});
    return {200, QJsonDocument(refused).toJson(QJsonDocument::Compact)};
  }
  if (available < requested) {
    ++m_stats.throttled;
    if (injectThrottle)
      ++m_stats.throttledInjected;
    const QJsonObject throttled = errorAnswer(
        QStringLiteral("Throttled"),
        QJsonObject{{QStringLiteral("code"), QStringLiteral("THROTTLED")},
                    {QStringLiteral("documentation"), QStringLiteral("https://shopify.dev/api/usage/rate-limits")}});
    return {200, QJsonDocument(throttled).toJson(QJsonDocument::Compact)};
  }
  m_available -= requested;
  QJsonArray errors;
  m_current = &op;
  m_stats.requestedCost[operation] = requested;
  const QJsonObject data = run(operation, body.value(u"variables").toObject(), &errors);
  const int actual = errors.isEmpty() ? op.actualCost(data) : requested;
  m_available = std::min(m_maximum, m_available + requested - actual);
  m_stats.pointsCharged += actual;
  m_stats.calls[operation] += 1;
  m_stats.actualCost[operation] += actual;
  m_stats.levelAfterCall.append({nowMs(), m_available});
  QJsonObject answer{{QStringLiteral("extensions"), QJsonObject{{QStringLiteral("cost"), costJson(actual)}}}};
  if (!errors.isEmpty())
    answer.insert(QStringLiteral("errors"), errors);
  else
    answer.insert(QStringLiteral("data"), data);
  Answer out{200, QJsonDocument(answer).toJson(QJsonDocument::Compact)};
  if (std::exchange(m_closeCurrent, false)) {
    ++m_stats.lost;
    return {0, {}, 0, true};
  }
  const bool forced = std::exchange(m_loseCurrent, false);
  if (m_random.generateDouble() < m_faults.lost || forced) {
    ++m_stats.lost;
    return {502, QByteArrayLiteral("<html>502 Bad Gateway</html>")};
  }
  if (m_random.generateDouble() < m_faults.slow) {
    ++m_stats.slow;
    out.delayMs = m_faults.slowMs;
  }
  return out;
}

QJsonObject FakeShopify::run(const QString &operation, const QJsonObject &variables, QJsonArray *errors)
{
  if (operation == u"FulfillmentOrdersForOrder")
    return fetchFulfillmentOrders(variables);
  if (operation == u"FulfillmentOrderLineItems")
    return fulfillmentOrderLineItems(variables);
  if (operation == u"FulfillmentCreate")
    return fulfillmentCreateWithFaults(variables);
  if (operation == u"FulfillmentOrderFulfillments")
    return fulfillmentOrderFulfillments(variables);
  if (operation == u"FulfillmentTrackingInfoUpdate")
    return trackingUpdate(variables);
  if (operation == u"FulfillmentEventCreate")
    return fulfillmentEventCreate(variables);
  if (operation == u"FulfillmentEvents")
    return fulfillmentEvents(variables);
  if (operation == u"FulfillmentOrderHold")
    return hold(variables, true);
  if (operation == u"FulfillmentOrderReleaseHold")
    return hold(variables, false);
  if (operation == u"OrdersUpdatedSince")
    return ordersUpdatedSince(variables);
  if (operation == u"OrderFulfillmentOrders")
    return mirrorFulfillmentOrders(variables);
  if (operation == u"FulfillmentOrderLineItemsForMirror")
    return mirrorLineItems(variables);
  if (operation == u"ShopLocations")
    return shopLocations(variables);
  if (m_catalogue->handles(operation))
    return m_catalogue->run(
        operation, variables, [this](const QString &field) { return pageSizeOf(field); }, errors);
  errors->append(QJsonObject{{QStringLiteral("message"), QStringLiteral("unknown operation %1").arg(operation)}});
  return {};
}

namespace {

QJsonObject lineJson(const FakeShopify::Line &line)
{
  return QJsonObject{
      {QStringLiteral("id"), line.id},
      {QStringLiteral("totalQuantity"), line.total},
      {QStringLiteral("remainingQuantity"), line.remaining},
      {QStringLiteral("lineItem"),
       QJsonObject{{QStringLiteral("id"), QString(QStringLiteral("gid://shopify/LineItem/") + line.lineItemId)}}}};
}

} // namespace

QJsonObject FakeShopify::fulfillmentOrderJson(const FulfillmentOrder &fo, const QString &linesAfter)
{
  const FakePage page = fakePageOf(fo.lines.size(), linesAfter, pageSizeOf(QStringLiteral("lineItems")));
  QJsonArray lines;
  for (qsizetype i = page.from; i < page.to; ++i)
    lines.append(lineJson(fo.lines.at(i)));
  const bool anyRemaining =
      std::any_of(fo.lines.begin(), fo.lines.end(), [](const Line &line) { return line.remaining > 0; });
  QJsonArray actions;
  if (fo.status == u"OPEN" || fo.status == u"IN_PROGRESS") {
    if (anyRemaining)
      actions.append(QJsonObject{{QStringLiteral("action"), QStringLiteral("CREATE_FULFILLMENT")}});
    actions.append(QJsonObject{{QStringLiteral("action"), QStringLiteral("HOLD")}});
  } else if (fo.status == u"ON_HOLD") {
    actions.append(QJsonObject{{QStringLiteral("action"), QStringLiteral("RELEASE_HOLD")}});
  }
  QJsonArray fulfillments;
  for (const QString &id : fo.fulfillmentIds)
    fulfillments.append(QJsonObject{{QStringLiteral("id"), id},
                                    {QStringLiteral("status"), QStringLiteral("SUCCESS")},
                                    {QStringLiteral("trackingInfo"), trackingInfo(m_fulfillments.value(id))}});
  return QJsonObject{{QStringLiteral("id"), fo.id},
                     {QStringLiteral("status"), fo.status},
                     {QStringLiteral("supportedActions"), actions},
                     {QStringLiteral("lineItems"),
                      QJsonObject{{QStringLiteral("pageInfo"), page.pageInfo}, {QStringLiteral("nodes"), lines}}},
                     {QStringLiteral("fulfillments"), QJsonObject{{QStringLiteral("nodes"), fulfillments}}}};
}

QJsonObject FakeShopify::fetchFulfillmentOrders(const QJsonObject &variables)
{
  const QString orderId = variables.value(u"orderId").toString().section(QLatin1Char('/'), -1);
  const auto ids = m_fulfillmentOrdersOfOrder.constFind(orderId);
  if (ids == m_fulfillmentOrdersOfOrder.constEnd() ||
      (!ids->isEmpty() && m_fulfillmentOrders.value(ids->first()).shop != m_currentShop))
    return QJsonObject{{QStringLiteral("order"), QJsonValue()}};
  const FakePage page =
      fakePageOf(ids->size(), variables.value(u"after").toString(), pageSizeOf(QStringLiteral("fulfillmentOrders")));
  QJsonArray nodes;
  for (qsizetype i = page.from; i < page.to; ++i)
    nodes.append(fulfillmentOrderJson(m_fulfillmentOrders.value(ids->at(i)), QString()));
  return QJsonObject{
      {QStringLiteral("order"),
       QJsonObject{{QStringLiteral("id"), QString(QStringLiteral("gid://shopify/Order/") + orderId)},
                   {QStringLiteral("fulfillmentOrders"),
                    QJsonObject{{QStringLiteral("pageInfo"), page.pageInfo}, {QStringLiteral("nodes"), nodes}}}}}};
}

QJsonObject FakeShopify::fulfillmentOrderLineItems(const QJsonObject &variables)
{
  const auto it = constFindFulfillmentOrder(variables.value(u"id").toString());
  if (it == m_fulfillmentOrders.constEnd())
    return QJsonObject{{QStringLiteral("fulfillmentOrder"), QJsonValue()}};
  const QJsonObject fo = fulfillmentOrderJson(it.value(), variables.value(u"after").toString());
  return QJsonObject{
      {QStringLiteral("fulfillmentOrder"),
       QJsonObject{{QStringLiteral("id"), fo.value(u"id")}, {QStringLiteral("lineItems"), fo.value(u"lineItems")}}}};
}

QJsonObject FakeShopify::fulfillmentCreate(const QJsonObject &variables)
{
  const QJsonObject input = variables.value(u"fulfillment").toObject();
  auto refuse = [](const QString &message) {
    return QJsonObject{{QStringLiteral("fulfillmentCreate"),
                        QJsonObject{{QStringLiteral("fulfillment"), QJsonValue()},
                                    {QStringLiteral("userErrors"), QJsonArray{userError(message)}}}}};
  };
  if (const QString problem = trackingInputProblem(input.value(u"trackingInfo").toObject()); !problem.isEmpty())
    return refuse(problem);
  const QJsonArray groups = input.value(u"lineItemsByFulfillmentOrder").toArray();
  if (groups.size() != 1)
    return refuse(QStringLiteral("the fake supports one fulfillment order per fulfillment"));
  const QJsonObject group = groups.first().toObject();
  auto it = findFulfillmentOrder(group.value(u"fulfillmentOrderId").toString());
  if (it == m_fulfillmentOrders.end())
    return refuse(QStringLiteral("Fulfillment order does not exist."));
  FulfillmentOrder &fo = it.value();
  if (fo.status != u"OPEN" && fo.status != u"IN_PROGRESS")
    return refuse(
        QStringLiteral("Fulfillment order %1 has an unfulfillable status= %2.").arg(fo.id, fo.status.toLower()));
  // Validate every line before changing any (Shopify applies a fulfillment whole or not at all).
  QHash<QString, int> wanted;
  const QJsonArray items = group.value(u"fulfillmentOrderLineItems").toArray();
  for (const QJsonValue &value : items)
    wanted.insert(value.toObject().value(u"id").toString(), value.toObject().value(u"quantity").toInt());
  if (items.size() > kMaxLinesPerFulfillment)
    return refuse(
        QStringLiteral("fulfillmentOrderLineItems accepts a maximum of %1 line items.").arg(kMaxLinesPerFulfillment));
  if (items.isEmpty()) {
    for (const Line &line : fo.lines)
      wanted.insert(line.id, line.remaining);
  }
  for (auto w = wanted.cbegin(); w != wanted.cend(); ++w) {
    auto line = std::find_if(fo.lines.begin(), fo.lines.end(), [&](const Line &l) { return l.id == w.key(); });
    if (line == fo.lines.end())
      return refuse(QStringLiteral("Invalid fulfillment order line item id."));
    if (w.value() <= 0 || w.value() > line->remaining)
      return refuse(QStringLiteral("Invalid fulfillment order line item quantity requested."));
  }
  for (Line &line : fo.lines)
    line.remaining -= wanted.value(line.id, 0);
  const bool done = std::all_of(fo.lines.begin(), fo.lines.end(), [](const Line &l) { return l.remaining == 0; });
  fo.status = done ? QStringLiteral("CLOSED") : QStringLiteral("IN_PROGRESS");
  Fulfillment f;
  f.id = QStringLiteral("gid://shopify/Fulfillment/%1").arg(++m_nextFulfillmentId);
  f.fulfillmentOrderId = fo.id;
  f.createdAt = QDateTime::currentDateTimeUtc();
  for (const Line &line : fo.lines) {
    if (wanted.value(line.id, 0) > 0)
      f.lines.append({line.lineItemId, wanted.value(line.id)});
  }
  readTracking(input.value(u"trackingInfo").toObject(), &f);
  fo.fulfillmentIds.append(f.id);
  f.shop = m_currentShop;
  m_fulfillments.insert(f.id, f);
  ++m_stats.fulfillmentCreates;
  m_loseCurrent = m_loseCreates.contains(m_stats.fulfillmentCreates);
  m_stats.fulfillmentAppliedMs.append(nowMs());
  return QJsonObject{
      {QStringLiteral("fulfillmentCreate"),
       QJsonObject{{QStringLiteral("fulfillment"), QJsonObject{{QStringLiteral("id"), f.id},
                                                               {QStringLiteral("status"), QStringLiteral("SUCCESS")},
                                                               {QStringLiteral("trackingInfo"), trackingInfo(f)}}},
                   {QStringLiteral("userErrors"), QJsonArray{}}}}};
}

QJsonObject FakeShopify::trackingUpdate(const QJsonObject &variables)
{
  auto it = m_fulfillments.find(variables.value(u"fulfillmentId").toString());
  if (it == m_fulfillments.end() || it->shop != m_currentShop)
    return QJsonObject{{QStringLiteral("fulfillmentTrackingInfoUpdate"),
                        QJsonObject{{QStringLiteral("fulfillment"), QJsonValue()},
                                    {QStringLiteral("userErrors"),
                                     QJsonArray{userError(QStringLiteral("Fulfillment does not exist."))}}}}};
  if (const QString problem = trackingInputProblem(variables.value(u"trackingInfoInput").toObject());
      !problem.isEmpty())
    return QJsonObject{{QStringLiteral("fulfillmentTrackingInfoUpdate"),
                        QJsonObject{{QStringLiteral("fulfillment"), QJsonValue()},
                                    {QStringLiteral("userErrors"), QJsonArray{userError(problem)}}}}};
  readTracking(variables.value(u"trackingInfoInput").toObject(), &it.value());
  ++it->trackingUpdates;
  return QJsonObject{
      {QStringLiteral("fulfillmentTrackingInfoUpdate"),
       QJsonObject{{QStringLiteral("fulfillment"),
                    QJsonObject{{QStringLiteral("id"), it->id}, {QStringLiteral("trackingInfo"), trackingInfo(*it)}}},
                   {QStringLiteral("userErrors"), QJsonArray{}}}}};
}

QJsonObject FakeShopify::hold(const QJsonObject &variables, bool on)
{
  const QString name = on ? QStringLiteral("fulfillmentOrderHold") : QStringLiteral("fulfillmentOrderReleaseHold");
  auto it = findFulfillmentOrder(variables.value(u"id").toString());
  auto refuse = [&](const QString &message) {
    return QJsonObject{{name, QJsonObject{{QStringLiteral("fulfillmentOrder"), QJsonValue()},
                                          {QStringLiteral("userErrors"), QJsonArray{userError(message)}}}}};
  };
  if (it == m_fulfillmentOrders.end())
    return refuse(QStringLiteral("Fulfillment order does not exist."));
  if (on && it->status != u"OPEN" && it->status != u"IN_PROGRESS")
    return refuse(QStringLiteral("The fulfillment order cannot be put on hold."));
  if (!on && it->status != u"ON_HOLD")
    return refuse(QStringLiteral("The fulfillment order is not on hold."));
  if (on && !variables.value(u"fulfillmentHold").toObject().contains(u"reason"))
    return refuse(QStringLiteral("reason is required"));
  it->status = on ? QStringLiteral("ON_HOLD") : QStringLiteral("OPEN");
  return QJsonObject{
      {name, QJsonObject{{QStringLiteral("fulfillmentOrder"),
                          QJsonObject{{QStringLiteral("id"), it->id}, {QStringLiteral("status"), it->status}}},
                         {QStringLiteral("userErrors"), QJsonArray{}}}}};
}

int FakeShopify::pageSizeOf(const QString &field) const
{
  const GraphQlField *f = m_current ? m_current->find(field) : nullptr;
  return f ? f->first : 0;
}

double FakeShopify::bucketAvailable()
{
  return bucketNow();
}

qint64 FakeShopify::clockMs()
{
  return nowMs();
}

QJsonObject FakeShopify::ordersUpdatedSince(const QJsonObject &variables)
{
  // Supports the one filter Packbench sends: "updated_at:>'ISO'"; pages by index cursor.
  static const QRegularExpression since(QStringLiteral(R"(updated_at:>'?([^' ]+)'?)"));
  const QDateTime after =
      QDateTime::fromString(since.match(variables.value(u"query").toString()).captured(1), Qt::ISODateWithMs);
  QList<QJsonObject> matching;
  for (const QJsonObject &node : std::as_const(m_orderNodes)) {
    if (!after.isValid() || QDateTime::fromString(node.value(u"updatedAt").toString(), Qt::ISODateWithMs) > after)
      matching.append(node);
  }
  std::sort(matching.begin(), matching.end(), [](const QJsonObject &a, const QJsonObject &b) {
    return a.value(u"updatedAt").toString() < b.value(u"updatedAt").toString();
  });
  const int start = variables.value(u"after").toString().toInt();
  const int pageSize = std::max(1, pageSizeOf(QStringLiteral("orders")));
  QJsonArray nodes;
  for (int i = start; i < std::min<int>(start + pageSize, static_cast<int>(matching.size())); ++i)
    nodes.append(matching.at(i));
  const bool more = start + pageSize < matching.size();
  return QJsonObject{{QStringLiteral("orders"),
                      QJsonObject{{QStringLiteral("pageInfo"),
                                   QJsonObject{{QStringLiteral("hasNextPage"), more},
                                               {QStringLiteral("endCursor"), QString::number(start + pageSize)}}},
                                  {QStringLiteral("nodes"), nodes}}}};
}

int FakeShopify::sendWebhook(const QUrl &url, const QByteArray &secret, const QString &topic, const QByteArray &body,
                             const QString &webhookId, const QString &shopDomain)
{
  // Shopify gives every event an id of its own.
  const WebhookDelivery delivery{topic, body, shopDomain, webhookId, QUuid::createUuid().toString(QUuid::WithoutBraces),
                                 {},    {}};
  return postWebhook(*m_network, url, delivery, secret);
}

int FakeShopify::sendWebhookToHub(quint16 hubPort, const QByteArray &secret, const QString &shopDomain,
                                  const QString &topic, const QJsonObject &body, const QString &webhookId)
{
  const QUrl url(QStringLiteral("http://127.0.0.1:%1/webhooks/shopify").arg(hubPort));
  return sendWebhook(url, secret, topic, QJsonDocument(body).toJson(QJsonDocument::Compact), webhookId, shopDomain);
}

} // namespace pb::test
