// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QSqlDatabase>
#include <QString>

namespace pb::packing {

struct Packer {
  qint64 id = 0;
  QString badgeId;
  QString name;
  QString role; // packer, lead, admin
  bool active = true;

  bool isLead() const { return role == u"lead" || role == u"admin"; }
};

// NotFound for an unknown badge.
Result<Packer> findPackerByBadge(const QSqlDatabase &db, const QString &badgeId);

// Signs in with a badge scan (the badge is the credential); Permission for an inactive packer.
Result<Packer> signInWithBadge(const QSqlDatabase &db, const QString &badgeId);
// Signs in with badge number and PIN, for a forgotten badge; the same error for every failure.
Result<Packer> signInWithPin(const QSqlDatabase &db, const QString &badgeId, const QString &pin);
// A lead's approval at a bench (take over another station's order, lift a hold): badge and PIN of an
// active lead or admin; Permission, with one message for every failure, otherwise.
Result<Packer> approveAsLead(const QSqlDatabase &db, const QString &badgeId, const QString &pin);

} // namespace pb::packing
