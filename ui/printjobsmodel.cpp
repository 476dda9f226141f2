// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printjobsmodel.h"

#include <QBrush>
#include <QColor>

namespace pb::ui {

using documents::PrintStatus;

PrintJobsModel::PrintJobsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

PrintJobsModel::~PrintJobsModel() = default;

void PrintJobsModel::setJobs(QList<documents::PrintJobSummary> jobs)
{
  beginResetModel();
  m_jobs = std::move(jobs);
  endResetModel();
}

int PrintJobsModel::rowCount(const QModelIndex &parent) const
{
  return parent.isValid() ? 0 : static_cast<int>(m_jobs.size());
}

int PrintJobsModel::columnCount(const QModelIndex &parent) const
{
  return parent.isValid() ? 0 : ColumnCount;
}

QString PrintJobsModel::stateText(const documents::PrintJobSummary &job) const
{
  switch (job.status) {
  case PrintStatus::Queued: return tr("Waiting");
  case PrintStatus::Sent: return tr("Sending");
  case PrintStatus::Retrying: return tr("Trying again (attempt %1)").arg(job.attempts + 1);
  case PrintStatus::Failed: return tr("FAILED");
  case PrintStatus::Moved: return tr("Moved to job %1").arg(job.movedToJobId);
  case PrintStatus::Done: return tr("Printed");
  }
  return {};
}

QVariant PrintJobsModel::data(const QModelIndex &index, int role) const
{
  if (!index.isValid() || index.row() >= m_jobs.size())
    return {};
  const documents::PrintJobSummary &job = m_jobs.at(index.row());
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
    case Job: return job.id;
    case Time: return QLocale().toString(job.createdAt.toLocalTime().time(), QLocale::ShortFormat);
    case Order: return job.orderName.isEmpty() ? tr("(no order)") : job.orderName;
    case Kind:
      return job.kind == documents::PrintKind::Slip ? tr("Slip")
             : job.boxNo > 0                        ? tr("Label · box %1").arg(job.boxNo)
                                                    : tr("Label");
    case Printer: return job.printer.isEmpty() ? tr("(default printer)") : job.printer; // its name not found yet
    case State: return stateText(job);
    case Problem:
      return job.status == PrintStatus::Done || job.status == PrintStatus::Moved ? QString() : job.lastError;
    default: return {};
    }
  }
  if (role == Qt::ToolTipRole && index.column() == Problem)
    return job.lastError;
  if (role == Qt::BackgroundRole && index.column() == State) {
    if (job.status == PrintStatus::Failed)
      return QBrush(QColor(0xf8, 0xd7, 0xda)); // the one a lead looks for first
    if (job.status == PrintStatus::Retrying || job.status == PrintStatus::Queued || job.status == PrintStatus::Sent)
      return QBrush(QColor(0xff, 0xf3, 0xcd));
  }
  return {};
}

QVariant PrintJobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return {};
  switch (section) {
  case Job: return tr("Job");
  case Time: return tr("Time");
  case Order: return tr("Order");
  case Kind: return tr("What");
  case Printer: return tr("Printer");
  case State: return tr("State");
  case Problem: return tr("Problem");
  default: return {};
  }
}

} // namespace pb::ui
