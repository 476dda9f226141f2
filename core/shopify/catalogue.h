// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pb::shopify {

// A product variant as Packbench keeps it, from a REST webhook payload, a GraphQL node or a bulk
// export line alike. Ids are Shopify's numeric ids as text.
struct ShopifyVariant {
  QString id;
  QString title;
  QString sku;
  QString barcode;                // as Shopify holds it; empty when none
  QString price;                  // decimal in the shop's currency ("19.99"); empty when unknown
  std::optional<int> weightGrams; // unknown when the source does not carry it (REST webhooks since 2024-07)
  QString inventoryItemId;
  QString imageUrl; // the variant's own image, else the product's
  QDateTime updatedAt;
};

struct ShopifyProduct {
  QString id;
  QString title;
  QString vendor;
  QString status; // active, draft, archived (lower case)
  QString imageUrl;
  QDateTime updatedAt;
  QList<ShopifyVariant> variants;
  // Every variant id the product has now, when the source lists them all: the others were deleted.
  // Unset when the source may list only some (a variant read, a truncated webhook).
  std::optional<QStringList> allVariantIds;
};

} // namespace pb::shopify
