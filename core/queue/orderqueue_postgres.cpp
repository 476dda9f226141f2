// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// OrderQueue on PostgreSQL: each state change is one call to a SECURITY DEFINER function (migration 0012) that
// checks the login's mapping, the claim and the lease itself; a station login has no other way to write. Each one
// that does work at the bench carries the packer's sign-in token (migration 0016), the packer the work is theirs.
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/queue/orderqueue.h"
#include "core/queue/orderqueuesupport.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace pb::queue {

using db::isoUtc;

namespace {
Q_LOGGING_CATEGORY(lcQueuePg, "packbench.core.queue.orderqueue_postgres")

Claim claimFromRow(const QVariantList &row, qint64 stationId, const QString &signInToken)
{
  return Claim{row.at(0).toLongLong(),         row.at(1).toLongLong(), stationId,
               row.at(3).toDateTime().toUTC(), row.at(2).toInt(),      signInToken};
}
} // namespace

Error translated(Error error)
{
  // "This order is on hold: REASON" carries the reason; every other message is one of the C++ path's texts.
  static const QString onHold = QStringLiteral("This order is on hold: ");
  if (error.message.startsWith(onHold))
    error.message = trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue", "This order is on hold: %1"))
                        .arg(error.message.mid(onHold.size()));
  else if (error.kind == ErrorKind::Conflict || error.kind == ErrorKind::NotFound ||
           error.kind == ErrorKind::InvalidInput)
    error.message = QCoreApplication::translate("pb::queue::OrderQueue", error.message.toUtf8().constData());
  return error;
}

Result<std::optional<Claim>> OrderQueue::claimNextPostgres(const Actor &actor, qint64 locationId)
{
  auto rows = m_statements.query(
      QStringLiteral("SELECT claim_id, fulfillment_order_id, version, expires_at FROM "
                     "packbench_claim_next(?::bigint, ?::bigint, ?::bigint, ?::integer, ?::text, ?::timestamptz)"),
      {actor.stationId, locationId, db::orNull(actor.packerId), static_cast<int>(m_lease.count()),
       db::textOrNull(actor.signInToken), isoUtc(m_clock.nowUtc())});
  if (!rows)
    return translated(rows.error());
  if (rows->isEmpty())
    return std::optional<Claim>();
  return std::optional<Claim>(claimFromRow(rows->first(), actor.stationId, actor.signInToken));
}

Result<Claim> OrderQueue::claimOrTakeOverPostgres(const Actor &actor, qint64 fulfillmentOrderId,
                                                  const QString &approvalToken)
{
  auto rows = m_statements.query(
      QStringLiteral("SELECT claim_id, fulfillment_order_id, version, expires_at FROM "
                     "packbench_claim_order(?::bigint, ?::bigint, ?::bigint, ?::integer, ?::uuid, ?::text, "
                     "?::timestamptz)"),
      {actor.stationId, fulfillmentOrderId, db::orNull(actor.packerId), static_cast<int>(m_lease.count()),
       db::textOrNull(approvalToken), db::textOrNull(actor.signInToken), isoUtc(m_clock.nowUtc())});
  if (!rows)
    return translated(rows.error());
  if (rows->isEmpty())
    return makeError(ErrorKind::Internal, QStringLiteral("packbench_claim_order returned no claim"));
  return claimFromRow(rows->first(), actor.stationId, actor.signInToken);
}

Status OrderQueue::releasePostgres(const Claim &claim, const QVariant &holdReason, std::optional<qint64> packerId)
{
  auto done = m_statements.query(
      QStringLiteral("SELECT packbench_release(?::bigint, ?::bigint, ?::bigint, ?::text, ?::bigint, ?::text, "
                     "?::timestamptz)"),
      {claim.claimId, claim.stationId, claim.fulfillmentOrderId, holdReason, db::orNull(packerId),
       db::textOrNull(claim.signInToken), isoUtc(m_clock.nowUtc())});
  if (!done)
    return translated(done.error());
  return {};
}

Status OrderQueue::completeInDatabase(const Claim &claim, bool partial)
{
  if (!m_postgres)
    return makeError(ErrorKind::Internal, QStringLiteral("completeInDatabase is for PostgreSQL"));
  auto done = m_statements.query(
      QStringLiteral("SELECT packbench_complete(?::bigint, ?::bigint, ?::bigint, ?::integer, ?::boolean, ?::text, "
                     "?::timestamptz)"),
      {claim.claimId, claim.stationId, claim.fulfillmentOrderId, claim.orderVersion, partial,
       db::textOrNull(claim.signInToken), isoUtc(m_clock.nowUtc())});
  if (!done) {
    if (done.error().kind == ErrorKind::Conflict)
      qCInfo(lcQueuePg) << "pack of fulfillment order" << claim.fulfillmentOrderId
                        << "refused:" << done.error().message;
    return done.error(); // LeasedQueueWorkflow words the refusal for the packer
  }
  return {};
}

Result<int> OrderQueue::reapExpiredPostgres()
{
  auto reaped =
      m_statements.query(QStringLiteral("SELECT packbench_reap_expired(?::timestamptz)"), {isoUtc(m_clock.nowUtc())});
  if (!reaped)
    return reaped.error();
  const int count = reaped->isEmpty() ? 0 : reaped->first().at(0).toInt();
  if (count > 0)
    qCInfo(lcQueuePg) << "expired leases returned to the queue:" << count;
  return count;
}

} // namespace pb::queue
