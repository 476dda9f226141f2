// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/queue/orderqueue.h"

#include "core/audit/auditlog.h"
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/queue/orderqueuesupport.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLoggingCategory>

namespace pb::queue {

using db::isoUtc;

namespace {
Q_LOGGING_CATEGORY(lcQueue, "packbench.core.queue.orderqueue")

} // namespace

QString trQueue(const char *text)
{
  return QCoreApplication::translate("pb::queue::OrderQueue", text);
}

namespace {

// The bench's claim is gone (lapsed and given back, or closed): on SQLite, the words of PostgreSQL's PBC01.
Error leaseLost()
{
  return makeError(ErrorKind::Conflict, trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue",
                                                                  "The lease on this order was lost; it went back to "
                                                                  "the queue.")));
}

// Cancelled or edited under the bench: nothing of what it asked is kept (PBC06).
Error changedWhilePacked()
{
  return makeError(ErrorKind::Conflict, trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue",
                                                                  "This order changed while it was being packed.")));
}

} // namespace

OrderQueue::OrderQueue(QSqlDatabase db, const Clock &clock, std::chrono::seconds lease)
    : m_db(std::move(db))
    , m_clock(clock)
    , m_lease(lease)
    , m_postgres(db::isPostgres(m_db))
    , m_statements(m_db)
{}

OrderQueue::~OrderQueue() = default;

QString OrderQueue::sql(QString text) const
{
  // One text for both drivers: PostgreSQL needs typed parameters where it cannot infer them.
  text.replace(QStringLiteral("{ts}"), m_postgres ? QStringLiteral("?::timestamptz") : QStringLiteral("?"));
  text.replace(QStringLiteral("{id}"), m_postgres ? QStringLiteral("?::bigint") : QStringLiteral("?"));
  text.replace(QStringLiteral("{json}"), m_postgres ? QStringLiteral("?::jsonb") : QStringLiteral("?"));
  return text;
}

template <typename Body> Status OrderQueue::inWriteTransaction(Body &&body)
{
  if (m_postgres)
    return db::inTransaction(m_db, std::forward<Body>(body));
  // SQLite: take the write lock up front so two writers never deadlock upgrading a read lock.
  if (auto begun = db::execStatic(m_db, QStringLiteral("BEGIN IMMEDIATE")); !begun)
    return begun.error();
  Status status = body();
  if (status.ok()) {
    if (auto committed = db::execStatic(m_db, QStringLiteral("COMMIT")); committed)
      return {};
    else
      status = committed.error();
  }
  (void)db::execStatic(m_db, QStringLiteral("ROLLBACK"));
  return status;
}

Status OrderQueue::audit(const QString &now, const Actor &actor, const QString &action, qint64 fulfillmentOrderId,
                         const QJsonObject &details)
{
  // Packer when known, else the station, else the system (the reaper, a lead's console).
  return audit::write(m_statements, {audit::Actor::atBench(actor.stationId, actor.packerId), action,
                                     audit::Subject::fulfillmentOrder(fulfillmentOrderId), details,
                                     QDateTime::fromString(now, Qt::ISODateWithMs)});
}

Status OrderQueue::auditClaim(const QString &now, const Claim &claim, const QString &action, QJsonObject details)
{
  details.insert(QStringLiteral("claim_id"), claim.claimId);
  return audit(now, {claim.stationId, {}}, action, claim.fulfillmentOrderId, details);
}

Result<Claim> OrderQueue::insertClaim(const QString &now, const Actor &actor, qint64 fulfillmentOrderId,
                                      const QString &action, const QJsonObject &details)
{
  auto version = orderVersion(fulfillmentOrderId);
  if (!version)
    return version.error();
  const QDateTime expires = m_clock.nowUtc().addSecs(m_lease.count());
  auto rows = m_statements.query(
      sql(QStringLiteral("INSERT INTO claims (fulfillment_order_id, station_id, packer_id, claimed_at, heartbeat_at, "
                         "expires_at) VALUES (?, ?, {id}, {ts}, {ts}, {ts}) RETURNING id")),
      {fulfillmentOrderId, actor.stationId, db::orNull(actor.packerId), now, now, isoUtc(expires)});
  if (!rows)
    return rows.error();
  if (rows->isEmpty())
    return makeError(ErrorKind::Internal, QStringLiteral("claim insert returned no id"));
  const Claim claim{
      rows->first().at(0).toLongLong(), fulfillmentOrderId, actor.stationId, expires, *version, actor.signInToken};
  QJsonObject audited = details;
  audited.insert(QStringLiteral("claim_id"), claim.claimId);
  if (Status written = audit(now, actor, action, fulfillmentOrderId, audited); !written)
    return written.error();
  return claim;
}

