// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>

class QNetworkAccessManager;

namespace pb::test {

// One webhook delivery as Shopify sends it; every header can be changed, as a replayer's could.
struct WebhookDelivery {
  QString topic;
  QByteArray body;
  QString shop;
  QString webhookId;                     // empty: a fresh one
  QString eventId;                       // empty: no header
  std::optional<QByteArray> hmac;        // unset: signed with the secret; empty: no header
  std::optional<QByteArray> triggeredAt; // unset: now; empty: no header
};

// The X-Shopify-* headers Shopify sends with the delivery, its HMAC made with secret.
QList<std::pair<QByteArray, QByteArray>> webhookHeaders(const WebhookDelivery &delivery, const QByteArray &secret);
// The hub's webhook endpoint on this machine.
QUrl webhookUrl(quint16 port);
// A request for QNetworkAccessManager::post(request, delivery.body).
QNetworkRequest webhookRequest(const QUrl &url, const WebhookDelivery &delivery, const QByteArray &secret);
// Posts the delivery and waits (the event loop turning) up to timeoutMs: the HTTP status, -1 when none came.
int postWebhook(QNetworkAccessManager &network, const QUrl &url, const WebhookDelivery &delivery,
                const QByteArray &secret, int timeoutMs = 10'000);
// The same POST as the bytes of one HTTP/1.1 request, for tests that write to a socket themselves.
QByteArray rawWebhookPost(const WebhookDelivery &delivery, const QByteArray &secret,
                          const QByteArray &host = QByteArrayLiteral("127.0.0.1"));

} // namespace pb::test
