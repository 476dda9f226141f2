// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/terminalrun.h"

#include <QDeadlineTimer>

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <vector>

namespace pb::test {

namespace {
// The program's argv, built before the fork: the child may only exec (another thread may hold malloc's lock).
struct Argv {
  std::vector<QByteArray> words;
  std::vector<char *> pointers;

  Argv(const QString &binary, const QStringList &args)
  {
    words.push_back(binary.toLocal8Bit());
    for (const QString &arg : args)
      words.push_back(arg.toLocal8Bit());
    for (QByteArray &word : words)
      pointers.push_back(word.data());
    pointers.push_back(nullptr);
  }
};
} // namespace

TerminalRun runInTerminal(const QString &binary, const QStringList &args,
                          const QList<QPair<QByteArray, QByteArray>> &dialogue, int timeoutMs)
{
  TerminalRun run;
  Argv argv(binary, args);
  int terminal = -1;
  const pid_t child = ::forkpty(&terminal, nullptr, nullptr, nullptr);
  if (child < 0)
    return run;
  if (child == 0) {
    ::execv(argv.pointers.front(), argv.pointers.data());
    ::_exit(127);
  }
  const QDeadlineTimer deadline(timeoutMs);
  qsizetype heardUpTo = 0; // the next prompt is looked for after the last answer only
  for (;;) {
    pollfd readable{terminal, POLLIN, 0};
    const int ready = ::poll(&readable, 1, 100);
    if (ready > 0) {
      char chunk[512];
      const ssize_t got = ::read(terminal, chunk, sizeof chunk);
      if (got <= 0)
        break; // EIO: the program ended and closed its side
      run.screen.append(chunk, got);
    }
    if (run.answered < dialogue.size() && run.screen.indexOf(dialogue.at(run.answered).first, heardUpTo) >= 0) {
      const QByteArray typed = dialogue.at(run.answered).second + '\n';
      if (::write(terminal, typed.constData(), size_t(typed.size())) != typed.size())
        break;
      heardUpTo = run.screen.size();
      ++run.answered;
    }
    if (deadline.hasExpired()) {
      ::kill(child, SIGKILL);
      break;
    }
  }
  int status = 0;
  termios after{};
  run.echoing = ::tcgetattr(terminal, &after) == 0 && (after.c_lflag & ECHO) != 0;
  ::close(terminal);
  if (::waitpid(child, &status, 0) == child && WIFEXITED(status) && !deadline.hasExpired())
    run.exitCode = WEXITSTATUS(status);
  return run;
}

} // namespace pb::test
