// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The slip model: Shopify variable names, loading from the database, and the template fallback.
#include "core/db/sql.h"
#include "core/documents/sliprepository.h"
#include "core/documents/sliptemplate.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/verify.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace pb::documents;
using namespace Qt::StringLiterals;

class SlipDocumentTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;

private Q_SLOTS:
  void initTestCase()
  {
    const test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    auto db = test::openDemoSqlite(m_dir.filePath(u"slips.sqlite"_s), u"slips"_s, clock);
    VERIFY_OK(db);
    m_db = db.value();
  }

  void environment_usesShopifyPackingSlipNames()
  {
    const QVariantMap env = slipEnvironment(sampleSlip(3));
    for (const char *key : {"shop", "shop_address", "order", "customer", "shipping_address", "billing_address",
                            "line_items_in_shipment", "includes_all_line_items_in_order", "delivery_method"})
      QVERIFY2(env.contains(QLatin1String(key)), key);
    const QVariantMap order = env.value(u"order"_s).toMap();
    QCOMPARE(order.value(u"name"_s).toString(), u"#1002"_s);
    QCOMPARE(order.value(u"order_number"_s).toString(), u"1002"_s);
    QCOMPARE(order.value(u"created_at"_s).toString(), u"2026-11-25T18:42:00Z"_s);
    const QVariantList lines = env.value(u"line_items_in_shipment"_s).toList();
    QCOMPARE(lines.size(), 3);
    const QVariantMap first = lines.first().toMap();
    for (const char *key : {"title", "variant_title", "sku", "quantity"})
      QVERIFY2(first.contains(QLatin1String(key)), key);
    QCOMPARE(env.value(u"delivery_method"_s).toMap().value(u"method_type"_s).toString(), u"shipping"_s);
    QCOMPARE(env.value(u"shipping_address"_s).toMap().value(u"first_name"_s).toString(), u"Maya"_s);
    QVERIFY(env.value(u"shop_address"_s).toMap().value(u"summary"_s).toString().contains(u"Sparks"_s));
  }

  void repository_loadsFulfillmentOrder_fromDatabase()
  {
    auto q = db::exec(
        m_db, u"SELECT fo.id FROM fulfillment_orders fo JOIN orders o ON o.id = fo.order_id WHERE o.name = '#1002'"_s);
    QVERIFY(q.ok() && q.value().next());
    const qint64 fo = q.value().value(0).toLongLong();
    auto slip = SlipRepository(m_db).load(fo);
    QVERIFY2(slip.ok(), qPrintable(slip.ok() ? QString() : slip.error().message));
    QCOMPARE(slip.value().orderName, u"#1002"_s);
    QCOMPARE(slip.value().shopName, u"Northwind Outfitters"_s);
    QCOMPARE(slip.value().giftMessage, u"Happy birthday, Sam! Enjoy the trails."_s);
    QCOMPARE(slip.value().shippingAddress.value(u"city"_s).toString(), u"Tucson"_s);
    QCOMPARE(slip.value().lines.size(), 3);
    QCOMPARE(slip.value().totalItems(), 7);
    QVERIFY(!slip.value().lines.first().sku.isEmpty());
    QVERIFY(slip.value().orderCreatedAt.isValid());
    QVERIFY(slip.value().includesAllLineItemsInOrder);
  }

  void repository_unknownFulfillmentOrder_isNotFound()
  {
    auto slip = SlipRepository(m_db).load(987654);
    QVERIFY(!slip.ok());
    QCOMPARE(slip.error().kind, ErrorKind::NotFound);
  }

  void builtInTemplates_renderEveryLine()
  {
    const SlipData slip = sampleSlip(8);
    for (auto layout : {SlipLayout::Page, SlipLayout::Thermal4x6}) {
      auto html = renderSlipHtml(slip, layout);
      QVERIFY2(html.ok(), qPrintable(html.ok() ? QString() : html.error().message));
      QVERIFY(!html.value().usedFallback);
      QVERIFY(html.value().html.contains(u"#1002"_s));
      for (const SlipLine &line : slip.lines)
        QVERIFY2(html.value().html.contains(line.sku), qPrintable(line.sku));
      QVERIFY(html.value().html.contains(u"barcode:%231002"_s));
    }
  }

  void customerText_isEscaped()
  {
    SlipData slip = sampleSlip(1);
    slip.note = u"<script>alert(1)</script> & more"_s;
    auto html = renderSlipHtml(slip, SlipLayout::Page);
    QVERIFY(html.ok());
    QVERIFY(!html.value().html.contains(u"<script>"_s));
    QVERIFY(html.value().html.contains(u"&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"_s));
  }

  void customTemplate_isUsed()
  {
    auto html = renderSlipHtml(sampleSlip(2), SlipLayout::Page, u"<h1>{{ order.name }}</h1>{{ total_items }}"_s);
    QVERIFY(html.ok());
    QVERIFY(!html.value().usedFallback);
    QCOMPARE(html.value().html, u"<h1>#1002</h1>%1"_s.arg(sampleSlip(2).totalItems()));
  }

  void brokenCustomTemplate_fallsBackToBuiltIn_data()
  {
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown filter") << u"{{ order.name | shout }}"_s << u"unknown filter 'shout'"_s;
    QTest::newRow("unclosed tag") << u"<p>\n{% for l in line_items_in_shipment %}{{ l.sku }}"_s
                                  << u"line 2, column 1: 'for' tag was never closed"_s;
    QTest::newRow("render error") << u"{{ total_items | divided_by: 0 }}"_s << u"divided by 0"_s;
    QTest::newRow("runaway loop") << u"{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}"_s
                                  << u"budget"_s;
    QTest::newRow("oversized source") << u"x"_s.repeated(SlipTemplateLimits::kMaxSourceChars + 1)
                                      << u"exceeds the limit of 262144"_s;
    QTest::newRow("output past the slip's cap")
        << u"{% for i in (1..10000) %}{{ 'abcdefghijklmnopqrstuvwxyz' }}{% endfor %}"_s << u"output budget of 200000"_s;
  }

  void slipTemplateFile_isReadWithItsFolder_andLimited()
  {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(u"slip.liquid"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("<h1>{{ order.name }}</h1>");
    file.close();
    auto loaded = loadSlipTemplate(file.fileName());
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().source, u"<h1>{{ order.name }}</h1>"_s);
    QCOMPARE(loaded.value().folder, dir.path());
    QVERIFY(!loadSlipTemplate(dir.filePath(u"missing.liquid"_s)).ok());
    QFile big(dir.filePath(u"big.liquid"_s));
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(QByteArray(SlipTemplateLimits::kMaxSourceChars + 1, 'x'));
    big.close();
    auto refused = loadSlipTemplate(big.fileName());
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"larger than"_s), qPrintable(refused.error().message));
  }

  void brokenCustomTemplate_fallsBackToBuiltIn()
  {
    QFETCH(QString, source);
    QFETCH(QString, error);
    auto html = renderSlipHtml(sampleSlip(4), SlipLayout::Page, source);
    QVERIFY(html.ok());
    QVERIFY(html.value().usedFallback);
    QVERIFY2(html.value().templateError.contains(error), qPrintable(html.value().templateError));
    QVERIFY(html.value().html.contains(u"Total items"_s)); // the whole built-in slip, never a half page
    QVERIFY(html.value().html.contains(u"NW-CEM-002"_s));
  }
};

QTEST_GUILESS_MAIN(SlipDocumentTest)
#include "slip_document_test.moc"
