// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/documents/printjournal.h"

#include <QAbstractTableModel>

namespace pb::ui {

// This bench's recent print jobs for the lead's list: when, which order, slip or label, where, and how it went.
class PrintJobsModel final : public QAbstractTableModel {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(PrintJobsModel)

public:
  enum Column { Job, Time, Order, Kind, Printer, State, Problem, ColumnCount };

  explicit PrintJobsModel(QObject *parent = nullptr);
  ~PrintJobsModel() override;

  void setJobs(QList<documents::PrintJobSummary> jobs);
  const QList<documents::PrintJobSummary> &jobs() const { return m_jobs; }

  int rowCount(const QModelIndex &parent = {}) const override;
  int columnCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
  QString stateText(const documents::PrintJobSummary &job) const;

  QList<documents::PrintJobSummary> m_jobs;
};

} // namespace pb::ui
