// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/outagebench.h"

#include "tests/support/testdatabase.h"

using namespace std::chrono_literals;

namespace pb::test {

Status OutageBench::open(const QString &prefix, const QString &loginPrefix, const QString &connection,
                         const QString &locationCode, const Clock &clock)
{
  if (Status opened = outage.open(prefix, loginPrefix, clock); !opened)
    return opened;
  admin = outage.admin();
  auto station = outage.logInStation(connection);
  if (!station)
    return station.error();
  db = *station;
  m_connection = connection;
  shopId = scalar(admin, QStringLiteral("SELECT id FROM shops ORDER BY id LIMIT 1"));
  if (!locationCode.isEmpty())
    locationId = scalar(admin, QStringLiteral("SELECT id FROM locations WHERE shop_id = ? AND code = ?"),
                        {shopId, locationCode});
  if (Status shop = queue::setSessionShop(db, shopId); !shop)
    return shop;
  auto registered = queue::registerStation(db, prefix + QStringLiteral("-bench"), locationId);
  if (!registered)
    return registered.error();
  stationId = *registered;
  queue = std::make_unique<queue::OrderQueue>(db, clock, 120s);
  workflow = std::make_unique<packing::LeasedQueueWorkflow>(db, *queue, stationId);
  supervisor =
      std::make_unique<db::ConnectionSupervisor>(clock, db::ConnectionSupervisor::Options{200ms, {50ms, 400ms}});
  const qint64 shop = shopId;
  supervisor->watch(connection, [shop](const QSqlDatabase &reopened) { return queue::setSessionShop(reopened, shop); });
  supervisor->start();
  return {};
}

void OutageBench::close(const QStringList &moreConnections)
{
  (void)outage.bringBack();
  supervisor.reset();
  workflow.reset();
  queue.reset();
  db = QSqlDatabase();
  for (const QString &name : QStringList{m_connection} + moreConnections) {
    if (name.isEmpty())
      continue;
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
  }
  outage.close();
}

} // namespace pb::test
