// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/catalogue.h"

#include <QSqlDatabase>
#include <QStringList>

namespace pb::shopify {

class GraphQlClient;

namespace catalogue {

// One page of ProductVariantsPage.graphql: each variant under its product (variants of one product merged).
struct VariantPage {
  QList<ShopifyProduct> products;
  int variants = 0;
  bool hasNextPage = false;
  QString endCursor;
};
// query: Shopify search syntax ("id:1 OR id:2", "product_id:1"), empty for every variant.
Result<VariantPage> fetchVariantPage(GraphQlClient &client, const QString &query, const QString &after);

// Every variant of a product (all pages), to complete a product whose variant list was cut short.
Result<QList<ShopifyVariant>> fetchAllVariantsOf(GraphQlClient &client, const QString &productId);

// Makes sure these Shopify variants (numeric ids as text) are in `variants` before an order that needs
// them reaches a station: the ones not stored yet are read from Shopify (50 a call) and written, each
// call's worth in its own transaction. Call it outside a transaction: it talks to Shopify. Ids Shopify
// does not know (deleted since the order) are logged and skipped: the line stays without a variant.
// InvalidInput for an id that is not numeric; Unavailable when Shopify or the database is unreachable.
Status ensureVariants(GraphQlClient &client, QSqlDatabase &db, qint64 shopId, const QStringList &variantIds);

// The ids of those variants not stored yet (deleted ones count as stored).
Result<QStringList> missingVariants(const QSqlDatabase &db, const QStringList &variantIds);

// products merged by id, variants appended in order (pages and bulk lines may split a product).
QList<ShopifyProduct> mergeByProduct(const QList<ShopifyProduct> &products);

} // namespace catalogue
} // namespace pb::shopify
