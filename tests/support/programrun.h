// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/db/connection.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace pb::test {

struct ProgramRun {
  int exitCode = -1;
  QString out;
  QString err;
};

// `env` with HOME and the XDG dirs inside sandboxDir: for a program a test starts and stops itself.
QProcessEnvironment sandboxed(const QString &sandboxDir,
                              QProcessEnvironment env = QProcessEnvironment::systemEnvironment());
// Runs one of our executables to completion with HOME and the XDG dirs inside sandboxDir, so the
// user's own config and data never leak into a test.
ProgramRun runProgram(const QString &binary, const QStringList &args, const QString &sandboxDir,
                      QProcessEnvironment env = QProcessEnvironment::systemEnvironment());
// The same, with `input` on its standard input (then closed) and sandboxDir as its working directory.
ProgramRun runProgramWithInput(const QString &binary, const QStringList &args, const QString &sandboxDir,
                               const QByteArray &input,
                               QProcessEnvironment env = QProcessEnvironment::systemEnvironment());

// `--set database.…` for a program that is to use the PostgreSQL database of settings, logged in as user.
QStringList postgresArgs(const db::ConnectionSettings &settings, const QString &user = QStringLiteral("postgres"));
// What a failed check says about a run: its exit code, standard output and standard error.
QString describe(const ProgramRun &run);

} // namespace pb::test