Result<int> OrderQueue::orderVersion(qint64 fulfillmentOrderId)
{
  auto rows =
      m_statements.query(QStringLiteral("SELECT version FROM fulfillment_orders WHERE id = ?"), {fulfillmentOrderId});
  if (!rows)
    return rows.error();
  if (rows->isEmpty())
    return makeError(ErrorKind::NotFound,
                     trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue", "No such order in the queue.")));
  return rows->first().at(0).toInt();
}

Result<std::optional<Claim>> OrderQueue::claimNext(qint64 stationId, qint64 locationId, std::optional<qint64> packerId,
                                                   const QString &signInToken)
{
  return m_postgres ? claimNextPostgres({stationId, packerId, signInToken}, locationId)
                    : claimNextSqlite(stationId, locationId, packerId);
}

Result<Claim> OrderQueue::takeQueued(const QString &now, const Actor &actor, qint64 fulfillmentOrderId,
                                     const QString &action, const QJsonObject &details)
{
  auto taken = m_statements.command(
      sql(QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'claimed', updated_at = {ts} WHERE id = ?")),
      {now, fulfillmentOrderId});
  if (!taken)
    return taken.error();
  return insertClaim(now, actor, fulfillmentOrderId, action, details);
}

Result<std::optional<Claim>> OrderQueue::claimNextSqlite(qint64 stationId, qint64 locationId,
                                                         std::optional<qint64> packerId)
{
  std::optional<Claim> claimed;
  const Status status = inWriteTransaction([&]() -> Status {
    auto next = m_statements.query(QStringLiteral("SELECT id FROM fulfillment_orders WHERE location_id = ? AND "
                                                  "pack_state = 'queued' ORDER BY priority DESC, ship_by NULLS LAST, "
                                                  "id LIMIT 1"),
                                   {locationId});
    if (!next)
      return next.error();
    if (next->isEmpty())
      return {};
    const qint64 foId = next->first().at(0).toLongLong();
    auto claim = takeQueued(isoUtc(m_clock.nowUtc()), {stationId, packerId}, foId, QStringLiteral("claim"));
    if (!claim)
      return claim.error();
    claimed = *claim;
    return {};
  });
  if (!status)
    return status.error();
  return claimed;
}

Result<Claim> OrderQueue::claimSpecific(qint64 stationId, qint64 fulfillmentOrderId, std::optional<qint64> packerId,
                                        const QString &signInToken)
{
  return claimOrTakeOver({stationId, packerId, signInToken}, fulfillmentOrderId, std::nullopt);
}

Result<Claim> OrderQueue::takeOver(qint64 stationId, qint64 fulfillmentOrderId, qint64 packerId,
                                   qint64 approvedByLeadId, const QString &approvalToken, const QString &signInToken)
{
  if (m_postgres && !approvalToken.isEmpty())
    return claimOrTakeOverPostgres({stationId, packerId, signInToken}, fulfillmentOrderId, approvalToken);
  return claimOrTakeOver({stationId, packerId, signInToken}, fulfillmentOrderId, approvedByLeadId);
}

Result<Claim> OrderQueue::claimOrTakeOver(const Actor &actor, qint64 fulfillmentOrderId,
                                          std::optional<qint64> approvedByLeadId)
{
  if (m_postgres && !approvedByLeadId)
    return claimOrTakeOverPostgres(actor, fulfillmentOrderId, {});
  std::optional<Claim> claimed;
  const Status status = inWriteTransaction([&]() -> Status {
    auto order = m_statements.query(
        m_postgres ? QStringLiteral("SELECT pack_state, hold_reason FROM fulfillment_orders WHERE id = ? FOR UPDATE")
                   : QStringLiteral("SELECT pack_state, hold_reason FROM fulfillment_orders WHERE id = ?"),
        {fulfillmentOrderId});
    if (!order)
      return order.error();
    if (order->isEmpty())
      return makeError(ErrorKind::NotFound,
                       trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue", "No such order in the queue.")));
    const QString state = order->first().at(0).toString();
    const QString now = isoUtc(m_clock.nowUtc());
    if (state == u"queued") {
      auto claim = takeQueued(now, actor, fulfillmentOrderId, QStringLiteral("claim_specific"));
      if (!claim)
        return claim.error();
      claimed = *claim;
      return {};
    }
    if (state == u"claimed") {
      auto taken = takeClaimed(now, actor, fulfillmentOrderId, approvedByLeadId);
      if (!taken)
        return taken.error();
      claimed = *taken;
      return {};
    }
    if (state == u"held")
      return makeError(ErrorKind::Conflict,
                       trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue", "This order is on hold: %1"))
                           .arg(order->first().at(1).toString()));
    if (state == u"packed")
      return makeError(ErrorKind::Conflict,
                       trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue", "This order is already packed.")));
    return makeError(ErrorKind::Conflict,
                     trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue", "This order was cancelled.")));
  });
  if (!status)
    return status.error();
  return *claimed;
}

Result<Claim> OrderQueue::takeClaimed(const QString &now, const Actor &actor, qint64 fulfillmentOrderId,
                                      std::optional<qint64> approvedByLeadId)
{
  auto open = m_statements.query(
      sql(QStringLiteral("SELECT id, station_id, CASE WHEN expires_at <= {ts} THEN 1 ELSE 0 END FROM claims "
                         "WHERE fulfillment_order_id = ? AND released_at IS NULL")),
      {now, fulfillmentOrderId});
  if (!open)
    return open.error();
  if (open->isEmpty()) // claimed with no open claim: only a hand-edited row; claim it afresh
    return insertClaim(now, actor, fulfillmentOrderId, QStringLiteral("claim_specific"));
  const Claim held{open->first().at(0).toLongLong(), fulfillmentOrderId, open->first().at(1).toLongLong(), {}};
  const bool expired = open->first().at(2).toInt() == 1;
  if (held.stationId == actor.stationId) {
    // This station already holds it (restart, second scan of the slip): resume the lease and its scans.
    auto version = orderVersion(fulfillmentOrderId);
    if (!version)
      return version.error();
    Claim claim{held.claimId, fulfillmentOrderId, actor.stationId, m_clock.nowUtc().addSecs(m_lease.count()),
                *version,     actor.signInToken};
    auto extended = m_statements.command(
        sql(QStringLiteral("UPDATE claims SET heartbeat_at = {ts}, expires_at = {ts} WHERE id = ?")),
        {now, isoUtc(claim.expiresAt), claim.claimId});
    if (!extended)
      return extended.error();
    return claim;
  }
  if (!expired && !approvedByLeadId)
    return makeError(ErrorKind::Conflict, trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue",
                                                                    "This order is being packed at another station.")));
  // The other attempt ends here; its scans stay in scan_events under its own claim id.
  if (Status closed = closeClaim(held, now, expired ? QStringLiteral("expired") : QStringLiteral("released")); !closed)
    return closed.error();
  QJsonObject details{{QStringLiteral("previous_claim_id"), held.claimId},
                      {QStringLiteral("previous_station_id"), held.stationId}};
  if (approvedByLeadId)
    details.insert(QStringLiteral("approved_by_packer_id"), *approvedByLeadId);
  return insertClaim(now, actor, fulfillmentOrderId,
                     expired && !approvedByLeadId ? QStringLiteral("claim_after_expiry") : QStringLiteral("take_over"),
                     details);
}

Status OrderQueue::heartbeat(const Claim &claim)
{
  const QDateTime nowTime = m_clock.nowUtc();
  if (m_postgres) {
    auto extended = m_statements.query(
        QStringLiteral("SELECT packbench_heartbeat(?::bigint, ?::bigint, ?::integer, ?::timestamptz)"),
        {claim.claimId, claim.stationId, static_cast<int>(m_lease.count()), isoUtc(nowTime)});
    if (!extended)
      return translated(extended.error());
    return {};
  }
  // As packbench_heartbeat (migration 0023): the claim renewed, or revived when its lease ran out and nobody has
  // claimed the order since.
  bool renewed = false;
  const Status written = inWriteTransaction([&]() -> Status {
    const QString now = isoUtc(nowTime);
    const QString expires = isoUtc(nowTime.addSecs(m_lease.count()));
    auto updated = m_statements.command(sql(QStringLiteral("UPDATE claims SET heartbeat_at = {ts}, expires_at = {ts} "
                                                           "WHERE id = ? AND station_id = ? AND released_at IS NULL")),
                                        {now, expires, claim.claimId, claim.stationId});
    if (!updated)
      return updated.error();
    renewed = *updated > 0;
    if (renewed)
      return {};
    auto revived = m_statements.command(
        sql(QStringLiteral("UPDATE claims SET released_at = NULL, release_reason = NULL, heartbeat_at = {ts}, "
                           "expires_at = {ts} WHERE id = ? AND station_id = ? AND release_reason = 'expired' "
                           "AND EXISTS (SELECT 1 FROM fulfillment_orders f WHERE f.id = claims.fulfillment_order_id "
                           "AND f.pack_state = 'queued') AND NOT EXISTS (SELECT 1 FROM claims n WHERE "
                           "n.fulfillment_order_id = claims.fulfillment_order_id AND n.id > claims.id)")),
        {now, expires, claim.claimId, claim.stationId});
    if (!revived)
      return revived.error();
    renewed = *revived > 0;
    if (!renewed)
      return {};
    auto claimed = m_statements.command(
        sql(QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'claimed', updated_at = {ts} WHERE id = "
                           "(SELECT fulfillment_order_id FROM claims WHERE id = ?)")),
        {now, claim.claimId});
    if (!claimed)
      return claimed.error();
    return auditClaim(now, claim, QStringLiteral("lease_revived"));
  });
  if (!written)
    return written;
  if (!renewed)
    return leaseLost();
  return {};
}

Status OrderQueue::closeClaim(const Claim &claim, const QString &now, const QString &reason)
{
  auto closed = m_statements.command(
      sql(QStringLiteral("UPDATE claims SET released_at = {ts}, release_reason = ? "
                         "WHERE id = ? AND station_id = ? AND fulfillment_order_id = ? AND released_at IS NULL")),
      {now, reason, claim.claimId, claim.stationId, claim.fulfillmentOrderId});
  if (!closed)
    return closed.error();
  if (*closed == 0)
    return leaseLost();
  return {};
}

Status OrderQueue::requeue(const Claim &claim, const QString &now, const QString &reason)
{
  if (Status closed = closeClaim(claim, now, reason); !closed)
    return closed;
  auto requeued = m_statements.command(sql(QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued', "
                                                          "updated_at = {ts} WHERE id = ? AND pack_state = 'claimed'")),
                                       {now, claim.fulfillmentOrderId});
  return requeued ? Status{} : Status{requeued.error()};
}

Status OrderQueue::release(const Claim &claim)
{
  if (m_postgres)
    return releasePostgres(claim, db::textOrNull(QString()), std::nullopt);
  return inWriteTransaction([&]() -> Status {
    const QString now = isoUtc(m_clock.nowUtc());
    if (Status requeued = requeue(claim, now, QStringLiteral("released")); !requeued)
      return requeued;
    return auditClaim(now, claim, QStringLiteral("release"));
  });
}

Status OrderQueue::hold(const Claim &claim, const QString &reason, std::optional<qint64> packerId)
{
  if (m_postgres) // packbench_release is one statement: its own transaction
    return holdWithin(claim, reason, packerId);
  return inWriteTransaction([&]() -> Status { return holdWithin(claim, reason, packerId); });
}

Status OrderQueue::holdWithin(const Claim &claim, const QString &reason, std::optional<qint64> packerId)
{
  if (reason.trimmed().isEmpty())
    return makeError(ErrorKind::InvalidInput,
                     trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue", "A hold needs a reason.")));
  if (m_postgres)
    return releasePostgres(claim, reason.trimmed(), packerId);
  const QString now = isoUtc(m_clock.nowUtc());
  if (Status closed = closeClaim(claim, now, QStringLiteral("held")); !closed)
    return closed;
  auto held = m_statements.command(
      sql(QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'held', hold_reason = ?, updated_at = {ts} "
                         "WHERE id = ? AND pack_state = 'claimed'")),
      {reason.trimmed(), now, claim.fulfillmentOrderId});
  if (!held)
    return held.error();
  if (*held == 0) // cancelled under the bench: the caller's transaction keeps nothing of the hold
    return changedWhilePacked();
  return audit(now, {claim.stationId, packerId}, QStringLiteral("hold"), claim.fulfillmentOrderId,
               {{QStringLiteral("claim_id"), claim.claimId}, {QStringLiteral("reason"), reason.trimmed()}});
}

Status OrderQueue::unhold(qint64 fulfillmentOrderId, std::optional<qint64> packerId, std::optional<qint64> stationId,
                          const QString &approvalToken, const QString &signInToken)
{
  if (m_postgres) {
    auto lifted = m_statements.query(
        QStringLiteral("SELECT packbench_unhold(?::bigint, ?::bigint, ?::bigint, ?::uuid, ?::text, ?::timestamptz)"),
        {fulfillmentOrderId, db::orNull(stationId), db::orNull(packerId), db::textOrNull(approvalToken),
         db::textOrNull(signInToken), isoUtc(m_clock.nowUtc())});
    if (!lifted)
      return translated(lifted.error());
    return {};
  }
  return inWriteTransaction([&]() -> Status {
    const QString now = isoUtc(m_clock.nowUtc());
    auto released = m_statements.command(
        sql(QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued', hold_reason = NULL, updated_at = {ts} "
                           "WHERE id = ? AND pack_state = 'held'")),
        {now, fulfillmentOrderId});
    if (!released)
      return released.error();
    if (*released == 0) {
      auto exists = m_statements.query(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"),
                                       {fulfillmentOrderId});
      if (!exists)
        return exists.error();
      if (exists->isEmpty())
        return makeError(ErrorKind::NotFound,
                         trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue", "No such order in the queue.")));
      return makeError(ErrorKind::Conflict,
                       trQueue(QT_TRANSLATE_NOOP("pb::queue::OrderQueue", "This order is not on hold.")));
    }
    return audit(now, {stationId.value_or(0), packerId}, QStringLiteral("unhold"), fulfillmentOrderId, {});
  });
}

Status OrderQueue::markPacked(const Claim &claim)
{
  const QString now = isoUtc(m_clock.nowUtc());
  if (Status closed = closeClaim(claim, now, QStringLiteral("completed")); !closed)
    return closed;
  auto order = m_statements.query(
      m_postgres ? QStringLiteral("SELECT pack_state, version FROM fulfillment_orders WHERE id = ? FOR UPDATE")
                 : QStringLiteral("SELECT pack_state, version FROM fulfillment_orders WHERE id = ?"),
      {claim.fulfillmentOrderId});
  if (!order)
    return order.error();
  // Cancelled or edited under us: the caller's transaction must not record a pack.
  if (order->isEmpty() || order->first().at(0).toString() != u"claimed")
    return changedWhilePacked();
  if (const int current = order->first().at(1).toInt(); current != claim.orderVersion) {
    qCInfo(lcQueue) << "pack refused: fulfillment order" << claim.fulfillmentOrderId << "is at version" << current
                    << "but was packed against version" << claim.orderVersion;
    return makeError(ErrorKind::Conflict,
                     trQueue(QT_TRANSLATE_NOOP(
                         "pb::queue::OrderQueue",
                         "This order was edited after it was opened for packing; nothing was recorded. Put the "
                         "items back and pack it again.")));
  }
  auto packed =
      m_statements.command(sql(QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'packed', updated_at = {ts} "
                                              "WHERE id = ? AND pack_state = 'claimed'")),
                           {now, claim.fulfillmentOrderId});
  if (!packed)
    return packed.error();
  if (*packed == 0)
    return changedWhilePacked();
  return auditClaim(now, claim, QStringLiteral("packed"), {{QStringLiteral("version"), claim.orderVersion}});
}

