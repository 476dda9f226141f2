// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/cataloguejsonl.h"

#include "core/shopify/cataloguemapper.h"

#include <QEventLoop>
#include <QHash>
#include <QIODevice>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace pb::shopify::catalogue {

namespace {

bool isA(const QString &gid, QStringView type)
{
  return gid.startsWith(QStringLiteral("gid://shopify/") + type + QLatin1Char('/'));
}

struct PendingVariant {
  QJsonObject node;
  QString productGid;
};

} // namespace

Result<QList<ShopifyProduct>> readBulkExport(QIODevice &jsonl)
{
  QList<ShopifyProduct> products;
  QHash<QString, qsizetype> productAt;       // product gid -> index
  QList<PendingVariant> variants;            // mapped once every product is known
  QHash<QString, QString> mediaUrlOfVariant; // variant gid -> first image url
  qint64 lineNumber = 0;
  while (!jsonl.atEnd()) {
    const QByteArray line = jsonl.readLine().trimmed();
    ++lineNumber;
    if (line.isEmpty())
      continue;
    QJsonParseError error{};
    const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
    if (error.error != QJsonParseError::NoError)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("bulk export line %1 is not JSON").arg(lineNumber));
    const QString id = object.value(u"id").toString();
    const QString parent = object.value(u"__parentId").toString();
    if (isA(id, u"Product") && parent.isEmpty()) {
      auto product = productFieldsFromGraphQl(object);
      if (!product)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("bulk export line %1: %2").arg(lineNumber).arg(product.error().message));
      productAt.insert(id, products.size());
      products.append(*product);
    } else if (isA(id, u"ProductVariant")) {
      variants.append({object, parent});
    } else if (isA(parent, u"ProductVariant")) {
      const QString url = object.value(u"preview").toObject().value(u"image").toObject().value(u"url").toString();
      if (!url.isEmpty() && !mediaUrlOfVariant.contains(parent))
        mediaUrlOfVariant.insert(parent, url);
    }
  }
  for (const PendingVariant &pending : std::as_const(variants)) {
    const auto at = productAt.constFind(pending.productGid);
    if (at == productAt.constEnd())
      return makeError(ErrorKind::InvalidInput, QStringLiteral("bulk export: variant %1 of a product not in the export")
                                                    .arg(pending.node.value(u"id").toString()));
    ShopifyProduct &product = products[*at];
    auto variant = variantFromGraphQl(pending.node, product.imageUrl);
    if (!variant)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("bulk export: %1").arg(variant.error().message));
    const QString media = mediaUrlOfVariant.value(pending.node.value(u"id").toString());
    if (!media.isEmpty())
      variant.value().imageUrl = media;
    product.variants.append(*variant);
  }
  for (ShopifyProduct &product : products) {
    QStringList ids;
    for (const ShopifyVariant &variant : std::as_const(product.variants))
      ids.append(variant.id);
    product.allVariantIds = ids;
  }
  return products;
}

Status download(QNetworkAccessManager &network, const QUrl &url, QIODevice &out, int timeoutMs)
{
  QNetworkRequest request(url);
  request.setTransferTimeout(timeoutMs); // an inactivity limit: a big file may take longer in all
  QNetworkReply *reply = network.get(request);
  bool writeFailed = false;
  QObject::connect(reply, &QNetworkReply::readyRead, reply, [&]() {
    const QByteArray chunk = reply->readAll();
    if (!writeFailed && out.write(chunk) != chunk.size())
      writeFailed = true;
  });
  QEventLoop loop;
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  if (!reply->isFinished())
    loop.exec();
  const QByteArray rest = reply->readAll();
  if (!writeFailed && out.write(rest) != rest.size())
    writeFailed = true;
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const QNetworkReply::NetworkError networkError = reply->error();
  reply->deleteLater();
  if (writeFailed)
    return makeError(ErrorKind::Internal, QStringLiteral("bulk export: cannot write the download to disk"));
  if (status >= 400 && status < 500)
    return makeError(ErrorKind::InvalidInput, QStringLiteral("bulk export download: HTTP %1").arg(status));
  if (status != 200 || networkError != QNetworkReply::NoError)
    return makeError(
        ErrorKind::Unavailable,
        QStringLiteral("bulk export download failed: HTTP %1, network error %2").arg(status).arg(networkError));
  return {};
}

} // namespace pb::shopify::catalogue
