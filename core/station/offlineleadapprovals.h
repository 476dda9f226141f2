// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/packing/packers.h"
#include "core/packing/pinhash.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace pb::station {

// A lead's badge and PIN as this bench last saw the database approve them, so that the lead can approve a typed
// quantity here while the central database is away (issue #15). Kept in the offline journal's file: the badge only
// as SHA-256, the PIN only as PBKDF2, for one shift (12 h), and on PostgreSQL with the single-use offline approvals
// the database issued for that lead (migration 0022), one spent per approval. Wrong PINs lock the badge here as the
// database would (5 tries, then 30 s doubling up to an hour).
class OfflineLeadApprovals final {
public:
  // `pinIterations`: the PBKDF2 cost of the copies it makes (tests pass a small one).
  explicit OfflineLeadApprovals(QSqlDatabase journal, int pinIterations = packing::kDefaultPinIterations);

  // After an approval online: replaces what was kept for this lead (its PIN, its offline approvals).
  Status remember(const QString &badge, const QString &pin, const packing::Packer &lead,
                  const QList<packing::OfflineApproval> &approvals, const QDateTime &now);
  // Badge and PIN checked against the copy. The lead, whose approvalToken is one offline approval (spent here) when
  // `needsApproval` (PostgreSQL); Permission with the reason, or LockedOut.
  Result<packing::Packer> approve(const QString &badge, const QString &pin, bool needsApproval, const QDateTime &now);
  // How many spendable offline approvals this bench holds for the lead with this badge (0 for an unknown badge).
  Result<int> approvalsLeft(const QString &badge, const QDateTime &now) const;

private:
  QSqlDatabase m_db;
  int m_pinIterations;
};

} // namespace pb::station
