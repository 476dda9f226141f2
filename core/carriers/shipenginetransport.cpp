// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/shipenginetransport.h"

#include "core/base/sendoncebody.h"
#include "core/carriers/shipenginejson.h"
#include "core/config/config.h"
#include "core/config/configkeys.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace pb::carriers {

namespace {
Q_LOGGING_CATEGORY(lcTransport, "packbench.core.carriers.shipenginetransport")

const SystemClock &systemClock()
{
  static const SystemClock clock;
  return clock;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
  return a.scheme() == b.scheme() && a.host() == b.host() &&
         a.port(a.scheme() == u"https" ? 443 : 80) == b.port(b.scheme() == u"https" ? 443 : 80);
}
} // namespace

struct ShipEngineTransport::Answer {
  int status = 0; // 0: no HTTP answer
  QByteArray body;
  qint64 retryAfterMs = 0;
  QNetworkReply::NetworkError network = QNetworkReply::NoError;
  bool timedOut = false;
};

ShipEngineSettings ShipEngineSettings::fromConfig(const config::Config &config)
{
  using namespace config::keys;
  ShipEngineSettings s;
  s.baseUrl = QUrl(config.get(CarrierApiBaseUrl));
  s.apiKey = config.get(CarrierApiKey).toUtf8();
  s.timeoutMs = config.get(CarrierRequestTimeoutMs);
  s.maxRetries = config.get(CarrierMaxRetries);
  s.backoffBaseMs = config.get(CarrierBackoffBaseMs);
  s.requestsPerMinute = config.get(CarrierRequestsPerMinute);
  return s;
}

ShipEngineTransport::ShipEngineTransport(ShipEngineSettings settings, std::shared_ptr<RequestPacer> pacer,
                                         QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_pacer(pacer ? std::move(pacer)
                    : std::make_shared<RequestPacer>(m_settings.requestsPerMinute, 60000, systemClock()))
    , m_network(new QNetworkAccessManager(this))
{
  while (m_settings.baseUrl.path().endsWith(u'/'))
    m_settings.baseUrl.setPath(m_settings.baseUrl.path().chopped(1));
}

ShipEngineTransport::~ShipEngineTransport() = default;

qint64 ShipEngineTransport::backoffMs(int attempt) const
{
  const qint64 base = static_cast<qint64>(m_settings.backoffBaseMs) << std::min(attempt, 16);
  // Full jitter keeps several hubs from retrying in step.
  return base / 2 + static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<double>(base / 2 + 1)));
}

void ShipEngineTransport::call(const ShipEngineCall &call, JsonDone done)
{
  attempt(call, std::move(done), 0, 0);
}

void ShipEngineTransport::attempt(const ShipEngineCall &call, JsonDone done, int failures, int throttles)
{
  if (stopping()) {
    QTimer::singleShot(0, this, [done, call]() {
      done(CarrierError{CarrierErrorKind::Stopped, u"carrier %1 not sent: stopping"_s.arg(call.operation)});
    });
    return;
  }
  QUrl url = m_settings.baseUrl;
  url.setPath(m_settings.baseUrl.path() + call.path);
  if (!call.query.isEmpty())
    url.setQuery(call.query);
  const QByteArray body = call.verb == "POST" ? QJsonDocument(call.body).toJson(QJsonDocument::Compact) : QByteArray();
  sendPaced(call.verb, url, body, call.sendOnce, true, [this, call, done, failures, throttles](Answer answer) {
    if (answer.status >= 200 && answer.status < 300) {
      QJsonParseError parseError{};
      const QJsonDocument json = QJsonDocument::fromJson(answer.body, &parseError);
      if (!answer.body.isEmpty() && !json.isObject()) {
        done(CarrierError{CarrierErrorKind::Protocol, u"carrier %1: answer is not a JSON object"_s.arg(call.operation),
                          answer.status});
        return;
      }
      done(json.object());
      return;
    }
    CarrierError error = classify(call.operation, answer);
    if (error.kind == CarrierErrorKind::RateLimited && throttles < m_settings.maxThrottleWaits && !stopping()) {
      ++m_throttled;
      m_pacer->holdFor(error.retryAfterMs); // every call on this key waits, not only this one
      qCInfo(lcTransport).noquote() << "carrier" << call.operation << "answered 429; waiting" << error.retryAfterMs
                                    << "ms as Retry-After asks";
      attempt(call, done, failures, throttles + 1);
      return;
    }
    const bool retryable = error.kind == CarrierErrorKind::Server || error.outcomeUnknown();
    if (retryable && !call.sendOnce && failures < m_settings.maxRetries && !stopping()) {
      ++m_retries;
      const qint64 wait = backoffMs(failures);
      qCInfo(lcTransport).noquote() << "carrier" << call.operation << "failed (" << carrierErrorKindName(error.kind)
                                    << error.httpStatus << "); retry" << failures + 1 << "in" << wait << "ms";
      QTimer::singleShot(static_cast<int>(wait), this,
                         [this, call, done, failures, throttles]() { attempt(call, done, failures + 1, throttles); });
      return;
    }
    qCWarning(lcTransport).noquote() << "carrier" << call.operation << "failed:" << carrierErrorKindName(error.kind)
                                     << "HTTP" << error.httpStatus << "request" << error.requestId
                                     << error.errorCodes.join(u',');
    done(std::move(error));
  });
}

