// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace pb::packing {

struct Packer {
  qint64 id = 0;
  QString badgeId;
  QString name;
  QString role; // packer, lead, admin
  bool active = true;
  // Set by approveAsLead on PostgreSQL: the database's single-use proof that this lead's badge and PIN were
  // checked; functions that need an approval (take over, lift a hold, manual count) consume it.
  QString approvalToken{};
  // Set by signInWithPin on PostgreSQL: the database's sign-in session for this packer at this bench (migration
  // 0016). Every station function that does work takes it instead of trusting a packer id; empty on SQLite.
  QString signInToken{};

  bool isLead() const { return role == u"lead" || role == u"admin"; }
};

// NotFound for an unknown badge.
Result<Packer> findPackerByBadge(const QSqlDatabase &db, const QString &badgeId);

// Signs in with a badge scan (the badge is the credential); Permission for an inactive packer.
Result<Packer> signInWithBadge(const QSqlDatabase &db, const QString &badgeId);
// Signs in with badge number and PIN; the same error for every failure. On PostgreSQL the database checks the
// PIN (packbench_sign_in): stations never read a hash, and repeated failures lock the badge (LockedOut, with
// the wait in the message). There the answer carries signInToken, bound to this login and to stationId (whoever
// was signed in at that bench before is signed out).
Result<Packer> signInWithPin(const QSqlDatabase &db, const QString &badgeId, const QString &pin,
                             std::optional<qint64> stationId = {});
// Ends the packer's sign-in (packbench_sign_out); a no-op on SQLite, for an empty token, or one that already ended.
Status signOut(const QSqlDatabase &db, const Packer &packer);
// A lead's approval at a bench (take over another station's order, lift a hold, manual count): badge and PIN
// of an active lead or admin; Permission, with one message for every failure, or LockedOut. On PostgreSQL the
// answer carries approvalToken. stationId names the bench in the audit (optional).
Result<Packer> approveAsLead(const QSqlDatabase &db, const QString &badgeId, const QString &pin,
                             std::optional<qint64> stationId = {});
// Single-use approvals for a lead to spend at this bench while the central database is away (PostgreSQL, migration
// 0022): `lead` comes fresh from approveAsLead, its approvalToken not spent yet, and vouches for them. Each is valid
// for a shift; a new batch withdraws the lead's earlier one. Nothing on SQLite, whose station writes approved_by.
struct OfflineApproval {
  QString token;
  QDateTime expiresAt;
};
Result<QList<OfflineApproval>> issueOfflineApprovals(const QSqlDatabase &db, const Packer &lead, int count);
// "Too many wrong PINs — try again in N s", translated.
QString lockedOutMessage(int seconds);

} // namespace pb::packing