Result<int> OrderQueue::reapExpired()
{
  if (m_postgres)
    return reapExpiredPostgres();
  int reaped = 0;
  const Status status = inWriteTransaction([&]() -> Status {
    const QString now = isoUtc(m_clock.nowUtc());
    // Only leases on orders this session can see (row-level security), skipping ones another reaper holds.
    auto expired = m_statements.query(
        sql(m_postgres ? QStringLiteral("SELECT c.id, c.fulfillment_order_id, c.station_id FROM claims c "
                                        "JOIN fulfillment_orders f ON f.id = c.fulfillment_order_id "
                                        "WHERE c.released_at IS NULL AND c.expires_at <= {ts} "
                                        "ORDER BY c.id FOR UPDATE OF c SKIP LOCKED")
                       : QStringLiteral("SELECT c.id, c.fulfillment_order_id, c.station_id FROM claims c "
                                        "WHERE c.released_at IS NULL AND c.expires_at <= {ts} ORDER BY c.id")),
        {now});
    if (!expired)
      return expired.error();
    for (const QVariantList &row : *expired) {
      const Claim claim{row.at(0).toLongLong(), row.at(1).toLongLong(), row.at(2).toLongLong(), {}};
      if (Status requeued = requeue(claim, now, QStringLiteral("expired")); !requeued)
        return requeued;
      if (Status audited =
              audit(now, {0, {}}, QStringLiteral("lease_expired"), claim.fulfillmentOrderId,
                    {{QStringLiteral("claim_id"), claim.claimId}, {QStringLiteral("station_id"), claim.stationId}});
          !audited)
        return audited;
      ++reaped;
    }
    return {};
  });
  if (!status)
    return status.error();
  if (reaped > 0)
    qCInfo(lcQueue) << "expired leases returned to the queue:" << reaped;
  return reaped;
}

Status setSessionShop(const QSqlDatabase &db, qint64 shopId)
{
  if (!db::isPostgres(db))
    return {};
  auto set =
      db::exec(db, QStringLiteral("SELECT set_config('packbench.shop_id', ?, false)"), {QString::number(shopId)});
  if (!set)
    return set.error();
  return {};
}

} // namespace pb::queue
