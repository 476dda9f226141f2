// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FakeShopify: the one-item catalogue and orders most chain tests pack.
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifycatalogue.h"

namespace pb::test {

namespace {
const QString kTitle = QStringLiteral("Enamel Camp Mug");
const QString kSku = QStringLiteral("MUG-ENM-01");
} // namespace

void FakeShopify::addMug(const QString &productId, const QString &barcode, const QDateTime &updatedAt)
{
  FakeCatalogue::Product mug;
  mug.id = productId;
  mug.title = kTitle;
  mug.updatedAt = updatedAt;
  mug.variants = {{productId + QLatin1Char('1'),
                   QStringLiteral("Default Title"),
                   kSku,
                   barcode,
                   QStringLiteral("14.00"),
                   300,
                   QStringLiteral("GRAMS"),
                   {},
                   {},
                   updatedAt}};
  catalogue().addProduct(mug);
}

void FakeShopify::addMugOrder(const QString &orderId, const QString &productId, int quantity, const QString &locationId,
                              const QDateTime &updatedAt)
{
  OrderLine line;
  line.lineItemId = orderId + QStringLiteral("01");
  line.variantId = productId + QLatin1Char('1');
  line.title = kTitle;
  line.sku = kSku;
  line.quantity = quantity;
  line.locationId = locationId;
  addRoutedOrder({orderId, QLatin1Char('#') + orderId, updatedAt, {line}});
}

} // namespace pb::test
