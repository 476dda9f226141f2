// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/packlinesmodel.h"

#include "core/packing/packsession.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace pb::ui {

PackLinesModel::PackLinesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

PackLinesModel::~PackLinesModel() = default;

void PackLinesModel::setSession(const packing::PackSession *session)
{
  beginResetModel();
  m_session = session;
  m_errorRow = -1;
  m_currentRow = -1;
  endResetModel();
}

void PackLinesModel::lineChanged(int row)
{
  Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PackLinesModel::setErrorRow(int row)
{
  const int old = std::exchange(m_errorRow, row);
  if (old >= 0 && old < rowCount())
    lineChanged(old);
  if (row >= 0 && row < rowCount())
    lineChanged(row);
}

void PackLinesModel::setCurrentRow(int row)
{
  const int old = std::exchange(m_currentRow, row);
  if (old >= 0 && old < rowCount())
    Q_EMIT dataChanged(index(old, Bin), index(old, Bin));
  if (row >= 0 && row < rowCount())
    Q_EMIT dataChanged(index(row, Bin), index(row, Bin));
}

int PackLinesModel::rowCount(const QModelIndex &parent) const
{
  return parent.isValid() || !m_session ? 0 : static_cast<int>(m_session->lines().size());
}

int PackLinesModel::columnCount(const QModelIndex &parent) const
{
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant PackLinesModel::data(const QModelIndex &index, int role) const
{
  if (!index.isValid() || !m_session || index.row() >= rowCount())
    return {};
  const packing::PackLine &line = m_session->lines().at(index.row());
  const bool error = index.row() == m_errorRow;
  switch (role) {
  case Qt::DisplayRole:
    switch (index.column()) {
    case Bin: return index.row() == m_currentRow ? QStringLiteral("▶ ") + line.bin : line.bin;
    case Item: return line.title;
    case Variant: return line.variantTitle;
    case Sku: return line.sku;
    case Verified: return tr("%1 / %2").arg(line.verified).arg(line.expected);
    case State:
      if (error)
        return tr("Too many!");
      if (line.done())
        return tr("✔ Done");
      if (line.variantId == 0) // a custom item has no barcode to scan: a counted quantity, approved
        return tr("No barcode · F2 to count");
      return line.verified > 0 ? tr("%n more", nullptr, line.expected - line.verified) : tr("To scan");
    }
    break;
  case Qt::BackgroundRole:
    // Same palette as the banner: green done, amber started, red error; white text on all three.
    if (error)
      return QBrush(QColor(0xa0, 0x12, 0x12));
    if (line.done())
      return QBrush(QColor(0x14, 0x63, 0x2d));
    if (line.verified > 0)
      return QBrush(QColor(0x8a, 0x4b, 0x00));
    break;
  case Qt::ForegroundRole:
    if (error || line.verified > 0)
      return QBrush(Qt::white);
    break;
  case Qt::FontRole:
    if (index.column() == Verified || index.column() == Bin) {
      QFont font;
      font.setBold(true);
      return font;
    }
    break;
  case Qt::TextAlignmentRole:
    if (index.column() == Verified)
      return static_cast<int>(Qt::AlignCenter);
    break;
  case Qt::AccessibleTextRole:
    return tr("%1 %2, bin %3, %4 of %5 scanned")
        .arg(line.title, line.variantTitle, line.bin)
        .arg(line.verified)
        .arg(line.expected);
  default: break;
  }
  return {};
}

QVariant PackLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return {};
  switch (section) {
  case Bin: return tr("Bin");
  case Item: return tr("Item");
  case Variant: return tr("Variant");
  case Sku: return tr("SKU");
  case Verified: return tr("Scanned");
  case State: return tr("State");
  }
  return {};
}

} // namespace pb::ui
