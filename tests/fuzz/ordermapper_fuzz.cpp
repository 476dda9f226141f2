// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a webhook body as Shopify (or an attacker with the secret) could send it, through
// the REST mapper, and the same JSON as a GraphQL order node. Either an order or InvalidInput.
#include "core/shopify/ordermapper.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

using namespace pb::shopify;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  (void)ordermapper::fromRestJson(body);
  const QJsonDocument document = QJsonDocument::fromJson(body);
  if (document.isObject())
    (void)ordermapper::fromGraphQl(document.object());
  // Money and ids also arrive as bare strings (GraphQL amounts, gids).
  const QString text = QString::fromUtf8(body.left(64));
  (void)ordermapper::toMinorUnits(text, QStringLiteral("USD"));
  (void)ordermapper::toMinorUnits(text, QStringLiteral("JPY"));
  (void)ordermapper::numericId(text);
  (void)ordermapper::parseTimestamp(text);
  return 0;
}
