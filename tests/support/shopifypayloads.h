// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace pb::test {

// A REST-style order as Shopify's orders/* webhooks deliver it (fictional customer).
QJsonObject restOrder(qint64 id, const QDateTime &updatedAt, int lines = 2, const QString &email = {});

QByteArray compact(const QJsonObject &object);

// The X-Shopify-Hmac-Sha256 value Shopify sends with a webhook: base64 of HMAC-SHA256(raw body, the app's secret).
// Written here, apart from the hub's WebhookVerifier, so the tests check the product against Shopify's rule.
QByteArray shopifyHmac(const QByteArray &secret, const QByteArray &rawBody);

} // namespace pb::test
