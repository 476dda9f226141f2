// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shopify product payloads into ShopifyProduct, and barcodes into the keys a scan of them looks up.
// (URLs in the raw JSON below are written with \/ : moc would read // as a comment.)
#include "core/scanning/scandecoder.h"
#include "core/shopify/cataloguebarcodes.h"
#include "core/shopify/cataloguejsonl.h"
#include "core/shopify/cataloguemapper.h"
#include "tests/support/fakeshopifycatalogue.h"

#include <QBuffer>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pb;
using shopify::catalogue::BarcodeReading;

class CatalogueMappingTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void barcodeReadings_data()
  {
    QTest::addColumn<QString>("barcode");
    QTest::addColumn<QStringList>("kinds");
    QTest::addColumn<QStringList>("normalized");
    QTest::newRow("UPC-A") << QStringLiteral("036000291452") << QStringList{QStringLiteral("upc")}
                           << QStringList{QStringLiteral("00036000291452")};
    QTest::newRow("EAN-13") << QStringLiteral("4006381333931") << QStringList{QStringLiteral("ean")}
                            << QStringList{QStringLiteral("04006381333931")};
    QTest::newRow("EAN-13 form of a UPC-A") << QStringLiteral("0036000291452") << QStringList{QStringLiteral("ean")}
                                            << QStringList{QStringLiteral("00036000291452")};
    QTest::newRow("GTIN-14") << QStringLiteral("10036000291459") << QStringList{QStringLiteral("gtin14")}
                             << QStringList{QStringLiteral("10036000291459")};
    QTest::newRow("spaces around") << QStringLiteral("  036000291452 ") << QStringList{QStringLiteral("upc")}
                                   << QStringList{QStringLiteral("00036000291452")};
    QTest::newRow("8 digits valid as EAN-8 and UPC-E")
        << QStringLiteral("01234565") << QStringList{QStringLiteral("ean"), QStringLiteral("upc")}
        << QStringList{QStringLiteral("00000001234565"), QStringLiteral("00012345000065")};
    QTest::newRow("EAN-8 only") << QStringLiteral("96385074") << QStringList{QStringLiteral("ean")}
                                << QStringList{QStringLiteral("00000096385074")};
    QTest::newRow("GS1 element string") << QStringLiteral("(01)10036000291459") << QStringList{QStringLiteral("gtin14")}
                                        << QStringList{QStringLiteral("10036000291459")};
    QTest::newRow("internal code") << QStringLiteral("BIN-42") << QStringList{QStringLiteral("custom")}
                                   << QStringList{QStringLiteral("BIN-42")};
    QTest::newRow("bad check digit stays raw")
        << QStringLiteral("036000291453") << QStringList{QStringLiteral("custom")}
        << QStringList{QStringLiteral("036000291453")};
    QTest::newRow("none") << QStringLiteral("") << QStringList{} << QStringList{};
  }

  void barcodeReadings()
  {
    QFETCH(QString, barcode);
    QFETCH(QStringList, kinds);
    QFETCH(QStringList, normalized);
    const QList<BarcodeReading> readings = shopify::catalogue::barcodeReadings(barcode);
    QStringList gotKinds;
    QStringList gotNormalized;
    for (const BarcodeReading &r : readings) {
      gotKinds << r.kind;
      gotNormalized << r.normalized;
      QCOMPARE(r.code, barcode.trimmed());
    }
    QCOMPARE(gotKinds, kinds);
    QCOMPARE(gotNormalized, normalized);
  }

  // Whatever form is printed, the station's decoder turns a scan of it into a key the catalogue holds.
  void everyGeneratedForm_matchesWhatTheScanDecoderLooksUp()
  {
    const scanning::ScanDecoder decoder;
    for (qint64 index = 1000; index < 1010; ++index) {
      const QString barcode = test::FakeCatalogue::barcodeForm(index);
      if (barcode.isEmpty())
        continue;
      QStringList keys;
      for (const BarcodeReading &r : shopify::catalogue::barcodeReadings(barcode))
        keys << r.normalized;
      const scanning::DecodedScan scan = decoder.decode(QString(barcode + QLatin1Char('\r')));
      QVERIFY2(keys.contains(scan.lookupKey()), qPrintable(barcode));
      if (barcode.size() == 12) { // the same item printed as EAN-13 and as a GTIN-14 case code
        QVERIFY(keys.contains(decoder.decode(QString(QLatin1Char('0') + barcode)).lookupKey()));
        QVERIFY(keys.contains(decoder.decode(QString(QStringLiteral("]E0") + barcode)).lookupKey()));
        QVERIFY(keys.contains(decoder.decode(QString(QStringLiteral("00") + barcode)).lookupKey()));
      }
    }
    // An 8-digit code under either reading: no identifier (EAN-8 first) and ]E0 (UPC-E).
    QStringList keys;
    for (const BarcodeReading &r : shopify::catalogue::barcodeReadings(QStringLiteral("01234565")))
      keys << r.normalized;
    QVERIFY(keys.contains(decoder.decode(QStringLiteral("01234565")).lookupKey()));
    QVERIFY(keys.contains(decoder.decode(QStringLiteral("]E001234565")).lookupKey()));
  }

  void restPayload_mapsEveryField()
  {
    QHttpServer server;
    test::FakeCatalogue fake(server, []() { return QUrl(); });
    const QDateTime at(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC);
    fake.generate(7001, 1, 3, at);
    auto product = shopify::catalogue::fromRest(fake.restPayload(QStringLiteral("7001")));
    QVERIFY2(product.ok(), qPrintable(product.ok() ? QString() : product.error().message));
    QCOMPARE(product->id, QStringLiteral("7001"));
    QCOMPARE(product->title, QStringLiteral("Product 7001"));
    QCOMPARE(product->status, QStringLiteral("active"));
    QCOMPARE(product->updatedAt, at);
    QCOMPARE(product->imageUrl, QStringLiteral("https://cdn.example/p/7001.jpg"));
    QCOMPARE(product->variants.size(), 3);
    const shopify::ShopifyVariant &first = product->variants.first();
    QCOMPARE(first.id, QStringLiteral("7001001"));
    QCOMPARE(first.sku, QStringLiteral("SKU-7001001"));
    QCOMPARE(first.barcode, test::FakeCatalogue::barcodeForm(7001001));
    QCOMPARE(first.price, QStringLiteral("1.99"));
    QCOMPARE(first.inventoryItemId, QStringLiteral("507001001"));
    QCOMPARE(first.imageUrl, QStringLiteral("https://cdn.example/v/7001001.jpg")); // its own image
    QCOMPARE(product->variants.at(1).imageUrl, product->imageUrl);                 // else the product's
    QVERIFY(!first.weightGrams.has_value()); // webhooks since 2024-07 carry no weight
    QVERIFY(product->allVariantIds.has_value());
    QCOMPARE(product->allVariantIds->size(), 3);
  }

  void restPayload_variantGidsListVariantsBeyondTheFirstHundred()
  {
    QHttpServer server;
    test::FakeCatalogue fake(server, []() { return QUrl(); });
    fake.generate(7002, 1, 120, QDateTime::currentDateTimeUtc());
    auto product = shopify::catalogue::fromRest(fake.restPayload(QStringLiteral("7002")));
    QVERIFY(product.ok());
    QCOMPARE(product->variants.size(), 100);
    QCOMPARE(product->allVariantIds->size(), 120); // none of the other 20 may be taken as deleted
  }

  void restPayload_legacyWeightsInGrams()
  {
    QJsonObject payload = QJsonDocument::fromJson(R"({"id": 5, "title": "Boot", "updated_at": "2026-11-20T08:00:00Z",
      "variants": [{"id": 51, "title": "A", "grams": 540, "updated_at": "2026-11-20T08:00:00Z"},
                   {"id": 52, "title": "B", "weight": 1.5, "weight_unit": "kg"},
                   {"id": 53, "title": "C", "weight": 2, "weight_unit": "lb"}]})")
                              .object();
    auto product = shopify::catalogue::fromRest(payload);
    QVERIFY(product.ok());
    QCOMPARE(product->variants.at(0).weightGrams, std::optional<int>(540));
    QCOMPARE(product->variants.at(1).weightGrams, std::optional<int>(1500));
    QCOMPARE(product->variants.at(2).weightGrams, std::optional<int>(907));
    QCOMPARE(product->variants.at(1).updatedAt, product->updatedAt); // no own timestamp: the product's
  }

  void badPayloads_sayWhatIsMissing_data()
  {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << QByteArray("{") << QStringLiteral("not a JSON object");
    QTest::newRow("no id") << QByteArray(R"({"title": "x", "updated_at": "2026-11-20T08:00:00Z"})")
                           << QStringLiteral("without a usable id");
    QTest::newRow("no title") << QByteArray(R"({"id": 1, "updated_at": "2026-11-20T08:00:00Z"})")
                              << QStringLiteral("without a title");
    QTest::newRow("no updated_at") << QByteArray(R"({"id": 1, "title": "x"})") << QStringLiteral("without updated_at");
    QTest::newRow("variant without id")
        << QByteArray(R"({"id": 1, "title": "x", "updated_at": "2026-11-20T08:00:00Z", "variants": [{"title": "y"}]})")
        << QStringLiteral("variant without an id");
  }

  void badPayloads_sayWhatIsMissing()
  {
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    auto product = shopify::catalogue::fromRestJson(body);
    QVERIFY(!product.ok());
    QCOMPARE(product.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(product.error().message.contains(message), qPrintable(product.error().message));
  }

  void graphQlVariantNode_mapsWeightAndImage()
  {
    const QJsonObject node = QJsonDocument::fromJson(R"({"id": "gid:\/\/shopify/ProductVariant/11", "title": "Red",
      "sku": "R-1", "barcode": "036000291452", "price": "12.50", "updatedAt": "2026-11-20T08:00:00Z",
      "inventoryItem": {"id": "gid:\/\/shopify/InventoryItem/99", "measurement": {"weight": {"unit": "OUNCES", "value": 16}}},
      "media": {"nodes": []},
      "product": {"id": "gid:\/\/shopify/Product/1", "title": "Mug", "vendor": "V", "status": "DRAFT",
        "updatedAt": "2026-11-19T08:00:00Z", "featuredMedia": {"preview": {"image": {"url": "https:\/\/i/1.png"}}}}})")
                                 .object();
    auto product = shopify::catalogue::fromGraphQlVariant(node);
    QVERIFY2(product.ok(), qPrintable(product.ok() ? QString() : product.error().message));
    QCOMPARE(product->status, QStringLiteral("draft"));
    QVERIFY(!product->allVariantIds.has_value()); // one variant read says nothing about the others
    const shopify::ShopifyVariant &v = product->variants.first();
    QCOMPARE(v.weightGrams, std::optional<int>(454));
    QCOMPARE(v.inventoryItemId, QStringLiteral("99"));
    QCOMPARE(v.imageUrl, QStringLiteral("https://i/1.png"));
  }

  void bulkExport_tiesLinesByParentInAnyOrder()
  {
    QByteArray jsonl =
        R"({"id":"gid:\/\/shopify/ProductVariant/21","title":"A","price":"1.00","updatedAt":"2026-11-20T08:00:00Z","__parentId":"gid:\/\/shopify/Product/2"}
{"preview":{"image":{"url":"https:\/\/i/21.png"}},"__parentId":"gid:\/\/shopify/ProductVariant/21"}
{"id":"gid:\/\/shopify/Product/2","title":"Lamp","updatedAt":"2026-11-20T08:00:00Z","featuredMedia":null}

{"id":"gid:\/\/shopify/ProductVariant/22","title":"B","price":"2.00","updatedAt":"2026-11-20T08:00:00Z","__parentId":"gid:\/\/shopify/Product/2"}
)";
    QBuffer buffer(&jsonl);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    auto products = shopify::catalogue::readBulkExport(buffer);
    QVERIFY2(products.ok(), qPrintable(products.ok() ? QString() : products.error().message));
    QCOMPARE(products->size(), 1);
    QCOMPARE(products->first().variants.size(), 2);
    QCOMPARE(products->first().variants.first().imageUrl, QStringLiteral("https://i/21.png"));
    QCOMPARE(*products->first().allVariantIds, (QStringList{QStringLiteral("21"), QStringLiteral("22")}));

    QByteArray orphan =
        R"({"id":"gid:\/\/shopify/ProductVariant/31","title":"A","updatedAt":"2026-11-20T08:00:00Z","__parentId":"gid:\/\/shopify/Product/3"})";
    QBuffer orphanBuffer(&orphan);
    QVERIFY(orphanBuffer.open(QIODevice::ReadOnly));
    auto refused = shopify::catalogue::readBulkExport(orphanBuffer);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.contains(QStringLiteral("not in the export")));
  }
};

QTEST_GUILESS_MAIN(CatalogueMappingTest)
#include "catalogue_mapping_test.moc"
