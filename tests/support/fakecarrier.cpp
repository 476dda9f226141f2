// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/fakecarrier.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace pb::test {

namespace {

qint64 nowMs()
{
  static QElapsedTimer timer;
  if (!timer.isValid())
    timer.start();
  return timer.elapsed();
}

QByteArray methodName(QHttpServerRequest::Method method)
{
  switch (method) {
  case QHttpServerRequest::Method::Get: return "GET";
  case QHttpServerRequest::Method::Put: return "PUT";
  case QHttpServerRequest::Method::Post: return "POST";
  case QHttpServerRequest::Method::Delete: return "DELETE";
  case QHttpServerRequest::Method::Patch: return "PATCH";
  default: return "OTHER";
  }
}

} // namespace

// QtHttpServer without its router: every request reaches FakeCarrier::serve with its responder.
class CarrierHttpServer final : public QAbstractHttpServer {
public:
  explicit CarrierHttpServer(FakeCarrier &fake)
      : m_fake(fake)
  {}

protected:
  bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
  {
    // Nagle plus delayed ACK would hold small answers ~40 ms (TOOLCHAIN-NOTES.md).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_fake.serve(request, makeResponder(request, socket));
    return true;
  }
  void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
  FakeCarrier &m_fake;
};

FakeCarrier::FakeCarrier(QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<CarrierHttpServer>(*this))
    , m_random(1)
{}

FakeCarrier::~FakeCarrier() = default;

quint16 FakeCarrier::listen(quint16 port, const QHostAddress &address)
{
  if (m_contractCheckOn)
    OpenApiCheck::shared().start(); // a failure shows as a contract error on the first request
  m_port = m_server->listen(address, port);
  return m_port;
}

