// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/wedgekeys.h"

#include <QTest>

using namespace pb::scanning;

Q_DECLARE_METATYPE(pb::scanning::WedgeKeyRole)

// Key, modifiers and text as Qt's xcb plugin reports them (tests/data/xkeys holds the recordings).
class WedgeKeysTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void classify_data()
  {
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
    QTest::addColumn<QString>("text");
    QTest::addColumn<WedgeKeyRole>("role");
    QTest::addColumn<QString>("characters");
    const auto none = Qt::KeyboardModifiers(Qt::NoModifier);
    const auto shift = Qt::KeyboardModifiers(Qt::ShiftModifier);
    const auto ctrl = Qt::KeyboardModifiers(Qt::ControlModifier);
    const auto altGr = Qt::KeyboardModifiers(Qt::GroupSwitchModifier);
    const QString gs(QChar(0x1D));
    QTest::newRow("digit") << int(Qt::Key_7) << none << QStringLiteral("7") << WedgeKeyRole::Character
                           << QStringLiteral("7");
    QTest::newRow("Shift press before a capital")
        << int(Qt::Key_Shift) << shift << QString() << WedgeKeyRole::Silent << QString();
    QTest::newRow("capital under Shift") << int(Qt::Key_P) << shift << QStringLiteral("P") << WedgeKeyRole::Character
                                         << QStringLiteral("P");
    QTest::newRow("star under Shift") << int(Qt::Key_Asterisk) << shift << QStringLiteral("*")
                                      << WedgeKeyRole::Character << QStringLiteral("*");
    QTest::newRow("AltGr press (de)") << int(Qt::Key_AltGr) << altGr << QString() << WedgeKeyRole::Silent << QString();
    QTest::newRow("] under AltGr (de)") << int(Qt::Key_BracketRight) << altGr << QStringLiteral("]")
                                        << WedgeKeyRole::Character << QStringLiteral("]");
    QTest::newRow("Control press") << int(Qt::Key_Control) << ctrl << QString() << WedgeKeyRole::Silent << QString();
    QTest::newRow("Alt press") << int(Qt::Key_Alt) << Qt::KeyboardModifiers(Qt::AltModifier) << QString()
                               << WedgeKeyRole::Silent << QString();
    QTest::newRow("Meta press") << int(Qt::Key_Meta) << Qt::KeyboardModifiers(Qt::MetaModifier) << QString()
                                << WedgeKeyRole::Silent << QString();
    QTest::newRow("Caps Lock") << int(Qt::Key_CapsLock) << none << QString() << WedgeKeyRole::Silent << QString();
    QTest::newRow("dead circumflex") << int(Qt::Key_Dead_Circumflex) << none << QString() << WedgeKeyRole::Silent
                                     << QString();
    QTest::newRow("GS as Ctrl+]") << int(Qt::Key_BracketRight) << ctrl << gs << WedgeKeyRole::Character << gs;
    QTest::newRow("GS as Ctrl+AltGr+9 (de)")
        << int(Qt::Key_BracketRight) << (ctrl | altGr) << gs << WedgeKeyRole::Character << gs;
    QTest::newRow("Return") << int(Qt::Key_Return) << none << QStringLiteral("\r") << WedgeKeyRole::Terminator
                            << QStringLiteral("\r");
    QTest::newRow("keypad Enter") << int(Qt::Key_Enter) << Qt::KeyboardModifiers(Qt::KeypadModifier)
                                  << QStringLiteral("\r") << WedgeKeyRole::Terminator << QStringLiteral("\r");
    QTest::newRow("Linefeed keysym") << 0x0a << none << QStringLiteral("\n") << WedgeKeyRole::Terminator
                                     << QStringLiteral("\n");
    QTest::newRow("Ctrl+J") << int(Qt::Key_J) << ctrl << QStringLiteral("\n") << WedgeKeyRole::Terminator
                            << QStringLiteral("\n");
    QTest::newRow("Ctrl+M") << int(Qt::Key_M) << ctrl << QStringLiteral("\r") << WedgeKeyRole::Terminator
                            << QStringLiteral("\r");
    QTest::newRow("Tab") << int(Qt::Key_Tab) << none << QStringLiteral("\t") << WedgeKeyRole::Terminator
                         << QStringLiteral("\t");
    QTest::newRow("Return without text (synthesised)")
        << int(Qt::Key_Return) << none << QString() << WedgeKeyRole::Terminator << QStringLiteral("\r");
    QTest::newRow("Shift+Tab is navigation")
        << int(Qt::Key_Backtab) << shift << QStringLiteral("\t") << WedgeKeyRole::Other << QString();
    QTest::newRow("Ctrl+Q is a shortcut")
        << int(Qt::Key_Q) << ctrl << QStringLiteral("\x11") << WedgeKeyRole::Other << QString();
    QTest::newRow("Ctrl+Tab is a shortcut")
        << int(Qt::Key_Tab) << ctrl << QStringLiteral("\t") << WedgeKeyRole::Other << QString();
    QTest::newRow("Alt+F is a shortcut") << int(Qt::Key_F) << Qt::KeyboardModifiers(Qt::AltModifier)
                                         << QStringLiteral("f") << WedgeKeyRole::Other << QString();
    QTest::newRow("Left arrow") << int(Qt::Key_Left) << Qt::KeyboardModifiers(Qt::KeypadModifier) << QString()
                                << WedgeKeyRole::Other << QString();
    QTest::newRow("Escape") << int(Qt::Key_Escape) << none << QStringLiteral("\x1b") << WedgeKeyRole::Other
                            << QString();
    QTest::newRow("F6") << int(Qt::Key_F6) << none << QString() << WedgeKeyRole::Other << QString();
    QTest::newRow("composed é (input method)")
        << 0 << none << QStringLiteral("é") << WedgeKeyRole::Character << QStringLiteral("é");
  }

  void classify()
  {
    QFETCH(int, key);
    QFETCH(Qt::KeyboardModifiers, modifiers);
    QFETCH(QString, text);
    QFETCH(WedgeKeyRole, role);
    QFETCH(QString, characters);
    const WedgeKey judged = classifyWedgeKey(key, modifiers, text);
    QCOMPARE(judged.role, role);
    QCOMPARE(judged.text, characters);
  }
};

QTEST_GUILESS_MAIN(WedgeKeysTest)
#include "wedgekeys_test.moc"
