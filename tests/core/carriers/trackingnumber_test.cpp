// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Tracking-number recognition against every test vector of the embedded courier dataset.
#include "core/carriers/trackingnumber.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace pb::carriers;

namespace {

struct Vector {
  QString file;
  QString courierCode;
  QString formatName;
  QString number;
  bool valid = false;
};

// Read straight from the embedded JSON (not through the recogniser), so the table cannot agree with a bug.
QList<Vector> datasetVectors()
{
  QList<Vector> vectors;
  const QDir dir(QStringLiteral(":/tracking-numbers"));
  for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::ReadOnly))
      continue;
    const QJsonObject courier = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue &format : courier.value(u"tracking_numbers").toArray()) {
      const QJsonObject tests = format.toObject().value(u"test_numbers").toObject();
      for (const bool valid : {true, false}) {
        for (const QJsonValue &number : tests.value(valid ? u"valid" : u"invalid").toArray())
          vectors.append({name, courier.value(u"courier_code").toString(), format.toObject().value(u"name").toString(),
                          number.toString(), valid});
      }
    }
  }
  return vectors;
}

bool hasFormat(const QList<TrackingNumber> &found, const QString &formatName)
{
  return std::any_of(found.begin(), found.end(), [&](const TrackingNumber &t) { return t.formatName == formatName; });
}

// The supported tracking companies of FulfillmentTrackingInfo.company, as the schema we validate against lists them.
QString shopifyCompanyList()
{
  QFile schema(QStringLiteral(PACKBENCH_SHOPIFY_SCHEMA));
  if (!schema.open(QIODevice::ReadOnly))
    return {};
  const QString text = QString::fromUtf8(schema.readAll());
  const qsizetype from = text.indexOf(QLatin1String("### Supported tracking companies"));
  const qsizetype to = text.indexOf(QLatin1String("company: String"), from);
  if (from < 0 || to < 0)
    return {};
  return text.mid(from, to - from).simplified();
}

} // namespace

class TrackingNumberTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void dataset_isEmbeddedWithItsLicence()
  {
    QCOMPARE(TrackingNumberRecognizer::builtIn().formatCount(), 39);
    QFile licence(QStringLiteral(":/tracking-numbers/LICENSE"));
    QVERIFY(licence.open(QIODevice::ReadOnly));
    QVERIFY(licence.readAll().contains("MIT License"));
  }

  void dataset_has192ValidAnd88InvalidVectors()
  {
    const QList<Vector> vectors = datasetVectors();
    const auto valid = std::count_if(vectors.begin(), vectors.end(), [](const Vector &v) { return v.valid; });
    QCOMPARE(valid, 192);
    QCOMPARE(vectors.size() - valid, 88);
  }

  void vector_data()
  {
    QTest::addColumn<QString>("courierCode");
    QTest::addColumn<QString>("formatName");
    QTest::addColumn<QString>("number");
    QTest::addColumn<bool>("valid");
    int row = 0;
    for (const Vector &v : datasetVectors())
      QTest::addRow("%d %s %s '%s'", ++row, v.valid ? "valid" : "invalid", qPrintable(v.formatName),
                    qPrintable(v.number))
          << v.courierCode << v.formatName << v.number << v.valid;
  }

  // Every valid number is accepted by its own format, with its courier; every invalid one is refused by it.
  void vector()
  {
    QFETCH(QString, courierCode);
    QFETCH(QString, formatName);
    QFETCH(QString, number);
    QFETCH(bool, valid);
    const QList<TrackingNumber> found = TrackingNumberRecognizer::builtIn().recognise(number);
    if (!valid) {
      QVERIFY2(!hasFormat(found, formatName), "an invalid vector was accepted by its own format");
      return;
    }
    QVERIFY2(hasFormat(found, formatName), "a valid vector was not recognised");
    for (const TrackingNumber &t : found) {
      if (t.formatName != formatName)
        continue;
      QCOMPARE(t.courierCode, courierCode);
      QVERIFY(!t.company.isEmpty());
      QVERIFY(!t.number.contains(u' '));
      QVERIFY(TrackingNumberRecognizer::normalise(number).endsWith(t.number));
      if (!t.url.isEmpty())
        QVERIFY(t.url.startsWith(u"http") && t.url.contains(t.number));
    }
  }

  // Refused overall, not only by its own format: no invalid vector reads as anything, except a number that
  // the dataset itself lists as valid for another format (331426749957: Purolator (12), not alpha + 9).
  void invalidVectors_areRefusedByEveryFormat()
  {
    const QList<Vector> vectors = datasetVectors();
    QSet<QString> validElsewhere;
    for (const Vector &v : vectors) {
      if (v.valid)
        validElsewhere.insert(TrackingNumberRecognizer::normalise(v.number));
    }
    int refused = 0;
    QStringList acceptedAsValidOfAnother;
    for (const Vector &v : vectors) {
      if (v.valid)
        continue;
      const QList<TrackingNumber> found = TrackingNumberRecognizer::builtIn().recognise(v.number);
      if (found.isEmpty())
        ++refused;
      else if (validElsewhere.contains(TrackingNumberRecognizer::normalise(v.number)))
        acceptedAsValidOfAnother.append(v.number);
      else
        QFAIL(qPrintable(
            QStringLiteral("%1 (invalid for %2) read as %3").arg(v.number, v.formatName, found.first().formatName)));
    }
    QCOMPARE(acceptedAsValidOfAnother, QStringList{QStringLiteral("331426749957")});
    QCOMPARE(refused, 87);
  }

  // Shopify builds tracking links only for the names it lists, spelled exactly so.
  void companies_areShopifysNames()
  {
    const QString listed = shopifyCompanyList();
    QVERIFY2(listed.size() > 1000, "supported-company list not found in the Admin API schema");
    // Couriers Shopify does not list keep their own name (our URL makes the number clickable).
    const QSet<QString> notListed{QStringLiteral("GOFO Express"), QStringLiteral("Landmark Global"),
                                  QStringLiteral("Spee-Dee Delivery"), QStringLiteral("Correios de Cabo Verde"),
                                  QStringLiteral("Direction des services postaux de l'Office National des Postes "
                                                 "et de l'Épargne")};
    QSet<QString> companies;
    for (const Vector &v : datasetVectors()) {
      if (v.valid) {
        for (const TrackingNumber &t : TrackingNumberRecognizer::builtIn().recognise(v.number))
          companies.insert(t.company);
      }
    }
    for (const QString &company : companies) {
      if (notListed.contains(company))
        continue;
      const QRegularExpression item(
          QStringLiteral("(?:\\* |: |, )%1(?= \\*|,| \\*\\*|$)").arg(QRegularExpression::escape(company)));
      QVERIFY2(item.match(listed).hasMatch(), qPrintable(company + QStringLiteral(" is not on Shopify's list")));
    }
    QVERIFY(companies.contains(QStringLiteral("UPS")));
    QVERIFY(companies.contains(QStringLiteral("DHL eCommerce")));
  }

  void reading_data()
  {
    QTest::addColumn<QString>("scan");
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("company");
    QTest::addColumn<QString>("url");
    QTest::newRow("UPS") << QStringLiteral("1Z5R89390357567127") << QStringLiteral("1Z5R89390357567127")
                         << QStringLiteral("UPS")
                         << QStringLiteral("https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums="
                                           "1Z5R89390357567127");
    QTest::newRow("UPS lower case, spaced")
        << QStringLiteral(" 1z 5r89 3903 5756 7127 ") << QStringLiteral("1Z5R89390357567127") << QStringLiteral("UPS")
        << QStringLiteral("https://wwwapps.ups.com/WebTracking/track?track=yes&"
                          "trackNums=1Z5R89390357567127");
    QTest::newRow("USPS IMpb with routing prefix")
        << QStringLiteral("420 11213 92 6129098349792366623 8") << QStringLiteral("9261290983497923666238")
        << QStringLiteral("USPS")
        << QStringLiteral("https://tools.usps.com/go/TrackConfirmAction?tLabels=9261290983497923666238");
    QTest::newRow("USPS GS1-128 with group separator")
        << QStringLiteral("42011213\u001D9261290983497923666238") << QStringLiteral("9261290983497923666238")
        << QStringLiteral("USPS")
        << QStringLiteral("https://tools.usps.com/go/TrackConfirmAction?tLabels=9261290983497923666238");
    QTest::newRow("DHL eCommerce") << QStringLiteral("GM2951173225174494") << QStringLiteral("GM2951173225174494")
                                   << QStringLiteral("DHL eCommerce")
                                   << QStringLiteral("http://www.dhl.com/en/express/tracking.html?brand=DHL&AWB="
                                                     "GM2951173225174494");
    QTest::newRow("S10 from Royal Mail") << QStringLiteral("RB123456785GB") << QStringLiteral("RB123456785GB")
                                         << QStringLiteral("Royal Mail") << QString();
    QTest::newRow("S10 from USPS: USPS's page")
        << QStringLiteral("RB123456785US") << QStringLiteral("RB123456785US") << QStringLiteral("USPS")
        << QStringLiteral("https://tools.usps.com/go/TrackConfirmAction?tLabels=RB123456785US");
    QTest::newRow("Amazon: Shopify builds the link")
        << QStringLiteral("TBA000000000000") << QStringLiteral("TBA000000000000") << QStringLiteral("Amazon")
        << QString();
  }

  void reading()
  {
    QFETCH(QString, scan);
    QFETCH(QString, number);
    QFETCH(QString, company);
    QFETCH(QString, url);
    const auto best = TrackingNumberRecognizer::builtIn().recogniseBest(scan);
    QVERIFY(best);
    QCOMPARE(best->number, number);
    QCOMPARE(best->company, company);
    QCOMPARE(best->url, url);
  }

  void details_comeFromTheDatasetsLookups()
  {
    const auto ups = TrackingNumberRecognizer::builtIn().recogniseBest(u"1ZXX3150YW44070023");
    QVERIFY(ups);
    QCOMPARE(ups->details.value(QStringLiteral("Service Type")),
             QStringLiteral("UPS SurePost - Delivered by the USPS"));
    QVERIFY(ups->checkDigitVerified);
    const auto s10 = TrackingNumberRecognizer::builtIn().recogniseBest(u"RB123456785GB");
    QCOMPARE(s10->courierName, QStringLiteral("Royal Mail Group plc"));
  }

  // Two carriers' check digits can both hold: the order's shipping method decides, else the dataset order.
  void ambiguousNumber_followsTheShippingMethod()
  {
    const TrackingNumberRecognizer &recognizer = TrackingNumberRecognizer::builtIn();
    const QList<TrackingNumber> both = recognizer.recognise(u"287809468872");
    QCOMPARE(both.size(), 2);
    QCOMPARE(recognizer.recogniseBest(u"287809468872")->company, QStringLiteral("FedEx"));
    QCOMPARE(recognizer.recogniseBest(u"287809468872", u"Purolator Ground")->company, QStringLiteral("Purolator"));
    QCOMPARE(recognizer.recogniseBest(u"287809468872", u"Free shipping")->company, QStringLiteral("FedEx"));
  }

  // Whether an order's shipping method names a reading's carrier: its Shopify company or the courier's name, in any
  // case; a reading without either name is named by no method (an empty name is in every text).
  void shippingMethodNames_companyOrCourier_neverAnEmptyName()
  {
    const auto fedex = TrackingNumberRecognizer::builtIn().recogniseBest(u"986578788855");
    QVERIFY(fedex);
    QVERIFY(shippingMethodNames(u"FEDEX 2Day", *fedex));
    QVERIFY(!shippingMethodNames(u"UPS Ground", *fedex));
    QVERIFY(!shippingMethodNames({}, *fedex));
    TrackingNumber unnamed = *fedex;
    unnamed.company.clear();
    unnamed.courierName.clear();
    QVERIFY(!shippingMethodNames(u"Free shipping", unnamed));
  }

  void checkDigitReadings_comeBeforePatternOnlyOnes()
  {
    // 60120172242323 is DHL eCommerce (14) by pattern only: nothing verifies it.
    const auto dhl = TrackingNumberRecognizer::builtIn().recognise(u"60120172242323");
    QVERIFY(!dhl.isEmpty());
    QVERIFY(!dhl.first().checkDigitVerified);
    const auto fedex = TrackingNumberRecognizer::builtIn().recognise(u"986578788855");
    QVERIFY(!fedex.isEmpty());
    QVERIFY(fedex.first().checkDigitVerified);
  }

  void junk_isNoTrackingNumber_data()
  {
    QTest::addColumn<QString>("scan");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << QStringLiteral("   ");
    QTest::newRow("command") << QStringLiteral("PB*COMPLETE");
    QTest::newRow("all zeros, FedEx length") << QStringLiteral("000000000000");
    QTest::newRow("too long") << QStringLiteral("1Z5R89390357567127").repeated(4);
    QTest::newRow("UPS one digit off") << QStringLiteral("1Z5R89390357567128");
    QTest::newRow("control characters") << QStringLiteral("1Z5R8939\u00000357567127");
  }

  void junk_isNoTrackingNumber()
  {
    QFETCH(QString, scan);
    QVERIFY(TrackingNumberRecognizer::builtIn().recognise(scan).isEmpty());
  }

  void missingFile_isAnError()
  {
    const auto loaded = TrackingNumberRecognizer::load({QStringLiteral("/nonexistent/ups.json")});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, pb::ErrorKind::NotFound);
  }
};

QTEST_GUILESS_MAIN(TrackingNumberTest)
#include "trackingnumber_test.moc"