QUrl FakeCarrier::baseUrl() const
{
  return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

carriers::ShipEngineSettings FakeCarrier::clientSettings(int timeoutMs, int maxRetries, int backoffBaseMs) const
{
  carriers::ShipEngineSettings s;
  s.baseUrl = baseUrl();
  s.apiKey = apiKey();
  s.timeoutMs = timeoutMs;
  s.maxRetries = maxRetries;
  s.backoffBaseMs = backoffBaseMs;
  s.requestsPerMinute = m_limit;
  return s;
}

void FakeCarrier::setRateLimit(int requests, qint64 windowMs)
{
  m_limit = std::max(1, requests);
  m_windowMs = std::max<qint64>(1, windowMs);
  m_accepted.clear();
}

void FakeCarrier::setFaults(const Faults &faults, quint32 seed)
{
  m_faults = faults;
  m_random.seed(seed);
}

void FakeCarrier::loseNext(const QString &operationId, int count)
{
  m_scripted[operationId].push_back({Fault::Lost, count, 0});
}

void FakeCarrier::failNext(const QString &operationId, int count, int status)
{
  m_scripted[operationId].push_back({Fault::ServerError, count, status});
}

void FakeCarrier::slowNext(const QString &operationId, int count, int delayMs)
{
  m_scripted[operationId].push_back({Fault::Slow, count, delayMs});
}

void FakeCarrier::setLatencyMs(int latencyMs)
{
  m_latencyMs = std::max(0, latencyMs);
}

int FakeCarrier::paidLabels() const
{
  int paid = 0;
  for (const StoredLabel &label : m_labels)
    paid += label.voided ? 0 : 1;
  return paid;
}

const FakeCarrier::StoredLabel *FakeCarrier::labelForExternalId(const QString &externalShipmentId) const
{
  const auto it = m_labelByExternalId.constFind(externalShipmentId);
  if (it == m_labelByExternalId.constEnd())
    return nullptr;
  const auto label = m_labels.constFind(*it); // checked: gcc -O2 sees a possible null otherwise
  return label == m_labels.constEnd() ? nullptr : &label.value();
}

QJsonObject FakeCarrier::statsJson() const
{
  QJsonObject calls;
  for (auto it = m_stats.calls.cbegin(); it != m_stats.calls.cend(); ++it)
    calls.insert(it.key(), it.value());
  return QJsonObject{{u"requests"_s, m_stats.requests},
                     {u"rate_limited"_s, m_stats.rateLimited},
                     {u"unauthorized"_s, m_stats.unauthorized},
                     {u"server_errors"_s, m_stats.serverErrors},
                     {u"lost"_s, m_stats.lost},
                     {u"slow"_s, m_stats.slow},
                     {u"labels_bought"_s, m_stats.labelsBought},
                     {u"labels_voided"_s, m_stats.labelsVoided},
                     {u"labels_paid"_s, paidLabels()},
                     {u"duplicate_purchases"_s, m_stats.duplicatePurchases},
                     {u"invalid_requests"_s, m_stats.invalidRequests},
                     {u"invalid_responses"_s, m_stats.invalidResponses},
                     {u"contract_errors"_s, QJsonArray::fromStringList(m_stats.contractErrors)},
                     {u"calls"_s, calls}};
}

QString FakeCarrier::operationOf(const QByteArray &method, const QStringList &p) const
{
  // p: the path's segments after /v1.
  if (method == "POST" && p == QStringList{u"rates"_s})
    return u"calculate_rates"_s;
  if (method == "POST" && p == QStringList{u"labels"_s})
    return u"create_label"_s;
  if (method == "POST" && p.size() == 3 && p.at(0) == u"labels" && p.at(1) == u"rates")
    return u"create_label_from_rate"_s;
  if (method == "PUT" && p.size() == 3 && p.at(0) == u"labels" && p.at(2) == u"void")
    return u"void_label"_s;
  if (method == "GET" && p.size() == 3 && p.at(0) == u"labels" && p.at(1) == u"external_shipment_id")
    return u"get_label_by_external_shipment_id"_s;
  if (method == "GET" && p == QStringList{u"tracking"_s})
    return u"get_tracking_log"_s;
  if (method == "POST" && p == QStringList{u"manifests"_s})
    return u"create_manifest"_s;
  if (method == "GET" && p == QStringList{u"manifests"_s})
    return u"list_manifests"_s;
  if (method == "GET" && p.size() == 2 && p.at(0) == u"downloads")
    return u"download"_s; // where label_download/manifest_download point; not part of the definition
  return {};
}

FakeCarrier::Fault FakeCarrier::faultFor(const QString &operation, int *value)
{
  auto scripted = m_scripted.find(operation);
  if (scripted != m_scripted.end() && !scripted->empty()) {
    Scripted &next = scripted->front();
    const Fault fault = next.fault;
    *value = next.value;
    if (--next.count <= 0)
      scripted->pop_front();
    return fault;
  }
  if (!m_faults.operations.isEmpty() && !m_faults.operations.contains(operation))
    return Fault::None;
  const double roll = m_random.generateDouble();
  if (roll < m_faults.serverError) {
    *value = 500;
    return Fault::ServerError;
  }
  if (roll < m_faults.serverError + m_faults.lost)
    return Fault::Lost;
  if (roll < m_faults.serverError + m_faults.lost + m_faults.slow) {
    *value = m_faults.slowMs;
    return Fault::Slow;
  }
  return Fault::None;
}

bool FakeCarrier::overLimit(qint64 now, qint64 *retryAfterSeconds)
{
  while (!m_accepted.empty() && m_accepted.front() + m_windowMs <= now)
    m_accepted.pop_front();
  if (static_cast<int>(m_accepted.size()) < m_limit) {
    m_accepted.push_back(now);
    return false;
  }
  const qint64 waitMs = m_accepted.front() + m_windowMs - now;
  *retryAfterSeconds = std::max<qint64>(1, (waitMs + 999) / 1000);
  return true;
}

void FakeCarrier::checkContract(const QString &operation, const HttpExchange &exchange)
{
  if (!m_contractCheckOn || operation == u"download")
    return;
  const ContractVerdict verdict = OpenApiCheck::shared().check(exchange);
  if (verdict.errors.isEmpty())
    return;
  (exchange.response ? m_stats.invalidResponses : m_stats.invalidRequests)++;
  for (const QString &e : verdict.errors)
    m_stats.contractErrors.append(u"%1 %2 %3: %4"_s.arg(exchange.response ? u"response"_s : u"request"_s, operation,
                                                        QString::number(exchange.status), e));
}

FakeCarrier::Answer FakeCarrier::json(const QJsonObject &body, int status)
{
  return Answer{status, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

FakeCarrier::Answer FakeCarrier::carrierError(const QString &carrierId, const QString &carrierCode,
                                              const QString &message, const QString &field) const
{
  const QJsonObject e{{u"error_source"_s, u"carrier"_s},
                      {u"error_type"_s, u"validation"_s},
                      {u"error_code"_s, u"invalid_field_value"_s},
                      {u"message"_s, message},
                      {u"carrier_id"_s, carrierId},
                      {u"carrier_code"_s, carrierCode},
                      {u"field_name"_s, field}};
  return json(QJsonObject{{u"request_id"_s, requestId()}, {u"errors"_s, QJsonArray{e}}}, 400);
}

QString FakeCarrier::requestId() const
{
  return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

FakeCarrier::Answer FakeCarrier::error(int status, const QString &type, const QString &code, const QString &message,
                                       const QString &field) const
{
  QJsonObject e{
      {u"error_source"_s, u"shipengine"_s}, {u"error_type"_s, type}, {u"error_code"_s, code}, {u"message"_s, message}};
  if (!field.isEmpty())
    e.insert(u"field_name"_s, field);
  return json(QJsonObject{{u"request_id"_s, requestId()}, {u"errors"_s, QJsonArray{e}}}, status);
}

void FakeCarrier::write(QHttpServerResponder &responder, const Answer &answer)
{
  responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(answer.status));
  responder.writeHeader("Content-Type", answer.contentType);
  responder.writeHeader("Content-Length", QByteArray::number(answer.body.size()));
  if (answer.retryAfterSeconds >= 0)
    responder.writeHeader("Retry-After", QByteArray::number(answer.retryAfterSeconds));
  responder.writeBody(answer.body);
}

void FakeCarrier::serve(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
  // The carrier counts a request when it arrives, not after this fake's own (slow, synchronous) contract check.
  const qint64 arrivedMs = nowMs();
  const QByteArray method = methodName(request.method());
  const QUrl url = request.url();
  QStringList path = url.path().split(u'/', Qt::SkipEmptyParts);
  if (!path.isEmpty() && path.first() == u"fake") {
    write(responder, control(method, path.mid(1), QJsonDocument::fromJson(request.body()).object()));
    return;
  }
  ++m_stats.requests;
  const bool v1 = !path.isEmpty() && path.takeFirst() == u"v1";
  for (QString &segment : path)
    segment = QUrl::fromPercentEncoding(segment.toUtf8());
  const QString operation = v1 ? operationOf(method, path) : QString();
  const QString target =
      url.path(QUrl::FullyEncoded) + (url.hasQuery() ? u"?"_s + url.query(QUrl::FullyEncoded) : u""_s);
  ++m_stats.calls[operation.isEmpty() ? u"(unknown)"_s : operation];

  HttpExchange exchange{false, method, target, 0, request.headers(), request.body()};
  const int invalidBefore = m_stats.invalidRequests;
  if (!operation.isEmpty())
    checkContract(operation, exchange);

  Answer answer;
  Fault fault = Fault::None;
  int faultValue = 0;
  qint64 retryAfter = 0;
  if (operation.isEmpty()) {
    answer = error(404, u"validation"_s, u"invalid_identifier"_s,
                   u"%1 %2 is not served here"_s.arg(QString::fromLatin1(method), url.path()));
  } else if (operation != u"download" && request.value("API-Key") != apiKey()) {
    ++m_stats.unauthorized;
    answer = error(401, u"security"_s, u"unauthorized"_s,
                   u"The API key is invalid. Please see https://www.shipengine.com/docs/auth"_s);
  } else if (operation != u"download" && overLimit(arrivedMs, &retryAfter)) {
    ++m_stats.rateLimited;
    answer = error(429, u"system"_s, u"rate_limit_exceeded"_s,
                   u"You have exceeded the rate limit. Please see https://www.shipengine.com/docs/rate-limits"_s);
    answer.retryAfterSeconds = retryAfter;
  } else if (m_stats.invalidRequests > invalidBefore) {
    answer = error(400, u"validation"_s, u"invalid_field_value"_s,
                   u"The request is not valid: "_s + m_stats.contractErrors.last().section(u": "_s, 1));
  } else {
    // A download (label, manifest PDF) fails only when a test scripts it (failNext("download")), never by chance.
    const auto scripted = m_scripted.constFind(operation);
    const bool scriptedFault = scripted != m_scripted.constEnd() && !scripted->empty();
    fault = operation == u"download" && !scriptedFault ? Fault::None : faultFor(operation, &faultValue);
    if (fault == Fault::ServerError) {
      ++m_stats.serverErrors;
      answer = error(faultValue, u"system"_s, u"unspecified"_s, u"An unknown error occurred (injected)"_s);
    } else {
      answer = dispatch(operation, path, request);
    }
  }
  if (!operation.isEmpty() && answer.contentType == "application/json")
    checkContract(
        operation,
        {true,
         method,
         target,
         answer.status,
         {{"Content-Type", answer.contentType},
          {"Retry-After", answer.retryAfterSeconds >= 0 ? QByteArray::number(answer.retryAfterSeconds) : QByteArray()}},
         answer.body});

  if (fault == Fault::Lost) {
    // Done, but the answer never arrives: a proxy or the network dropped it.
    ++m_stats.lost;
    if (QTcpSocket *socket = responder.socket())
      socket->disconnectFromHost();
    return;
  }
  const int delay = fault == Fault::Slow ? faultValue : m_latencyMs;
  if (fault == Fault::Slow)
    ++m_stats.slow;
  if (delay <= 0) {
    write(responder, answer);
    return;
  }
  // Answered later without blocking this thread; dropped if the client gave up meanwhile (QtHttpServer 6.4
  // crashes writing to a socket the client closed).
  auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
  QPointer<QTcpSocket> socket(held->socket());
  QTimer::singleShot(delay, Qt::PreciseTimer, this, [this, held, socket, answer]() {
    if (socket && socket->state() == QAbstractSocket::ConnectedState)
      write(*held, answer);
  });
}

FakeCarrier::Answer FakeCarrier::control(const QByteArray &method, const QStringList &path, const QJsonObject &body)
{
  const QString what = path.join(u'/');
  if (method == "GET" && what == u"stats")
    return json(statsJson());
  if (method == "POST" && what == u"faults") {
    Faults f;
    f.serverError = body.value(u"server_error").toDouble();
    f.lost = body.value(u"lost").toDouble();
    f.slow = body.value(u"slow").toDouble();
    f.slowMs = body.value(u"slow_ms").toInt();
    for (const QJsonValue &op : body.value(u"operations").toArray())
      f.operations.append(op.toString());
    setFaults(f, static_cast<quint32>(body.value(u"seed").toInt(1)));
    return json(statsJson());
  }
  if (method == "POST" && what == u"rate-limit" && body.value(u"requests").toInt() > 0) {
    setRateLimit(body.value(u"requests").toInt(), body.value(u"window_ms").toInteger(60000));
    return json(statsJson());
  }
  if (method == "POST" && what == u"tracking") {
    if (!advanceTracking(body.value(u"tracking_number").toString(), body.value(u"stage").toInt()))
      return json(QJsonObject{{u"error"_s, u"no such tracking number"_s}}, 404);
    return json(QJsonObject{{u"ok"_s, true}});
  }
  return json(QJsonObject{{u"error"_s, u"GET /fake/stats; POST /fake/faults, /fake/rate-limit, /fake/tracking"_s}},
              404);
}

FakeCarrier::Answer FakeCarrier::dispatch(const QString &operation, const QStringList &path,
                                          const QHttpServerRequest &request)
{
  const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
  const QUrlQuery query(request.url());
  if (operation == u"calculate_rates")
    return rates(body);
  if (operation == u"create_label")
    return createLabel(body.value(u"shipment").toObject(), body);
  if (operation == u"create_label_from_rate")
    return labelFromRate(path.at(2), body);
  if (operation == u"void_label")
    return voidLabel(path.at(1));
  if (operation == u"get_label_by_external_shipment_id")
    return labelByExternalId(path.at(2), query.queryItemValue(u"label_download_type"_s));
  if (operation == u"get_tracking_log")
    return tracking(query.queryItemValue(u"carrier_code"_s), query.queryItemValue(u"tracking_number"_s));
  if (operation == u"create_manifest")
    return createManifest(body);
  if (operation == u"list_manifests")
    return listManifests(query);
  return download(path.at(1));
}

} // namespace pb::test
