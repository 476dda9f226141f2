// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace pb::admin {

// What a station login may reach: one shop and some of its locations (station_logins, migration 0011).
struct StationScope {
  qint64 shopId = 0;
  QString shopDomain;
  QList<qint64> locationIds;
  QStringList locationCodes;
};

struct StationLoginRecord {
  QString name;
  bool canLogin = false;
  QString shopDomain; // empty: a member of packbench_station with no mapping (sees and may do nothing)
  QStringList locationCodes;
  QDateTime revokedAt; // null while the login is live
};

// The shop by its domain and the locations by their codes; NotFound naming what is missing.
Result<StationScope> resolveStationScope(const QSqlDatabase &db, const QString &shopDomain,
                                         const QStringList &locationCodes);
// Creates the LOGIN role (createLogin) and its station_logins row in one transaction. Needs CREATEROLE and, for
// the mapping, the schema owner's rights (only the owner writes station_logins).
Status createStationLogin(QSqlDatabase db, const QString &name, const StationScope &scope,
                          const QString &password = {});
Result<QList<StationLoginRecord>> listStationLogins(const QSqlDatabase &db);
// Ends a station login's access at once: the mapping is marked revoked (its sessions see nothing and may do
// nothing from their next statement), the role loses LOGIN and packbench_station, and its sessions are ended.
// NotFound for a name that is no station login.
Status revokeStationLogin(QSqlDatabase db, const QString &name);

} // namespace pb::admin
