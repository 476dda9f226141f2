// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Choosing a carrier service: only the strongest matching rules count; the cheapest valid rate that arrives by
// the shipping line's promise wins; when none does, the fastest; Shopify's tracking company names.
#include "core/carriers/servicechoice.h"

#include <QTest>

using namespace pb::carriers;
using namespace Qt::StringLiterals;

namespace {
const QDateTime kNow(QDate(2026, 12, 2), QTime(15, 0), Qt::UTC);

Rate rate(const QString &carrier, const QString &service, qint64 cents, int days)
{
  Rate r;
  r.carrierId = carrier;
  r.serviceCode = service;
  r.shipping = {cents, u"USD"_s};
  r.deliveryDays = days;
  r.estimatedDelivery = kNow.addDays(days);
  r.validationStatus = u"valid"_s;
  return r;
}
} // namespace

Q_DECLARE_METATYPE(pb::carriers::ServiceRule)
Q_DECLARE_METATYPE(pb::carriers::Rate)

class ServiceChoiceTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void strongestRules_keepOnlyTheTopPriority()
  {
    const QList<ServiceRule> rules{{u"a"_s, u"x"_s, {}, 0}, {u"b"_s, u"y"_s, 2, 5}, {u"c"_s, u"z"_s, {}, 5}};
    const QList<ServiceRule> top = strongestRules(rules);
    QCOMPARE(top.size(), 2);
    QCOMPARE(top.first().carrierId, u"b"_s);
    QCOMPARE(carrierIdsOf(top), (QStringList{u"b"_s, u"c"_s}));
    QVERIFY(needsRates(top));
    QVERIFY(!needsRates({{u"a"_s, u"x"_s, {}, 0}}));
    QVERIFY(needsRates({{u"a"_s, u"x"_s, 3, 0}}));
    QVERIFY(strongestRules({}).isEmpty());
  }

  void chooseRate_keepsThePromiseCheapest_orElseFastest_data()
  {
    QTest::addColumn<QList<ServiceRule>>("rules");
    QTest::addColumn<QList<Rate>>("rates");
    QTest::addColumn<int>("shipByDays"); // from now
    QTest::addColumn<QString>("service");
    QTest::addColumn<bool>("promiseKept");
    QTest::newRow("cheapest that arrives in time")
        << QList<ServiceRule>{{u"u"_s, u"ground"_s, 2, 0}, {u"u"_s, u"air"_s, 2, 0}, {u"p"_s, u"prio"_s, 2, 0}}
        << QList<Rate>{rate(u"u"_s, u"ground"_s, 500, 4), rate(u"u"_s, u"air"_s, 1800, 2),
                       rate(u"p"_s, u"prio"_s, 900, 2), rate(u"p"_s, u"not_allowed"_s, 100, 1)}
        << 0 << u"prio"_s << true;
    QTest::newRow("late ship-by needs a faster service")
        << QList<ServiceRule>{{u"u"_s, u"air"_s, 2, 0}, {u"u"_s, u"next"_s, 2, 0}}
        << QList<Rate>{rate(u"u"_s, u"air"_s, 1800, 2), rate(u"u"_s, u"next"_s, 3100, 1)} << -1 << u"next"_s << true;
    QTest::newRow("none in time: the fastest")
        << QList<ServiceRule>{{u"u"_s, u"ground"_s, 1, 0}, {u"u"_s, u"air"_s, 1, 0}}
        << QList<Rate>{rate(u"u"_s, u"ground"_s, 500, 4), rate(u"u"_s, u"air"_s, 1800, 2)} << -3 << u"air"_s << false;
  }

  void chooseRate_keepsThePromiseCheapest_orElseFastest()
  {
    QFETCH(QList<ServiceRule>, rules);
    QFETCH(QList<Rate>, rates);
    QFETCH(int, shipByDays);
    QFETCH(QString, service);
    QFETCH(bool, promiseKept);
    auto choice = chooseRate(rates, rules, kNow.addDays(shipByDays), kNow);
    QVERIFY(choice);
    QCOMPARE(choice->rate.serviceCode, service);
    QCOMPARE(choice->promiseKept, promiseKept);
  }

  void chooseRate_skipsInvalidRates_andNoneAllowedIsNone()
  {
    Rate bad = rate(u"u"_s, u"ground"_s, 100, 1);
    bad.validationStatus = u"invalid"_s;
    const QList<ServiceRule> rules{{u"u"_s, u"ground"_s, {}, 0}};
    QVERIFY(!chooseRate({bad}, rules, kNow, kNow));
    QVERIFY(!chooseRate({rate(u"x"_s, u"y"_s, 1, 1)}, rules, kNow, kNow));
  }

  void companyAndCourierOfCarrier_data()
  {
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("company");
    QTest::addColumn<QString>("courier");
    QTest::newRow("ups") << u"ups"_s << u"UPS"_s << u"ups"_s;
    QTest::newRow("stamps_com") << u"stamps_com"_s << u"USPS"_s << u"usps"_s;
    QTest::newRow("fedex") << u"fedex"_s << u"FedEx"_s << u"fedex"_s;
    QTest::newRow("dhl_express") << u"dhl_express"_s << u"DHL Express"_s << u"dhl"_s;
    QTest::newRow("unknown") << u"acme_freight"_s << u"acme_freight"_s << QString();
  }
  void companyAndCourierOfCarrier()
  {
    QFETCH(QString, code);
    QFETCH(QString, company);
    QFETCH(QString, courier);
    QCOMPARE(pb::carriers::companyOfCarrier(code), company);
    QCOMPARE(pb::carriers::courierOfCarrier(code), courier);
  }
};

QTEST_GUILESS_MAIN(ServiceChoiceTest)
#include "service_choice_test.moc"
