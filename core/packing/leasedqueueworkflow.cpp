// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/leasedqueueworkflow.h"

#include "core/audit/auditlog.h"
#include "core/db/sql.h"
#include "core/outbox/enqueue.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace pb::packing {

namespace {

QString trWorkflow(const char *text)
{
  return QCoreApplication::translate("pb::packing::LeasedQueueWorkflow", text);
}

// packbench_complete (migration 0012) refuses with short English; the packer reads the same words as on SQLite.
Status refusalInWords(Status status)
{
  if (status.ok() || status.error().kind != ErrorKind::Conflict)
    return status;
  const QString &message = status.error().message;
  if (message.startsWith(u"This order was edited after"))
    return makeError(ErrorKind::Conflict,
                     QCoreApplication::translate("pb::queue::OrderQueue",
                                                 "This order was edited after it was opened for packing; nothing was "
                                                 "recorded. Put the items back and pack it again."));
  if (message.startsWith(u"More items were verified"))
    return makeError(ErrorKind::Conflict,
                     trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow",
                                                  "This order changed while it was being packed: more items "
                                                  "were verified than it now asks for. Nothing was recorded.")));
  if (message.startsWith(u"Not every item"))
    return makeError(ErrorKind::Conflict,
                     trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow",
                                                  "Not every item was verified in this pack attempt; nothing was "
                                                  "recorded. Scan the missing items or ship partial.")));
  if (message.startsWith(u"Nothing was verified"))
    return makeError(ErrorKind::Conflict,
                     trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow",
                                                  "Nothing was verified in this pack attempt; nothing was "
                                                  "recorded.")));
  return makeError(ErrorKind::Conflict,
                   QCoreApplication::translate("pb::queue::OrderQueue", message.toUtf8().constData()));
}

} // namespace

LeasedQueueWorkflow::LeasedQueueWorkflow(QSqlDatabase db, queue::OrderQueue &queue, qint64 stationId)
    : m_db(std::move(db))
    , m_queue(queue)
    , m_stationId(stationId)
{}

LeasedQueueWorkflow::~LeasedQueueWorkflow() = default;

Result<queue::Claim> LeasedQueueWorkflow::claimOf(const ClaimedOrder &order) const
{
  if (!order.claimId)
    return makeError(ErrorKind::InvalidInput, trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow",
                                                                           "This order was opened without a claim.")));
  return queue::Claim{*order.claimId, order.fulfillmentOrderId, m_stationId, {}, order.orderVersion, order.signInToken};
}

Result<ClaimedOrder> LeasedQueueWorkflow::takeNext(qint64 locationId, const Packer &packer)
{
  auto claimed = m_queue.claimNext(m_stationId, locationId, packer.id, packer.signInToken);
  if (!claimed)
    return claimed.error();
  if (!claimed.value())
    return makeError(ErrorKind::NotFound,
                     trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow", "No order is waiting.")));
  return ClaimedOrder{claimed.value()->fulfillmentOrderId, claimed.value()->claimId, claimed.value()->orderVersion,
                      packer.signInToken};
}

Result<ClaimedOrder> LeasedQueueWorkflow::take(qint64 fulfillmentOrderId, const Packer &packer)
{
  auto claimed = m_queue.claimSpecific(m_stationId, fulfillmentOrderId, packer.id, packer.signInToken);
  if (!claimed)
    return claimed.error();
  return ClaimedOrder{claimed->fulfillmentOrderId, claimed->claimId, claimed->orderVersion, packer.signInToken};
}

Result<ClaimedOrder> LeasedQueueWorkflow::takeOver(qint64 fulfillmentOrderId, const Packer &packer, const Packer &lead)
{
  if (!lead.active || !lead.isLead())
    return makeError(ErrorKind::Permission, trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow",
                                                                         "Only a lead can take over an order.")));
  auto claimed =
      m_queue.takeOver(m_stationId, fulfillmentOrderId, packer.id, lead.id, lead.approvalToken, packer.signInToken);
  if (!claimed)
    return claimed.error();
  return ClaimedOrder{claimed->fulfillmentOrderId, claimed->claimId, claimed->orderVersion, packer.signInToken};
}

Status LeasedQueueWorkflow::releaseHold(qint64 fulfillmentOrderId, const Packer &packer, const Packer &lead)
{
  if (!lead.active || !lead.isLead())
    return makeError(ErrorKind::Permission, trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow",
                                                                         "Only a lead can release a hold.")));
  return m_queue.unhold(fulfillmentOrderId, lead.id, m_stationId, lead.approvalToken, packer.signInToken);
}

