// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A US keyboard's characters by X keycode: what scanning.scanner_layout=us reads a factory-set scanner's keys as.
#include "core/scanning/scannerlayout.h"

#include <QTest>

using namespace pb::scanning;

class ScannerLayoutTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void usKeys_byPosition_data()
  {
    QTest::addColumn<quint32>("keycode");
    QTest::addColumn<bool>("shift");
    QTest::addColumn<QString>("text");
    // The keys a German layout moves: '-' is ß there, '*' (Shift+8) is '(', and Y and Z swap.
    QTest::newRow("minus") << 20U << false << QStringLiteral("-");
    QTest::newRow("asterisk") << 17U << true << QStringLiteral("*");
    QTest::newRow("Y") << 29U << true << QStringLiteral("Y");
    QTest::newRow("z") << 52U << false << QStringLiteral("z");
    QTest::newRow("digit 1") << 10U << false << QStringLiteral("1");
    QTest::newRow("digit 0") << 19U << false << QStringLiteral("0");
    QTest::newRow("underscore") << 20U << true << QStringLiteral("_");
    QTest::newRow("slash") << 61U << false << QStringLiteral("/");
    QTest::newRow("question") << 61U << true << QStringLiteral("?");
    QTest::newRow("backslash") << 51U << false << QStringLiteral("\\");
    QTest::newRow("grave") << 49U << false << QStringLiteral("`");
    QTest::newRow("space") << 65U << false << QStringLiteral(" ");
    QTest::newRow("P") << 33U << true << QStringLiteral("P");
    QTest::newRow("m") << 58U << false << QStringLiteral("m");
  }

  void usKeys_byPosition()
  {
    QFETCH(quint32, keycode);
    QFETCH(bool, shift);
    QFETCH(QString, text);
    QCOMPARE(usKeyboardText(keycode, shift, false), text);
  }

  void keysNoLayoutMoves_haveNoText()
  {
    for (const quint32 keycode : {0U, 9U, 22U, 23U, 36U, 37U, 50U, 62U, 64U, 66U, 104U, 255U})
      QVERIFY2(usKeyboardText(keycode, false, false).isEmpty(), qPrintable(QString::number(keycode)));
  }

  void control_givesTheScannersControlCharacters()
  {
    QCOMPARE(usKeyboardText(35, false, true), QStringLiteral("\x1d")); // Ctrl+]: the GS1 separator
    QCOMPARE(usKeyboardText(44, false, true), QStringLiteral("\n"));   // Ctrl+J
    QCOMPARE(usKeyboardText(58, false, true), QStringLiteral("\r"));   // Ctrl+M
    QVERIFY(usKeyboardText(24, false, true).isEmpty());                // Ctrl+Q: a shortcut, not a character
  }

  void charactersNoBarcodeHas_eachOnce()
  {
    QCOMPARE(charactersNoBarcodeHas(u"TNTß2PßGRN"), QStringLiteral("ß"));
    QCOMPARE(charactersNoBarcodeHas(u"PB(COMPLETE"), QString()); // ASCII, however wrong: no hint to give
    QCOMPARE(charactersNoBarcodeHas(u"]C1010950110153000310LOT42\x1d"
                                    "17"),
             QString());
    QCOMPARE(charactersNoBarcodeHas(u"Größe"), QStringLiteral("öß"));
  }

  void layoutNames()
  {
    QCOMPARE(scannerLayoutNamed(u"desktop"), std::optional(ScannerLayout::Desktop));
    QCOMPARE(scannerLayoutNamed(u"us"), std::optional(ScannerLayout::Us));
    QVERIFY(!scannerLayoutNamed(u"de"));
  }
};

QTEST_GUILESS_MAIN(ScannerLayoutTest)
#include "scannerlayout_test.moc"
