// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/connection.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pb::test {

// A station login as production makes it (admin::createStationLogin: a LOGIN member of packbench_station mapped
// to one shop and its locations), logged in. The name is unique in the cluster; drop it with dropStationLogin.
struct StationLogin {
  QString name;
  QSqlDatabase db;
};
Result<StationLogin> createStationLogin(const QSqlDatabase &admin, const db::ConnectionSettings &settings,
                                        const QString &prefix, qint64 shopId, const QList<qint64> &locationIds);
// Logs in again as an existing login (a second connection, or after a revoke).
Result<QSqlDatabase> logInAs(const db::ConnectionSettings &settings, const QString &login, const QString &connection);
void dropStationLogin(const QSqlDatabase &admin, StationLogin &login);

} // namespace pb::test
