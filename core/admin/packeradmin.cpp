// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/admin/packeradmin.h"

#include "core/audit/auditlog.h"
#include "core/db/sql.h"
#include "core/packing/pinhash.h"

#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace pb::admin {

namespace {

constexpr int kMinPinDigits = 4;
constexpr int kMaxPinDigits = 12;
// PostgreSQL checks PINs itself (packbench_check_pin, migration 0011) and verifies bcrypt at this cost in a few
// milliseconds; a PBKDF2 hash costs it ~0.9 s in PL/pgSQL at the first sign-in, which then rewrites it as this.
constexpr int kBcryptCost = 10;

// Where the PIN's hash goes in SQL, and the value bound there: bcrypt made by pgcrypto on PostgreSQL (the PIN is
// bound, hashed by the server, never stored), PBKDF2 made here on SQLite (the embedded station checks it in C++).
std::pair<QString, QString> pinHashSql(const QSqlDatabase &db, const QString &pin)
{
  if (db::isPostgres(db))
    return {u"crypt(?, gen_salt('bf', %1))"_s.arg(kBcryptCost), pin};
  return {u"?"_s, packing::hashPin(pin)};
}

Status checkBadge(const QString &badgeId)
{
  static const QRegularExpression allowed(u"^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$"_s);
  if (!allowed.match(badgeId).hasMatch())
    return makeError(
        ErrorKind::InvalidInput,
        u"badge '%1' is not valid: 2-64 letters, digits, '-', '_' or '.' (as the badge barcode reads)"_s.arg(badgeId));
  return {};
}

Status audit(const QSqlDatabase &db, const QString &actor, const QString &action, const QString &badgeId,
             const QJsonObject &details)
{
  return audit::write(db, {audit::Actor::system(actor), action, {u"packer"_s, badgeId}, details, std::nullopt});
}

} // namespace

PackerAdmin::PackerAdmin(QSqlDatabase db, QString actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
{}

Status PackerAdmin::checkPin(const QString &pin)
{
  static const QRegularExpression digits(u"^[0-9]+$"_s);
  if (pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits || !digits.match(pin).hasMatch())
    return makeError(ErrorKind::InvalidInput, u"a PIN is %1 to %2 digits"_s.arg(kMinPinDigits).arg(kMaxPinDigits));
  return {};
}

Status PackerAdmin::add(const QString &badgeId, const QString &name, const QString &role, const QString &pin)
{
  if (Status badge = checkBadge(badgeId); !badge)
    return badge;
  if (name.trimmed().isEmpty())
    return makeError(ErrorKind::InvalidInput, u"a packer needs a name (--name)"_s);
  if (role != u"packer" && role != u"lead" && role != u"admin")
    return makeError(ErrorKind::InvalidInput, u"role '%1' is not one of packer, lead, admin"_s.arg(role));
  if (Status valid = checkPin(pin); !valid)
    return valid;
  // Not a structured binding: clang 14 (the asan preset) cannot capture one in the lambda below.
  const auto hash = pinHashSql(m_db, pin);
  const QString &hashSql = hash.first;
  const QString &hashValue = hash.second;
  return db::inTransaction(m_db, [&]() -> Status {
    auto exists = db::exec(m_db, u"SELECT 1 FROM packers WHERE badge_id = ?"_s, {badgeId});
    if (!exists)
      return exists.error();
    if (exists.value().next())
      return makeError(ErrorKind::Conflict,
                       u"badge %1 exists already (packer set-pin / enable change it)"_s.arg(badgeId));
    auto inserted = db::exec(
        m_db, u"INSERT INTO packers (badge_id, name, pin_hash, role, active) VALUES (?, ?, %1, ?, ?)"_s.arg(hashSql),
        {badgeId, name.trimmed(), hashValue, role, true});
    if (!inserted)
      return inserted.error();
    return audit(m_db, m_actor, u"packer.added"_s, badgeId, {{u"role"_s, role}});
  });
}

Status PackerAdmin::setPin(const QString &badgeId, const QString &pin)
{
  if (Status valid = checkPin(pin); !valid)
    return valid;
  const auto [hashSql, hashValue] = pinHashSql(m_db, pin);
  return change(badgeId, u"packer.pin_set"_s, u"UPDATE packers SET pin_hash = %1 WHERE badge_id = ?"_s.arg(hashSql),
                {hashValue, badgeId});
}

Status PackerAdmin::setActive(const QString &badgeId, bool active)
{
  return change(badgeId, active ? u"packer.enabled"_s : u"packer.disabled"_s,
                u"UPDATE packers SET active = ? WHERE badge_id = ?"_s, {active, badgeId});
}

Status PackerAdmin::change(const QString &badgeId, const QString &action, const QString &sql,
                           const QVariantList &values)
{
  return db::inTransaction(m_db, [&]() -> Status {
    auto updated = db::exec(m_db, sql, values);
    if (!updated)
      return updated.error();
    if (updated.value().numRowsAffected() != 1)
      return makeError(ErrorKind::NotFound, u"no packer has badge %1"_s.arg(badgeId));
    return audit(m_db, m_actor, action, badgeId, {});
  });
}

Result<QList<PackerRecord>> PackerAdmin::list() const
{
  auto query = db::exec(m_db, u"SELECT badge_id, name, role, active, pin_hash IS NOT NULL AND pin_hash <> '' "
                              "FROM packers ORDER BY badge_id"_s);
  if (!query)
    return query.error();
  QList<PackerRecord> packers;
  while (query.value().next()) {
    const QSqlQuery &q = query.value();
    packers.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toBool(),
                    q.value(4).toBool()});
  }
  return packers;
}

} // namespace pb::admin
