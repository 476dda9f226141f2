// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/programrun.h"

#include <QDir>
#include <QProcess>

namespace pb::test {

namespace {
ProgramRun runWith(const QString &binary, const QStringList &args, const QString &sandboxDir, const QByteArray *input,
                   QProcessEnvironment env)
{
  QProcess process;
  process.setProcessEnvironment(sandboxed(sandboxDir, std::move(env)));
  if (input)
    process.setWorkingDirectory(sandboxDir);
  process.start(binary, args);
  if (input) {
    process.write(*input);
    process.closeWriteChannel();
  }
  if (!process.waitForFinished(60'000)) {
    process.kill();
    process.waitForFinished();
    return {-1, {}, QStringLiteral("%1 did not finish within 60 s").arg(binary)};
  }
  return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
          QString::fromUtf8(process.readAllStandardError())};
}
} // namespace

QProcessEnvironment sandboxed(const QString &sandboxDir, QProcessEnvironment env)
{
  const QDir dir(sandboxDir);
  env.insert(QStringLiteral("HOME"), sandboxDir);
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
  env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
  return env;
}

ProgramRun runProgram(const QString &binary, const QStringList &args, const QString &sandboxDir,
                      QProcessEnvironment env)
{
  return runWith(binary, args, sandboxDir, nullptr, std::move(env));
}

ProgramRun runProgramWithInput(const QString &binary, const QStringList &args, const QString &sandboxDir,
                               const QByteArray &input, QProcessEnvironment env)
{
  return runWith(binary, args, sandboxDir, &input, std::move(env));
}

QStringList postgresArgs(const db::ConnectionSettings &settings, const QString &user)
{
  return {QStringLiteral("--set"), QStringLiteral("database.driver=postgres"),
          QStringLiteral("--set"), QStringLiteral("database.host=") + settings.host,
          QStringLiteral("--set"), QStringLiteral("database.port=%1").arg(settings.port),
          QStringLiteral("--set"), QStringLiteral("database.name=") + settings.name,
          QStringLiteral("--set"), QStringLiteral("database.user=") + user};
}

QString describe(const ProgramRun &run)
{
  return QStringLiteral("exit %1\nout: %2\nerr: %3").arg(run.exitCode).arg(run.out, run.err);
}

} // namespace pb::test
