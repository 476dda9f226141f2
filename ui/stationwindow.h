// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/queue/queuelisting.h"

#include <QMainWindow>
#include <QSqlDatabase>

class QComboBox;
class QLabel;
class QTableView;
class QTimer;

namespace pb::ui {

class QueueTableModel;
class StatusBanner;

struct StationIdentity {
  QString stationName;
  QString locationCode;  // empty: first location
  QString databaseLabel; // e.g. "Embedded demo database"
};

// The station's main window: who and where we are, the status banner, and the queue.
class StationWindow final : public QMainWindow {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(StationWindow)

public:
  StationWindow(QSqlDatabase db, const Clock &clock, StationIdentity identity, QWidget *parent = nullptr);
  ~StationWindow() override;

  QueueTableModel *queueModel() const { return m_model; }
  StatusBanner *banner() const { return m_banner; }

public Q_SLOTS:
  void refreshQueue();

private:
  void buildUi();
  bool loadLocations();
  qint64 currentLocationId() const;

  QSqlDatabase m_db;
  const Clock &m_clock;
  StationIdentity m_identity;
  QList<queue::Location> m_locations;

  StatusBanner *m_banner = nullptr;
  QComboBox *m_locationCombo = nullptr;
  QLabel *m_countLabel = nullptr;
  QTableView *m_table = nullptr;
  QueueTableModel *m_model = nullptr;
  QTimer *m_fallbackPoll = nullptr;
};

} // namespace pb::ui
