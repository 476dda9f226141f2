// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `packbench-hub import-catalogue`: the operator's first catalogue import through the real binary, against the
// Shopify fake's bulk export. What it prints, its exit codes, and what is in the database after each run.
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifycatalogue.h"
#include "tests/support/programrun.h"
#include "tests/support/runningprogram.h"
#include "tests/support/testdatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {
const QString kShop = u"import.myshopify.com"_s;
}

class HubImportCatalogueCliTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  test::MigratedDatabase m_db;
  std::unique_ptr<test::FakeShopify> m_fake;

  struct Finished {
    int exitCode = -1;
    QString output;
  };

  // Runs the command to its end while this thread keeps serving the fake (it answers on this thread).
  Finished importCatalogue(const QStringList &extra = {}, bool withToken = true)
  {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"PACKBENCH_SHOPIFY_ACCESS_TOKEN"_s);
    if (withToken)
      env.insert(u"PACKBENCH_SHOPIFY_ACCESS_TOKEN"_s, QString::fromLatin1(m_fake->accessToken()));
    test::RunningProgram hub(
        QStringLiteral(PACKBENCH_HUB_BINARY),
        QStringList{u"import-catalogue"_s, u"--no-default-files"_s} + test::postgresArgs(m_db.settings) +
            QStringList{u"--set"_s, u"shopify.shop="_s + kShop, u"--set"_s,
                        u"shopify.admin_base_url="_s + m_fake->adminBaseUrl().toString(), u"--set"_s, u"log.file=-"_s} +
            extra,
        m_dir.path(), env);
    if (!hub.waitForStarted())
      return {};
    if (!QTest::qWaitFor([&hub] { return !hub.isRunning(); }, 60'000))
      return {-1, hub.output() + u"\n(still running after 60 s)"_s};
    return {hub.exitCode(), hub.output()};
  }

  qint64 count(const QString &sql) { return test::scalar(m_db.db, sql); }

  // Variants the fake gave a barcode (generate() leaves every fifth without one).
  int variantsWithBarcode() const
  {
    int n = 0;
    for (int product = 1; product <= m_fake->catalogue().productCount(); ++product)
      for (const auto &variant : m_fake->catalogue().product(QString::number(product))->variants)
        n += variant.barcode.isEmpty() ? 0 : 1;
    return n;
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_dir.isValid());
    auto db = test::createMigratedDatabase(u"importcatalogue"_s);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    m_fake = std::make_unique<test::FakeShopify>();
    QVERIFY(m_fake->listen() > 0);
    m_fake->catalogue().generate(1, 30, 3, QDateTime::currentDateTimeUtc().addDays(-1));
    test::FakeCatalogue::BulkFaults slow;
    slow.pollsUntilDone = 2; // read as running once before it completes
    m_fake->catalogue().setBulkFaults(slow);
  }

  void withoutAccessToken_stopsAsBadConfig_beforeTouchingAnything()
  {
    const Finished run = importCatalogue({}, false);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(u"shopify.shop and shopify.access_token must be set"_s), qPrintable(run.output));
    QCOMPARE(m_fake->catalogue().bulkStats().started, 0);
    QCOMPARE(count(u"SELECT count(*) FROM shops"_s), 0);
  }

  void withTheDatabaseDown_exitsWithTheDatabaseCode()
  {
    const Finished run = importCatalogue({u"--set"_s, u"database.host=/nonexistent"_s});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.output.contains(u"packbench-hub import-catalogue: "_s), qPrintable(run.output));
    QCOMPARE(m_fake->catalogue().bulkStats().started, 0);
  }

  void firstRun_importsEveryProductVariantAndBarcode()
  {
    const Finished run = importCatalogue();
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(u"imported 30 product(s), 90 variant(s) in "_s), qPrintable(run.output));
    QCOMPARE(m_fake->catalogue().bulkStats().started, 1);
    QCOMPARE(m_fake->catalogue().bulkStats().downloads, 1);
    QCOMPARE(count(u"SELECT count(*) FROM products WHERE deleted_at IS NULL"_s), 30);
    QCOMPARE(count(u"SELECT count(*) FROM variants WHERE deleted_at IS NULL"_s), 90);
    QCOMPARE(count(u"SELECT count(DISTINCT variant_id) FROM barcodes"_s), variantsWithBarcode());
    QVERIFY2(!run.output.contains(QString::fromLatin1(m_fake->accessToken())), "the token must not be printed");
  }

  void secondRun_isNotNeeded_unlessForced()
  {
    const Finished again = importCatalogue();
    QVERIFY2(again.exitCode == 0, qPrintable(again.output));
    QVERIFY2(again.output.contains(u"the catalogue was imported already; --force imports it again"_s),
             qPrintable(again.output));
    QCOMPARE(m_fake->catalogue().bulkStats().started, 1);

    m_fake->catalogue().generate(31, 2, 1, QDateTime::currentDateTimeUtc()); // new in the shop meanwhile
    const Finished forced = importCatalogue({u"--force"_s});
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.output));
    QVERIFY2(forced.output.contains(u"imported 32 product(s), 92 variant(s) in "_s), qPrintable(forced.output));
    QCOMPARE(m_fake->catalogue().bulkStats().started, 2);
    QCOMPARE(count(u"SELECT count(*) FROM variants WHERE deleted_at IS NULL"_s), 92);
  }

  void aFailedBulkOperation_exitsNonZero_andLeavesTheCatalogueAsItWas()
  {
    test::FakeCatalogue::BulkFaults failing;
    failing.failWith = u"INTERNAL_SERVER_ERROR"_s;
    m_fake->catalogue().setBulkFaults(failing);
    const Finished run = importCatalogue({u"--force"_s});
    m_fake->catalogue().setBulkFaults({});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains(u"packbench-hub import-catalogue: "_s), qPrintable(run.output));
    QVERIFY2(run.output.contains(u"INTERNAL_SERVER_ERROR; nothing was imported, the catalogue is as it was"_s),
             qPrintable(run.output));
    QCOMPARE(count(u"SELECT count(*) FROM variants WHERE deleted_at IS NULL"_s), 92);
  }
};

QTEST_GUILESS_MAIN(HubImportCatalogueCliTest)
#include "hub_import_catalogue_cli_test.moc"
