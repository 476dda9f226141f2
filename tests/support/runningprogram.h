// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace pb::test {

// One of our executables running in the background, as systemd or a terminal runs it: its output
// collected, signals sent to it, its exit awaited. HOME and the XDG dirs are inside sandboxDir.
class RunningProgram final {
public:
  RunningProgram(const QString &binary, const QStringList &args, const QString &sandboxDir,
                 QProcessEnvironment env = QProcessEnvironment::systemEnvironment());
  ~RunningProgram(); // kills it if it is still running
  Q_DISABLE_COPY_MOVE(RunningProgram)

  bool waitForStarted();
  // Waits until its output (stdout and stderr together) contains `needle`; false if it exited first.
  bool waitForOutput(const QString &needle, int timeoutMs = 30'000);
  void sendSignal(int signalNumber);
  bool waitForExit(int timeoutMs = 30'000);
  bool isRunning() const;
  int exitCode() const;
  bool crashed() const; // ended by a signal rather than exit()
  QString output();

private:
  QProcess m_process;
  QString m_output;
};

// A TCP port on 127.0.0.1 free right now, for a program under test to listen on.
quint16 freePort();

} // namespace pb::test
