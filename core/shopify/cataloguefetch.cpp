// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/cataloguefetch.h"

#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/shopify/cataloguemapper.h"
#include "core/shopify/cataloguewriter.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/ordermapper.h"

#include <QHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSet>

namespace pb::shopify::catalogue {

namespace {
Q_LOGGING_CATEGORY(lcFetch, "packbench.core.shopify.cataloguefetch")

constexpr int kIdsPerCall = 50;    // the page size of ProductVariantsPage
constexpr int kIdsPerLookup = 500; // placeholders per "which are stored" query
constexpr int kMaxPages = 1000;    // 50,000 variants: more than Shopify's 2,048 per product
} // namespace

QList<ShopifyProduct> mergeByProduct(const QList<ShopifyProduct> &products)
{
  QList<ShopifyProduct> merged;
  QHash<QString, qsizetype> at;
  for (const ShopifyProduct &p : products) {
    const auto found = at.constFind(p.id);
    if (found == at.constEnd()) {
      at.insert(p.id, merged.size());
      merged.append(p);
      continue;
    }
    ShopifyProduct &into = merged[*found];
    into.variants.append(p.variants);
    if (p.updatedAt > into.updatedAt) { // the newer reading of the product's own fields wins
      QList<ShopifyVariant> variants = std::move(into.variants);
      const auto all = into.allVariantIds;
      into = p;
      into.variants = std::move(variants);
      into.allVariantIds = all;
    }
  }
  return merged;
}

Result<VariantPage> fetchVariantPage(GraphQlClient &client, const QString &query, const QString &after)
{
  QJsonObject variables;
  if (!query.isEmpty())
    variables.insert(QStringLiteral("query"), query);
  if (!after.isEmpty())
    variables.insert(QStringLiteral("after"), after);
  auto data = client.execute(QStringLiteral("ProductVariantsPage"), variables);
  if (!data)
    return data.error();
  const QJsonObject connection = data->value(u"productVariants").toObject();
  VariantPage page;
  QList<ShopifyProduct> products;
  for (const QJsonValue &node : connection.value(u"nodes").toArray()) {
    auto product = fromGraphQlVariant(node.toObject());
    if (!product)
      return makeError(ErrorKind::InvalidInput,
                       QStringLiteral("Shopify variant page: %1").arg(product.error().message));
    products.append(*product);
    ++page.variants;
  }
  page.products = mergeByProduct(products);
  const QJsonObject pageInfo = connection.value(u"pageInfo").toObject();
  page.hasNextPage = pageInfo.value(u"hasNextPage").toBool();
  page.endCursor = pageInfo.value(u"endCursor").toString();
  if (page.hasNextPage && (page.endCursor.isEmpty() || page.endCursor == after))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("Shopify variant page: a next page without a new cursor"));
  return page;
}

Result<QList<ShopifyVariant>> fetchAllVariantsOf(GraphQlClient &client, const QString &productId)
{
  QList<ShopifyVariant> variants;
  QString cursor;
  for (int pages = 0; pages < kMaxPages; ++pages) {
    auto page = fetchVariantPage(client, QStringLiteral("product_id:%1").arg(productId), cursor);
    if (!page)
      return page.error();
    for (const ShopifyProduct &p : page->products) {
      if (p.id == productId)
        variants.append(p.variants);
    }
    if (!page->hasNextPage)
      return variants;
    cursor = page->endCursor;
  }
  return makeError(ErrorKind::Internal,
                   QStringLiteral("product %1 has more variant pages than allowed").arg(productId));
}

Result<QStringList> missingVariants(const QSqlDatabase &db, const QStringList &variantIds)
{
  QStringList missing;
  for (qsizetype from = 0; from < variantIds.size(); from += kIdsPerLookup) {
    const QStringList chunk = variantIds.mid(from, kIdsPerLookup);
    QStringList marks(chunk.size(), QStringLiteral("?"));
    QVariantList values;
    for (const QString &id : chunk)
      values.append(id);
    // Only placeholders are generated here; every value is bound.
    auto stored = db::exec(
        db, QStringLiteral("SELECT shopify_id FROM variants WHERE shopify_id IN (%1)").arg(marks.join(u", ")), values);
    if (!stored)
      return stored.error();
    QSet<QString> found;
    while (stored.value().next())
      found.insert(stored.value().value(0).toString());
    for (const QString &id : chunk) {
      if (!found.contains(id))
        missing.append(id);
    }
  }
  return missing;
}

Status ensureVariants(GraphQlClient &client, QSqlDatabase &db, qint64 shopId, const QStringList &variantIds)
{
  QStringList wanted;
  QSet<QString> seen;
  for (const QString &raw : variantIds) {
    const QString id = ordermapper::numericId(raw);
    if (id.isEmpty())
      return makeError(ErrorKind::InvalidInput, QStringLiteral("not a Shopify variant id: %1").arg(raw.left(40)));
    if (!seen.contains(id)) {
      seen.insert(id);
      wanted.append(id);
    }
  }
  auto missing = missingVariants(db, wanted);
  if (!missing)
    return missing.error();
  if (missing->isEmpty())
    return {};
  db::StatementCache statements(db);
  int found = 0;
  for (qsizetype from = 0; from < missing->size(); from += kIdsPerCall) {
    QStringList terms;
    for (const QString &id : missing->mid(from, kIdsPerCall))
      terms.append(QStringLiteral("id:%1").arg(id));
    auto page = fetchVariantPage(client, terms.join(QStringLiteral(" OR ")), QString());
    if (!page)
      return page.error();
    found += page->variants;
    const Status written = db::inTransaction(db, [&]() -> Status {
      auto counts = writeProducts(statements, shopId, page->products);
      return counts ? Status{} : Status{counts.error()};
    });
    if (!written)
      return written;
  }
  if (found < missing->size())
    qCWarning(lcFetch) << missing->size() - found << "of" << missing->size()
                       << "variant(s) an order needs are unknown to Shopify (deleted since?)";
  return {};
}

} // namespace pb::shopify::catalogue
