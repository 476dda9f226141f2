// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/connectionstate.h"

#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

namespace pb::db {

pg_conn *pgConnection(const QSqlDatabase &db)
{
  const QSqlDriver *driver = db.driver();
  if (!driver || db.driverName() != u"QPSQL" || !db.isOpen())
    return nullptr;
  const QVariant handle = driver->handle();
  // Qt 6 names the handle by libpq's struct tag; Qt 5 documented the typedef.
  if (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0)
    return nullptr;
  return *static_cast<PGconn *const *>(handle.data());
}

bool isConnectionBroken(const QSqlDatabase &db)
{
  if (db.driverName() != u"QPSQL")
    return false;
  if (!db.isOpen())
    return true; // the driver closed it after a fatal error
  const PGconn *connection = pgConnection(db);
  return connection != nullptr && PQstatus(connection) == CONNECTION_BAD;
}

ConnectionEvents::ConnectionEvents(QObject *parent)
    : QObject(parent)
{}

ConnectionEvents::~ConnectionEvents() = default;

ConnectionEvents *ConnectionEvents::of(const QSqlDatabase &db)
{
  QSqlDriver *driver = db.driver();
  if (!driver)
    return nullptr;
  if (auto *events = driver->findChild<ConnectionEvents *>(QString(), Qt::FindDirectChildrenOnly))
    return events;
  return new ConnectionEvents(driver);
}

} // namespace pb::db
