// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/runningprogram.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QTcpServer>

#include <csignal>

namespace pb::test {

RunningProgram::RunningProgram(const QString &binary, const QStringList &args, const QString &sandboxDir,
                               QProcessEnvironment env)
{
  const QDir dir(sandboxDir);
  env.insert(QStringLiteral("HOME"), sandboxDir);
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
  env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
  m_process.setProcessEnvironment(env);
  m_process.setProcessChannelMode(QProcess::MergedChannels);
  m_process.setWorkingDirectory(sandboxDir);
  m_process.start(binary, args);
}

RunningProgram::~RunningProgram()
{
  if (m_process.state() != QProcess::NotRunning) {
    m_process.kill();
    m_process.waitForFinished(5000);
  }
}

bool RunningProgram::waitForStarted()
{
  return m_process.waitForStarted(10'000);
}

bool RunningProgram::waitForOutput(const QString &needle, int timeoutMs)
{
  const QDeadlineTimer deadline(timeoutMs);
  while (!output().contains(needle)) {
    if (m_process.state() == QProcess::NotRunning || deadline.hasExpired())
      return output().contains(needle);
    m_process.waitForReadyRead(100);
  }
  return true;
}

void RunningProgram::sendSignal(int signalNumber)
{
  if (m_process.processId() > 0)
    ::kill(static_cast<pid_t>(m_process.processId()), signalNumber);
}

bool RunningProgram::waitForExit(int timeoutMs)
{
  const bool finished = m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
  output();
  return finished;
}

bool RunningProgram::isRunning() const
{
  return m_process.state() != QProcess::NotRunning;
}

int RunningProgram::exitCode() const
{
  return m_process.exitCode();
}

bool RunningProgram::crashed() const
{
  return m_process.exitStatus() == QProcess::CrashExit;
}

QString RunningProgram::output()
{
  m_output += QString::fromUtf8(m_process.readAll());
  return m_output;
}

quint16 freePort()
{
  QTcpServer probe;
  probe.listen(QHostAddress::LocalHost, 0);
  return probe.serverPort();
}

} // namespace pb::test
