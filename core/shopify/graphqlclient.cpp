// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/graphqlclient.h"

#include "core/base/sendoncebody.h"
#include "core/config/configkeys.h"
#include "core/shopify/costthrottle.h"

#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>

#include <cstring>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcGraphQl, "packbench.core.shopify.graphqlclient")

bool isMutation(const QString &document)
{
  for (const QString &line : document.split(QLatin1Char('\n'))) {
    const QString trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
      continue;
    return trimmed.startsWith(u"mutation");
  }
  return false;
}

QString resourceText(const QString &path)
{
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The names of the fragments a document spreads ("...Name"; an inline "... on Type" is not one).
QStringList spreadsIn(const QString &document)
{
  static const QRegularExpression spread(QStringLiteral(R"(\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*))"));
  QStringList names;
  for (auto match = spread.globalMatch(document); match.hasNext();) {
    const QString name = match.next().captured(1);
    if (name != u"on" && !names.contains(name))
      names.append(name);
  }
  return names;
}

QString firstErrorCode(const QJsonArray &errors)
{
  for (const QJsonValue &error : errors) {
    const QString code = error.toObject().value(u"extensions").toObject().value(u"code").toString();
    if (!code.isEmpty())
      return code;
  }
  return {};
}
} // namespace

GraphQlSettings GraphQlSettings::fromConfig(const config::Config &config)
{
  using namespace config::keys;
  GraphQlSettings s;
  QString base = config.get(ShopifyAdminBaseUrl);
  if (base.isEmpty())
    base = QStringLiteral("https://") + config.get(ShopifyShop);
  while (base.endsWith(QLatin1Char('/')))
    base.chop(1);
  s.endpoint =
      QUrl(base + QStringLiteral("/admin/api/") + config.get(ShopifyApiVersion) + QStringLiteral("/graphql.json"));
  s.accessToken = config.get(ShopifyAccessToken).toUtf8();
  s.timeoutMs = config.get(ShopifyRequestTimeoutMs);
  s.maxRetries = config.get(ShopifyMaxRetries);
  s.backoffBaseMs = config.get(ShopifyBackoffBaseMs);
  return s;
}

QString graphQlDocument(const QString &operationName)
{
  static QMutex mutex;
  static QHash<QString, QString> cache;
  const QMutexLocker lock(&mutex);
  auto it = cache.constFind(operationName);
  if (it != cache.constEnd())
    return *it;
  QString text = resourceText(QStringLiteral(":/shopify/graphql/%1.graphql").arg(operationName));
  if (text.isEmpty())
    return {};
  // The fragments it spreads, and theirs, each once: Shopify refuses a fragment that is defined but not used.
  QStringList included;
  for (qsizetype scanned = 0; scanned < text.size();) {
    const QStringList spread = spreadsIn(text.mid(scanned));
    scanned = text.size();
    for (const QString &fragment : spread) {
      if (included.contains(fragment))
        continue;
      const QString body = resourceText(QStringLiteral(":/shopify/graphql/fragments/%1.graphql").arg(fragment));
      if (body.isEmpty()) {
        qCCritical(lcGraphQl).noquote() << operationName << "spreads the unknown fragment" << fragment;
        return {};
      }
      included.append(fragment);
      text += QLatin1Char('\n') + body;
    }
  }
  cache.insert(operationName, text);
  return text;
}

void waitMs(qint64 ms)
{
  if (ms <= 0)
    return;
  QEventLoop loop;
  // Precise: a coarse timer may fire 5% late, and throttle waits are paced to the restore rate.
  QTimer::singleShot(static_cast<int>(std::min<qint64>(ms, 600000)), Qt::PreciseTimer, &loop, &QEventLoop::quit);
  loop.exec();
}

GraphQlClient::GraphQlClient(GraphQlSettings settings, CostThrottle &throttle, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_throttle(throttle)
    , m_network(new QNetworkAccessManager(this))
{}

GraphQlClient::~GraphQlClient() = default;

qint64 GraphQlClient::backoffMs(int attempt) const
{
  const qint64 base = static_cast<qint64>(m_settings.backoffBaseMs) << std::min(attempt, 16);
  // Full jitter spreads retries of many hubs apart.
  return base / 2 + static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<double>(base / 2 + 1)));
}

