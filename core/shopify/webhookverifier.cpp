// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/webhookverifier.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace pb::shopify {

WebhookVerifier::WebhookVerifier(QByteArray secret)
    : m_secret(std::move(secret))
{}

bool WebhookVerifier::isAuthentic(const QByteArray &rawBody, const QByteArray &hmacHeader) const
{
  // An empty secret would make every forged body "authentic" to anyone who knows it is empty.
  if (m_secret.isEmpty() || hmacHeader.isEmpty())
    return false;
  const QByteArray expected = QMessageAuthenticationCode::hash(rawBody, m_secret, QCryptographicHash::Sha256);
  const QByteArray given = QByteArray::fromBase64(hmacHeader.trimmed());
  return constantTimeEquals(expected, given);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
  if (a.size() != b.size())
    return false;
  unsigned char diff = 0;
  for (qsizetype i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
  return diff == 0;
}

} // namespace pb::shopify