Result<QList<VerifiedLine>> LeasedQueueWorkflow::verifiedLines(const queue::Claim &claim, bool partial)
{
  // This claim's accepted scans and approved manual counts per line: earlier attempts never count.
  auto rows =
      db::exec(m_db,
               QStringLiteral("SELECT l.id, l.remaining_quantity, COALESCE(v.n, 0) FROM fulfillment_order_lines l "
                              "LEFT JOIN (SELECT line_id, sum(quantity) AS n FROM scan_events "
                              "WHERE claim_id = ? AND outcome IN ('ok', 'manual') AND line_id IS NOT NULL "
                              "GROUP BY line_id) v ON v.line_id = l.id "
                              "WHERE l.fulfillment_order_id = ? ORDER BY l.id"),
               {claim.claimId, claim.fulfillmentOrderId});
  if (!rows)
    return rows.error();
  QList<VerifiedLine> lines;
  bool complete = true;
  while (rows.value().next()) {
    const VerifiedLine line{rows->value(0).toLongLong(), rows->value(2).toInt()};
    const int remaining = rows->value(1).toInt();
    if (line.quantity > remaining)
      return makeError(ErrorKind::Conflict,
                       trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow",
                                                    "This order changed while it was being packed: more items "
                                                    "were verified than it now asks for. Nothing was recorded.")));
    complete = complete && line.quantity == remaining;
    if (line.quantity > 0)
      lines.append(line);
  }
  if (!partial && !complete)
    return makeError(ErrorKind::Conflict,
                     trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow",
                                                  "Not every item was verified in this pack attempt; nothing was "
                                                  "recorded. Scan the missing items or ship partial.")));
  if (lines.isEmpty())
    return makeError(ErrorKind::Conflict,
                     trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow",
                                                  "Nothing was verified in this pack attempt; nothing was "
                                                  "recorded.")));
  return lines;
}

Status LeasedQueueWorkflow::enqueueFulfillment(const queue::Claim &claim, bool partial,
                                               const QList<VerifiedLine> &lines)
{
  // The fulfillment sends exactly what was verified, full and partial alike: the outbox worker
  // posts these quantities and never re-reads the order's lines.
  outbox::FulfillmentCreate body;
  body.fulfillmentOrderId = claim.fulfillmentOrderId;
  body.partial = partial;
  body.claimId = claim.claimId;
  body.version = claim.orderVersion;
  body.lines.emplace();
  for (const VerifiedLine &line : lines)
    body.lines->append({line.lineId, line.quantity});
  const outbox::Message message = outbox::Message::fulfillmentCreate(std::move(body));
  // The key is unique: a second finish of the same order can never enqueue a second fulfillment.
  auto inserted = outbox::enqueue(m_db, message);
  if (!inserted)
    return inserted.error();
  if (!*inserted)
    return makeError(ErrorKind::NotFound,
                     trWorkflow(QT_TRANSLATE_NOOP("pb::packing::LeasedQueueWorkflow", "This order no longer exists.")));
  return audit::write(m_db, {audit::Actor::station(m_stationId), QStringLiteral("fulfillment.enqueued"),
                             audit::Subject::fulfillmentOrder(claim.fulfillmentOrderId),
                             QJsonObject{{QStringLiteral("claim_id"), claim.claimId},
                                         {QStringLiteral("idempotency_key"), message.idempotencyKey},
                                         {QStringLiteral("partial"), partial},
                                         {QStringLiteral("version"), claim.orderVersion}},
                             std::nullopt});
}

Status LeasedQueueWorkflow::finish(const ClaimedOrder &order, bool partial)
{
  if (db::isPostgres(m_db)) // packbench_complete is one statement: its own transaction
    return finishWithin(order, partial);
  return db::inTransaction(m_db, [&]() -> Status { return finishWithin(order, partial); });
}

Status LeasedQueueWorkflow::finishWithin(const ClaimedOrder &order, bool partial)
{
  auto claim = claimOf(order);
  if (!claim)
    return claim.error();
  if (db::isPostgres(m_db))
    return refusalInWords(m_queue.completeInDatabase(*claim, partial));
  if (Status packed = m_queue.markPacked(*claim); !packed)
    return packed; // cancelled, edited or lease lost: nothing of this finish is kept
  auto lines = verifiedLines(*claim, partial);
  if (!lines)
    return lines.error();
  return enqueueFulfillment(*claim, partial, *lines);
}

Status LeasedQueueWorkflow::hold(const ClaimedOrder &order, const QString &reason)
{
  auto claim = claimOf(order);
  if (!claim)
    return claim.error();
  return m_queue.hold(*claim, reason);
}

Status LeasedQueueWorkflow::holdWithin(const ClaimedOrder &order, const QString &reason)
{
  auto claim = claimOf(order);
  if (!claim)
    return claim.error();
  return m_queue.holdWithin(*claim, reason);
}

Status LeasedQueueWorkflow::release(const ClaimedOrder &order)
{
  auto claim = claimOf(order);
  if (!claim)
    return claim.error();
  return m_queue.release(*claim);
}

Status LeasedQueueWorkflow::keepAlive(const ClaimedOrder &order)
{
  auto claim = claimOf(order);
  if (!claim)
    return claim.error();
  return m_queue.heartbeat(*claim);
}

Result<bool> LeasedQueueWorkflow::wasFinished(const ClaimedOrder &order)
{
  auto claim = claimOf(order);
  if (!claim)
    return claim.error();
  auto landed = db::exec(m_db,
                         QStringLiteral("SELECT count(*) FROM claims c JOIN fulfillment_orders f "
                                        "ON f.id = c.fulfillment_order_id WHERE c.id = ? AND c.station_id = ? "
                                        "AND c.release_reason = 'completed' AND f.pack_state = 'packed'"),
                         {claim->claimId, m_stationId});
  if (!landed)
    return landed.error();
  return landed.value().next() && landed.value().value(0).toLongLong() > 0;
}

} // namespace pb::packing
