// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

namespace pb::packing {
class PackSession;
}

namespace pb::ui {

// The lines of the order being packed: what to pick, from where, and how many are verified.
class PackLinesModel final : public QAbstractTableModel {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(PackLinesModel)

public:
  enum Column { Bin, Item, Variant, Sku, Verified, State, ColumnCount };

  explicit PackLinesModel(QObject *parent = nullptr);
  ~PackLinesModel() override;

  void setSession(const packing::PackSession *session);
  void lineChanged(int row);
  // The row an over-scan points at is shown in the error colour until acknowledged.
  void setErrorRow(int row);
  // The line manual entry applies to, marked with an arrow.
  void setCurrentRow(int row);

  int rowCount(const QModelIndex &parent = {}) const override;
  int columnCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
  const packing::PackSession *m_session = nullptr;
  int m_errorRow = -1;
  int m_currentRow = -1;
};

} // namespace pb::ui
