// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pb::admin {

struct PackerRecord {
  QString badgeId;
  QString name;
  QString role;
  bool active = true;
  bool hasPin = false;
};

// Packers as an administrator manages them (packbench-hub packer …). PINs are hashed as sign-in expects: bcrypt
// through pgcrypto on PostgreSQL (packbench_check_pin), packing::hashPin on SQLite; every change is one
// transaction together with its audit_log row (actor: the administrator's OS account), and bad input changes
// nothing.
class PackerAdmin final {
public:
  PackerAdmin(QSqlDatabase db, QString actor);

  // Conflict when the badge exists already.
  Status add(const QString &badgeId, const QString &name, const QString &role, const QString &pin);
  Status setPin(const QString &badgeId, const QString &pin);
  // A disabled packer can sign in neither by badge nor by PIN; their history stays.
  Status setActive(const QString &badgeId, bool active);
  Result<QList<PackerRecord>> list() const;

  // InvalidInput with the reason, for a PIN sign-in would accept badly (too short, not digits).
  static Status checkPin(const QString &pin);

private:
  Status change(const QString &badgeId, const QString &action, const QString &sql, const QVariantList &values);

  QSqlDatabase m_db;
  QString m_actor;
};

} // namespace pb::admin
