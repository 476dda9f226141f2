// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/cataloguemapper.h"

#include "core/shopify/ordermapper.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace pb::shopify::catalogue {

namespace {

// The gid string first: numeric REST ids above 2^53 do not survive JSON doubles.
QString restId(const QJsonObject &object)
{
  const QString fromGid = ordermapper::numericId(object.value(u"admin_graphql_api_id"));
  return fromGid.isEmpty() ? ordermapper::numericId(object.value(u"id")) : fromGid;
}

QString text(const QJsonValue &value)
{
  if (value.isDouble())
    return QString::number(value.toDouble(), 'f', 2);
  return value.toString();
}

std::optional<int> gramsFrom(double value, const QString &unit)
{
  const QString u = unit.toUpper();
  double grams = 0;
  if (u == u"GRAMS" || u == u"G")
    grams = value;
  else if (u == u"KILOGRAMS" || u == u"KG")
    grams = value * 1000.0;
  else if (u == u"POUNDS" || u == u"LB")
    grams = value * 453.59237;
  else if (u == u"OUNCES" || u == u"OZ")
    grams = value * 28.349523125;
  else
    return std::nullopt;
  if (!std::isfinite(grams) || grams < 0 || grams > 1.0e9)
    return std::nullopt;
  return static_cast<int>(std::lround(grams));
}

QString imageUrlOf(const QJsonValue &media)
{
  return media.toObject().value(u"preview").toObject().value(u"image").toObject().value(u"url").toString();
}

// REST: the src of the image with this id among the product's images.
QString restImage(const QJsonObject &product, const QJsonValue &imageId)
{
  const QString wanted = ordermapper::numericId(imageId);
  if (!wanted.isEmpty()) {
    for (const QJsonValue &image : product.value(u"images").toArray()) {
      if (ordermapper::numericId(image.toObject().value(u"id")) == wanted)
        return image.toObject().value(u"src").toString();
    }
  }
  return {};
}

} // namespace

std::optional<int> gramsFromWeight(const QJsonValue &weight)
{
  const QJsonObject w = weight.toObject();
  if (!w.value(u"value").isDouble())
    return std::nullopt;
  return gramsFrom(w.value(u"value").toDouble(), w.value(u"unit").toString());
}

Result<ShopifyProduct> fromRestJson(const QByteArray &body)
{
  QJsonParseError error{};
  const QJsonDocument document = QJsonDocument::fromJson(body, &error);
  if (error.error != QJsonParseError::NoError || !document.isObject())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("product payload is not a JSON object"));
  return fromRest(document.object());
}

Result<ShopifyProduct> fromRest(const QJsonObject &json)
{
  ShopifyProduct product;
  product.id = restId(json);
  if (product.id.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("product without a usable id"));
  product.title = json.value(u"title").toString();
  if (product.title.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("product %1 without a title").arg(product.id));
  product.updatedAt = ordermapper::parseTimestamp(json.value(u"updated_at"));
  if (!product.updatedAt.isValid())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("product %1 without updated_at").arg(product.id));
  product.vendor = json.value(u"vendor").toString();
  product.status = json.value(u"status").toString().toLower();
  product.imageUrl = json.value(u"image").toObject().value(u"src").toString();
  if (product.imageUrl.isEmpty() && !json.value(u"images").toArray().isEmpty())
    product.imageUrl = json.value(u"images").toArray().first().toObject().value(u"src").toString();

  QStringList listed;
  for (const QJsonValue &value : json.value(u"variants").toArray()) {
    const QJsonObject v = value.toObject();
    ShopifyVariant variant;
    variant.id = restId(v);
    if (variant.id.isEmpty())
      return makeError(ErrorKind::InvalidInput,
                       QStringLiteral("product %1 has a variant without an id").arg(product.id));
    variant.title = v.value(u"title").toString();
    variant.sku = v.value(u"sku").toString();
    variant.barcode = v.value(u"barcode").toString();
    variant.price = text(v.value(u"price"));
    variant.inventoryItemId = ordermapper::numericId(v.value(u"inventory_item_id"));
    variant.updatedAt = ordermapper::parseTimestamp(v.value(u"updated_at"));
    if (!variant.updatedAt.isValid())
      variant.updatedAt = product.updatedAt;
    // Webhooks since 2024-07 carry no weight; older ones have grams, or weight with its unit.
    if (v.value(u"grams").isDouble())
      variant.weightGrams = static_cast<int>(std::lround(v.value(u"grams").toDouble()));
    else if (v.value(u"weight").isDouble())
      variant.weightGrams = gramsFrom(v.value(u"weight").toDouble(), v.value(u"weight_unit").toString());
    variant.imageUrl = restImage(json, v.value(u"image_id"));
    if (variant.imageUrl.isEmpty())
      variant.imageUrl = product.imageUrl;
    listed.append(variant.id);
    product.variants.append(variant);
  }
  // variant_gids lists every variant (the variants array may stop at 100); without it the array is all.
  if (json.value(u"variant_gids").isArray()) {
    QStringList all;
    for (const QJsonValue &value : json.value(u"variant_gids").toArray()) {
      const QString id = ordermapper::numericId(value.toObject().value(u"admin_graphql_api_id"));
      if (id.isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("product %1: unusable variant_gids").arg(product.id));
      all.append(id);
    }
    product.allVariantIds = all;
  } else if (json.value(u"variants").isArray()) {
    product.allVariantIds = listed;
  }
  return product;
}

