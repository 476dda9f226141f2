// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/scandecoder.h"

#include <QTest>

using namespace pb::scanning;

Q_DECLARE_METATYPE(pb::scanning::ScanKind)
Q_DECLARE_METATYPE(pb::scanning::Symbology)
Q_DECLARE_METATYPE(pb::scanning::ScanCommand)

namespace {
const QString GS = QString(kGroupSeparator);
}

class ScanDecoderTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void decode_data()
  {
    QTest::addColumn<QString>("input");
    QTest::addColumn<ScanKind>("kind");
    QTest::addColumn<Symbology>("symbology");
    QTest::addColumn<QString>("gtin");
    QTest::addColumn<QString>("lookupKey");

    const QString upcGtin = QStringLiteral("00036000291452");
    // Retail symbols: every printed form of one product gives the same GTIN-14.
    QTest::newRow("UPC-A, no AIM id") << QStringLiteral("036000291452") << ScanKind::Item << Symbology::Unknown
                                      << upcGtin << upcGtin;
    QTest::newRow("UPC-A as EAN-13 under ]E0")
        << QStringLiteral("]E00036000291452") << ScanKind::Item << Symbology::Ean13 << upcGtin << upcGtin;
    QTest::newRow("UPC-A 12 digits under ]E0")
        << QStringLiteral("]E0036000291452") << ScanKind::Item << Symbology::Ean13 << upcGtin << upcGtin;
    QTest::newRow("EAN-13 ]E0") << QStringLiteral("]E04006381333931") << ScanKind::Item << Symbology::Ean13
                                << QStringLiteral("04006381333931") << QStringLiteral("04006381333931");
    QTest::newRow("UPC-E ]E0 8 digits") << QStringLiteral("]E001234565") << ScanKind::Item << Symbology::Ean13
                                        << QStringLiteral("00012345000065") << QStringLiteral("00012345000065");
    QTest::newRow("EAN-8 ]E4") << QStringLiteral("]E496385074") << ScanKind::Item << Symbology::Ean8
                               << QStringLiteral("00000096385074") << QStringLiteral("00000096385074");
    QTest::newRow("EAN-8 ]E4 that also passes UPC-E")
        << QStringLiteral("]E401234565") << ScanKind::Item << Symbology::Ean8 << QStringLiteral("00000001234565")
        << QStringLiteral("00000001234565");
    QTest::newRow("EAN-13 + 2-digit add-on ]E3")
        << QStringLiteral("]E3400638133393112") << ScanKind::Item << Symbology::Ean13AddOn
        << QStringLiteral("04006381333931") << QStringLiteral("04006381333931");
    QTest::newRow("GTIN-14 no id") << QStringLiteral("10036000291459") << ScanKind::Item << Symbology::Unknown
                                   << QStringLiteral("10036000291459") << QStringLiteral("10036000291459");
    QTest::newRow("ITF-14 ]I1") << QStringLiteral("]I110036000291459") << ScanKind::Item << Symbology::Itf
                                << QStringLiteral("10036000291459") << QStringLiteral("10036000291459");
    QTest::newRow("ITF other length ]I0")
        << QStringLiteral("]I0123456") << ScanKind::Item << Symbology::Itf << QString() << QStringLiteral("123456");
    // GS1 carriers.
    QTest::newRow("GS1-128 ]C1") << QStringLiteral("]C1010950110153000317261231") + QStringLiteral("10AB1")
                                 << ScanKind::Item << Symbology::Gs1_128 << QStringLiteral("09501101530003")
                                 << QStringLiteral("09501101530003");
    QTest::newRow("GS1 DataMatrix ]d2 with GS")
        << QStringLiteral("]d2010950110153000310LOT") + GS + QStringLiteral("21SER9") << ScanKind::Item
        << Symbology::Gs1DataMatrix << QStringLiteral("09501101530003") << QStringLiteral("09501101530003");
    QTest::newRow("GS1 QR ]Q3") << QStringLiteral("]Q30109501101530003") << ScanKind::Item << Symbology::Gs1Qr
                                << QStringLiteral("09501101530003") << QStringLiteral("09501101530003");
    QTest::newRow("GS1 DataBar ]e0") << QStringLiteral("]e00109501101530003") << ScanKind::Item << Symbology::Gs1DataBar
                                     << QStringLiteral("09501101530003") << QStringLiteral("09501101530003");
    QTest::newRow("GS1 AI 02") << QStringLiteral("]C1020950110153000337") + QStringLiteral("6") << ScanKind::Item
                               << Symbology::Gs1_128 << QStringLiteral("09501101530003")
                               << QStringLiteral("09501101530003");
    QTest::newRow("SSCC on a carton") << QStringLiteral("]C100006141411234567890") << ScanKind::Sscc
                                      << Symbology::Gs1_128 << QString() << QStringLiteral("00006141411234567890");
    QTest::newRow("GS1 without id, GS inside")
        << QStringLiteral("0109501101530003") + QStringLiteral("10A") + GS + QStringLiteral("21B") << ScanKind::Item
        << Symbology::Unknown << QStringLiteral("09501101530003") << QStringLiteral("09501101530003");
    QTest::newRow("GS1 bracketed text") << QStringLiteral("(01)09501101530003(21)77") << ScanKind::Item
                                        << Symbology::Unknown << QStringLiteral("09501101530003")
                                        << QStringLiteral("09501101530003");
    // Plain symbologies: the data is a SKU or custom code, looked up as is.
    QTest::newRow("Code 128 SKU ]C0") << QStringLiteral("]C0NW-T2D-001") << ScanKind::Item << Symbology::Code128
                                      << QString() << QStringLiteral("NW-T2D-001");
    QTest::newRow("Code 39 ]A0") << QStringLiteral("]A0NW-SOCK-M") << ScanKind::Item << Symbology::Code39 << QString()
                                 << QStringLiteral("NW-SOCK-M");
    QTest::newRow("Code 128 numeric with valid GTIN")
        << QStringLiteral("]C0036000291452") << ScanKind::Item << Symbology::Code128 << upcGtin << upcGtin;
    QTest::newRow("Code 128 numeric, not a GTIN") << QStringLiteral("]C0036000291453") << ScanKind::Item
                                                  << Symbology::Code128 << QString() << QStringLiteral("036000291453");
    QTest::newRow("DataMatrix plain ]d1") << QStringLiteral("]d1BIN-A07") << ScanKind::Item << Symbology::DataMatrix
                                          << QString() << QStringLiteral("BIN-A07");
    QTest::newRow("unknown AIM id ]X0") << QStringLiteral("]X0ABC") << ScanKind::Item << Symbology::Other << QString()
                                        << QStringLiteral("ABC");
    QTest::newRow("8 digits internal code") << QStringLiteral("12345678") << ScanKind::Item << Symbology::Unknown
                                            << QString() << QStringLiteral("12345678");
    QTest::newRow("trailing CR LF") << QStringLiteral("NW-T2D-001\r\n") << ScanKind::Item << Symbology::Unknown
                                    << QString() << QStringLiteral("NW-T2D-001");
    // Commands and badges, with or without a Code 128 identifier.
    QTest::newRow("command") << QStringLiteral("PB*COMPLETE") << ScanKind::Command << Symbology::Unknown << QString()
                             << QStringLiteral("PB*COMPLETE");
    QTest::newRow("command ]C0") << QStringLiteral("]C0PB*ACK") << ScanKind::Command << Symbology::Code128 << QString()
                                 << QStringLiteral("PB*ACK");
    QTest::newRow("badge") << QStringLiteral("PB-1001") << ScanKind::Badge << Symbology::Unknown << QString()
                           << QStringLiteral("PB-1001");
    // Bad input.
    QTest::newRow("UPC-A bad check") << QStringLiteral("036000291453") << ScanKind::Invalid << Symbology::Unknown
                                     << QString() << QStringLiteral("036000291453");
    QTest::newRow("EAN-13 bad check ]E0") << QStringLiteral("]E04006381333932") << ScanKind::Invalid << Symbology::Ean13
                                          << QString() << QStringLiteral("4006381333932");
    QTest::newRow("EAN-8 bad check ]E4") << QStringLiteral("]E496385075") << ScanKind::Invalid << Symbology::Ean8
                                         << QString() << QStringLiteral("96385075");
    QTest::newRow("EAN ]E0 wrong length")
        << QStringLiteral("]E012345") << ScanKind::Invalid << Symbology::Ean13 << QString() << QStringLiteral("12345");
    QTest::newRow("EAN ]E0 letters") << QStringLiteral("]E0ABCDEFGHIJKL") << ScanKind::Invalid << Symbology::Ean13
                                     << QString() << QStringLiteral("ABCDEFGHIJKL");
    QTest::newRow("ITF-14 bad check") << QStringLiteral("]I110036000291458") << ScanKind::Invalid << Symbology::Itf
                                      << QString() << QStringLiteral("10036000291458");
    QTest::newRow("GS1-128 truncated") << QStringLiteral("]C1010950110153") << ScanKind::Invalid << Symbology::Gs1_128
                                       << QString() << QStringLiteral("010950110153");
    QTest::newRow("GS1-128 unknown AI") << QStringLiteral("]C18912345") << ScanKind::Invalid << Symbology::Gs1_128
                                        << QString() << QStringLiteral("8912345");
    QTest::newRow("GS1-128 batch only, no GTIN") << QStringLiteral("]C110LOT1") << ScanKind::Invalid
                                                 << Symbology::Gs1_128 << QString() << QStringLiteral("10LOT1");
    QTest::newRow("GS1 DataMatrix bad check")
        << QStringLiteral("]d20109501101530004") << ScanKind::Invalid << Symbology::Gs1DataMatrix << QString()
        << QStringLiteral("0109501101530004");
    QTest::newRow("unknown command") << QStringLiteral("PB*LAUNCH") << ScanKind::Invalid << Symbology::Unknown
                                     << QString() << QStringLiteral("PB*LAUNCH");
    QTest::newRow("AIM id, no data") << QStringLiteral("]C0") << ScanKind::Invalid << Symbology::Code128 << QString()
                                     << QString();
    QTest::newRow("empty") << QString() << ScanKind::Invalid << Symbology::Unknown << QString() << QString();
    QTest::newRow("whitespace") << QStringLiteral("   ") << ScanKind::Invalid << Symbology::Unknown << QString()
                                << QString();
    QTest::newRow("garbage GS only") << GS + GS << ScanKind::Invalid << Symbology::Unknown << QString() << GS + GS;
    // What real wedges send around the data (issue #11): spaces, separators, bare GS1 digits.
    QTest::newRow("EAN-13 with surrounding spaces")
        << QStringLiteral("  4006381333931 ") << ScanKind::Item << Symbology::Unknown
        << QStringLiteral("04006381333931") << QStringLiteral("04006381333931");
    QTest::newRow("SKU with a trailing space and CR")
        << QStringLiteral("TNT-2P-GRN \r") << ScanKind::Item << Symbology::Unknown << QString()
        << QStringLiteral("TNT-2P-GRN");
    QTest::newRow("badge with a leading space") << QStringLiteral(" PB-7009") << ScanKind::Badge << Symbology::Unknown
                                                << QString() << QStringLiteral("PB-7009");
    QTest::newRow("GS1-128 ]C1 with GS and a trailing space")
        << QStringLiteral("]C1010950110153000310LOT42") + GS + QStringLiteral("17261231 ") << ScanKind::Item
        << Symbology::Gs1_128 << QStringLiteral("09501101530003") << QStringLiteral("09501101530003");
    QTest::newRow("GS1-128 without AIM id, bare digits")
        << QStringLiteral("010950110153000317261231") << ScanKind::Item << Symbology::Unknown
        << QStringLiteral("09501101530003") << QStringLiteral("09501101530003");
    QTest::newRow("SSCC without AIM id") << QStringLiteral("00006141411234567890") << ScanKind::Sscc
                                         << Symbology::Unknown << QString() << QStringLiteral("00006141411234567890");
    QTest::newRow("9 digits") << QStringLiteral("036000291") << ScanKind::Invalid << Symbology::Unknown << QString()
                              << QStringLiteral("036000291");
    QTest::newRow("10 digits") << QStringLiteral("0360002914") << ScanKind::Invalid << Symbology::Unknown << QString()
                               << QStringLiteral("0360002914");
    QTest::newRow("11 digits: UPC-A with a lost digit")
        << QStringLiteral("03600029145") << ScanKind::Invalid << Symbology::Unknown << QString()
        << QStringLiteral("03600029145");
    QTest::newRow("15 digits, not GS1") << QStringLiteral("400638133393112") << ScanKind::Invalid << Symbology::Unknown
                                        << QString() << QStringLiteral("400638133393112");
    QTest::newRow("22 digits, not GS1") << QStringLiteral("9912345678901234567890") << ScanKind::Invalid
                                        << Symbology::Unknown << QString() << QStringLiteral("9912345678901234567890");
    QTest::newRow("short number stays an internal code")
        << QStringLiteral("1001") << ScanKind::Item << Symbology::Unknown << QString() << QStringLiteral("1001");
    QTest::newRow("10 digits under Code 128 stay a code")
        << QStringLiteral("]C00360002914") << ScanKind::Item << Symbology::Code128 << QString()
        << QStringLiteral("0360002914");
  }

  void decode()
  {
    QFETCH(QString, input);
    QFETCH(ScanKind, kind);
    QFETCH(Symbology, symbology);
    QFETCH(QString, gtin);
    QFETCH(QString, lookupKey);
    const DecodedScan scan = ScanDecoder().decode(input);
    QCOMPARE(scan.kind, kind);
    QCOMPARE(scan.symbology, symbology);
    QCOMPARE(scan.gtin, gtin);
    QCOMPARE(scan.lookupKey(), lookupKey);
    QCOMPARE(scan.error.isEmpty(), kind != ScanKind::Invalid);
  }

  void commands_data()
  {
    QTest::addColumn<QString>("input");
    QTest::addColumn<ScanCommand>("command");
    QTest::addColumn<QString>("argument");
    QTest::newRow("complete") << QStringLiteral("PB*COMPLETE") << ScanCommand::Complete << QString();
    QTest::newRow("hold with reason") << QStringLiteral("PB*HOLD:DAMAGED") << ScanCommand::Hold
                                      << QStringLiteral("DAMAGED");
    QTest::newRow("next box") << QStringLiteral("PB*NEXTBOX") << ScanCommand::NextBox << QString();
    QTest::newRow("reprint") << QStringLiteral("PB*REPRINT") << ScanCommand::Reprint << QString();
    QTest::newRow("sign out") << QStringLiteral("PB*SIGNOUT") << ScanCommand::SignOut << QString();
    QTest::newRow("ack") << QStringLiteral("]C0PB*ACK") << ScanCommand::Ack << QString();
    QTest::newRow("partial") << QStringLiteral("PB*PARTIAL") << ScanCommand::Partial << QString();
    QTest::newRow("manual") << QStringLiteral("PB*MANUAL") << ScanCommand::Manual << QString();
  }

  void commands()
  {
    QFETCH(QString, input);
    QFETCH(ScanCommand, command);
    QFETCH(QString, argument);
    const DecodedScan scan = ScanDecoder().decode(input);
    QCOMPARE(scan.kind, ScanKind::Command);
    QCOMPARE(scan.command, command);
    QCOMPARE(scan.argument, argument);
  }

  void eightDigits_validAsEan8AndUpcE_yieldBothReadings()
  {
    // 01234565 passes the EAN-8 check and expands as UPC-E to 012345000065: without an AIM
    // identifier nothing says which symbol was printed, so both GTINs are candidates.
    const DecodedScan scan = ScanDecoder().decode(u"01234565");
    QCOMPARE(scan.kind, ScanKind::Item);
    QCOMPARE(scan.gtin, QStringLiteral("00000001234565"));
    QCOMPARE(scan.otherGtin, QStringLiteral("00012345000065"));
    QCOMPARE(scan.lookupKeys(), (QStringList{QStringLiteral("00000001234565"), QStringLiteral("00012345000065"),
                                             QStringLiteral("01234565")}));
    // An identifier settles it: one reading only.
    QCOMPARE(ScanDecoder().decode(u"]E001234565").otherGtin, QString());
    QCOMPARE(ScanDecoder().decode(u"]E401234565").otherGtin, QString());
    // Valid only as EAN-8 (starts with 9: no UPC-E), or only as UPC-E: one reading.
    QCOMPARE(ScanDecoder().decode(u"96385074").lookupKeys(),
             (QStringList{QStringLiteral("00000096385074"), QStringLiteral("96385074")}));
    QCOMPARE(ScanDecoder().decode(u"06543217").lookupKeys(),
             (QStringList{QStringLiteral("00065100004327"), QStringLiteral("06543217")}));
  }

  void wrongLengthDigits_sayWhy()
  {
    const DecodedScan scan = ScanDecoder().decode(u"03600029145");
    QCOMPARE(scan.kind, ScanKind::Invalid);
    QVERIFY2(scan.error.contains(QStringLiteral("11 digits")), qPrintable(scan.error));
  }

  void prefixAndSuffix_areStripped()
  {
    ScanDecoderOptions options;
    options.prefix = QStringLiteral("~");
    options.suffix = QStringLiteral("#");
    const ScanDecoder decoder(options);
    const DecodedScan scan = decoder.decode(QStringLiteral("~]E00036000291452#"));
    QCOMPARE(scan.kind, ScanKind::Item);
    QCOMPARE(scan.gtin, QStringLiteral("00036000291452"));
    QCOMPARE(scan.raw, QStringLiteral("]E00036000291452"));
    // Missing prefix is tolerated (some scanners drop it), data stays intact.
    QCOMPARE(decoder.decode(QStringLiteral("NW-T2D-001")).code, QStringLiteral("NW-T2D-001"));
  }

  void badgePrefix_isConfigurable()
  {
    ScanDecoderOptions options;
    options.badgePrefix = QStringLiteral("EMP");
    const ScanDecoder decoder(options);
    QCOMPARE(decoder.decode(QStringLiteral("EMP0042")).kind, ScanKind::Badge);
    QCOMPARE(decoder.decode(QStringLiteral("EMP0042")).argument, QStringLiteral("EMP0042"));
    QCOMPARE(decoder.decode(QStringLiteral("PB-1001")).kind, ScanKind::Item);
    QCOMPARE(decoder.decode(QStringLiteral("EMP")).kind, ScanKind::Item); // prefix alone is not a badge
  }

  void symbologyNames_areStable()
  {
    QCOMPARE(symbologyName(Symbology::Gs1_128), QStringLiteral("gs1-128"));
    QCOMPARE(symbologyName(Symbology::Unknown), QString());
  }
};

QTEST_GUILESS_MAIN(ScanDecoderTest)
#include "scandecoder_test.moc"
