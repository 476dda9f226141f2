// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/station/offlineleadapprovals.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/packing/pinhash.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QLoggingCategory>

#include <algorithm>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcOfflineLeads, "packbench.core.station.offlineleads")

constexpr int kShiftHours = 12;
constexpr int kFreeTries = 5;

QString badgeKey(const QString &badge)
{
  return QString::fromLatin1(QCryptographicHash::hash(badge.trimmed().toUtf8(), QCryptographicHash::Sha256).toHex());
}

// As the database locks a badge (packbench_check_pin): none for the first tries, then 30 s doubling, at most an hour.
int lockSeconds(int failures)
{
  return failures < kFreeTries ? 0 : std::min(30 << std::min(failures - kFreeTries, 7), 3600);
}

Status toStatus(const Result<QSqlQuery> &done)
{
  if (!done)
    return done.error();
  return {};
}
} // namespace

OfflineLeadApprovals::OfflineLeadApprovals(QSqlDatabase journal, int pinIterations)
    : m_db(std::move(journal))
    , m_pinIterations(pinIterations)
{}

Status OfflineLeadApprovals::remember(const QString &badge, const QString &pin, const packing::Packer &lead,
                                      const QList<packing::OfflineApproval> &approvals, const QDateTime &now)
{
  if (!lead.isLead() || pin.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("only a lead's PIN is kept for approvals offline"));
  const QString hashed = packing::hashPin(pin, m_pinIterations); // outside the transaction: the KDF takes a while
  const QDateTime until = now.addSecs(kShiftHours * 3600);
  const Status kept = db::inTransaction(m_db, [&]() -> Status {
    if (Status keptPin =
            toStatus(db::exec(m_db,
                              QStringLiteral("INSERT OR REPLACE INTO lead_pins (badge_sha256, lead_id, name, "
                                             "role, pin_hash, expires_at, failures, locked_until) VALUES "
                                             "(?, ?, ?, ?, ?, ?, 0, NULL)"),
                              {badgeKey(badge), lead.id, lead.name, lead.role, hashed, db::isoUtc(until)}));
        !keptPin)
      return keptPin;
    // The database withdrew the lead's earlier batch when it issued this one: so does the bench.
    if (Status dropped = toStatus(
            db::exec(m_db, QStringLiteral("DELETE FROM lead_offline_approvals WHERE lead_id = ? OR expires_at <= ?"),
                     {lead.id, db::isoUtc(now)}));
        !dropped)
      return dropped;
    for (const packing::OfflineApproval &approval : approvals) {
      const QDateTime expires = approval.expiresAt.isValid() ? std::min(approval.expiresAt, until) : until;
      if (Status added = toStatus(db::exec(m_db,
                                           QStringLiteral("INSERT OR REPLACE INTO lead_offline_approvals (token, "
                                                          "lead_id, expires_at) VALUES (?, ?, ?)"),
                                           {approval.token, lead.id, db::isoUtc(expires)}));
          !added)
        return added;
    }
    return {};
  });
  if (kept)
    qCInfo(lcOfflineLeads) << "lead" << lead.id << "can approve offline here until" << until.toString(Qt::ISODate)
                           << "with" << approvals.size() << "offline approval(s) from the database";
  return kept;
}

Result<packing::Packer> OfflineLeadApprovals::approve(const QString &badge, const QString &pin, bool needsApproval,
                                                      const QDateTime &now)
{
  const QString key = badgeKey(badge);
  auto row = db::exec(m_db,
                      QStringLiteral("SELECT lead_id, name, role, pin_hash, expires_at, failures, locked_until "
                                     "FROM lead_pins WHERE badge_sha256 = ?"),
                      {key});
  if (!row)
    return row.error();
  QSqlQuery &q = row.value();
  if (!q.next() || db::storedTime(q.value(4)) <= now)
    return makeError(ErrorKind::Permission,
                     QCoreApplication::translate(
                         "pb::station::OfflineLeadApprovals",
                         "Offline, only a lead who approved at this bench in the last 12 hours can approve"));
  const QDateTime lockedUntil = db::storedTime(q.value(6));
  if (lockedUntil.isValid() && lockedUntil > now)
    return makeError(ErrorKind::LockedOut, packing::lockedOutMessage(static_cast<int>(now.secsTo(lockedUntil)) + 1));
  packing::Packer lead{
      q.value(0).toLongLong(), badge.trimmed(), q.value(1).toString(), q.value(2).toString(), true, {}};
  const QString stored = q.value(3).toString();
  const int failures = q.value(5).toInt() + 1; // if this PIN is wrong
  q.finish();

  if (pin.isEmpty() || !packing::verifyPin(pin, stored)) {
    const int lock = lockSeconds(failures);
    if (Status noted =
            toStatus(db::exec(m_db,
                              QStringLiteral("UPDATE lead_pins SET failures = ?, locked_until = ? WHERE "
                                             "badge_sha256 = ?"),
                              {failures, lock > 0 ? QVariant(db::isoUtc(now.addSecs(lock))) : QVariant(), key}));
        !noted)
      return noted.error();
    qCWarning(lcOfflineLeads) << "wrong PIN offline for lead" << lead.id << "(" << failures << "in a row)";
    if (lock > 0)
      return makeError(ErrorKind::LockedOut, packing::lockedOutMessage(lock));
    return makeError(ErrorKind::Permission,
                     QCoreApplication::translate("pb::packing::Packers", "lead badge or PIN not accepted"));
  }

  std::optional<Error> refusal;
  const Status spent = db::inTransaction(m_db, [&]() -> Status {
    if (Status reset = toStatus(db::exec(
            m_db, QStringLiteral("UPDATE lead_pins SET failures = 0, locked_until = NULL WHERE badge_sha256 = ?"),
            {key}));
        !reset)
      return reset;
    if (!needsApproval)
      return {};
    auto next = db::exec(m_db,
                         QStringLiteral("SELECT token FROM lead_offline_approvals WHERE lead_id = ? AND expires_at > ? "
                                        "ORDER BY expires_at LIMIT 1"),
                         {lead.id, db::isoUtc(now)});
    if (!next)
      return next.error();
    if (!next.value().next()) {
      refusal =
          makeError(ErrorKind::Permission, QCoreApplication::translate("pb::station::OfflineLeadApprovals",
                                                                       "No approvals offline left for this lead"));
      return {}; // the reset of the failures stands: the PIN was right
    }
    lead.approvalToken = next.value().value(0).toString();
    next.value().finish();
    return toStatus(
        db::exec(m_db, QStringLiteral("DELETE FROM lead_offline_approvals WHERE token = ?"), {lead.approvalToken}));
  });
  if (!spent)
    return spent.error();
  if (refusal)
    return *refusal;
  qCInfo(lcOfflineLeads) << "lead" << lead.id << "approved offline against this bench's copy";
  return lead;
}

Result<int> OfflineLeadApprovals::approvalsLeft(const QString &badge, const QDateTime &now) const
{
  auto left = db::exec(m_db,
                       QStringLiteral("SELECT count(*) FROM lead_offline_approvals a JOIN lead_pins p ON "
                                      "p.lead_id = a.lead_id WHERE p.badge_sha256 = ? AND a.expires_at > ?"),
                       {badgeKey(badge), db::isoUtc(now)});
  if (!left)
    return left.error();
  return left.value().next() ? left.value().value(0).toInt() : 0;
}

} // namespace pb::station
