// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Catalogue import from the Shopify fake into PostgreSQL, with the fake enforcing the Standard plan's
// cost limit (bucket 2000, restore 100 points/s), in one run:
//   1. the hub's initial import: one bulk operation, its JSONL written 2,000 variants a transaction;
//   2. baseline: the same variants read with paged queries (ProductVariantsPage, 50 a call, the way
//      ensureVariants and a paging importer read) on a slice, extrapolated to the whole catalogue;
//   3. baseline writer: the bulk export's products written one statement per row (the naive writer).
// Prints variants/s for each, the 100k-variant time of each path and the ratios.
// PACKBENCH_BENCH_VARIANTS (default 100000) and PACKBENCH_BENCH_PAGED_VARIANTS (default 1000) size it.
#include "core/base/clock.h"
#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/shopify/cataloguefetch.h"
#include "core/shopify/catalogueimport.h"
#include "core/shopify/cataloguejsonl.h"
#include "core/shopify/cataloguewriter.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/graphqlclient.h"
#include "tests/bench/benchcheck.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifycatalogue.h"
#include "tests/support/testdatabase.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>

using namespace pb;
using bench::check;
using bench::out;

namespace {

constexpr int kVariantsPerProduct = 4;

struct World {
  QSqlDatabase db;
  qint64 shopId = 0;
};

World freshDatabase(const QString &prefix)
{
  World world;
  auto scratch = check(test::createMigratedDatabase(prefix), "scratch database");
  world.db = scratch.db;
  auto shop = check(db::exec(world.db, QStringLiteral("INSERT INTO shops (domain, name) VALUES ('bench.myshopify.com', "
                                                      "'Bench') RETURNING id")),
                    "shop");
  shop.next();
  world.shopId = shop.value(0).toLongLong();
  return world;
}

qint64 variantsIn(const QSqlDatabase &db)
{
  return test::scalar(db, QStringLiteral("SELECT count(*) FROM variants"));
}

int envInt(const char *name, int fallback)
{
  bool ok = false;
  const int value = qEnvironmentVariableIntValue(name, &ok);
  return ok && value > 0 ? value : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
  QCoreApplication app(argc, argv);
  const int variants = envInt("PACKBENCH_BENCH_VARIANTS", 100000);
  const int pagedVariants = envInt("PACKBENCH_BENCH_PAGED_VARIANTS", 1000);
  const SystemClock clock;

  test::FakeShopify fake;
  if (fake.listen() == 0)
    bench::fail(QStringLiteral("the fake did not listen"));
  fake.setBucket(2000, 100); // Shopify Standard: 100 points/s restore
  const QDateTime at = QDateTime::currentDateTimeUtc().addDays(-1);
  fake.catalogue().generate(1, variants / kVariantsPerProduct, kVariantsPerProduct, at);
  shopify::CostThrottle throttle(clock);
  shopify::GraphQlSettings settings;
  settings.endpoint = fake.graphqlEndpoint();
  settings.accessToken = fake.accessToken();
  settings.timeoutMs = 120000; // the 100k-variant export download
  shopify::GraphQlClient client(settings, throttle);

  // 1. Bulk import, end to end: start, poll, download, parse, write.
  World bulkWorld = freshDatabase(QStringLiteral("catbench_bulk"));
  shopify::catalogue::ImportSettings importSettings;
  importSettings.pollIntervalMs = 200;
  shopify::catalogue::CatalogueImporter importer(bulkWorld.db, client, bulkWorld.shopId, clock, importSettings);
  const double pointsBefore = fake.stats().pointsCharged;
  QElapsedTimer bulkTimer;
  bulkTimer.start();
  const auto summary = check(importer.run(), "bulk import");
  const double bulkSeconds = static_cast<double>(bulkTimer.elapsed()) / 1000.0;
  if (summary.state != shopify::catalogue::ImportState::Completed)
    bench::fail(QStringLiteral("bulk import ended %1: %2").arg(int(summary.state)).arg(summary.error));
  const qint64 bulkStored = variantsIn(bulkWorld.db);
  if (bulkStored != variants)
    bench::fail(QStringLiteral("bulk import stored %1 of %2 variants").arg(bulkStored).arg(variants));
  const double bulkPoints = fake.stats().pointsCharged - pointsBefore;

  // 2. Paged reads of a slice under the same bucket (drained first to a steady state, as after a burst).
  World pagedWorld = freshDatabase(QStringLiteral("catbench_paged"));
  QStringList ids;
  for (int product = 1; ids.size() < pagedVariants; ++product) {
    for (int i = 1; i <= kVariantsPerProduct && ids.size() < pagedVariants; ++i)
      ids.append(QString::number(qint64(product) * 1000 + i));
  }
  fake.setBucket(2000, 100);
  QElapsedTimer pagedTimer;
  pagedTimer.start();
  bench::checkStatus(shopify::catalogue::ensureVariants(client, pagedWorld.db, pagedWorld.shopId, ids), "paged reads");
  const double pagedSeconds = static_cast<double>(pagedTimer.elapsed()) / 1000.0;
  const qint64 pagedStored = variantsIn(pagedWorld.db);
  if (pagedStored != pagedVariants)
    bench::fail(QStringLiteral("paged reads stored %1 of %2 variants").arg(pagedStored).arg(pagedVariants));
  // The first 2000 points are the bucket's credit; past it the restore rate sets the pace.
  const double pagedRate = pagedVariants / pagedSeconds;

  // 3. The writers alone on the same export: set-based (the importer's) vs one statement per row.
  QByteArray jsonl;
  {
    jsonl = fake.catalogue().bulkExport();
    QBuffer buffer(&jsonl);
    buffer.open(QIODevice::ReadOnly);
    const auto products = check(shopify::catalogue::readBulkExport(buffer), "parse export");
    constexpr int kBatch = 500; // products a transaction, as the importer's 2,000 variants
    World setWorld = freshDatabase(QStringLiteral("catbench_set"));
    db::StatementCache setStatements(setWorld.db);
    QElapsedTimer setTimer;
    setTimer.start();
    for (qsizetype from = 0; from < products.size(); from += kBatch) {
      bench::checkStatus(db::inTransaction(setWorld.db,
                                           [&]() -> Status {
                                             auto written = shopify::catalogue::writeProducts(
                                                 setStatements, setWorld.shopId, products.mid(from, kBatch));
                                             return written ? Status{} : Status{written.error()};
                                           }),
                         "set-based write");
    }
    const double setSeconds = static_cast<double>(setTimer.elapsed()) / 1000.0;
    out() << "set-based writer: " << variantsIn(setWorld.db) << " variants in " << setSeconds << " s ("
          << qRound(variants / setSeconds) << " variants/s)" << Qt::endl;
    World writerWorld = freshDatabase(QStringLiteral("catbench_rows"));
    db::StatementCache statements(writerWorld.db);
    QElapsedTimer rowsTimer;
    rowsTimer.start();
    for (qsizetype from = 0; from < products.size(); from += kBatch) {
      bench::checkStatus(db::inTransaction(writerWorld.db,
                                           [&]() -> Status {
                                             auto written = shopify::catalogue::writeProductsRowByRow(
                                                 statements, writerWorld.shopId, products.mid(from, kBatch));
                                             return written ? Status{} : Status{written.error()};
                                           }),
                         "row-by-row write");
    }
    const double rowsSeconds = static_cast<double>(rowsTimer.elapsed()) / 1000.0;
    out() << "row-by-row writer: " << variantsIn(writerWorld.db) << " variants in " << rowsSeconds << " s ("
          << qRound(variants / rowsSeconds) << " variants/s)" << Qt::endl;
    out() << "ratio set-based/row-by-row writer: " << QString::number(rowsSeconds / setSeconds, 'f', 2) << "x"
          << Qt::endl;
  }

  const double bulkRate = variants / bulkSeconds;
  out() << "bulk import: " << variants << " variants in " << bulkSeconds << " s (" << qRound(bulkRate)
        << " variants/s), " << bulkPoints << " points charged" << Qt::endl;
  out() << "paged reads (ProductVariantsPage, 50 a call): " << pagedVariants << " variants in " << pagedSeconds
        << " s (" << QString::number(pagedRate, 'f', 1) << " variants/s)" << Qt::endl;
  out() << "100k variants: bulk " << QString::number(100000 / bulkRate, 'f', 1) << " s, paged "
        << QString::number(100000 / pagedRate / 60, 'f', 1) << " min at this rate" << Qt::endl;
  out() << "ratio bulk/paged: " << QString::number(bulkRate / pagedRate, 'f', 1) << "x" << Qt::endl;
  return 0;
}
