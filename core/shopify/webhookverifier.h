// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace pb::shopify {

// Checks X-Shopify-Hmac-Sha256: base64(HMAC-SHA256(secret, raw body)), compared in constant time.
class WebhookVerifier final {
public:
  explicit WebhookVerifier(QByteArray secret);

  bool isAuthentic(const QByteArray &rawBody, const QByteArray &hmacHeader) const;

private:
  QByteArray m_secret;
};

} // namespace pb::shopify
