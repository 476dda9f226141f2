// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/connection.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QTest>
#include <QVariantList>

namespace pb::test {

// A station login as production makes it (admin::createStationLogin: a LOGIN member of packbench_station mapped
// to one shop and its locations), logged in. The name is unique in the cluster; drop it with dropStationLogin.
struct StationLogin {
  QString name;
  QSqlDatabase db;
};
Result<StationLogin> createStationLogin(const QSqlDatabase &admin, const db::ConnectionSettings &settings,
                                        const QString &prefix, qint64 shopId, const QList<qint64> &locationIds);
// A station login mapped to the demo shop (db::seedDemoData) and all its locations, made as createStationLogin
// makes it but not logged in: its name, unique in the cluster.
Result<QString> createDemoShopStationLogin(const QSqlDatabase &admin, const QString &prefix);
// Logs in again as an existing login (a second connection, or after a revoke).
Result<QSqlDatabase> logInAs(const db::ConnectionSettings &settings, const QString &login, const QString &connection);
void dropStationLogin(const QSqlDatabase &admin, StationLogin &login);

// The refusal's kind; an act that was allowed fails the test (and never reads an error it does not have).
template <typename R> ErrorKind kindOf(const R &result)
{
  if (result.ok()) {
    QTest::qFail("allowed, but must be refused", __FILE__, __LINE__);
    return ErrorKind::Internal;
  }
  return result.error().kind;
}

// Runs sql on db; the test fails unless the database refuses it with kind.
void expectRefused(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {},
                   ErrorKind kind = ErrorKind::Permission);

} // namespace pb::test
