// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The portable catalogue writer: a few statements per product and per variant, on SQLite and PostgreSQL.
#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/shopify/cataloguebarcodes.h"
#include "core/shopify/cataloguesql.h"
#include "core/shopify/cataloguewriter.h"
#include "core/shopify/ordermapper.h"

#include <QSet>

namespace pb::shopify::catalogue {

namespace detail {

std::optional<qint64> priceMinor(const QString &price, const QString &currency)
{
  if (price.isEmpty())
    return std::nullopt;
  auto minor = ordermapper::toMinorUnits(price, currency);
  return minor ? std::optional<qint64>(*minor) : std::nullopt;
}

Result<QString> shopCurrency(db::StatementCache &sql, qint64 shopId)
{
  auto rows = sql.query(QStringLiteral("SELECT currency FROM shops WHERE id = ?"), {shopId});
  if (!rows)
    return rows.error();
  if (rows->isEmpty())
    return makeError(ErrorKind::NotFound, QStringLiteral("shop %1 not found").arg(shopId));
  return rows->first().at(0).toString().trimmed();
}

} // namespace detail

using namespace detail;

namespace {

Status replaceBarcodes(db::StatementCache &sql, qint64 shopId, qint64 variantId, const QString &barcode)
{
  // Rows of kind sku are not Shopify's barcode: they stay.
  if (auto gone =
          sql.command(QStringLiteral("DELETE FROM barcodes WHERE variant_id = ? AND kind <> 'sku'"), {variantId});
      !gone)
    return gone.error();
  for (const BarcodeReading &reading : barcodeReadings(barcode)) {
    auto added = sql.command(QStringLiteral("INSERT INTO barcodes (shop_id, variant_id, kind, code, normalized) VALUES "
                                            "(?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                             {shopId, variantId, reading.kind, reading.code, reading.normalized});
    if (!added)
      return added.error();
  }
  return {};
}

// Returns whether the variant was written (false: stale).
Result<bool> writeVariant(db::StatementCache &sql, qint64 shopId, qint64 productId, const QString &currency,
                          const ShopifyVariant &v, bool mayInsert)
{
  const QSqlDatabase &db = sql.database();
  auto existing =
      sql.query(QStringLiteral("SELECT id, shopify_updated_at, deleted_at FROM variants WHERE shopify_id = ?"), {v.id});
  if (!existing)
    return existing.error();
  const QVariant weight = db::orNull(v.weightGrams);
  const QVariant price = db::orNull(priceMinor(v.price, currency));
  qint64 variantId = 0;
  if (existing->isEmpty()) {
    if (!mayInsert)
      return false; // a stale listing of the product: its newer listing did not have this variant
    auto inserted = sql.query(
        QStringLiteral("INSERT INTO variants (product_id, shopify_id, inventory_item_id, title, sku, barcode, "
                       "weight_grams, price_minor, currency, image_url, shopify_updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?) RETURNING id"),
        {productId, v.id, textOrNull(v.inventoryItemId), v.title, textOrNull(v.sku), textOrNull(v.barcode), weight,
         price, currency, textOrNull(v.imageUrl), timeValue(db, v.updatedAt)});
    if (!inserted)
      return inserted.error();
    variantId = inserted->first().at(0).toLongLong();
  } else {
    const QDateTime stored = storedTime(existing->first().at(1));
    if (stored.isValid() && stored > v.updatedAt)
      return false;
    // A variant removed after this payload was written stays removed (an older create arriving late).
    const QDateTime removed = storedTime(existing->first().at(2));
    if (removed.isValid() && removed >= v.updatedAt)
      return false;
    variantId = existing->first().at(0).toLongLong();
    auto updated = sql.command(
        QStringLiteral("UPDATE variants SET product_id = ?, inventory_item_id = COALESCE(?, inventory_item_id), "
                       "title = ?, sku = ?, barcode = ?, weight_grams = COALESCE(?, weight_grams), price_minor = "
                       "COALESCE(?, price_minor), currency = ?, image_url = COALESCE(?, image_url), "
                       "shopify_updated_at = ?, deleted_at = NULL WHERE id = ?"),
        {productId, textOrNull(v.inventoryItemId), v.title, textOrNull(v.sku), textOrNull(v.barcode), weight, price,
         currency, textOrNull(v.imageUrl), timeValue(db, v.updatedAt), variantId});
    if (!updated)
      return updated.error();
  }
  if (Status s = replaceBarcodes(sql, shopId, variantId, v.barcode); !s)
    return s.error();
  return true;
}

Result<int> removeUnlisted(db::StatementCache &sql, qint64 productId, const QStringList &listed, const QDateTime &at)
{
  auto current = sql.query(
      QStringLiteral("SELECT id, shopify_id FROM variants WHERE product_id = ? AND deleted_at IS NULL"), {productId});
  if (!current)
    return current.error();
  const QSet<QString> keep(listed.begin(), listed.end());
  int removed = 0;
  for (const QVariantList &row : *current) {
    if (keep.contains(row.at(1).toString()))
      continue;
    const qint64 id = row.at(0).toLongLong();
    if (auto marked = sql.command(QStringLiteral("UPDATE variants SET deleted_at = ? WHERE id = ?"),
                                  {timeValue(sql.database(), at), id});
        !marked)
      return marked.error();
    if (auto gone = sql.command(QStringLiteral("DELETE FROM barcodes WHERE variant_id = ?"), {id}); !gone)
      return gone.error();
    ++removed;
  }
  return removed;
}

} // namespace

Result<WriteCounts> writeProductsRowByRow(db::StatementCache &sql, qint64 shopId, const QList<ShopifyProduct> &products)
{
  auto currency = shopCurrency(sql, shopId);
  if (!currency)
    return currency.error();
  const QSqlDatabase &db = sql.database();
  WriteCounts counts;
  for (const ShopifyProduct &p : products) {
    auto existing = sql.query(
        QStringLiteral("SELECT id, shopify_updated_at, deleted_at FROM products WHERE shop_id = ? AND shopify_id = ?"),
        {shopId, p.id});
    if (!existing)
      return existing.error();
    qint64 productId = 0;
    bool productWritten = true;
    if (existing->isEmpty()) {
      auto inserted =
          sql.query(QStringLiteral("INSERT INTO products (shop_id, shopify_id, title, vendor, status, "
                                   "image_url, shopify_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                    {shopId, p.id, p.title, textOrNull(p.vendor), textOrNull(p.status), textOrNull(p.imageUrl),
                     timeValue(db, p.updatedAt)});
      if (!inserted)
        return inserted.error();
      productId = inserted->first().at(0).toLongLong();
    } else {
      productId = existing->first().at(0).toLongLong();
      const QDateTime stored = storedTime(existing->first().at(1));
      const QDateTime deleted = storedTime(existing->first().at(2));
      if (deleted.isValid() && p.updatedAt <= deleted) {
        ++counts.productsStale;
        counts.variantsStale += int(p.variants.size());
        continue; // deleted since this was sent: nothing of it comes back
      }
      productWritten = !stored.isValid() || stored <= p.updatedAt;
      if (productWritten) {
        auto updated = sql.command(
            QStringLiteral("UPDATE products SET title = ?, vendor = ?, status = ?, image_url = ?, shopify_updated_at "
                           "= ?, deleted_at = NULL WHERE id = ?"),
            {p.title, textOrNull(p.vendor), textOrNull(p.status), textOrNull(p.imageUrl), timeValue(db, p.updatedAt),
             productId});
        if (!updated)
          return updated.error();
      }
    }
    if (productWritten)
      ++counts.productsWritten;
    else
      ++counts.productsStale;
    for (const ShopifyVariant &v : p.variants) {
      auto written = writeVariant(sql, shopId, productId, *currency, v, productWritten);
      if (!written)
        return written.error();
      ++(*written ? counts.variantsWritten : counts.variantsStale);
    }
    if (productWritten && p.allVariantIds) {
      auto removed = removeUnlisted(sql, productId, *p.allVariantIds, p.updatedAt);
      if (!removed)
        return removed.error();
      counts.variantsRemoved += *removed;
    }
  }
  return counts;
}

Result<int> markProductDeleted(db::StatementCache &sql, qint64 shopId, const QString &productId, const QDateTime &at)
{
  const QSqlDatabase &db = sql.database();
  const QDateTime when = at.isValid() ? at.toUTC() : QDateTime::currentDateTimeUtc();
  // The title of a product never seen is unknown: the tombstone only blocks a late create.
  auto product = sql.query(
      QStringLiteral("INSERT INTO products (shop_id, shopify_id, title, deleted_at) VALUES (?, ?, '', ?) ON CONFLICT "
                     "(shop_id, shopify_id) DO UPDATE SET deleted_at = COALESCE(products.deleted_at, "
                     "EXCLUDED.deleted_at) RETURNING id"),
      {shopId, productId, timeValue(db, when)});
  if (!product)
    return product.error();
  const qint64 id = product->first().at(0).toLongLong();
  if (auto gone = sql.command(QStringLiteral("DELETE FROM barcodes WHERE variant_id IN (SELECT id FROM variants WHERE "
                                             "product_id = ?)"),
                              {id});
      !gone)
    return gone.error();
  auto marked =
      sql.command(QStringLiteral("UPDATE variants SET deleted_at = ? WHERE product_id = ? AND deleted_at IS NULL"),
                  {timeValue(db, when), id});
  if (!marked)
    return marked.error();
  return *marked;
}

} // namespace pb::shopify::catalogue
