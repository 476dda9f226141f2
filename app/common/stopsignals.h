// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace pb::app {

// Turns SIGTERM (systemd's stop) and SIGINT (Ctrl+C) into stopRequested() on the main thread, so a
// program stops taking work, finishes or hands back what is in flight and flushes its logs before
// exiting 0, instead of being cut off by the default action. One instance per process.
class StopSignals final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(StopSignals)

public:
  explicit StopSignals(QObject *parent = nullptr);
  // Restores the default actions: a signal after this ends the process at once.
  ~StopSignals() override;

  // The first signal received, 0 while none was.
  int received() const { return m_received; }
  static QString name(int signalNumber);

Q_SIGNALS:
  // Emitted once, for the first signal; later ones are only logged.
  void stopRequested(int signalNumber);

private:
  void readSignal();

  QSocketNotifier *m_notifier = nullptr;
  int m_received = 0;
};

} // namespace pb::app
