// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/catalogue.h"

#include <QDateTime>
#include <QList>

namespace pb::db {
class StatementCache;
}

namespace pb::shopify::catalogue {

struct WriteCounts {
  int productsWritten = 0;
  int productsStale = 0; // older than what is stored, or of a product deleted since
  int variantsWritten = 0;
  int variantsStale = 0;
  int variantsRemoved = 0; // no longer listed by a product whose whole variant list was given

  WriteCounts &operator+=(const WriteCounts &other);
};

// Writes products, their variants and the variants' barcode readings (barcodeReadings()) idempotently.
// Each product and each variant is judged by its own Shopify timestamp: one older than the stored one is
// left alone, one as new or newer is applied (a GraphQL read may complete what a webhook of the same
// moment lacked: fields a source does not carry, such as a webhook's weight, keep their stored value).
// A deleted product is not brought back by an update older than its deletion. Call inside a transaction.
// On PostgreSQL a whole batch takes four statements; elsewhere it goes row by row.
Result<WriteCounts> writeProducts(db::StatementCache &statements, qint64 shopId, const QList<ShopifyProduct> &products);
// The portable row-by-row form (SQLite, and the benchmark's baseline on PostgreSQL): same results.
Result<WriteCounts> writeProductsRowByRow(db::StatementCache &statements, qint64 shopId,
                                          const QList<ShopifyProduct> &products);

// products/delete: the product and its variants stay (order lines point at them) but are marked deleted
// at `at`, and their barcodes go, so scans stop matching. A product not seen yet is kept as a tombstone
// so that a late products/create cannot bring it in. Returns how many variants stopped matching.
Result<int> markProductDeleted(db::StatementCache &statements, qint64 shopId, const QString &productId,
                               const QDateTime &at);

} // namespace pb::shopify::catalogue
