// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/packers.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/packing/pinhash.h"

#include <QCoreApplication>

namespace pb::packing {

namespace {
Result<std::pair<Packer, QString>> loadPacker(const QSqlDatabase &db, const QString &badgeId)
{
  // A station login may not read pin_hash on PostgreSQL (the database checks PINs there).
  auto query =
      db::execOneRow(db,
                     db::isPostgres(db) ? QStringLiteral("SELECT id, badge_id, name, role, active, NULL FROM packers "
                                                         "WHERE badge_id = ?")
                                        : QStringLiteral("SELECT id, badge_id, name, role, active, pin_hash FROM "
                                                         "packers WHERE badge_id = ?"),
                     {badgeId.trimmed()}, QCoreApplication::translate("pb::packing::Packers", "unknown badge"));
  if (!query)
    return query.error();
  const QSqlQuery &q = query.value();
  Packer packer{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                q.value(3).toString(),   q.value(4).toBool(),   {}};
  return std::pair{packer, q.value(5).toString()};
}
struct PinCheck {
  QString outcome; // ok, refused, locked
  qint64 packerId = 0;
  int retryAfter = 0;
  QString token;
};

// packbench_sign_in / packbench_approve_as_lead (migrations 0011, 0016): the PIN is checked, counted and audited
// there; both answer a token (the sign-in's, or the single-use approval's).
Result<PinCheck> checkPinInDatabase(const QSqlDatabase &db, const QString &function, const QString &badgeId,
                                    const QString &pin, std::optional<qint64> stationId)
{
  auto query = db::exec(
      db, QStringLiteral("SELECT outcome, packer_id, retry_after, token FROM %1(?, ?, ?::bigint)").arg(function),
      {badgeId.trimmed(), pin, stationId ? QVariant(*stationId) : QVariant()});
  if (!query)
    return query.error();
  if (!query.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("%1 answered nothing").arg(function));
  const QSqlQuery &q = query.value();
  return PinCheck{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toInt(), q.value(3).toString()};
}

Result<Packer> packerById(const QSqlDatabase &db, qint64 id)
{
  auto query = db::execOneRow(db, QStringLiteral("SELECT id, badge_id, name, role, active FROM packers WHERE id = ?"),
                              {id}, QCoreApplication::translate("pb::packing::Packers", "unknown packer"));
  if (!query)
    return query.error();
  const QSqlQuery &q = query.value();
  return Packer{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                q.value(3).toString(),   q.value(4).toBool(),   {}};
}

enum class TokenFor { SignIn, Approval };

Result<Packer> signedIn(const QSqlDatabase &db, const Result<PinCheck> &check, const QString &refusal,
                        TokenFor tokenFor)
{
  if (!check)
    return check.error();
  if (check->outcome == u"locked" || (check->outcome != u"ok" && check->retryAfter > 0))
    return makeError(ErrorKind::LockedOut, lockedOutMessage(check->retryAfter));
  if (check->outcome != u"ok")
    return makeError(ErrorKind::Permission, refusal);
  auto packer = packerById(db, check->packerId);
  if (packer && tokenFor == TokenFor::SignIn)
    packer.value().signInToken = check->token;
  else if (packer)
    packer.value().approvalToken = check->token;
  return packer;
}
} // namespace

Result<Packer> findPackerByBadge(const QSqlDatabase &db, const QString &badgeId)
{
  auto loaded = loadPacker(db, badgeId);
  if (!loaded)
    return loaded.error();
  return loaded->first;
}

Result<Packer> signInWithBadge(const QSqlDatabase &db, const QString &badgeId)
{
  auto packer = findPackerByBadge(db, badgeId);
  if (packer && !packer->active)
    return makeError(ErrorKind::Permission,
                     QCoreApplication::translate("pb::packing::Packers", "badge is deactivated"));
  return packer;
}

QString lockedOutMessage(int seconds)
{
  return QCoreApplication::translate("pb::packing::Packers", "Too many wrong PINs — try again in %n s", nullptr,
                                     seconds);
}

Result<Packer> signInWithPin(const QSqlDatabase &db, const QString &badgeId, const QString &pin,
                             std::optional<qint64> stationId)
{
  if (db::isPostgres(db))
    return signedIn(db, checkPinInDatabase(db, QStringLiteral("packbench_sign_in"), badgeId, pin, stationId),
                    QCoreApplication::translate("pb::packing::Packers", "badge or PIN not accepted"), TokenFor::SignIn);
  auto loaded = loadPacker(db, badgeId);
  if (!loaded && loaded.error().kind != ErrorKind::NotFound)
    return loaded.error();
  // Run the KDF even for unknown badges so timing does not tell which badges exist.
  const QString stored = loaded ? loaded->second : QString();
  static const QString decoy = hashPin(QStringLiteral("decoy"));
  const bool match = verifyPin(pin, stored.isEmpty() ? decoy : stored);
  if (!loaded || !match || !loaded->first.active || stored.isEmpty())
    return makeError(ErrorKind::Permission,
                     QCoreApplication::translate("pb::packing::Packers", "badge or PIN not accepted"));
  return loaded->first;
}

Result<Packer> approveAsLead(const QSqlDatabase &db, const QString &badgeId, const QString &pin,
                             std::optional<qint64> stationId)
{
  if (db::isPostgres(db))
    return signedIn(db, checkPinInDatabase(db, QStringLiteral("packbench_approve_as_lead"), badgeId, pin, stationId),
                    QCoreApplication::translate("pb::packing::Packers", "lead badge or PIN not accepted"),
                    TokenFor::Approval);
  auto packer = signInWithPin(db, badgeId, pin);
  if (!packer && packer.error().kind != ErrorKind::Permission)
    return packer.error();
  if (!packer || !packer->isLead())
    return makeError(ErrorKind::Permission,
                     QCoreApplication::translate("pb::packing::Packers", "lead badge or PIN not accepted"));
  return packer;
}

Result<QList<OfflineApproval>> issueOfflineApprovals(const QSqlDatabase &db, const Packer &lead, int count)
{
  if (!db::isPostgres(db) || lead.approvalToken.isEmpty())
    return QList<OfflineApproval>{};
  auto issued = db::exec(db,
                         QStringLiteral("SELECT token, expires_at FROM packbench_issue_offline_approvals(?::uuid, "
                                        "?::integer)"),
                         {lead.approvalToken, count});
  if (!issued)
    return issued.error();
  QList<OfflineApproval> approvals;
  while (issued.value().next())
    approvals.append({issued.value().value(0).toString(), issued.value().value(1).toDateTime().toUTC()});
  return approvals;
}

Status signOut(const QSqlDatabase &db, const Packer &packer)
{
  if (!db::isPostgres(db) || packer.signInToken.isEmpty())
    return {};
  auto ended = db::exec(db, QStringLiteral("SELECT packbench_sign_out(?)"), {packer.signInToken});
  if (!ended)
    return ended.error();
  return {};
}

} // namespace pb::packing
