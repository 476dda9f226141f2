// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace pb::test {

struct ProgramRun {
  int exitCode = -1;
  QString out;
  QString err;
};

// Runs one of our executables to completion with HOME and the XDG dirs inside sandboxDir, so the
// user's own config and data never leak into a test.
ProgramRun runProgram(const QString &binary, const QStringList &args, const QString &sandboxDir,
                      QProcessEnvironment env = QProcessEnvironment::systemEnvironment());
// The same, with `input` on its standard input (then closed) and sandboxDir as its working directory.
ProgramRun runProgramWithInput(const QString &binary, const QStringList &args, const QString &sandboxDir,
                               const QByteArray &input,
                               QProcessEnvironment env = QProcessEnvironment::systemEnvironment());

} // namespace pb::test
