// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/packers.h"

#include "core/db/sql.h"
#include "core/packing/pinhash.h"

#include <QCoreApplication>

namespace pb::packing {

namespace {
Result<std::pair<Packer, QString>> loadPacker(const QSqlDatabase &db, const QString &badgeId)
{
  // A station login may not read pin_hash on PostgreSQL (the database checks PINs there).
  auto query =
      db::exec(db,
               db::isPostgres(db) ? QStringLiteral("SELECT id, badge_id, name, role, active, NULL FROM packers "
                                                   "WHERE badge_id = ?")
                                  : QStringLiteral("SELECT id, badge_id, name, role, active, pin_hash FROM "
                                                   "packers WHERE badge_id = ?"),
               {badgeId.trimmed()});
  if (!query)
    return query.error();
  if (!query.value().next())
    return makeError(ErrorKind::NotFound, QCoreApplication::translate("pb::packing::Packers", "unknown badge"));
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

// packbench_sign_in / packbench_approve_as_lead (migration 0011): the PIN is checked, counted and audited there.
Result<PinCheck> checkPinInDatabase(const QSqlDatabase &db, const QString &function, const QString &badgeId,
                                    const QString &pin, std::optional<qint64> stationId)
{
  const bool approval = function == u"packbench_approve_as_lead";
  auto query = db::exec(db,
                        QStringLiteral("SELECT outcome, packer_id, retry_after%1 FROM %2(?, ?, ?::bigint)")
                            .arg(approval ? QStringLiteral(", token") : QString(), function),
                        {badgeId.trimmed(), pin, stationId ? QVariant(*stationId) : QVariant()});
  if (!query)
    return query.error();
  if (!query.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("%1 answered nothing").arg(function));
  const QSqlQuery &q = query.value();
  return PinCheck{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toInt(),
                  approval ? q.value(3).toString() : QString()};
}

Result<Packer> packerById(const QSqlDatabase &db, qint64 id)
{
  auto query = db::exec(db, QStringLiteral("SELECT id, badge_id, name, role, active FROM packers WHERE id = ?"), {id});
  if (!query)
    return query.error();
  if (!query.value().next())
    return makeError(ErrorKind::NotFound, QCoreApplication::translate("pb::packing::Packers", "unknown packer"));
  const QSqlQuery &q = query.value();
  return Packer{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                q.value(3).toString(),   q.value(4).toBool(),   {}};
}

Result<Packer> signedIn(const QSqlDatabase &db, const Result<PinCheck> &check, const QString &refusal)
{
  if (!check)
    return check.error();
  if (check->outcome == u"locked" || (check->outcome != u"ok" && check->retryAfter > 0))
    return makeError(ErrorKind::LockedOut, lockedOutMessage(check->retryAfter));
  if (check->outcome != u"ok")
    return makeError(ErrorKind::Permission, refusal);
  auto packer = packerById(db, check->packerId);
  if (packer)
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

Result<Packer> signInWithPin(const QSqlDatabase &db, const QString &badgeId, const QString &pin)
{
  if (db::isPostgres(db))
    return signedIn(db, checkPinInDatabase(db, QStringLiteral("packbench_sign_in"), badgeId, pin, std::nullopt),
                    QCoreApplication::translate("pb::packing::Packers", "badge or PIN not accepted"));
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
                    QCoreApplication::translate("pb::packing::Packers", "lead badge or PIN not accepted"));
  auto packer = signInWithPin(db, badgeId, pin);
  if (!packer && packer.error().kind != ErrorKind::Permission)
    return packer.error();
  if (!packer || !packer->isLead())
    return makeError(ErrorKind::Permission,
                     QCoreApplication::translate("pb::packing::Packers", "lead badge or PIN not accepted"));
  return packer;
}

} // namespace pb::packing
