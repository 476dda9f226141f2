// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/gtin.h"

#include <QTest>

using namespace pb::scanning;

class GtinTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void normalize_data()
  {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: must be rejected
    QTest::addColumn<bool>("upcE");
    QTest::newRow("UPC-A") << QStringLiteral("036000291452") << QStringLiteral("00036000291452") << false;
    QTest::newRow("EAN-13") << QStringLiteral("4006381333931") << QStringLiteral("04006381333931") << false;
    QTest::newRow("EAN-8") << QStringLiteral("96385074") << QStringLiteral("00000096385074") << false;
    QTest::newRow("GTIN-14") << QStringLiteral("10036000291459") << QStringLiteral("10036000291459") << false;
    QTest::newRow("UPC-E 0 (last 0-2)") << QStringLiteral("04252614") << QStringLiteral("00042100005264") << false;
    QTest::newRow("UPC-E (last 3)") << QStringLiteral("01234531") << QStringLiteral("00012300000451") << false;
    QTest::newRow("UPC-E (last 5-9)") << QStringLiteral("01234565") << QStringLiteral("00012345000065") << true;
    QTest::newRow("UPC-A bad check") << QStringLiteral("036000291453") << QString() << false;
    QTest::newRow("8 digits, EAN-8 by default")
        << QStringLiteral("01234565") << QStringLiteral("00000001234565") << false;
    QTest::newRow("UPC-E bad check") << QStringLiteral("01234564") << QString() << true;
    QTest::newRow("letters") << QStringLiteral("03600029145X") << QString() << false;
    QTest::newRow("wrong length") << QStringLiteral("12345") << QString() << false;
    QTest::newRow("empty") << QString() << QString() << false;
  }

  void normalize()
  {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(bool, upcE);
    const auto result = normalizeGtin(input, upcE ? EightDigit::UpcE : EightDigit::PreferEan8);
    if (expected.isEmpty()) {
      QVERIFY(!result.ok());
      QVERIFY(!result.error().message.isEmpty());
    } else {
      QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
      QCOMPARE(*result, expected);
    }
  }

  void upcAAndEan13OfSameItem_match()
  {
    QCOMPARE(*normalizeGtin(QStringLiteral("036000291452")), *normalizeGtin(QStringLiteral("0036000291452")));
  }

  void checkDigit()
  {
    QCOMPARE(gs1CheckDigit(QStringLiteral("03600029145")), 2);
    QCOMPARE(gs1CheckDigit(QStringLiteral("1003600029145")), 9); // GTIN-14 of the UPC-A above
    QVERIFY(!hasValidGs1CheckDigit(QStringLiteral("1")));
  }
};

QTEST_GUILESS_MAIN(GtinTest)
#include "gtin_test.moc"
