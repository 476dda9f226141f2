// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/db/connection.h"

#include <QSqlDatabase>
#include <QString>

namespace pb::test {

// A scratch database on the fixture's cluster with the demo data, which a station logs in to as production does (a
// packbench_station login under row-level security, mapped to the demo shop), and which the test can take away from
// that station as a cluster gone away looks to it: new connections refused, the station's backends terminated.
class StationOutage final {
public:
  // Makes the scratch database (`prefix`), migrates and seeds it, makes the login (`loginPrefix`) and connects the
  // admin as `prefix`-admin, the maintenance database as `prefix`-server.
  Status open(const QString &prefix, const QString &loginPrefix, const Clock &clock);
  // A connection as the station's login, named `connection`.
  Result<QSqlDatabase> logInStation(const QString &connection) const;
  // The database refuses new connections and, unless told otherwise, the station's backends are gone (waited for).
  Status cutOff(bool killBackends = true);
  Status bringBack();
  // Opens the doors again and drops the login (after the station's connections are closed).
  void close();

  const db::ConnectionSettings &settings() const { return m_settings; }
  const QSqlDatabase &admin() const { return m_admin; }
  const QString &stationRole() const { return m_stationRole; }

private:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_admin;
  QSqlDatabase m_server; // the maintenance database: a database cannot close its own doors
  QString m_stationRole;
};

} // namespace pb::test
