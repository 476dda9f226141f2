// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/packorder.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

#include <QCoreApplication>

namespace pb::packing {

using db::isoUtc;

Result<PackOrder> loadPackOrder(const QSqlDatabase &db, qint64 fulfillmentOrderId)
{
  PackOrder order;
  auto header =
      db::execOneRow(db,
                     QStringLiteral("SELECT fo.id, o.shop_id, o.name, fo.ship_by, o.shipping_method, o.note, "
                                    "o.gift_message, fo.pack_state, fo.version FROM fulfillment_orders fo "
                                    "JOIN orders o ON o.id = fo.order_id WHERE fo.id = ?"),
                     {fulfillmentOrderId}, QStringLiteral("fulfillment order %1 not found").arg(fulfillmentOrderId));
  if (!header)
    return header.error();
  QSqlQuery &h = header.value();
  order.header.fulfillmentOrderId = h.value(0).toLongLong();
  order.header.shopId = h.value(1).toLongLong();
  order.header.orderName = h.value(2).toString();
  order.header.shipBy = h.value(3).toDateTime();
  if (order.header.shipBy.isValid())
    order.header.shipBy.setTimeSpec(Qt::UTC); // SQLite gives the text back; both drivers store UTC
  order.header.shippingMethod = h.value(4).toString();
  order.header.note = h.value(5).toString();
  order.header.giftMessage = h.value(6).toString();
  order.header.packState = h.value(7).toString();
  order.header.version = h.value(8).toInt();

  auto lines = db::exec(db,
                        QStringLiteral("SELECT id, variant_id, title, variant_title, sku, bin_location, "
                                       "remaining_quantity FROM fulfillment_order_lines "
                                       "WHERE fulfillment_order_id = ? AND remaining_quantity > 0 "
                                       "ORDER BY bin_location, id"),
                        {fulfillmentOrderId});
  if (!lines)
    return lines.error();
  while (lines.value().next()) {
    const QSqlQuery &q = lines.value();
    PackLine line;
    line.lineId = q.value(0).toLongLong();
    line.variantId = q.value(1).toLongLong();
    line.title = q.value(2).toString();
    line.variantTitle = q.value(3).toString();
    line.sku = q.value(4).toString();
    line.bin = q.value(5).toString();
    line.expected = q.value(6).toInt();
    if (!line.sku.isEmpty() && line.variantId != 0)
      order.addCode(line.sku, line.variantId);
    order.lines.append(line);
  }

  auto barcodes = db::exec(db,
                           QStringLiteral("SELECT b.normalized, b.variant_id FROM barcodes b "
                                          "JOIN fulfillment_order_lines l ON l.variant_id = b.variant_id "
                                          "WHERE l.fulfillment_order_id = ? AND b.shop_id = ?"),
                           {fulfillmentOrderId, order.header.shopId});
  if (!barcodes)
    return barcodes.error();
  while (barcodes.value().next())
    order.addCode(barcodes.value().value(0).toString(), barcodes.value().value(1).toLongLong());
  return order;
}

void PackOrder::addCode(const QString &code, qint64 variantId)
{
  QList<qint64> &variants = variantsByCode[code];
  if (!variants.contains(variantId))
    variants.append(variantId);
}

QList<qint64> variantsOnOrder(const PackOrder &order, const QStringList &codes)
{
  for (const QString &code : codes) {
    if (const auto found = order.variantsByCode.constFind(code); found != order.variantsByCode.cend())
      return *found;
  }
  return {};
}

Result<CatalogueItem> findCatalogueItem(const QSqlDatabase &db, qint64 shopId, const QStringList &codes)
{
  for (const QString &code : codes) {
    if (code.isEmpty())
      continue;
    auto found = db::exec(db,
                          QStringLiteral("SELECT v.id, p.title, v.title FROM variants v "
                                         "JOIN products p ON p.id = v.product_id "
                                         "WHERE p.shop_id = ? AND (v.sku = ? OR v.id IN "
                                         "(SELECT variant_id FROM barcodes WHERE shop_id = ? AND normalized = ?)) "
                                         "ORDER BY v.id LIMIT 1"),
                          {shopId, code, shopId, code});
    if (!found)
      return found.error();
    if (found.value().next())
      return CatalogueItem{found.value().value(0).toLongLong(), found.value().value(1).toString(),
                           found.value().value(2).toString()};
  }
  return makeError(ErrorKind::NotFound,
                   QCoreApplication::translate("pb::packing::PackOrder", "no catalogue item for the scanned code"));
}

} // namespace pb::packing
