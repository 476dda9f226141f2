// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The PostgreSQL catalogue writer: a whole batch of products in four set-based statements.
#include "core/shopify/cataloguewriter.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/db/statementcache.h"
#include "core/shopify/cataloguebarcodes.h"
#include "core/shopify/cataloguesql.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pb::shopify::catalogue {

using db::isoUtc;

using namespace detail;

WriteCounts &WriteCounts::operator+=(const WriteCounts &other)
{
  productsWritten += other.productsWritten;
  productsStale += other.productsStale;
  variantsWritten += other.variantsWritten;
  variantsStale += other.variantsStale;
  variantsRemoved += other.variantsRemoved;
  return *this;
}

namespace {

QString compact(const QJsonArray &rows)
{
  return QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact));
}

// The (shopify_id, id) rows an upsert returned, by Shopify id.
QHash<QString, qint64> idsByShopifyId(const QList<QVariantList> &rows)
{
  QHash<QString, qint64> ids;
  for (const QVariantList &row : rows)
    ids.insert(row.at(0).toString(), row.at(1).toLongLong());
  return ids;
}

QJsonValue jsonText(const QString &text)
{
  return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// Upserts the products that are newer than what is stored (and not deleted since); their ids.
Result<QHash<QString, qint64>> upsertProducts(db::StatementCache &sql, qint64 shopId,
                                              const QList<ShopifyProduct> &products)
{
  QJsonArray rows;
  for (const ShopifyProduct &p : products)
    rows.append(QJsonObject{{QStringLiteral("i"), p.id},
                            {QStringLiteral("t"), p.title},
                            {QStringLiteral("v"), jsonText(p.vendor)},
                            {QStringLiteral("s"), jsonText(p.status)},
                            {QStringLiteral("m"), jsonText(p.imageUrl)},
                            {QStringLiteral("u"), isoUtc(p.updatedAt)}});
  // DISTINCT ON: a batch may list a product twice; the newest listing counts.
  auto written = sql.query(
      QStringLiteral("INSERT INTO products AS p (shop_id, shopify_id, title, vendor, status, image_url, "
                     "shopify_updated_at) SELECT DISTINCT ON (x.i) ?, x.i, x.t, x.v, x.s, x.m, x.u FROM "
                     "jsonb_to_recordset(?::jsonb) AS x(i text, t text, v text, s text, m text, u timestamptz) "
                     "ORDER BY x.i, x.u DESC ON CONFLICT (shop_id, shopify_id) DO UPDATE SET title = EXCLUDED.title, "
                     "vendor = EXCLUDED.vendor, status = EXCLUDED.status, image_url = EXCLUDED.image_url, "
                     "shopify_updated_at = EXCLUDED.shopify_updated_at, deleted_at = NULL "
                     "WHERE (p.shopify_updated_at IS NULL OR p.shopify_updated_at <= EXCLUDED.shopify_updated_at) "
                     "AND (p.deleted_at IS NULL OR p.deleted_at < EXCLUDED.shopify_updated_at) "
                     "RETURNING p.shopify_id, p.id"),
      {shopId, compact(rows)});
  if (!written)
    return written.error();
  return idsByShopifyId(*written);
}

// Upserts the variants newer than what is stored (and not removed since), under products that are not deleted;
// a stale listing of a product adds no variant (its newer listing did not have it).
Result<QHash<QString, qint64>> upsertVariants(db::StatementCache &sql, qint64 shopId, const QString &currency,
                                              const QList<ShopifyProduct> &products,
                                              const QHash<QString, qint64> &writtenProducts)
{
  QJsonArray rows;
  for (const ShopifyProduct &p : products) {
    for (const ShopifyVariant &v : p.variants) {
      const auto price = priceMinor(v.price, currency);
      rows.append(QJsonObject{{QStringLiteral("i"), v.id},
                              {QStringLiteral("p"), p.id},
                              {QStringLiteral("f"), writtenProducts.contains(p.id)},
                              {QStringLiteral("t"), v.title},
                              {QStringLiteral("s"), jsonText(v.sku)},
                              {QStringLiteral("b"), jsonText(v.barcode)},
                              {QStringLiteral("pr"), price ? QJsonValue(QString::number(*price)) : QJsonValue()},
                              {QStringLiteral("w"), v.weightGrams ? QJsonValue(*v.weightGrams) : QJsonValue()},
                              {QStringLiteral("n"), jsonText(v.inventoryItemId)},
                              {QStringLiteral("m"), jsonText(v.imageUrl)},
                              {QStringLiteral("u"), isoUtc(v.updatedAt)}});
    }
  }
  if (rows.isEmpty())
    return QHash<QString, qint64>{};
  auto written = sql.query(
      QStringLiteral(
          "INSERT INTO variants AS v (product_id, shopify_id, inventory_item_id, title, sku, barcode, weight_grams, "
          "price_minor, currency, image_url, shopify_updated_at) SELECT DISTINCT ON (x.i) p.id, x.i, x.n, x.t, x.s, "
          "x.b, x.w, x.pr::bigint, ?, x.m, x.u FROM jsonb_to_recordset(?::jsonb) AS x(i text, p text, f boolean, t "
          "text, "
          "s text, b text, pr text, w integer, n text, m text, u timestamptz) JOIN products p ON p.shop_id = ? AND "
          "p.shopify_id = x.p AND p.deleted_at IS NULL WHERE x.f OR EXISTS (SELECT 1 FROM variants e WHERE "
          "e.shopify_id = x.i) ORDER BY x.i, x.u DESC ON CONFLICT (shopify_id) DO UPDATE SET "
          "product_id = EXCLUDED.product_id, inventory_item_id = COALESCE(EXCLUDED.inventory_item_id, "
          "v.inventory_item_id), title = EXCLUDED.title, sku = EXCLUDED.sku, barcode = EXCLUDED.barcode, "
          "weight_grams = COALESCE(EXCLUDED.weight_grams, v.weight_grams), price_minor = "
          "COALESCE(EXCLUDED.price_minor, v.price_minor), currency = EXCLUDED.currency, image_url = "
          "COALESCE(EXCLUDED.image_url, v.image_url), shopify_updated_at = EXCLUDED.shopify_updated_at, deleted_at = "
          "NULL WHERE (v.shopify_updated_at IS NULL OR v.shopify_updated_at <= EXCLUDED.shopify_updated_at) AND "
          "(v.deleted_at IS NULL OR v.deleted_at < EXCLUDED.shopify_updated_at) RETURNING v.shopify_id, v.id"),
      {currency, compact(rows), shopId});
  if (!written)
    return written.error();
  return idsByShopifyId(*written);
}

// The written variants' barcodes become their current readings (rows of kind sku stay).
Status replaceBarcodes(db::StatementCache &sql, qint64 shopId, const QList<ShopifyProduct> &products,
                       const QHash<QString, qint64> &variantIds)
{
  if (variantIds.isEmpty())
    return {};
  QJsonArray written;
  QJsonArray readings;
  for (const ShopifyProduct &p : products) {
    for (const ShopifyVariant &v : p.variants) {
      const auto id = variantIds.constFind(v.id);
      if (id == variantIds.constEnd())
        continue;
      written.append(QString::number(*id));
      for (const BarcodeReading &r : barcodeReadings(v.barcode))
        readings.append(QJsonObject{{QStringLiteral("v"), QString::number(*id)},
                                    {QStringLiteral("k"), r.kind},
                                    {QStringLiteral("c"), r.code},
                                    {QStringLiteral("n"), r.normalized}});
    }
  }
  // Old readings that are no longer current go; current ones are added or updated in place (the two
  // sets never share a row, so one statement is safe).
  auto done = sql.query(
      QStringLiteral("WITH r AS (SELECT x.v::bigint AS v, x.k, x.c, x.n FROM jsonb_to_recordset(?::jsonb) AS x(v "
                     "text, k text, c text, n text)), gone AS (DELETE FROM barcodes b WHERE b.variant_id IN (SELECT "
                     "w::bigint FROM jsonb_array_elements_text(?::jsonb) AS w) AND b.kind <> 'sku' AND NOT EXISTS "
                     "(SELECT 1 FROM r WHERE r.v = b.variant_id AND r.n = b.normalized) RETURNING 1), added AS ("
                     "INSERT INTO barcodes AS b (shop_id, variant_id, kind, code, normalized) SELECT DISTINCT ON (r.v, "
                     "r.n) ?, r.v, r.k, r.c, r.n FROM r ON CONFLICT (shop_id, normalized, variant_id) DO UPDATE SET "
                     "kind = EXCLUDED.kind, code = EXCLUDED.code WHERE b.kind <> 'sku' RETURNING 1) "
                     "SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM added)"),
      {compact(readings), compact(written), shopId});
  return done ? Status{} : Status{done.error()};
}

// Variants a written product no longer lists were deleted in Shopify: marked, their barcodes gone.
Result<int> removeUnlisted(db::StatementCache &sql, const QList<ShopifyProduct> &products,
                           const QHash<QString, qint64> &productIds)
{
  QJsonArray listed;
  for (const ShopifyProduct &p : products) {
    const auto id = productIds.constFind(p.id);
    if (id == productIds.constEnd() || !p.allVariantIds)
      continue;
    listed.append(QJsonObject{{QStringLiteral("p"), QString::number(*id)},
                              {QStringLiteral("u"), isoUtc(p.updatedAt)},
                              {QStringLiteral("v"), QJsonArray::fromStringList(*p.allVariantIds)}});
  }
  if (listed.isEmpty())
    return 0;
  auto removed = sql.query(
      QStringLiteral(
          "WITH l AS (SELECT x.p::bigint AS p, x.u, x.v FROM jsonb_to_recordset(?::jsonb) AS x(p text, u "
          "timestamptz, v jsonb)), gone AS (UPDATE variants v SET deleted_at = l.u FROM l WHERE v.product_id "
          "= l.p AND v.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM "
          "jsonb_array_elements_text(l.v) AS e(i) WHERE e.i = v.shopify_id) RETURNING v.id), codes AS (DELETE "
          "FROM barcodes WHERE variant_id IN (SELECT id FROM gone) RETURNING 1) "
          "SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM codes)"),
      {compact(listed)});
  if (!removed)
    return removed.error();
  return removed->isEmpty() ? 0 : removed->first().at(0).toInt();
}

} // namespace