void ShipEngineTransport::download(const QUrl &url, BytesDone done)
{
  if (stopping()) {
    QTimer::singleShot(0, this, [done]() { done(CarrierError{CarrierErrorKind::Stopped, u"download not sent"_s}); });
    return;
  }
  const bool withKey = sameOrigin(url, m_settings.baseUrl);
  sendPaced("GET", url, {}, false, withKey, [this, done](Answer answer) {
    if (answer.status == 200) {
      done(answer.body);
      return;
    }
    done(classify(u"download"_s, answer));
  });
}

void ShipEngineTransport::sendPaced(const QByteArray &verb, const QUrl &url, const QByteArray &body, bool sendOnce,
                                    bool withKey, std::function<void(Answer)> done)
{
  const qint64 wait = m_pacer->reserve();
  if (wait > 0) {
    QTimer::singleShot(static_cast<int>(std::min<qint64>(wait, 600000)), Qt::PreciseTimer, this,
                       [=, this]() { sendPaced(verb, url, body, sendOnce, withKey, done); });
    return;
  }
  if (stopping()) {
    m_pacer->release();
    QTimer::singleShot(0, this, [done]() { done(Answer{}); });
    return;
  }
  sendNow(verb, url, body, sendOnce, withKey, std::move(done));
}

void ShipEngineTransport::sendNow(const QByteArray &verb, const QUrl &url, const QByteArray &body, bool sendOnce,
                                  bool withKey, std::function<void(Answer)> done)
{
  QNetworkRequest request(url);
  if (withKey)
    request.setRawHeader("API-Key", m_settings.apiKey);
  request.setRawHeader("Accept", "application/json");
  QNetworkReply *reply = nullptr;
  if (verb == "POST") {
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (sendOnce) {
      // Never rewound: Qt 6.4 re-sends a POST whose connection closed before the answer,
      // and a repeated purchase could buy a second label (see core/base/sendoncebody.h).
      reply = postOnce(*m_network, request, body);
    } else {
      reply = m_network->post(request, body);
    }
  } else {
    reply = m_network->sendCustomRequest(request, verb);
  }
  ++m_sent;
  auto timedOut = std::make_shared<bool>(false);
  QPointer<QNetworkReply> guard(reply);
  QTimer::singleShot(m_settings.timeoutMs, reply, [guard, timedOut]() {
    // One read of the guard: GCC's -Wnull-dereference (release) does not trust two reads.
    if (QNetworkReply *running = guard.data(); running != nullptr && running->isRunning()) {
      *timedOut = true;
      running->abort();
    }
  });
  connect(reply, &QNetworkReply::finished, this, [reply, timedOut, done = std::move(done)]() {
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.network = reply->error();
    answer.timedOut = *timedOut;
    answer.body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QByteArray retryAfter = reply->rawHeader("Retry-After").trimmed();
    bool numeric = false;
    const qint64 seconds = retryAfter.toLongLong(&numeric);
    answer.retryAfterMs = numeric && seconds >= 0 ? seconds * 1000 : 0;
    reply->deleteLater();
    done(std::move(answer));
  });
}

CarrierError ShipEngineTransport::classify(const QString &operation, const Answer &answer) const
{
  CarrierError error;
  error.httpStatus = answer.status;
  const QString what = u"carrier %1"_s.arg(operation);
  if (answer.timedOut) {
    error.kind = CarrierErrorKind::Timeout;
    error.message = u"%1: no answer within %2 ms"_s.arg(what).arg(m_settings.timeoutMs);
    return error;
  }
  if (answer.status == 0) {
    const bool neverSent =
        answer.network == QNetworkReply::ConnectionRefusedError || answer.network == QNetworkReply::HostNotFoundError;
    if (neverSent) {
      error.kind = CarrierErrorKind::Server;
      error.message = u"%1: carrier unreachable (network error %2)"_s.arg(what).arg(answer.network);
    } else if (answer.network == QNetworkReply::NoError) {
      error.kind = CarrierErrorKind::Stopped;
      error.message = u"%1: not sent: stopping"_s.arg(what);
    } else {
      error.kind = CarrierErrorKind::Lost;
      error.message = u"%1: connection closed without an answer (network error %2)"_s.arg(what).arg(answer.network);
    }
    return error;
  }
  if (answer.status == 429) {
    error.kind = CarrierErrorKind::RateLimited;
    error.retryAfterMs = std::max<qint64>(answer.retryAfterMs, 1000); // a 429 without Retry-After: wait a second
    error.message = u"%1: rate limit exceeded (HTTP 429)"_s.arg(what);
  } else if (answer.status == 401 || answer.status == 403) {
    error.kind = CarrierErrorKind::Auth;
    error.message = u"%1: API key refused (HTTP %2)"_s.arg(what).arg(answer.status);
  } else if (answer.status == 404) {
    error.kind = CarrierErrorKind::NotFound;
    error.message = u"%1: not found"_s.arg(what);
  } else if (answer.status >= 500) {
    error.kind = CarrierErrorKind::Server;
    error.message = u"%1: carrier error (HTTP %2)"_s.arg(what).arg(answer.status);
  } else {
    error.kind = CarrierErrorKind::Validation;
    error.message = u"%1: request refused (HTTP %2)"_s.arg(what).arg(answer.status);
  }
  shipengine::readErrorBody(QJsonDocument::fromJson(answer.body).object(), &error);
  return error;
}

} // namespace pb::carriers
