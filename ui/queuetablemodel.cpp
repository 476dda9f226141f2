// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/queuetablemodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace pb::ui {

QueueTableModel::QueueTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{}

QueueTableModel::~QueueTableModel() = default;

void QueueTableModel::setOrders(QList<queue::WaitingOrder> orders)
{
  beginResetModel();
  m_orders = std::move(orders);
  endResetModel();
}

int QueueTableModel::rowCount(const QModelIndex &parent) const
{
  return parent.isValid() ? 0 : static_cast<int>(m_orders.size());
}

int QueueTableModel::columnCount(const QModelIndex &parent) const
{
  return parent.isValid() ? 0 : ColumnCount;
}

QString QueueTableModel::shipByText(const QDateTime &shipBy) const
{
  if (!shipBy.isValid())
    return tr("—");
  const qint64 minutes = m_clock.nowUtc().secsTo(shipBy) / 60;
  if (minutes < 0)
    return tr("late by %1 h %2 min").arg(-minutes / 60).arg(-minutes % 60);
  if (minutes < 60)
    return tr("in %1 min").arg(minutes);
  if (minutes < 6 * 60) // close enough that minutes matter at the bench
    return tr("in %1 h %2 min").arg(minutes / 60).arg(minutes % 60);
  return tr("in %1 h").arg(minutes / 60);
}

QVariant QueueTableModel::data(const QModelIndex &index, int role) const
{
  if (!index.isValid() || index.row() >= m_orders.size())
    return {};
  const queue::WaitingOrder &o = m_orders.at(index.row());
  const bool urgent = o.shipBy.isValid() && m_clock.nowUtc().secsTo(o.shipBy) < 2 * 3600;
  switch (role) {
  case Qt::DisplayRole:
    switch (index.column()) {
    case Priority: return o.priority >= 2 ? tr("Express") : o.priority == 1 ? tr("Rush") : tr("Standard");
    case Order: return o.orderName;
    case ShipBy: return shipByText(o.shipBy);
    case Method: return o.shippingMethod;
    case Items: return QString(tr("%n item(s)", nullptr, o.itemCount) + tr(" / %n line(s)", nullptr, o.lineCount));
    case State:
      if (o.packState == u"claimed")
        return tr("Being packed");
      if (o.packState == u"held")
        return tr("On hold");
      return tr("Waiting");
    }
    break;
  case Qt::ForegroundRole:
    if (index.column() == ShipBy && urgent)
      return QBrush(QColor(0xb4, 0x23, 0x18));
    if (index.column() == Priority && o.priority >= 2)
      return QBrush(QColor(0x8a, 0x1c, 0x7c));
    break;
  case Qt::FontRole:
    if (index.column() == Order || (index.column() == Priority && o.priority > 0)) {
      QFont font;
      font.setBold(true);
      return font;
    }
    break;
  case Qt::AccessibleTextRole:
    return tr("Order %1, %2, ship %3")
        .arg(o.orderName, data(index.siblingAtColumn(Priority), Qt::DisplayRole).toString(), shipByText(o.shipBy));
  default: break;
  }
  return {};
}

QVariant QueueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return {};
  switch (section) {
  case Priority: return tr("Priority");
  case Order: return tr("Order");
  case ShipBy: return tr("Ship by");
  case Method: return tr("Shipping method");
  case Items: return tr("Contents");
  case State: return tr("State");
  }
  return {};
}

} // namespace pb::ui
