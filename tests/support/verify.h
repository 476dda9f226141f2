// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTest>

// QVERIFY for a pb::Result / pb::Status that prints the error message when it fails.
#define VERIFY_OK(expr)                                                                                                \
  do {                                                                                                                 \
    const auto &result_ = (expr);                                                                                      \
    QVERIFY2(result_.ok(), qPrintable(result_.ok() ? QString() : result_.error().message));                            \
  } while (false)