Result<QString> deletedProductId(const QByteArray &body)
{
  const QJsonObject json = QJsonDocument::fromJson(body).object();
  const QString id = restId(json);
  if (id.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("products/delete without a usable id"));
  return id;
}

Result<ShopifyProduct> productFieldsFromGraphQl(const QJsonObject &node)
{
  ShopifyProduct product;
  product.id = ordermapper::numericId(node.value(u"id"));
  if (product.id.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("product node without a usable id"));
  product.title = node.value(u"title").toString();
  if (product.title.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("product %1 without a title").arg(product.id));
  product.updatedAt = ordermapper::parseTimestamp(node.value(u"updatedAt"));
  if (!product.updatedAt.isValid())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("product %1 without updatedAt").arg(product.id));
  product.vendor = node.value(u"vendor").toString();
  product.status = node.value(u"status").toString().toLower();
  product.imageUrl = imageUrlOf(node.value(u"featuredMedia"));
  return product;
}

Result<ShopifyVariant> variantFromGraphQl(const QJsonObject &node, const QString &productImageUrl)
{
  ShopifyVariant variant;
  variant.id = ordermapper::numericId(node.value(u"id"));
  if (variant.id.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("variant node without a usable id"));
  variant.updatedAt = ordermapper::parseTimestamp(node.value(u"updatedAt"));
  if (!variant.updatedAt.isValid())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("variant %1 without updatedAt").arg(variant.id));
  variant.title = node.value(u"title").toString();
  variant.sku = node.value(u"sku").toString();
  variant.barcode = node.value(u"barcode").toString();
  variant.price = text(node.value(u"price"));
  const QJsonObject item = node.value(u"inventoryItem").toObject();
  variant.inventoryItemId = ordermapper::numericId(item.value(u"id"));
  variant.weightGrams = gramsFromWeight(item.value(u"measurement").toObject().value(u"weight"));
  const QJsonArray media = node.value(u"media").toObject().value(u"nodes").toArray();
  variant.imageUrl = media.isEmpty() ? QString() : imageUrlOf(media.first());
  if (variant.imageUrl.isEmpty())
    variant.imageUrl = productImageUrl;
  return variant;
}

Result<ShopifyProduct> fromGraphQlProduct(const QJsonObject &node)
{
  auto product = productFieldsFromGraphQl(node);
  if (!product)
    return product;
  const QJsonObject variants = node.value(u"variants").toObject();
  QStringList ids;
  for (const QJsonValue &value : variants.value(u"nodes").toArray()) {
    auto variant = variantFromGraphQl(value.toObject(), product->imageUrl);
    if (!variant)
      return variant.error();
    ids.append(variant->id);
    product.value().variants.append(*variant);
  }
  if (variants.contains(u"nodes") && !variants.value(u"pageInfo").toObject().value(u"hasNextPage").toBool())
    product.value().allVariantIds = ids;
  return product;
}

Result<ShopifyProduct> fromGraphQlVariant(const QJsonObject &node)
{
  auto product = productFieldsFromGraphQl(node.value(u"product").toObject());
  if (!product)
    return product;
  auto variant = variantFromGraphQl(node, product->imageUrl);
  if (!variant)
    return variant.error();
  product.value().variants.append(*variant);
  return product;
}

} // namespace pb::shopify::catalogue
