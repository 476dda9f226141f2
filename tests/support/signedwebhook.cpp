// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/signedwebhook.h"

#include "tests/support/shopifypayloads.h"

#include <QDateTime>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

namespace pb::test {

QList<std::pair<QByteArray, QByteArray>> webhookHeaders(const WebhookDelivery &delivery, const QByteArray &secret)
{
  QList<std::pair<QByteArray, QByteArray>> headers{
      {"X-Shopify-Topic", delivery.topic.toUtf8()},
      {"X-Shopify-Shop-Domain", delivery.shop.toUtf8()},
      {"X-Shopify-API-Version", "2026-01"},
      {"X-Shopify-Webhook-Id",
       (delivery.webhookId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : delivery.webhookId)
           .toUtf8()}};
  if (!delivery.eventId.isEmpty())
    headers.append({"X-Shopify-Event-Id", delivery.eventId.toUtf8()});
  const QByteArray triggered = delivery.triggeredAt
                                   ? *delivery.triggeredAt
                                   : QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
  if (!triggered.isEmpty())
    headers.append({"X-Shopify-Triggered-At", triggered});
  const QByteArray signature = delivery.hmac ? *delivery.hmac : shopifyHmac(secret, delivery.body);
  if (!signature.isEmpty())
    headers.append({"X-Shopify-Hmac-Sha256", signature});
  return headers;
}

QUrl webhookUrl(quint16 port)
{
  return QUrl(QStringLiteral("http://127.0.0.1:%1/webhooks/shopify").arg(port));
}

QNetworkRequest webhookRequest(const QUrl &url, const WebhookDelivery &delivery, const QByteArray &secret)
{
  QNetworkRequest request(url);
  request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
  for (const auto &[name, value] : webhookHeaders(delivery, secret))
    request.setRawHeader(name, value);
  return request;
}

int postWebhook(QNetworkAccessManager &network, const QUrl &url, const WebhookDelivery &delivery,
                const QByteArray &secret, int timeoutMs)
{
  QNetworkReply *reply = network.post(webhookRequest(url, delivery, secret), delivery.body);
  if (!reply->isFinished()) {
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
  }
  const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
  const bool answered = reply->isFinished() && status.isValid();
  reply->deleteLater();
  return answered ? status.toInt() : -1;
}

QByteArray rawWebhookPost(const WebhookDelivery &delivery, const QByteArray &secret, const QByteArray &host)
{
  QByteArray request = "POST /webhooks/shopify HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n";
  for (const auto &[name, value] : webhookHeaders(delivery, secret))
    request += name + ": " + value + "\r\n";
  return request + "Content-Length: " + QByteArray::number(delivery.body.size()) + "\r\n\r\n" + delivery.body;
}

} // namespace pb::test
