// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/packers.h"

#include "core/db/sql.h"
#include "core/packing/pinhash.h"

namespace pb::packing {

namespace {
Result<std::pair<Packer, QString>> loadPacker(const QSqlDatabase &db, const QString &badgeId)
{
  auto query = db::exec(db,
                        QStringLiteral("SELECT id, badge_id, name, role, active, pin_hash FROM packers "
                                       "WHERE badge_id = ?"),
                        {badgeId.trimmed()});
  if (!query)
    return query.error();
  if (!query.value().next())
    return makeError(ErrorKind::NotFound, QStringLiteral("unknown badge"));
  const QSqlQuery &q = query.value();
  Packer packer{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                q.value(4).toBool()};
  return std::pair{packer, q.value(5).toString()};
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
    return makeError(ErrorKind::Permission, QStringLiteral("badge is deactivated"));
  return packer;
}

Result<Packer> signInWithPin(const QSqlDatabase &db, const QString &badgeId, const QString &pin)
{
  auto loaded = loadPacker(db, badgeId);
  if (!loaded && loaded.error().kind != ErrorKind::NotFound)
    return loaded.error();
  // Run the KDF even for unknown badges so timing does not tell which badges exist.
  const QString stored = loaded ? loaded->second : QString();
  static const QString decoy = hashPin(QStringLiteral("decoy"));
  const bool match = verifyPin(pin, stored.isEmpty() ? decoy : stored);
  if (!loaded || !match || !loaded->first.active || stored.isEmpty())
    return makeError(ErrorKind::Permission, QStringLiteral("badge or PIN not accepted"));
  return loaded->first;
}

Result<Packer> approveAsLead(const QSqlDatabase &db, const QString &badgeId, const QString &pin)
{
  auto packer = signInWithPin(db, badgeId, pin);
  if (!packer && packer.error().kind != ErrorKind::Permission)
    return packer.error();
  if (!packer || !packer->isLead())
    return makeError(ErrorKind::Permission, QStringLiteral("lead badge or PIN not accepted"));
  return packer;
}

} // namespace pb::packing
