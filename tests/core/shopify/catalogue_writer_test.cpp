// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue writers on real PostgreSQL (set-based and row by row) and real SQLite: idempotent,
// stale updates ignored, deletions keep history and stop matching, and scans find what was written.
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/scanning/scandecoder.h"
#include "core/shopify/cataloguewriter.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pb;
using shopify::ShopifyProduct;
using shopify::ShopifyVariant;

namespace {

const QDateTime kT1(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC);
const QDateTime kT2 = kT1.addSecs(60);
const QDateTime kT3 = kT1.addSecs(120);

ShopifyVariant variant(const QString &id, const QString &barcode, const QDateTime &at)
{
  ShopifyVariant v;
  v.id = id;
  v.title = QStringLiteral("Variant %1").arg(id);
  v.sku = QStringLiteral("SKU-%1").arg(id);
  v.barcode = barcode;
  v.price = QStringLiteral("12.50");
  v.inventoryItemId = QStringLiteral("9%1").arg(id);
  v.updatedAt = at;
  return v;
}

ShopifyProduct product(const QString &id, const QString &title, const QDateTime &at, QList<ShopifyVariant> variants)
{
  ShopifyProduct p;
  p.id = id;
  p.title = title;
  p.status = QStringLiteral("active");
  p.updatedAt = at;
  QStringList ids;
  for (const ShopifyVariant &v : variants)
    ids << v.id;
  p.variants = std::move(variants);
  p.allVariantIds = ids;
  return p;
}

} // namespace

class CatalogueWriterTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  int m_count = 0;
  QSqlDatabase m_db;
  std::unique_ptr<db::StatementCache> m_sql;
  bool m_rowByRow = false;
  qint64 m_shopId = 0;

  void open(const QString &backend)
  {
    m_sql.reset();
    ++m_count;
    if (backend == u"sqlite") {
      db::ConnectionSettings s;
      s.sqlitePath = m_dir.filePath(QStringLiteral("catalogue%1.sqlite").arg(m_count));
      auto opened = db::openDatabase(s, QStringLiteral("catalogue-sqlite-%1").arg(m_count));
      VERIFY_OK(opened);
      m_db = *opened;
      VERIFY_OK(db::MigrationRunner(QStringLiteral(":/migrations/sqlite")).migrate(m_db));
    } else {
      auto scratch = test::createMigratedDatabase(QStringLiteral("catalogue"));
      VERIFY_OK(scratch);
      m_db = scratch->db;
    }
    m_rowByRow = backend == u"postgres-row-by-row";
    m_sql = std::make_unique<db::StatementCache>(m_db);
    auto shop = db::exec(m_db,
                         QStringLiteral("INSERT INTO shops (domain, name, currency) VALUES (?, ?, 'EUR') "
                                        "RETURNING id"),
                         {QStringLiteral("cat%1.myshopify.com").arg(m_count), QStringLiteral("Cat")});
    VERIFY_OK(shop);
    QVERIFY(shop.value().next());
    m_shopId = shop->value(0).toLongLong();
  }

  shopify::catalogue::WriteCounts write(const QList<ShopifyProduct> &products)
  {
    shopify::catalogue::WriteCounts counts;
    const Status done = db::inTransaction(m_db, [&]() -> Status {
      auto written = m_rowByRow ? shopify::catalogue::writeProductsRowByRow(*m_sql, m_shopId, products)
                                : shopify::catalogue::writeProducts(*m_sql, m_shopId, products);
      if (!written)
        return written.error();
      counts = *written;
      return {};
    });
    if (!done.ok())
      qWarning("write failed: %s", qPrintable(done.error().message));
    return counts;
  }

  qint64 count(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }

  // The Shopify variant a scan of `scanned` finds, as the station looks it up ("" when none).
  QString scanFinds(const QString &scanned)
  {
    const scanning::DecodedScan scan = scanning::ScanDecoder().decode(scanned);
    auto found = db::exec(m_db,
                          QStringLiteral("SELECT v.shopify_id FROM barcodes b JOIN variants v ON v.id = b.variant_id "
                                         "WHERE b.shop_id = ? AND b.normalized = ?"),
                          {m_shopId, scan.lookupKey()});
    if (!found || !found.value().next())
      return {};
    return found->value(0).toString();
  }

  void backends()
  {
    QTest::addColumn<QString>("backend");
    QTest::newRow("postgres") << QStringLiteral("postgres");
    QTest::newRow("postgres row by row") << QStringLiteral("postgres-row-by-row");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
  }

