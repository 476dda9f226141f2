// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

#include <functional>

class QHttpServer;

namespace pb::test {

// The Shopify fake's catalogue: products with variants (barcodes in UPC-A, EAN-13, GTIN-14, internal
// and no form), served as Shopify serves them: ProductsUpdatedSince and ProductVariantsPage pages (the
// fake's cursors are indexes), products/* webhook bodies, and the bulk export (bulkOperationRunQuery,
// bulkOperation(id:) polls, the JSONL from the fake's own HTTP server, no token needed, like Shopify's
// signed link). Costs are charged by FakeShopify from what the documents select.
class FakeCatalogue final {
public:
  struct Variant {
    QString id; // numeric
    QString title;
    QString sku;
    QString barcode;
    QString price = QStringLiteral("10.00");
    double weight = 0;
    QString weightUnit = QStringLiteral("GRAMS");
    QString inventoryItemId;
    QString imageUrl;
    QDateTime updatedAt;
  };
  struct Product {
    QString id; // numeric
    QString title;
    QString vendor = QStringLiteral("Acme");
    QString status = QStringLiteral("ACTIVE");
    QString imageUrl;
    QDateTime updatedAt;
    QList<Variant> variants;
  };
  struct BulkFaults {
    int pollsUntilDone = 1;   // status reads answered RUNNING before COMPLETED
    QString failWith;         // an errorCode (e.g. INTERNAL_SERVER_ERROR): the operation FAILS instead
    int downloadFailures = 0; // JSONL downloads answered 503 before one succeeds
  };
  struct BulkStats {
    int started = 0;
    int refused = 0; // started while another ran
    int polls = 0;
    int downloads = 0;
    int failedDownloads = 0;
  };

  FakeCatalogue(QHttpServer &server, std::function<QUrl()> baseUrl);

  Product &addProduct(const Product &product);
  bool removeProduct(const QString &productId);
  Product *product(const QString &productId);
  // count products from firstProductId, variantsPerProduct each (variant ids firstProductId*1000+i);
  // barcode forms cycle UPC-A, EAN-13, GTIN-14, none, internal code; SKUs "SKU-<variant id>".
  void generate(qint64 firstProductId, int count, int variantsPerProduct, const QDateTime &updatedAt);
  int productCount() const { return int(m_products.size()); }
  int variantCount() const;
  // The barcode generate() gives the variant with this global index (the form cycles with it).
  static QString barcodeForm(qint64 index);

  // A products/create or products/update webhook body as Shopify (2024-07 and later) sends it: no
  // weight, variant_gids listing every variant, the variants array cut at 100.
  QJsonObject restPayload(const QString &productId) const;

  // The JSONL a bulk export of the whole catalogue downloads (benchmarks feed it to the writers directly).
  QByteArray bulkExport() const;

  bool handles(const QString &operation) const;
  QJsonObject run(const QString &operation, const QJsonObject &variables,
                  const std::function<int(const QString &)> &pageSize, QJsonArray *errors);

  void setBulkFaults(const BulkFaults &faults) { m_faults = faults; }
  const BulkStats &bulkStats() const { return m_stats; }

private:
  struct BulkOperation {
    QString id;
    QString status = QStringLiteral("CREATED");
    QDateTime createdAt;
    QDateTime completedAt;
    QByteArray jsonl;
    int objects = 0;
    int roots = 0;
    int polls = 0;
  };
  QJsonObject productsUpdatedSince(const QJsonObject &variables, const std::function<int(const QString &)> &pageSize);
  QJsonObject variantsPage(const QJsonObject &variables, const std::function<int(const QString &)> &pageSize);
  QJsonObject bulkRun(const QJsonObject &variables, QJsonArray *errors);
  QJsonObject bulkStatus(const QJsonObject &variables);
  QByteArray exportJsonl(int *objects, int *roots) const;

  std::function<QUrl()> m_baseUrl;
  QMap<qint64, Product> m_products; // by numeric id: Shopify's id order
  QHash<QString, BulkOperation> m_operations;
  QString m_running;
  int m_nextOperation = 1;
  BulkFaults m_faults;
  BulkStats m_stats;
};

} // namespace pb::test
