// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/queue/queuelisting.h"

#include <QAbstractTableModel>

namespace pb::ui {

// The orders waiting at this station's warehouse, in claim order.
class QueueTableModel final : public QAbstractTableModel {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(QueueTableModel)

public:
  enum Column { Priority, Order, ShipBy, Method, Items, State, ColumnCount };

  explicit QueueTableModel(const Clock &clock, QObject *parent = nullptr);
  ~QueueTableModel() override;

  void setOrders(QList<queue::WaitingOrder> orders);
  const QList<queue::WaitingOrder> &orders() const { return m_orders; }

  int rowCount(const QModelIndex &parent = {}) const override;
  int columnCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
  QString shipByText(const QDateTime &shipBy) const;

  const Clock &m_clock;
  QList<queue::WaitingOrder> m_orders;
};

} // namespace pb::ui