Result<QJsonObject> GraphQlClient::execute(const QString &operationName, const QJsonObject &variables)
{
  const QString document = graphQlDocument(operationName);
  if (document.isEmpty())
    return makeError(ErrorKind::Internal, QStringLiteral("no GraphQL document named %1").arg(operationName));
  const bool mutation = isMutation(document);
  const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("query"), document},
                                                    {QStringLiteral("operationName"), operationName},
                                                    {QStringLiteral("variables"), variables}})
                              .toJson(QJsonDocument::Compact);
  int failures = 0;
  int throttles = 0;
  for (;;) {
    if (m_stop && m_stop->load())
      return makeError(ErrorKind::Unavailable, QStringLiteral("Shopify %1 not sent: stopping").arg(operationName));
    CostReservation reservation;
    while (const qint64 wait = m_throttle.reserve(operationName, &reservation))
      waitMs(wait);
    Attempt attempt = send(operationName, body, reservation, mutation);
    if (attempt.result.ok())
      return std::move(attempt.result);
    if (attempt.waitMs > 0 && ++throttles <= 50) {
      ++m_throttled;
      waitMs(attempt.waitMs);
      continue;
    }
    if (!attempt.retryable || mutation || failures >= m_settings.maxRetries)
      return attempt.result.error();
    ++m_retries;
    waitMs(backoffMs(failures++));
  }
}

GraphQlClient::Attempt GraphQlClient::send(const QString &operationName, const QByteArray &body,
                                           const CostReservation &reservation, bool sendOnce)
{
  QNetworkRequest request(m_settings.endpoint);
  request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
  request.setRawHeader("X-Shopify-Access-Token", m_settings.accessToken);
  request.setTransferTimeout(m_settings.timeoutMs);
  QNetworkReply *reply = nullptr;
  if (sendOnce) {
    reply = postOnce(*m_network, request, body);
  } else {
    reply = m_network->post(request, body);
  }
  QEventLoop loop;
  connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  if (!reply->isFinished())
    loop.exec();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const QNetworkReply::NetworkError networkError = reply->error();
  const QByteArray answer = reply->isOpen() ? reply->readAll() : QByteArray();
  const QByteArray retryAfter = reply->rawHeader("Retry-After");
  reply->deleteLater();

  const QString what = QStringLiteral("Shopify %1").arg(operationName);
  if (status != 200)
    m_throttle.abandon(reservation);
  if (networkError == QNetworkReply::ContentReSendError) {
    qCInfo(lcGraphQl).noquote() << what << "lost its connection before the answer; not sent again";
    return {makeError(ErrorKind::Unavailable,
                      QStringLiteral("%1: connection closed before the answer (not sent again)").arg(what)),
            true};
  }
  if (status == 0 || (networkError != QNetworkReply::NoError && status < 400)) {
    qCInfo(lcGraphQl).noquote() << what << "failed without an answer:" << static_cast<int>(networkError);
    return {makeError(ErrorKind::Unavailable,
                      QStringLiteral("%1: no answer (network error %2)").arg(what).arg(networkError)),
            true};
  }
  if (status == 429)
    return {makeError(ErrorKind::Unavailable, QStringLiteral("%1: HTTP 429").arg(what)), true,
            std::max<qint64>(1000, retryAfter.toLongLong() * 1000)};
  if (status >= 500)
    return {makeError(ErrorKind::Unavailable, QStringLiteral("%1: HTTP %2").arg(what).arg(status)), true};
  if (status == 401 || status == 403)
    return {makeError(ErrorKind::Permission, QStringLiteral("%1: HTTP %2 (token or scopes)").arg(what).arg(status)),
            false};
  if (status != 200)
    return {makeError(ErrorKind::InvalidInput, QStringLiteral("%1: HTTP %2").arg(what).arg(status)), false};

  const QJsonObject json = QJsonDocument::fromJson(answer).object();
  const QJsonObject cost = json.value(u"extensions").toObject().value(u"cost").toObject();
  const QJsonArray errors = json.value(u"errors").toArray();
  if (firstErrorCode(errors) == u"THROTTLED") {
    const qint64 wait = m_throttle.delayAfterThrottled(operationName, cost, reservation);
    return {makeError(ErrorKind::Unavailable, QStringLiteral("%1: THROTTLED").arg(what)), true, wait};
  }
  m_throttle.observe(operationName, cost, reservation);
  if (!errors.isEmpty()) {
    const QString message = errors.first().toObject().value(u"message").toString();
    const bool internal = firstErrorCode(errors) == u"INTERNAL_SERVER_ERROR";
    return {makeError(internal ? ErrorKind::Unavailable : ErrorKind::InvalidInput,
                      QStringLiteral("%1: %2").arg(what, message)),
            internal};
  }
  if (!json.value(u"data").isObject())
    return {makeError(ErrorKind::Unavailable, QStringLiteral("%1: answer without data").arg(what)), true};
  return {json.value(u"data").toObject()};
}

} // namespace pb::shopify
