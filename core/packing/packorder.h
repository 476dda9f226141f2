// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pb::packing {

// What the packer sees about the order being packed (no address: the slip carries that).
struct PackHeader {
  qint64 fulfillmentOrderId = 0;
  qint64 shopId = 0;
  QString orderName;
  QDateTime shipBy;
  QString shippingMethod;
  QString note;
  QString giftMessage;
  QString packState;
  int version = 0; // fulfillment_orders.version as loaded: what the packer is shown and packs against
};

// One line to verify; `verified` counts scans and manual entries.
struct PackLine {
  qint64 lineId = 0;
  qint64 variantId = 0; // 0: custom item without a catalogue variant
  QString title;
  QString variantTitle;
  QString sku;
  QString bin;
  int expected = 0;
  int verified = 0;

  bool done() const { return verified >= expected; }
};

struct PackOrder {
  PackHeader header;
  QList<PackLine> lines;
  // barcodes.normalized (GTIN-14 or raw code) and SKUs → variants, in the order first seen. Shopify does not keep
  // barcodes unique: two variants on one order (sizes of one product, say) can carry the same one.
  QHash<QString, QList<qint64>> variantsByCode;

  void addCode(const QString &code, qint64 variantId);
};

// Loads a fulfillment order's header, lines and the barcodes of its variants.
Result<PackOrder> loadPackOrder(const QSqlDatabase &db, qint64 fulfillmentOrderId);

// The variants on the order that the first known code names (a scan's lookupKeys(): every GTIN
// reading of an ambiguous code, then the code itself); empty when none is on the order.
QList<qint64> variantsOnOrder(const PackOrder &order, const QStringList &codes);

// A catalogue item that is not on the order, for a "wrong item" message.
struct CatalogueItem {
  qint64 variantId = 0;
  QString title;
  QString variantTitle;
};

// Looks codes up in the whole shop catalogue (barcodes, then SKUs); NotFound when nothing matches.
Result<CatalogueItem> findCatalogueItem(const QSqlDatabase &db, qint64 shopId, const QStringList &codes);

} // namespace pb::packing
