// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/common/stopsignals.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace pb::app {

namespace {
Q_LOGGING_CATEGORY(lcStopSignals, "packbench.app.stopsignals")

// A signal handler may only write(2): it hands the number to the event loop through this socket pair.
int g_pipe[2] = {-1, -1};

void onSignal(int signalNumber)
{
  const int saved = errno;
  const char byte = static_cast<char>(signalNumber);
  [[maybe_unused]] const ssize_t written = ::write(g_pipe[0], &byte, 1);
  errno = saved;
}

void setHandler(int signalNumber, void (*handler)(int))
{
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(signalNumber, &action, nullptr);
}
} // namespace

StopSignals::StopSignals(QObject *parent)
    : QObject(parent)
{
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_pipe) != 0) {
    qCCritical(lcStopSignals) << "cannot watch SIGTERM/SIGINT: socketpair failed; they end the program at once";
    return;
  }
  m_notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, this);
  connect(m_notifier, &QSocketNotifier::activated, this, &StopSignals::readSignal);
  setHandler(SIGTERM, onSignal);
  setHandler(SIGINT, onSignal);
}

StopSignals::~StopSignals()
{
  setHandler(SIGTERM, SIG_DFL);
  setHandler(SIGINT, SIG_DFL);
  delete m_notifier;
  for (int &fd : g_pipe) {
    if (fd >= 0)
      ::close(fd);
    fd = -1;
  }
}

QString StopSignals::name(int signalNumber)
{
  switch (signalNumber) {
  case SIGTERM: return QStringLiteral("SIGTERM");
  case SIGINT: return QStringLiteral("SIGINT");
  default: return QStringLiteral("signal %1").arg(signalNumber);
  }
}

void StopSignals::readSignal()
{
  char byte = 0;
  if (::read(g_pipe[1], &byte, 1) != 1)
    return;
  const int signalNumber = static_cast<unsigned char>(byte);
  if (m_received != 0) {
    qCWarning(lcStopSignals).noquote() << name(signalNumber) << "received while already stopping; still stopping";
    return;
  }
  m_received = signalNumber;
  qCInfo(lcStopSignals).noquote() << name(signalNumber) << "received: stopping";
  Q_EMIT stopRequested(signalNumber);
}

} // namespace pb::app
