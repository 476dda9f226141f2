// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/privatexvfb.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

namespace pb::test {

PrivateXvfb::~PrivateXvfb()
{
  if (m_pid > 0) {
    ::kill(m_pid, SIGTERM);
    ::waitpid(m_pid, nullptr, 0);
  }
}

QString PrivateXvfb::start(const QString &screen)
{
  const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
  if (xvfb.isEmpty())
    return {};
  int fds[2];
  if (::pipe(fds) != 0)
    return {};
  const QByteArray program = xvfb.toLocal8Bit();
  const QByteArray geometry = screen.toLatin1();
  m_pid = ::fork();
  if (m_pid == 0) {
    ::close(fds[0]);
    const QByteArray fd = QByteArray::number(fds[1]);
    ::execl(program.constData(), program.constData(), "-displayfd", fd.constData(), "-screen", "0",
            geometry.constData(), "-nolisten", "tcp", "-noreset", static_cast<char *>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  QByteArray number;
  char c = 0;
  while (::read(fds[0], &c, 1) == 1 && c != '\n')
    number.append(c);
  ::close(fds[0]);
  m_display = number.isEmpty() ? QString() : QStringLiteral(":") + QString::fromLatin1(number);
  return m_display;
}

bool PrivateXvfb::xdotool(const QStringList &args, QByteArray *output) const
{
  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("DISPLAY"), m_display);
  process.setProcessEnvironment(env);
  process.start(QStringLiteral("xdotool"), args);
  if (!process.waitForStarted(5000))
    return false;
  QElapsedTimer running;
  running.start();
  while (process.state() != QProcess::NotRunning && running.elapsed() < 20000)
    QTest::qWait(10);
  if (output)
    *output = process.readAllStandardOutput();
  return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool PrivateXvfb::type(const QString &text, int msPerKey) const
{
  return xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QString::number(msPerKey),
                  QStringLiteral("--args"), QStringLiteral("1"), text, QStringLiteral("key"),
                  QStringLiteral("Return")});
}

} // namespace pb::test
