// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace pb::test {

struct TerminalRun {
  int exitCode = -1;   // -1: it did not end in time, or was killed
  QByteArray screen;   // everything the terminal showed, the echo of what was typed included
  int answered = 0;    // how many prompts were answered
  bool echoing = true; // does the terminal echo typing once the program is gone (as the shell after it needs)
};

// Runs a program on a new pseudo-terminal, as an administrator at a shell would: each time the screen shows the
// next prompt of `dialogue`, its answer is typed (with Enter). What the terminal echoes is on `screen`, so a test
// sees whether a secret typed at a prompt was shown.
TerminalRun runInTerminal(const QString &binary, const QStringList &args,
                          const QList<QPair<QByteArray, QByteArray>> &dialogue, int timeoutMs = 30'000);

} // namespace pb::test
