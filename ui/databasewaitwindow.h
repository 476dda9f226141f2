// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/connection.h"

#include <QWidget>

class QLabel;
class QTimer;

namespace pb::db {
class ReachCheck;
}

namespace pb::ui {

class StatusBanner;

// The bench that waits: its name, and the order it held when it stopped (from its offline journal).
struct WaitingBench {
  QString stationName;
  QString heldOrderName; // empty: the bench held no order
  int eventsKept = 0;    // what was done offline to that order and is recorded once the database is back
};

// What a bench shows when it is switched on before the central database answers (a morning start before the
// server, a restart during an outage): it says so in words a packer reads, tries again by itself, and hands over
// to the station once a try gets through. The station does not start on its own data meanwhile.
class DatabaseWaitWindow final : public QWidget {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(DatabaseWaitWindow)

public:
  // firstError: why the start's own try failed (the database did not answer, or is still at the old schema).
  DatabaseWaitWindow(db::ConnectionSettings settings, const WaitingBench &bench, const Error &firstError,
                     QWidget *parent = nullptr);
  ~DatabaseWaitWindow() override;

  int failedTries() const { return m_failedTries; }
  const QString &lastError() const { return m_lastError; }

Q_SIGNALS:
  void reachable();     // a try got through: open the station's connections now
  void quitRequested(); // Ctrl+Q, or the window closed

protected:
  void closeEvent(QCloseEvent *event) override;

private:
  void tryNow();
  void tried(bool reached, const QString &error, bool schemaBehind);
  void showState();

  db::ConnectionSettings m_settings;
  StatusBanner *m_banner = nullptr;
  QLabel *m_details = nullptr;
  QTimer *m_retry = nullptr;
  QTimer *m_countdown = nullptr; // the "trying again in N s" line, once a second
  db::ReachCheck *m_reach = nullptr;
  QString m_lastError;
  bool m_schemaBehind = false; // it answers, but its upgrade's migrate has not run yet
  int m_failedTries = 0;
  bool m_handedOver = false;
};

// Shows the window and waits until the database answers at this program's schema (true) or the packer closes
// Packbench (false).
bool waitForCentralDatabase(const db::ConnectionSettings &settings, const WaitingBench &bench, const Error &firstError);

} // namespace pb::ui
