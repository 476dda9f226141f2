// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/cataloguepoller.h"

#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/shopify/cataloguefetch.h"
#include "core/shopify/cataloguemapper.h"
#include "core/shopify/cataloguewriter.h"
#include "core/shopify/graphqlclient.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcCataloguePoll, "packbench.core.shopify.cataloguepoller")
constexpr int kMaxPages = 100000;
} // namespace

CataloguePoller::CataloguePoller(QSqlDatabase db, GraphQlClient &client, qint64 shopId)
    : m_db(std::move(db))
    , m_client(client)
    , m_shopId(shopId)
    , m_statements(std::make_unique<db::StatementCache>(m_db))
{}

CataloguePoller::~CataloguePoller() = default;

Result<int> CataloguePoller::pollOnce()
{
  auto stored = db::exec(
      m_db, QStringLiteral("SELECT value FROM sync_watermarks WHERE shop_id = ? AND name = 'products'"), {m_shopId});
  if (!stored)
    return stored.error();
  if (!stored.value().next())
    return 0; // not imported yet
  const QDateTime since = stored->value(0).toDateTime().toUTC();
  const QString filter = QStringLiteral("updated_at:>'%1'").arg(since.addSecs(-kOverlapSeconds).toString(Qt::ISODate));
  int changed = 0;
  QString cursor;
  for (int pages = 0; pages < kMaxPages; ++pages) {
    QJsonObject variables{{QStringLiteral("query"), filter}};
    if (!cursor.isEmpty())
      variables.insert(QStringLiteral("after"), cursor);
    auto data = m_client.execute(QStringLiteral("ProductsUpdatedSince"), variables);
    if (!data)
      return data.error();
    const QJsonObject connection = data->value(u"products").toObject();
    QList<ShopifyProduct> products;
    QDateTime newest = since;
    for (const QJsonValue &node : connection.value(u"nodes").toArray()) {
      auto product = catalogue::fromGraphQlProduct(node.toObject());
      if (!product)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("Shopify product page: %1").arg(product.error().message));
      if (!product->allVariantIds) { // more variants than the page holds: read them all
        auto variants = catalogue::fetchAllVariantsOf(m_client, product->id);
        if (!variants)
          return variants.error();
        QStringList ids;
        for (const ShopifyVariant &v : *variants)
          ids.append(v.id);
        product.value().variants = *variants;
        product.value().allVariantIds = ids;
      }
      newest = std::max(newest, product->updatedAt);
      products.append(*product);
    }
    // The page and the watermark it covers commit together.
    const Status page = db::inTransaction(m_db, [&]() -> Status {
      auto counts = catalogue::writeProducts(*m_statements, m_shopId, products);
      if (!counts)
        return counts.error();
      changed += counts->productsWritten;
      auto saved = db::exec(m_db,
                            QStringLiteral("INSERT INTO sync_watermarks (shop_id, name, value) VALUES (?, 'products', "
                                           "?) ON CONFLICT (shop_id, name) DO UPDATE SET value = GREATEST("
                                           "sync_watermarks.value, EXCLUDED.value), updated_at = now()"),
                            {m_shopId, newest});
      return saved ? Status{} : Status{saved.error()};
    });
    if (!page)
      return page.error();
    const QJsonObject pageInfo = connection.value(u"pageInfo").toObject();
    if (!pageInfo.value(u"hasNextPage").toBool())
      break;
    const QString next = pageInfo.value(u"endCursor").toString();
    if (next.isEmpty() || next == cursor)
      return makeError(ErrorKind::InvalidInput,
                       QStringLiteral("Shopify product page: a next page without a new cursor"));
    cursor = next;
  }
  if (changed > 0)
    qCInfo(lcCataloguePoll) << "reconciled" << changed << "product(s) whose webhooks did not arrive";
  return changed;
}

} // namespace pb::shopify
