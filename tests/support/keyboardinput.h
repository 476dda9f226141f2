// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QApplication>
#include <QTest>
#include <QWidget>

namespace pb::test {

// What a keyboard-wedge scanner does: a fast burst into the focused widget, then Enter.
inline void scan(const QString &code)
{
  QWidget *target = QApplication::focusWidget();
  QVERIFY2(target, "nothing has focus");
  QTest::keyClicks(target, code);
  QTest::keyClick(target, Qt::Key_Return);
}

// A person pressing one key: slower than the scanner's inter-key gap.
inline void press(Qt::Key key)
{
  QWidget *target = QApplication::focusWidget();
  QVERIFY2(target, "nothing has focus");
  QTest::keyClick(target, key, Qt::NoModifier, 60);
}

} // namespace pb::test