private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void write_isIdempotent_andScansFindEveryForm_data() { backends(); }
  void write_isIdempotent_andScansFindEveryForm()
  {
    QFETCH(QString, backend);
    open(backend);
    const QList<ShopifyProduct> products{product(QStringLiteral("100"), QStringLiteral("Mug"), kT1,
                                                 {variant(QStringLiteral("1001"), QStringLiteral("036000291452"), kT1),
                                                  variant(QStringLiteral("1002"), QStringLiteral("01234565"), kT1),
                                                  variant(QStringLiteral("1003"), QStringLiteral("BIN-7"), kT1),
                                                  variant(QStringLiteral("1004"), {}, kT1)})};
    auto first = write(products);
    QCOMPARE(first.productsWritten, 1);
    QCOMPARE(first.variantsWritten, 4);
    auto again = write(products);
    QCOMPARE(again.variantsWritten, 4); // same timestamps: applied again, to the same rows
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM products")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants")), 4);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM barcodes")), 4); // 1 + both readings of 01234565 + 1
    QCOMPARE(count(QStringLiteral("SELECT price_minor FROM variants WHERE shopify_id = '1001'")), 1250);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE currency = 'EUR'")), 4);
    QCOMPARE(scanFinds(QStringLiteral("036000291452")), QStringLiteral("1001"));   // UPC-A
    QCOMPARE(scanFinds(QStringLiteral("0036000291452")), QStringLiteral("1001"));  // EAN-13 form
    QCOMPARE(scanFinds(QStringLiteral("00036000291452")), QStringLiteral("1001")); // GTIN-14 form
    QCOMPARE(scanFinds(QStringLiteral("01234565")), QStringLiteral("1002"));       // read as EAN-8
    QCOMPARE(scanFinds(QStringLiteral("]E001234565")), QStringLiteral("1002"));    // read as UPC-E
    QCOMPARE(scanFinds(QStringLiteral("BIN-7")), QStringLiteral("1003"));          // internal code
  }

  void olderUpdate_isIgnored_newerApplied_data() { backends(); }
  void olderUpdate_isIgnored_newerApplied()
  {
    QFETCH(QString, backend);
    open(backend);
    write({product(QStringLiteral("200"), QStringLiteral("Second"), kT2,
                   {variant(QStringLiteral("2001"), QStringLiteral("036000291452"), kT2)})});
    auto stale = write({product(QStringLiteral("200"), QStringLiteral("First"), kT1,
                                {variant(QStringLiteral("2001"), QStringLiteral("4006381333931"), kT1)})});
    QCOMPARE(stale.productsStale, 1);
    QCOMPARE(stale.variantsStale, 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM products WHERE title = 'Second'")), 1);
    QCOMPARE(scanFinds(QStringLiteral("036000291452")), QStringLiteral("2001"));
    QCOMPARE(scanFinds(QStringLiteral("4006381333931")), QString());

    write({product(QStringLiteral("200"), QStringLiteral("Third"), kT3,
                   {variant(QStringLiteral("2001"), QStringLiteral("4006381333931"), kT3)})});
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM products WHERE title = 'Third'")), 1);
    QCOMPARE(scanFinds(QStringLiteral("036000291452")), QString()); // the old barcode stops matching
    QCOMPARE(scanFinds(QStringLiteral("4006381333931")), QStringLiteral("2001"));
  }

  void sourceWithoutWeight_keepsTheStoredWeight_data() { backends(); }
  void sourceWithoutWeight_keepsTheStoredWeight()
  {
    QFETCH(QString, backend);
    open(backend);
    ShopifyVariant read = variant(QStringLiteral("3001"), {}, kT1);
    read.weightGrams = 540;
    write({product(QStringLiteral("300"), QStringLiteral("Boot"), kT1, {read})});
    ShopifyVariant webhook = variant(QStringLiteral("3001"), {}, kT2); // webhooks carry no weight
    webhook.price = QStringLiteral("15.00");
    webhook.inventoryItemId.clear();
    write({product(QStringLiteral("300"), QStringLiteral("Boot"), kT2, {webhook})});
    QCOMPARE(count(QStringLiteral("SELECT weight_grams FROM variants WHERE shopify_id = '3001'")), 540);
    QCOMPARE(count(QStringLiteral("SELECT price_minor FROM variants WHERE shopify_id = '3001'")), 1500);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE inventory_item_id = '93001'")), 1);
  }

  void variantNoLongerListed_staysButStopsMatching_data() { backends(); }
  void variantNoLongerListed_staysButStopsMatching()
  {
    QFETCH(QString, backend);
    open(backend);
    write({product(QStringLiteral("400"), QStringLiteral("Tent"), kT1,
                   {variant(QStringLiteral("4001"), QStringLiteral("036000291452"), kT1),
                    variant(QStringLiteral("4002"), QStringLiteral("4006381333931"), kT1)})});
    ShopifyProduct partial = product(QStringLiteral("400"), QStringLiteral("Tent"), kT2, {});
    partial.allVariantIds.reset(); // a source that lists only some variants removes none
    write({partial});
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE deleted_at IS NULL")), 2);
    auto counts = write({product(QStringLiteral("400"), QStringLiteral("Tent"), kT3,
                                 {variant(QStringLiteral("4001"), QStringLiteral("036000291452"), kT3)})});
    QCOMPARE(counts.variantsRemoved, 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants")), 2); // history kept
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE deleted_at IS NOT NULL AND shopify_id = "
                                  "'4002'")),
             1);
    QCOMPARE(scanFinds(QStringLiteral("4006381333931")), QString());
    QCOMPARE(scanFinds(QStringLiteral("036000291452")), QStringLiteral("4001"));
  }

  void olderListing_afterARemoval_doesNotBringTheVariantBack_data() { backends(); }
  void olderListing_afterARemoval_doesNotBringTheVariantBack()
  {
    QFETCH(QString, backend);
    open(backend);
    const ShopifyProduct created = product(QStringLiteral("450"), QStringLiteral("Stove"), kT1,
                                           {variant(QStringLiteral("4501"), QStringLiteral("036000291452"), kT1),
                                            variant(QStringLiteral("4502"), QStringLiteral("4006381333931"), kT1)});
    write({created});
    write({product(QStringLiteral("450"), QStringLiteral("Stove"), kT2,
                   {variant(QStringLiteral("4501"), QStringLiteral("036000291452"), kT1)})});
    // The older create, delivered late (webhooks are not ordered), must not undo the removal.
    write({created});
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE deleted_at IS NULL")), 1);
    QCOMPARE(scanFinds(QStringLiteral("4006381333931")), QString());
    QCOMPARE(scanFinds(QStringLiteral("036000291452")), QStringLiteral("4501"));
  }

  void olderListing_beforeAnyOther_addsNoVariantTheNewerLacked_data() { backends(); }
  void olderListing_beforeAnyOther_addsNoVariantTheNewerLacked()
  {
    QFETCH(QString, backend);
    open(backend);
    // The update arrives first (the variant was already gone), then the older create.
    write({product(QStringLiteral("460"), QStringLiteral("Lamp"), kT2,
                   {variant(QStringLiteral("4601"), QStringLiteral("036000291452"), kT1)})});
    write({product(QStringLiteral("460"), QStringLiteral("Lamp"), kT1,
                   {variant(QStringLiteral("4601"), QStringLiteral("036000291452"), kT1),
                    variant(QStringLiteral("4602"), QStringLiteral("4006381333931"), kT1)})});
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants")), 1);
    QCOMPARE(scanFinds(QStringLiteral("4006381333931")), QString());
  }

  void deletedProduct_keepsHistory_stopsMatching_andLateUpdatesStayOut_data() { backends(); }
  void deletedProduct_keepsHistory_stopsMatching_andLateUpdatesStayOut()
  {
    QFETCH(QString, backend);
    open(backend);
    write({product(QStringLiteral("500"), QStringLiteral("Lamp"), kT1,
                   {variant(QStringLiteral("5001"), QStringLiteral("036000291452"), kT1)})});
    Status deleted = db::inTransaction(m_db, [&]() -> Status {
      auto stopped = shopify::catalogue::markProductDeleted(*m_sql, m_shopId, QStringLiteral("500"), kT3);
      if (!stopped)
        return stopped.error();
      return *stopped == 1 ? Status{} : Status{makeError(ErrorKind::Internal, QStringLiteral("not 1 variant"))};
    });
    VERIFY_OK(deleted);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE deleted_at IS NOT NULL")), 1);
    QCOMPARE(scanFinds(QStringLiteral("036000291452")), QString());
    // An update sent before the deletion and delivered after it brings nothing back.
    auto late = write({product(QStringLiteral("500"), QStringLiteral("Lamp v2"), kT2,
                               {variant(QStringLiteral("5001"), QStringLiteral("036000291452"), kT2)})});
    QCOMPARE(late.productsStale, 1);
    QCOMPARE(scanFinds(QStringLiteral("036000291452")), QString());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM products WHERE title = 'Lamp'")), 1);

    // A delete that overtook the product's create leaves a tombstone the create cannot pass.
    VERIFY_OK(db::inTransaction(m_db, [&]() -> Status {
      auto stopped = shopify::catalogue::markProductDeleted(*m_sql, m_shopId, QStringLiteral("600"), kT2);
      return stopped ? Status{} : Status{stopped.error()};
    }));
    write({product(QStringLiteral("600"), QStringLiteral("Ghost"), kT1,
                   {variant(QStringLiteral("6001"), QStringLiteral("4006381333931"), kT1)})});
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE shopify_id = '6001'")), 0);
    QCOMPARE(scanFinds(QStringLiteral("4006381333931")), QString());
  }
};

QTEST_GUILESS_MAIN(CatalogueWriterTest)
#include "catalogue_writer_test.moc"
