// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/webhookverifier.h"

#include "core/base/digest.h"

namespace pb::shopify {

WebhookVerifier::WebhookVerifier(QByteArray secret)
    : m_secret(std::move(secret))
{}

bool WebhookVerifier::isAuthentic(const QByteArray &rawBody, const QByteArray &hmacHeader) const
{
  // An empty secret would make every forged body "authentic" to anyone who knows it is empty.
  if (m_secret.isEmpty() || hmacHeader.isEmpty())
    return false;
  const QByteArray expected = digest::hmacSha256(m_secret, rawBody);
  const QByteArray given = QByteArray::fromBase64(hmacHeader.trimmed());
  return digest::equalInConstantTime(expected, given);
}

} // namespace pb::shopify
