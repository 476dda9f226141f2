// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QApplication>
#include <QTest>
#include <QWidget>

namespace pb::test {

// How a scanner ends a scan.
enum class ScanEnd { Return, KeypadEnter, Tab, Linefeed, None };

// Key events as Qt's xcb plugin delivers them from a real X keyboard with a US layout (see
// tests/data/xkeys/README.md for the recordings): a capital or shifted symbol is a Shift press
// (Key_Shift, ShiftModifier, no text), the key with ShiftModifier and its text, the key's release,
// the Shift release. The GS1 separator is Ctrl+] (text 0x1D under ControlModifier).
namespace xkeys {

inline bool needsShift(QChar c)
{
  return c.isUpper() || QStringView(u"~!@#$%^&*()_+{}|:\"<>?").contains(c);
}

inline void modified(QWidget *target, int modifierKey, Qt::KeyboardModifier modifier, int key, const QString &text,
                     int delayMs)
{
  QTest::simulateEvent(target, true, modifierKey, modifier, QString(), false, delayMs);
  QTest::simulateEvent(target, true, key, modifier, text, false, delayMs);
  QTest::simulateEvent(target, false, key, modifier, text, false, delayMs);
  QTest::simulateEvent(target, false, modifierKey, Qt::NoModifier, QString(), false, delayMs);
}

inline void type(QWidget *target, QChar c, int delayMs = -1)
{
  const int key = c.toUpper().unicode();
  if (c == QChar(0x1D))
    return modified(target, Qt::Key_Control, Qt::ControlModifier, Qt::Key_BracketRight, QString(c), delayMs);
  if (needsShift(c))
    return modified(target, Qt::Key_Shift, Qt::ShiftModifier, key, QString(c), delayMs);
  QTest::simulateEvent(target, true, key, Qt::NoModifier, QString(c), false, delayMs);
  QTest::simulateEvent(target, false, key, Qt::NoModifier, QString(c), false, delayMs);
}

inline void end(QWidget *target, ScanEnd how)
{
  struct Terminator {
    int key;
    Qt::KeyboardModifiers modifiers;
    QString text;
  };
  Terminator t{Qt::Key_Return, Qt::NoModifier, QStringLiteral("\r")};
  if (how == ScanEnd::None)
    return;
  if (how == ScanEnd::KeypadEnter)
    t = {Qt::Key_Enter, Qt::KeypadModifier, QStringLiteral("\r")};
  if (how == ScanEnd::Tab)
    t = {Qt::Key_Tab, Qt::NoModifier, QStringLiteral("\t")};
  if (how == ScanEnd::Linefeed) // X's Linefeed keysym: Qt passes its code 0x0a through as the key
    t = {0x0a, Qt::NoModifier, QStringLiteral("\n")};
  QTest::simulateEvent(target, true, t.key, t.modifiers, t.text, false);
  QTest::simulateEvent(target, false, t.key, t.modifiers, t.text, false);
}

} // namespace xkeys

// What a keyboard-wedge scanner does: a fast burst into the focused widget, then Enter.
inline void scan(const QString &code, ScanEnd how = ScanEnd::Return)
{
  QWidget *target = QApplication::focusWidget();
  QVERIFY2(target, "nothing has focus");
  for (const QChar c : code)
    xkeys::type(target, c);
  xkeys::end(target, how);
}

// A person typing text into the focused widget, delayMs between keys (Shift for capitals too).
inline void typeSlowly(const QString &text, int delayMs = 90)
{
  QWidget *target = QApplication::focusWidget();
  QVERIFY2(target, "nothing has focus");
  for (const QChar c : text)
    xkeys::type(target, c, delayMs);
}

// A packer signing in: the badge scanned (it only selects the packer), then the PIN typed by hand and Enter.
// The demo packers' PIN is the number of their badge (PB-1001: 1001).
inline void scanBadgeAndTypePin(const QString &badge, const QString &pin)
{
  scan(badge);
  typeSlowly(pin, 60);
  QWidget *target = QApplication::focusWidget();
  QVERIFY2(target, "nothing has focus");
  QTest::keyClick(target, Qt::Key_Return, Qt::NoModifier, 60);
}

inline QString demoPin(const QString &badge)
{
  return badge.mid(badge.indexOf(u'-') + 1);
}

// A person pressing one key: slower than the scanner's inter-key gap.
inline void press(Qt::Key key)
{
  QWidget *target = QApplication::focusWidget();
  QVERIFY2(target, "nothing has focus");
  QTest::keyClick(target, key, Qt::NoModifier, 60);
}

} // namespace pb::test
