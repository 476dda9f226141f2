// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/fakeshopifycatalogue.h"

#include "core/scanning/gtin.h"
#include "tests/support/graphqlcost.h"

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace pb::test {

namespace {

QString gid(const QString &type, const QString &id)
{
  return QStringLiteral("gid://shopify/%1/%2").arg(type, id);
}

QString withCheckDigit(const QString &digits)
{
  return digits + QString::number(scanning::gs1CheckDigit(digits));
}

QJsonValue imageJson(const QString &url)
{
  if (url.isEmpty())
    return QJsonValue();
  return QJsonObject{
      {QStringLiteral("preview"), QJsonObject{{QStringLiteral("image"), QJsonObject{{QStringLiteral("url"), url}}}}}};
}

QJsonValue textOrNull(const QString &text)
{
  return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonObject productNode(const FakeCatalogue::Product &p)
{
  return QJsonObject{{QStringLiteral("id"), gid(QStringLiteral("Product"), p.id)},
                     {QStringLiteral("title"), p.title},
                     {QStringLiteral("vendor"), p.vendor},
                     {QStringLiteral("status"), p.status},
                     {QStringLiteral("updatedAt"), p.updatedAt.toString(Qt::ISODate)},
                     {QStringLiteral("featuredMedia"), imageJson(p.imageUrl)}};
}

QJsonObject variantNode(const FakeCatalogue::Variant &v, bool mediaConnection)
{
  QJsonObject node{
      {QStringLiteral("id"), gid(QStringLiteral("ProductVariant"), v.id)},
      {QStringLiteral("title"), v.title},
      {QStringLiteral("sku"), textOrNull(v.sku)},
      {QStringLiteral("barcode"), textOrNull(v.barcode)},
      {QStringLiteral("price"), v.price},
      {QStringLiteral("updatedAt"), v.updatedAt.toString(Qt::ISODate)},
      {QStringLiteral("inventoryItem"),
       QJsonObject{{QStringLiteral("id"), gid(QStringLiteral("InventoryItem"), v.inventoryItemId)},
                   {QStringLiteral("measurement"),
                    QJsonObject{{QStringLiteral("weight"), QJsonObject{{QStringLiteral("unit"), v.weightUnit},
                                                                       {QStringLiteral("value"), v.weight}}}}}}}};
  if (mediaConnection) {
    QJsonArray media;
    if (!v.imageUrl.isEmpty())
      media.append(imageJson(v.imageUrl));
    node.insert(QStringLiteral("media"), QJsonObject{{QStringLiteral("nodes"), media}});
  }
  return node;
}

QJsonObject pageInfo(bool hasNext, qsizetype end)
{
  return QJsonObject{{QStringLiteral("hasNextPage"), hasNext}, {QStringLiteral("endCursor"), QString::number(end)}};
}

} // namespace

FakeCatalogue::FakeCatalogue(QHttpServer &server, std::function<QUrl()> baseUrl)
    : m_baseUrl(std::move(baseUrl))
{
  // The bulk result: a plain GET, no access token (Shopify's link is a signed URL on storage).
  server.route(QStringLiteral("/fake/bulk/<arg>"), QHttpServerRequest::Method::Get,
               [this](const QString &file, const QHttpServerRequest &, QHttpServerResponder &&responder) {
                 ++m_stats.downloads;
                 const QString id = gid(QStringLiteral("BulkOperation"), file.section(QLatin1Char('.'), 0, 0));
                 const auto op = m_operations.constFind(id);
                 if (op == m_operations.constEnd() || op->status != u"COMPLETED") {
                   responder.write(QHttpServerResponder::StatusCode::NotFound);
                   return;
                 }
                 if (m_faults.downloadFailures > 0) {
                   --m_faults.downloadFailures;
                   ++m_stats.failedDownloads;
                   responder.write(QHttpServerResponder::StatusCode::ServiceUnavailable);
                   return;
                 }
                 responder.write(op->jsonl, QByteArrayLiteral("application/jsonl"));
               });
}

FakeCatalogue::Product &FakeCatalogue::addProduct(const Product &product)
{
  return m_products.insert(product.id.toLongLong(), product).value();
}

bool FakeCatalogue::removeProduct(const QString &productId)
{
  return m_products.remove(productId.toLongLong()) > 0;
}

FakeCatalogue::Product *FakeCatalogue::product(const QString &productId)
{
  auto it = m_products.find(productId.toLongLong());
  return it == m_products.end() ? nullptr : &it.value();
}

int FakeCatalogue::variantCount() const
{
  int count = 0;
  for (const Product &p : m_products)
    count += int(p.variants.size());
  return count;
}

QString FakeCatalogue::barcodeForm(qint64 index)
{
  const QString n = QString::number(index).rightJustified(10, QLatin1Char('0'));
  switch (index % 5) {
  case 0: return withCheckDigit(QStringLiteral("0") + n);   // UPC-A
  case 1: return withCheckDigit(QStringLiteral("40") + n);  // EAN-13
  case 2: return withCheckDigit(QStringLiteral("140") + n); // GTIN-14 (a case of 10)
  case 3: return {};                                        // none
  default: return QStringLiteral("BIN-%1").arg(index);      // an internal code
  }
}

void FakeCatalogue::generate(qint64 firstProductId, int count, int variantsPerProduct, const QDateTime &updatedAt)
{
  for (qint64 id = firstProductId; id < firstProductId + count; ++id) {
    Product p;
    p.id = QString::number(id);
    p.title = QStringLiteral("Product %1").arg(id);
    p.imageUrl = QStringLiteral("https://cdn.example/p/%1.jpg").arg(id);
    p.updatedAt = updatedAt;
    for (int i = 1; i <= variantsPerProduct; ++i) {
      Variant v;
      const qint64 variantId = id * 1000 + i;
      v.id = QString::number(variantId);
      v.title = QStringLiteral("Size %1").arg(i);
      v.sku = QStringLiteral("SKU-%1").arg(variantId);
      v.barcode = barcodeForm(variantId);
      v.price = QStringLiteral("%1.99").arg(i);
      v.weight = 100 + i;
      v.inventoryItemId = QString::number(variantId + 500000000);
      if (i == 1)
        v.imageUrl = QStringLiteral("https://cdn.example/v/%1.jpg").arg(variantId);
      v.updatedAt = updatedAt;
      p.variants.append(v);
    }
    addProduct(p);
  }
}

QJsonObject FakeCatalogue::restPayload(const QString &productId) const
{
  const Product p = m_products.value(productId.toLongLong());
  QJsonArray variants;
  QJsonArray gids;
  QJsonArray images;
  for (const Variant &v : p.variants) {
    gids.append(QJsonObject{{QStringLiteral("admin_graphql_api_id"), gid(QStringLiteral("ProductVariant"), v.id)},
                            {QStringLiteral("updated_at"), v.updatedAt.toString(Qt::ISODate)}});
    if (variants.size() >= 100)
      continue;
    const qint64 imageId = v.imageUrl.isEmpty() ? 0 : v.id.toLongLong() + 900000000;
    if (imageId)
      images.append(QJsonObject{{QStringLiteral("id"), imageId}, {QStringLiteral("src"), v.imageUrl}});
    variants.append(QJsonObject{{QStringLiteral("admin_graphql_api_id"), gid(QStringLiteral("ProductVariant"), v.id)},
                                {QStringLiteral("id"), v.id.toLongLong()},
                                {QStringLiteral("product_id"), p.id.toLongLong()},
                                {QStringLiteral("title"), v.title},
                                {QStringLiteral("sku"), textOrNull(v.sku)},
                                {QStringLiteral("barcode"), textOrNull(v.barcode)},
                                {QStringLiteral("price"), v.price},
                                {QStringLiteral("inventory_item_id"), v.inventoryItemId.toLongLong()},
                                {QStringLiteral("image_id"), imageId ? QJsonValue(imageId) : QJsonValue()},
                                {QStringLiteral("updated_at"), v.updatedAt.toString(Qt::ISODate)}});
  }
  return QJsonObject{{QStringLiteral("admin_graphql_api_id"), gid(QStringLiteral("Product"), p.id)},
                     {QStringLiteral("id"), p.id.toLongLong()},
                     {QStringLiteral("title"), p.title},
                     {QStringLiteral("vendor"), p.vendor},
                     {QStringLiteral("status"), p.status.toLower()},
                     {QStringLiteral("updated_at"), p.updatedAt.toString(Qt::ISODate)},
                     {QStringLiteral("image"), p.imageUrl.isEmpty()
                                                   ? QJsonValue()
                                                   : QJsonValue(QJsonObject{{QStringLiteral("src"), p.imageUrl}})},
                     {QStringLiteral("images"), images},
                     {QStringLiteral("variants"), variants},
                     {QStringLiteral("variant_gids"), gids}};
}

bool FakeCatalogue::handles(const QString &operation) const
{
  return operation == u"ProductsUpdatedSince" || operation == u"ProductVariantsPage" ||
         operation == u"CatalogueBulkRun" || operation == u"CatalogueBulkStatus";
}

QJsonObject FakeCatalogue::run(const QString &operation, const QJsonObject &variables,
                               const std::function<int(const QString &)> &pageSize, QJsonArray *errors)
{
  if (operation == u"ProductsUpdatedSince")
    return productsUpdatedSince(variables, pageSize);
  if (operation == u"ProductVariantsPage")
    return variantsPage(variables, pageSize);
  if (operation == u"CatalogueBulkRun")
    return bulkRun(variables, errors);
  return bulkStatus(variables);
}

QJsonObject FakeCatalogue::productsUpdatedSince(const QJsonObject &variables,
                                                const std::function<int(const QString &)> &pageSize)
{
  // The one filter Packbench sends: "updated_at:>'ISO'"; oldest first, like sortKey: UPDATED_AT.
  static const QRegularExpression since(QStringLiteral(R"(updated_at:>'?([^' ]+)'?)"));
  const QDateTime after =
      QDateTime::fromString(since.match(variables.value(u"query").toString()).captured(1), Qt::ISODateWithMs);
  QList<const Product *> matching;
  for (const Product &p : m_products) {
    if (!after.isValid() || p.updatedAt > after)
      matching.append(&p);
  }
  std::stable_sort(matching.begin(), matching.end(),
                   [](const Product *a, const Product *b) { return a->updatedAt < b->updatedAt; });
  const qsizetype from = std::clamp<qsizetype>(variables.value(u"after").toString().toLongLong(), 0, matching.size());
  const qsizetype to = std::min<qsizetype>(from + std::max(1, pageSize(QStringLiteral("products"))), matching.size());
  const int perProduct = std::max(1, pageSize(QStringLiteral("variants")));
  QJsonArray nodes;
  for (qsizetype i = from; i < to; ++i) {
    const Product &p = *matching.at(i);
    QJsonObject node = productNode(p);
    QJsonArray variants;
    for (qsizetype v = 0; v < std::min<qsizetype>(perProduct, p.variants.size()); ++v)
      variants.append(variantNode(p.variants.at(v), true));
    node.insert(QStringLiteral("variants"),
                QJsonObject{{QStringLiteral("pageInfo"), pageInfo(p.variants.size() > perProduct, variants.size())},
                            {QStringLiteral("nodes"), variants}});
    nodes.append(node);
  }
  return QJsonObject{
      {QStringLiteral("products"), QJsonObject{{QStringLiteral("pageInfo"), pageInfo(to < matching.size(), to)},
                                               {QStringLiteral("nodes"), nodes}}}};
}

QJsonObject FakeCatalogue::variantsPage(const QJsonObject &variables,
                                        const std::function<int(const QString &)> &pageSize)
{
  // Filters Packbench sends: none, "product_id:N", "id:1 OR id:2 …"; ordered by id like sortKey: ID.
  const QString query = variables.value(u"query").toString();
  static const QRegularExpression idTerm(QStringLiteral(R"((?:^|\s)id:(\d+))"));
  static const QRegularExpression productTerm(QStringLiteral(R"(product_id:(\d+))"));
  QSet<QString> ids;
  for (auto it = idTerm.globalMatch(query); it.hasNext();)
    ids.insert(it.next().captured(1));
  const QString productId = productTerm.match(query).captured(1);
  QList<std::pair<const Product *, const Variant *>> matching;
  for (const Product &p : m_products) {
    if (!productId.isEmpty() && p.id != productId)
      continue;
    for (const Variant &v : p.variants) {
      if (ids.isEmpty() || ids.contains(v.id))
        matching.append({&p, &v});
    }
  }
  std::sort(matching.begin(), matching.end(),
            [](const auto &a, const auto &b) { return a.second->id.toLongLong() < b.second->id.toLongLong(); });
  const qsizetype from = std::clamp<qsizetype>(variables.value(u"after").toString().toLongLong(), 0, matching.size());
  const qsizetype to =
      std::min<qsizetype>(from + std::max(1, pageSize(QStringLiteral("productVariants"))), matching.size());
  QJsonArray nodes;
  for (qsizetype i = from; i < to; ++i) {
    QJsonObject node = variantNode(*matching.at(i).second, true);
    node.insert(QStringLiteral("product"), productNode(*matching.at(i).first));
    nodes.append(node);
  }
  return QJsonObject{
      {QStringLiteral("productVariants"), QJsonObject{{QStringLiteral("pageInfo"), pageInfo(to < matching.size(), to)},
                                                      {QStringLiteral("nodes"), nodes}}}};
}

QByteArray FakeCatalogue::exportJsonl(int *objects, int *roots) const
{
  QByteArray out;
  for (const Product &p : m_products) {
    out += QJsonDocument(productNode(p)).toJson(QJsonDocument::Compact) + '\n';
    ++*roots;
    ++*objects;
    const QString parent = gid(QStringLiteral("Product"), p.id);
    for (const Variant &v : p.variants) {
      QJsonObject line = variantNode(v, false);
      line.insert(QStringLiteral("__parentId"), parent);
      out += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
      ++*objects;
      if (!v.imageUrl.isEmpty()) {
        QJsonObject media = imageJson(v.imageUrl).toObject();
        media.insert(QStringLiteral("__parentId"), gid(QStringLiteral("ProductVariant"), v.id));
        out += QJsonDocument(media).toJson(QJsonDocument::Compact) + '\n';
        ++*objects;
      }
    }
  }
  return out;
}

QJsonObject FakeCatalogue::bulkRun(const QJsonObject &variables, QJsonArray *errors)
{
  auto payload = [](const QJsonValue &operation, const QJsonArray &userErrors) {
    return QJsonObject{
        {QStringLiteral("bulkOperationRunQuery"),
         QJsonObject{{QStringLiteral("bulkOperation"), operation}, {QStringLiteral("userErrors"), userErrors}}}};
  };
  const GraphQlOperation inner = GraphQlOperation::parse(variables.value(u"query").toString());
  if (!inner.valid || !inner.find(QStringLiteral("products")) || !inner.find(QStringLiteral("variants"))) {
    errors->append(QJsonObject{{QStringLiteral("message"), QStringLiteral("the fake exports products with variants")}});
    return {};
  }
  if (!m_running.isEmpty()) {
    ++m_stats.refused;
    return payload(QJsonValue(),
                   QJsonArray{QJsonObject{{QStringLiteral("field"), QJsonArray{QStringLiteral("query")}},
                                          {QStringLiteral("message"),
                                           QStringLiteral("A bulk query operation for this app and shop is already in "
                                                          "progress: %1.")
                                               .arg(m_running)},
                                          {QStringLiteral("code"), QStringLiteral("OPERATION_IN_PROGRESS")}}});
  }
  ++m_stats.started;
  BulkOperation op;
  op.id = gid(QStringLiteral("BulkOperation"), QString::number(m_nextOperation++));
  op.createdAt = QDateTime::currentDateTimeUtc();
  op.jsonl = exportJsonl(&op.objects, &op.roots); // the snapshot is taken when the operation starts
  m_operations.insert(op.id, op);
  m_running = op.id;
  return payload(QJsonObject{{QStringLiteral("id"), op.id},
                             {QStringLiteral("status"), op.status},
                             {QStringLiteral("createdAt"), op.createdAt.toString(Qt::ISODateWithMs)}},
                 QJsonArray{});
}

QJsonObject FakeCatalogue::bulkStatus(const QJsonObject &variables)
{
  ++m_stats.polls;
  auto it = m_operations.find(variables.value(u"id").toString());
  if (it == m_operations.end())
    return QJsonObject{{QStringLiteral("bulkOperation"), QJsonValue()}};
  BulkOperation &op = it.value();
  if (op.status == u"CREATED" || op.status == u"RUNNING") {
    if (++op.polls < m_faults.pollsUntilDone) {
      op.status = QStringLiteral("RUNNING");
    } else {
      op.status = m_faults.failWith.isEmpty() ? QStringLiteral("COMPLETED") : QStringLiteral("FAILED");
      op.completedAt = QDateTime::currentDateTimeUtc();
      m_running.clear();
    }
  }
  const bool done = op.status == u"COMPLETED";
  const QString file = QStringLiteral("/fake/bulk/%1.jsonl").arg(op.id.section(QLatin1Char('/'), -1));
  return QJsonObject{
      {QStringLiteral("bulkOperation"),
       QJsonObject{
           {QStringLiteral("id"), op.id},
           {QStringLiteral("status"), op.status},
           {QStringLiteral("errorCode"), op.status == u"FAILED" ? QJsonValue(m_faults.failWith) : QJsonValue()},
           {QStringLiteral("createdAt"), op.createdAt.toString(Qt::ISODateWithMs)},
           {QStringLiteral("completedAt"), done ? QJsonValue(op.completedAt.toString(Qt::ISODate)) : QJsonValue()},
           {QStringLiteral("objectCount"), QString::number(done ? op.objects : 0)},
           {QStringLiteral("rootObjectCount"), QString::number(done ? op.roots : 0)},
           {QStringLiteral("fileSize"), done ? QJsonValue(QString::number(op.jsonl.size())) : QJsonValue()},
           {QStringLiteral("url"), done && op.objects > 0 ? QJsonValue(m_baseUrl().toString() + file) : QJsonValue()},
           {QStringLiteral("partialDataUrl"), QJsonValue()}}}};
}

QByteArray FakeCatalogue::bulkExport() const
{
  int objects = 0;
  int roots = 0;
  return exportJsonl(&objects, &roots);
}

} // namespace pb::test
