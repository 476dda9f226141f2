// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/packworkflow.h"

#include "core/db/sql.h"

namespace pb::packing {

PackWorkflow::~PackWorkflow() = default;

UnleasedDemoWorkflow::UnleasedDemoWorkflow(QSqlDatabase db)
    : m_db(std::move(db))
{}

Status UnleasedDemoWorkflow::moveState(qint64 fulfillmentOrderId, const QString &from, const QString &to,
                                       const QVariant &reason)
{
  auto moved = db::exec(m_db,
                        QStringLiteral("UPDATE fulfillment_orders SET pack_state = ?, hold_reason = ?, "
                                       "version = version + 1 WHERE id = ? AND pack_state = ?"),
                        {to, reason, fulfillmentOrderId, from});
  if (!moved)
    return moved.error();
  if (moved.value().numRowsAffected() != 1)
    return makeError(ErrorKind::Conflict,
                     QStringLiteral("fulfillment order %1 is no longer %2").arg(fulfillmentOrderId).arg(from));
  return {};
}

Result<ClaimedOrder> UnleasedDemoWorkflow::takeNext(qint64 locationId, const Packer &packer)
{
  auto next = db::exec(m_db,
                       QStringLiteral("SELECT id FROM fulfillment_orders WHERE location_id = ? AND pack_state = "
                                      "'queued' ORDER BY priority DESC, ship_by, id LIMIT 1"),
                       {locationId});
  if (!next)
    return next.error();
  if (!next.value().next())
    return makeError(ErrorKind::NotFound, QStringLiteral("no order waiting"));
  return take(next.value().value(0).toLongLong(), packer);
}

Result<ClaimedOrder> UnleasedDemoWorkflow::take(qint64 fulfillmentOrderId, const Packer &)
{
  Status taken = moveState(fulfillmentOrderId, QStringLiteral("queued"), QStringLiteral("claimed"));
  if (!taken && taken.error().kind != ErrorKind::Conflict)
    return taken.error();
  if (!taken) { // already claimed: on this single station that is our own unfinished order
    auto state =
        db::exec(m_db, QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fulfillmentOrderId});
    if (!state)
      return state.error();
    if (!state.value().next() || state.value().value(0).toString() != u"claimed")
      return taken.error();
  }
  return ClaimedOrder{fulfillmentOrderId, std::nullopt};
}

Status UnleasedDemoWorkflow::finish(const ClaimedOrder &order, bool)
{
  return moveState(order.fulfillmentOrderId, QStringLiteral("claimed"), QStringLiteral("packed"));
}

Status UnleasedDemoWorkflow::hold(const ClaimedOrder &order, const QString &reason)
{
  return moveState(order.fulfillmentOrderId, QStringLiteral("claimed"), QStringLiteral("held"), reason);
}

Status UnleasedDemoWorkflow::release(const ClaimedOrder &order)
{
  return moveState(order.fulfillmentOrderId, QStringLiteral("claimed"), QStringLiteral("queued"));
}

} // namespace pb::packing