Result<WriteCounts> writeProducts(db::StatementCache &sql, qint64 shopId, const QList<ShopifyProduct> &products)
{
  if (!db::isPostgres(sql.database()))
    return writeProductsRowByRow(sql, shopId, products);
  WriteCounts counts;
  if (products.isEmpty())
    return counts;
  auto currency = shopCurrency(sql, shopId);
  if (!currency)
    return currency.error();
  auto productIds = upsertProducts(sql, shopId, products);
  if (!productIds)
    return productIds.error();
  auto variantIds = upsertVariants(sql, shopId, *currency, products, *productIds);
  if (!variantIds)
    return variantIds.error();
  if (Status s = replaceBarcodes(sql, shopId, products, *variantIds); !s)
    return s.error();
  auto removed = removeUnlisted(sql, products, *productIds);
  if (!removed)
    return removed.error();
  int variants = 0;
  for (const ShopifyProduct &p : products)
    variants += int(p.variants.size());
  counts.productsWritten = int(productIds->size());
  counts.productsStale = int(products.size()) - counts.productsWritten;
  counts.variantsWritten = int(variantIds->size());
  counts.variantsStale = variants - counts.variantsWritten;
  counts.variantsRemoved = *removed;
  return counts;
}

} // namespace pb::shopify::catalogue
