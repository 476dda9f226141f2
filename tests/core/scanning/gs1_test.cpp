// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/gs1.h"

#include <QTest>

using namespace pb::scanning;

namespace {
const QString GS = QString(kGroupSeparator);
}

class Gs1Test final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void parse_data()
  {
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("expected"); // "ai=value|ai=value"; empty: must be rejected
    QTest::newRow("GTIN only") << QStringLiteral("0109501101530003") << QStringLiteral("01=09501101530003");
    QTest::newRow("GTIN, expiry, batch") << QStringLiteral("010950110153000317261231") + QStringLiteral("10AB-123")
                                         << QStringLiteral("01=09501101530003|17=261231|10=AB-123");
    QTest::newRow("batch then serial with GS")
        << QStringLiteral("010950110153000310LOT7") + GS + QStringLiteral("21SN0042")
        << QStringLiteral("01=09501101530003|10=LOT7|21=SN0042");
    QTest::newRow("leading FNC1 as GS") << GS + QStringLiteral("0109501101530003")
                                        << QStringLiteral("01=09501101530003");
    QTest::newRow("SSCC") << QStringLiteral("00006141411234567890") << QStringLiteral("00=006141411234567890");
    QTest::newRow("02 + 37 count") << QStringLiteral("020950110153000337") + QStringLiteral("12")
                                   << QStringLiteral("02=09501101530003|37=12");
    QTest::newRow("count then GTIN needs GS") << QStringLiteral("3712") + GS + QStringLiteral("0109501101530003")
                                              << QStringLiteral("37=12|01=09501101530003");
    QTest::newRow("30 variable count") << QStringLiteral("30150") << QStringLiteral("30=150");
    QTest::newRow("net weight 3103") << QStringLiteral("01095011015300033103001250")
                                     << QStringLiteral("01=09501101530003|3103=001250");
    QTest::newRow("dates 11 13 15 day 00")
        << QStringLiteral("112601011326020015261100") << QStringLiteral("11=260101|13=260200|15=261100");
    QTest::newRow("order number 400") << QStringLiteral("400PO-77812") << QStringLiteral("400=PO-77812");
    QTest::newRow("402 then GS then 10") << QStringLiteral("40234567890123456786") + GS + QStringLiteral("10X")
                                         << QStringLiteral("402=34567890123456786|10=X");
    QTest::newRow("GLN 410") << QStringLiteral("4104012345000122") << QStringLiteral("410=4012345000122");

    QTest::newRow("bad GTIN check digit") << QStringLiteral("0109501101530004") << QString();
    QTest::newRow("bad SSCC check digit") << QStringLiteral("00006141411234567891") << QString();
    QTest::newRow("truncated GTIN") << QStringLiteral("01095011015300") << QString();
    QTest::newRow("truncated date") << QStringLiteral("0109501101530003172612") << QString();
    QTest::newRow("AI without data") << QStringLiteral("010950110153000310") << QString();
    QTest::newRow("unknown AI") << QStringLiteral("2312345") << QString();
    QTest::newRow("unknown AI after GTIN") << QStringLiteral("010950110153000389XYZ") << QString();
    QTest::newRow("month 13") << QStringLiteral("17261301") << QString();
    QTest::newRow("30 February") << QStringLiteral("17260230") << QString();
    QTest::newRow("letters in GTIN") << QStringLiteral("01095011015300A3") << QString();
    QTest::newRow("batch too long") << QStringLiteral("10") + QString(21, QLatin1Char('A')) << QString();
    QTest::newRow("402 without separator") << QStringLiteral("4023456789012345678610X") << QString();
    QTest::newRow("trailing separator") << QStringLiteral("10ABC") + GS << QString();
    QTest::newRow("weight with 7 decimals") << QStringLiteral("3107001250") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("only GS") << GS << QString();
    QTest::newRow("control character in batch") << QStringLiteral("10AB\tC") << QString();
  }

  void parse()
  {
    QFETCH(QString, data);
    QFETCH(QString, expected);
    const auto parsed = parseGs1(data);
    if (expected.isEmpty()) {
      QVERIFY2(!parsed.ok(), "bad GS1 data must be rejected");
      QVERIFY(!parsed.error().message.isEmpty());
      return;
    }
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QStringList got;
    for (const Gs1Element &e : parsed->elements)
      got << e.ai + u'=' + e.value;
    QCOMPARE(got.join(u'|'), expected);
  }

  void bracketed_matchesRaw()
  {
    const auto fromText = parseGs1Bracketed(QStringLiteral("(01)09501101530003(17)261231(10)AB-123"));
    QVERIFY(fromText.ok());
    QCOMPARE(fromText->value(u"10"), QStringLiteral("AB-123"));
    QCOMPARE(fromText->value(u"17"), QStringLiteral("261231"));
    QVERIFY(!parseGs1Bracketed(QStringLiteral("(01)09501101530003(17")).ok());
    QVERIFY(!parseGs1Bracketed(QStringLiteral("01)0950")).ok());
  }

  void date_data()
  {
    QTest::addColumn<QString>("yymmdd");
    QTest::addColumn<int>("referenceYear");
    QTest::addColumn<QDate>("expected"); // invalid: rejected
    QTest::newRow("plain") << QStringLiteral("261231") << 2026 << QDate(2026, 12, 31);
    QTest::newRow("day 00 is month end") << QStringLiteral("260200") << 2026 << QDate(2026, 2, 28);
    QTest::newRow("day 00 leap year") << QStringLiteral("280200") << 2026 << QDate(2028, 2, 29);
    QTest::newRow("window: +50 stays") << QStringLiteral("760101") << 2026 << QDate(2076, 1, 1);
    QTest::newRow("window: +51 is last century") << QStringLiteral("770101") << 2026 << QDate(1977, 1, 1);
    QTest::newRow("window: -49 next century") << QStringLiteral("010101") << 2090 << QDate(2101, 1, 1);
    QTest::newRow("29 Feb non-leap") << QStringLiteral("270229") << 2026 << QDate();
    QTest::newRow("month 00") << QStringLiteral("260015") << 2026 << QDate();
    QTest::newRow("five digits") << QStringLiteral("26123") << 2026 << QDate();
  }

  void date()
  {
    QFETCH(QString, yymmdd);
    QFETCH(int, referenceYear);
    QFETCH(QDate, expected);
    const auto date = gs1Date(yymmdd, referenceYear);
    QCOMPARE(date.ok(), expected.isValid());
    if (expected.isValid())
      QCOMPARE(*date, expected);
  }

  void measure_appliesDecimals()
  {
    QCOMPARE(*gs1Measure({QStringLiteral("3103"), QStringLiteral("001250")}), 1.25);
    QCOMPARE(*gs1Measure({QStringLiteral("3100"), QStringLiteral("000042")}), 42.0);
    QVERIFY(!gs1Measure({QStringLiteral("10"), QStringLiteral("ABC")}).ok());
  }
};

QTEST_GUILESS_MAIN(Gs1Test)
#include "gs1_test.moc"
