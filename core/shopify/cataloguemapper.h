// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/catalogue.h"

#include <QJsonObject>
#include <QJsonValue>

namespace pb::shopify::catalogue {

// Turns Shopify's product payloads into ShopifyProduct; InvalidInput says what is missing.
// REST: the products/create and products/update webhook body (variants, images, variant_gids).
Result<ShopifyProduct> fromRestJson(const QByteArray &body);
Result<ShopifyProduct> fromRest(const QJsonObject &product);
// products/delete: {"id": …}; the numeric product id.
Result<QString> deletedProductId(const QByteArray &body);

// GraphQL: a Product node with `variants` (ProductsUpdatedSince.graphql); the variant list is complete
// only when its pageInfo says there is no next page.
Result<ShopifyProduct> fromGraphQlProduct(const QJsonObject &node);
// A ProductVariant node with its `product` (ProductVariantsPage.graphql): the product with that one variant.
Result<ShopifyProduct> fromGraphQlVariant(const QJsonObject &node);
// The variant fields shared by GraphQL nodes and bulk export lines.
Result<ShopifyVariant> variantFromGraphQl(const QJsonObject &node, const QString &productImageUrl);
// Product fields of a GraphQL Product node or bulk export line, without its variants.
Result<ShopifyProduct> productFieldsFromGraphQl(const QJsonObject &node);

// Weight in grams from a GraphQL Weight {unit value}; unset when absent or unknown.
std::optional<int> gramsFromWeight(const QJsonValue &weight);

} // namespace pb::shopify::catalogue
