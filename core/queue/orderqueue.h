// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/db/statementcache.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

#include <chrono>
#include <optional>

namespace pb::queue {

// A station's lease on one fulfillment order.
struct Claim {
  qint64 claimId = 0;
  qint64 fulfillmentOrderId = 0;
  qint64 stationId = 0;
  QDateTime expiresAt;
  int orderVersion = 0; // fulfillment_orders.version when claimed: what the packer is shown and packs against
  // PostgreSQL: the sign-in of the packer now working under this claim (packing::Packer::signInToken), which
  // release, hold and completeInDatabase hand to the station functions (migration 0016); unused on SQLite.
  QString signInToken{};
};

// The multi-station order queue: claim with a lease, heartbeat, release, hold, pack, reap.
// One per connection and thread. On PostgreSQL each change is one call to a SECURITY DEFINER function
// (migration 0012, orderqueue_postgres.cpp) that checks the login's mapping, claim and lease, and claims with
// FOR UPDATE SKIP LOCKED; a station login has no other way to write. Work is attributed to the packer whose
// sign-in token it carries (signInToken, migration 0016): a station login without a live one is refused
// (ErrorKind::SignedOut), and a packer id that is not the signed-in packer's is refused (Permission); trusted
// logins may pass an id alone. SQLite (one station) runs the same rules in C++, ignores the token, and serialises
// with BEGIN IMMEDIATE. Every time comes from the injected clock; every state change writes an audit_log row.
// A lease is lost once reapExpired() has taken it back.
class OrderQueue final {
public:
  OrderQueue(QSqlDatabase db, const Clock &clock, std::chrono::seconds lease = std::chrono::seconds(120));
  ~OrderQueue();
  Q_DISABLE_COPY_MOVE(OrderQueue)

  // The next queued order at the location (priority DESC, ship_by, id); nullopt when none is free.
  Result<std::optional<Claim>> claimNext(qint64 stationId, qint64 locationId, std::optional<qint64> packerId = {},
                                         const QString &signInToken = {});
  // The packer scanned a slip: claim that order, or resume this station's own open claim on it. Another
  // station's claim whose lease ran out is closed as expired and replaced (its scans stay with it).
  Result<Claim> claimSpecific(qint64 stationId, qint64 fulfillmentOrderId, std::optional<qint64> packerId = {},
                              const QString &signInToken = {});
  // A lead takes over an order another station still holds (crashed bench, packer gone): that claim is
  // released, a new one starts from zero here, audited with the approving lead. A queued order is simply claimed.
  // On PostgreSQL the database checks the lead itself: approvalToken is Packer::approvalToken from
  // packing::approveAsLead (required for a station login; a trusted login may pass only the lead's id).
  Result<Claim> takeOver(qint64 stationId, qint64 fulfillmentOrderId, qint64 packerId, qint64 approvedByLeadId,
                         const QString &approvalToken = {}, const QString &signInToken = {});
  // Extends the lease; ErrorKind::Conflict if the lease was lost.
  Status heartbeat(const Claim &claim);
  // Back to the queue; the attempt ends: its scans stay in scan_events under this claim, and the
  // next claim starts from zero.
  Status release(const Claim &claim);
  Status hold(const Claim &claim, const QString &reason, std::optional<qint64> packerId = {});
  // The same hold inside a transaction the caller holds open (the offline replay).
  Status holdWithin(const Claim &claim, const QString &reason, std::optional<qint64> packerId = {});
  // packerId is the lead who lifted the hold; on PostgreSQL a station login needs the lead's approvalToken and
  // the sign-in of the packer at the bench.
  Status unhold(qint64 fulfillmentOrderId, std::optional<qint64> packerId = {}, std::optional<qint64> stationId = {},
                const QString &approvalToken = {}, const QString &signInToken = {});
  // Finishes a pack on PostgreSQL in one call to packbench_complete (claim closed, order packed, outbox row with
  // the quantities the database counted from this claim's scans); the SQLite path is LeasedQueueWorkflow's.
  Status completeInDatabase(const Claim &claim, bool partial);
  // Closes the claim and marks the order packed; call INSIDE the caller's transaction. Conflict when the
  // order changed since claim.orderVersion (an edit whose notification never reached the station).
  // Direct SQL: SQLite and trusted PostgreSQL logins only; a station login finishes with completeInDatabase.
  Status markPacked(const Claim &claim);
  // Expired leases go back to the queue exactly once (release_reason 'expired'); how many.
  Result<int> reapExpired();

