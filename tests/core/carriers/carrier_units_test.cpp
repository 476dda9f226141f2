// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The carrier adapter's parts that need no server: the request pacer's sliding window, money in minor
// units, and the bodies it sends (left-out empty fields, units).
#include "core/carriers/requestpacer.h"
#include "core/carriers/shipenginecarrier.h"
#include "core/carriers/shipenginejson.h"
#include "tests/support/manualclock.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pb;
using namespace pb::carriers;

class CarrierUnitsTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void pacer_allowsLimitPerWindow_thenSaysHowLongToWait()
  {
    test::ManualClock clock(QDateTime(QDate(2026, 12, 2), QTime(8, 0), Qt::UTC));
    RequestPacer pacer(3, 1000, clock, 0);
    QCOMPARE(pacer.reserve(), 0);
    clock.advanceMs(100);
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 900); // the first send leaves the window at 1000
    clock.advanceMs(900);
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 100);
    QCOMPARE(pacer.sentInWindow(), 3);
  }

  void pacer_neverExceedsTheLimitInAnyWindow()
  {
    test::ManualClock clock(QDateTime(QDate(2026, 12, 2), QTime(8, 0), Qt::UTC));
    RequestPacer pacer(200, 60000, clock, 250);
    QList<qint64> sent;
    while (sent.size() < 1000) {
      const qint64 wait = pacer.reserve();
      if (wait == 0)
        sent.append(clock.monotonicMs());
      else
        clock.advanceMs(wait);
    }
    for (qsizetype i = 200; i < sent.size(); ++i)
      QVERIFY2(sent.at(i) - sent.at(i - 200) >= 60000, "201 sends inside one minute");
    // And it keeps close to the limit: 1000 sends need little more than four windows.
    QVERIFY(sent.last() - sent.first() <= 4 * 60250);
  }

  void pacer_holdsEveryoneAfterA429()
  {
    test::ManualClock clock(QDateTime(QDate(2026, 12, 2), QTime(8, 0), Qt::UTC));
    RequestPacer pacer(10, 1000, clock, 0);
    pacer.holdFor(2000);
    QCOMPARE(pacer.reserve(), 2000);
    clock.advanceMs(2000);
    QCOMPARE(pacer.reserve(), 0);
  }

  void money_isInMinorUnitsOfTheCurrency_data()
  {
    QTest::addColumn<QString>("currency");
    QTest::addColumn<double>("amount");
    QTest::addColumn<qint64>("minor");
    QTest::newRow("usd") << u"usd"_s << 12.34 << qint64(1234);
    QTest::newRow("usd float noise") << u"USD"_s << 0.29 << qint64(29);
    QTest::newRow("jpy") << u"jpy"_s << 1200.0 << qint64(1200);
    QTest::newRow("kwd") << u"KWD"_s << 1.234 << qint64(1234);
  }

  void money_isInMinorUnitsOfTheCurrency()
  {
    QFETCH(QString, currency);
    QFETCH(double, amount);
    QFETCH(qint64, minor);
    const Money m = shipengine::moneyFromJson(QJsonObject{{u"currency"_s, currency}, {u"amount"_s, amount}});
    QCOMPARE(m.minor, minor);
    QCOMPARE(m.currency, currency.toUpper());
  }

  void labelBody_leavesOutEmptyFields_andSendsMetricUnits()
  {
    LabelPurchase p;
    p.shipment.carrierId = u"se-1"_s;
    p.shipment.serviceCode = u"ups_ground"_s;
    p.shipment.externalShipmentId = u"pb-1"_s;
    p.shipment.shipTo.name = u"A"_s;
    p.shipment.parcels = {Parcel{500, 0, 0, 0, {}, {}}, Parcel{700, 300, 200, 105, {}, u"#1"_s}};
    const QJsonObject body = shipengine::labelRequestBody(p);
    QCOMPARE(body.value(u"label_download_type"_s).toString(), u"inline"_s);
    QCOMPARE(body.value(u"label_format"_s).toString(), u"zpl"_s);
    const QJsonObject shipTo = body.value(u"shipment"_s).toObject().value(u"ship_to"_s).toObject();
    QVERIFY(!shipTo.contains(u"phone"_s)); // minLength 1 in the definition: never sent empty
    const QJsonArray packages = body.value(u"shipment"_s).toObject().value(u"packages"_s).toArray();
    QVERIFY(!packages.at(0).toObject().contains(u"dimensions"_s));
    QCOMPARE(packages.at(1).toObject().value(u"dimensions"_s).toObject().value(u"height"_s).toDouble(), 10.5);
    QCOMPARE(packages.at(1).toObject().value(u"weight"_s).toObject().value(u"unit"_s).toString(), u"gram"_s);
  }

  void inlineLabel_acceptsBase64AndDataUris_andRefusesGarbage()
  {
    QJsonObject label{{u"label_id"_s, u"se-1"_s}, {u"label_format"_s, u"zpl"_s}};
    label.insert(u"label_download"_s, QJsonObject{{u"href"_s, QString::fromLatin1(QByteArray("^XA^XZ").toBase64())}});
    QCOMPARE(shipengine::parseLabel(label)->bytes, QByteArray("^XA^XZ"));
    label.insert(u"label_download"_s,
                 QJsonObject{{u"href"_s, QString(u"data:application/zpl;base64,"_s +
                                                 QString::fromLatin1(QByteArray("^XA").toBase64()))}});
    QCOMPARE(shipengine::parseLabel(label)->bytes, QByteArray("^XA"));
    label.insert(u"label_download"_s, QJsonObject{{u"href"_s, u"https://api.shipengine.com/v1/downloads/x.zpl"_s}});
    QCOMPARE(shipengine::parseLabel(label)->downloadUrl, u"https://api.shipengine.com/v1/downloads/x.zpl"_s);
    label.insert(u"label_download"_s, QJsonObject{{u"href"_s, u"%%%not base64"_s}});
    QCOMPARE(shipengine::parseLabel(label).error().kind, CarrierErrorKind::Protocol);
  }

  void errors_mapToTheProjectsKinds()
  {
    QCOMPARE((CarrierError{CarrierErrorKind::Auth, u"x"_s}.toError().kind), ErrorKind::Permission);
    QCOMPARE((CarrierError{CarrierErrorKind::Validation, u"x"_s}.toError().kind), ErrorKind::InvalidInput);
    QCOMPARE((CarrierError{CarrierErrorKind::Lost, u"x"_s}.toError().kind), ErrorKind::Unavailable);
    QVERIFY((CarrierError{CarrierErrorKind::Lost, u"x"_s}).outcomeUnknown());
    QVERIFY(!(CarrierError{CarrierErrorKind::Server, u"x"_s}).outcomeUnknown());
  }
};

QTEST_GUILESS_MAIN(CarrierUnitsTest)
#include "carrier_units_test.moc"
