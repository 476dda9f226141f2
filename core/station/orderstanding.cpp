// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/station/orderstanding.h"

#include "core/db/sql.h"

#include <QSqlQuery>

namespace pb::station {

Result<OrderStanding> orderStanding(const QSqlDatabase &db, const packing::ClaimedOrder &order)
{
  auto now = db::exec(db, QStringLiteral("SELECT pack_state, version FROM fulfillment_orders WHERE id = ?"),
                      {order.fulfillmentOrderId});
  if (!now)
    return now.error();
  OrderStanding standing;
  QSqlQuery &row = now.value();
  if (!row.next())
    return standing; // gone: moved out of this bench's reach
  standing.packState = row.value(0).toString();
  standing.version = row.value(1).toInt();
  if (standing.packState == u"cancelled")
    standing.kind = OrderStanding::Kind::Cancelled;
  else if (standing.packState != u"claimed")
    standing.kind = OrderStanding::Kind::Moved;
  else if (standing.version != order.orderVersion)
    standing.kind = OrderStanding::Kind::Edited;
  else
    standing.kind = OrderStanding::Kind::Unchanged;
  return standing;
}

} // namespace pb::station