  std::chrono::seconds lease() const { return m_lease; }

private:
  struct Actor {
    qint64 stationId = 0;
    std::optional<qint64> packerId;
    QString signInToken{};
  };
  QString sql(QString text) const;
  template <typename Body> Status inWriteTransaction(Body &&body);
  Status audit(const QString &now, const Actor &actor, const QString &action, qint64 fulfillmentOrderId,
               const QJsonObject &details);
  // The audit row of a step in a claim's life, by its station, with its claim id among the details.
  Status auditClaim(const QString &now, const Claim &claim, const QString &action, QJsonObject details = {});
  Result<Claim> insertClaim(const QString &now, const Actor &actor, qint64 fulfillmentOrderId, const QString &action,
                            const QJsonObject &details = {});
  // A queued order becomes claimed by the actor (inside the caller's transaction).
  Result<Claim> takeQueued(const QString &now, const Actor &actor, qint64 fulfillmentOrderId, const QString &action,
                           const QJsonObject &details = {});
  Result<Claim> claimOrTakeOver(const Actor &actor, qint64 fulfillmentOrderId, std::optional<qint64> approvedByLeadId);
  // A claimed order: resume our own claim, or replace another station's expired (or lead-approved) one.
  Result<Claim> takeClaimed(const QString &now, const Actor &actor, qint64 fulfillmentOrderId,
                            std::optional<qint64> approvedByLeadId);
  Status closeClaim(const Claim &claim, const QString &now, const QString &reason);
  // Closes the claim and puts its order back in the queue (SQLite; PostgreSQL does this in its functions).
  Status requeue(const Claim &claim, const QString &now, const QString &reason);
  Result<int> orderVersion(qint64 fulfillmentOrderId);
  Result<std::optional<Claim>> claimNextPostgres(const Actor &actor, qint64 locationId);
  // PostgreSQL: every state change is one SECURITY DEFINER function (migration 0012); see orderqueue_postgres.cpp.
  Result<Claim> claimOrTakeOverPostgres(const Actor &actor, qint64 fulfillmentOrderId, const QString &approvalToken);
  Status releasePostgres(const Claim &claim, const QVariant &holdReason, std::optional<qint64> packerId);
  Result<int> reapExpiredPostgres();
  Result<std::optional<Claim>> claimNextSqlite(qint64 stationId, qint64 locationId, std::optional<qint64> packerId);

  QSqlDatabase m_db;
  const Clock &m_clock;
  std::chrono::seconds m_lease;
  bool m_postgres = false;
  db::StatementCache m_statements;
};

// Registers (or re-registers) one station installation; returns its id. installationId is the
// installation's own stable id (stationInstallationId()); displayName is what leads see and may repeat
// across benches. A row from before installations had ids is adopted by the first installation with its name.
Result<qint64> registerStation(const QSqlDatabase &db, const QString &installationId, const QString &displayName,
                               std::optional<qint64> locationId);
// A station whose name is its identity (tests and tools that name each station uniquely).
Result<qint64> registerStation(const QSqlDatabase &db, const QString &name, std::optional<qint64> locationId);

// Sets packbench.shop_id on PostgreSQL (no-op on SQLite). Informational only since migration 0011: row-level
// security follows the login's station_logins mapping, never this setting.
Status setSessionShop(const QSqlDatabase &db, qint64 shopId);

} // namespace pb::queue
