// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Location codes are unique per shop only: two shops may both have an "RNO". A station's location is
// always looked up within its shop, and its warehouse list never shows another shop's locations.
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/queue/queuelisting.h"
#include "core/queue/stationsite.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;

class StationSiteTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;
  qint64 m_shopA = 0;
  qint64 m_shopB = 0;
  qint64 m_rnoA = 0;
  qint64 m_rnoB = 0;
  qint64 m_cmhB = 0;

  qint64 insert(const QString &sql, const QVariantList &values)
  {
    return test::scalar(m_db, sql + QStringLiteral(" RETURNING id"), values);
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("site"));
    VERIFY_OK(scratch);
    m_db = scratch->db;
    m_shopA = insert(QStringLiteral("INSERT INTO shops (domain, name) VALUES ('a.myshopify.com', 'A')"), {});
    m_shopB = insert(QStringLiteral("INSERT INTO shops (domain, name) VALUES ('b.myshopify.com', 'B')"), {});
    const QString location = QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, ?, ?)");
    m_rnoA = insert(location, {m_shopA, QStringLiteral("RNO"), QStringLiteral("A Reno")});
    m_rnoB = insert(location, {m_shopB, QStringLiteral("RNO"), QStringLiteral("B Reno")});
    m_cmhB = insert(location, {m_shopB, QStringLiteral("CMH"), QStringLiteral("B Columbus")});
    QVERIFY(m_rnoA > 0 && m_rnoB > 0 && m_cmhB > 0);
  }

  void sharedCode_withShop_isThatShopsLocation()
  {
    auto a = queue::resolveStationSite(m_db, QStringLiteral("a.myshopify.com"), QStringLiteral("RNO"));
    VERIFY_OK(a);
    QCOMPARE(a->shopId, m_shopA);
    QCOMPARE(a->locationId, std::optional<qint64>(m_rnoA));
    auto b = queue::resolveStationSite(m_db, QStringLiteral("b.myshopify.com"), QStringLiteral("RNO"));
    VERIFY_OK(b);
    QCOMPARE(b->shopId, m_shopB);
    QCOMPARE(b->locationId, std::optional<qint64>(m_rnoB));
  }

  void sharedCode_withoutShop_isRefused()
  {
    auto site = queue::resolveStationSite(m_db, {}, QStringLiteral("RNO"));
    QVERIFY(!site.ok());
    QCOMPARE(site.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(site.error().message.contains(QStringLiteral("station.shop")), qPrintable(site.error().message));
  }

  void codeOfOneShop_withoutShop_findsIt()
  {
    auto site = queue::resolveStationSite(m_db, {}, QStringLiteral("CMH"));
    VERIFY_OK(site);
    QCOMPARE(site->shopId, m_shopB);
    QCOMPARE(site->shopDomain, QStringLiteral("b.myshopify.com"));
    QCOMPARE(site->locationId, std::optional<qint64>(m_cmhB));
  }

  void codeOfAnotherShop_isNotFound()
  {
    auto site = queue::resolveStationSite(m_db, QStringLiteral("a.myshopify.com"), QStringLiteral("CMH"));
    QVERIFY(!site.ok());
    QCOMPARE(site.error().kind, ErrorKind::NotFound);
    QVERIFY(site.error().message.contains(QStringLiteral("CMH")));
  }

  void badNames_areNotFound_data()
  {
    QTest::addColumn<QString>("shop");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown shop") << QStringLiteral("z.myshopify.com") << QString();
    QTest::newRow("unknown code") << QString() << QStringLiteral("XYZ");
    QTest::newRow("code in wrong case") << QStringLiteral("a.myshopify.com") << QStringLiteral("rno");
  }

  void badNames_areNotFound()
  {
    QFETCH(QString, shop);
    QFETCH(QString, code);
    auto site = queue::resolveStationSite(m_db, shop, code);
    QVERIFY(!site.ok());
    QCOMPARE(site.error().kind, ErrorKind::NotFound);
  }

  void shopOnly_hasNoLocation_andTwoShopsNeedOne()
  {
    auto site = queue::resolveStationSite(m_db, QStringLiteral("b.myshopify.com"), {});
    VERIFY_OK(site);
    QCOMPARE(site->shopId, m_shopB);
    QVERIFY(!site->locationId);
    auto none = queue::resolveStationSite(m_db, {}, {});
    QVERIFY(!none.ok());
    QCOMPARE(none.error().kind, ErrorKind::InvalidInput);
  }

  void listLocations_ofOneShop_showsOnlyItsOwn()
  {
    auto b = queue::listLocations(m_db, m_shopB);
    VERIFY_OK(b);
    QCOMPARE(b->size(), 2);
    for (const queue::Location &l : *b)
      QVERIFY(l.id == m_rnoB || l.id == m_cmhB);
    auto all = queue::listLocations(m_db);
    VERIFY_OK(all);
    QCOMPARE(all->size(), 3);
  }
};

QTEST_GUILESS_MAIN(StationSiteTest)
#include "station_site_test.moc"
