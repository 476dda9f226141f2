// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace pb::queue {
class QueueNotifier;
}
namespace pb::ui {
class StationWindow;
}

namespace pb::app {

// What `packbench --self-test` checks once the station has started as it would for a packer.
struct SelfTestSubject {
  QSqlDatabase db;
  QString databaseDescription; // safe for output: no password
  const ui::StationWindow *window = nullptr;
  queue::QueueNotifier *notifier = nullptr; // null on SQLite, or when LISTEN could not start
  std::optional<qint64> shopId;             // PostgreSQL: the shop row-level security is scoped to
  std::optional<qint64> locationId;
  QString locationCode;
  QString offlineJournalPath;    // offline packing on and its journal open; empty when off by configuration
  QString offlineJournalProblem; // offline packing on, but its journal did not open
  QStringList printerProblems;   // configured printers this computer cannot reach: reported, not failed
};

// Runs the checks from the event loop (the queue screen, the shop scope, a NOTIFY round trip), prints
// one line per check on stdout and exits the application: 0 when all pass, ExitDatabase otherwise.
void scheduleSelfTest(const SelfTestSubject &subject);

} // namespace pb::app
