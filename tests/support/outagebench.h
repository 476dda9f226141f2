// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/db/connectionsupervisor.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/stationoutage.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace pb::test {

// A bench connected as production connects it, on a StationOutage the test can take away: the station login's
// connection, set to the demo shop, the station registered, its queue (120 s leases) and leased workflow, and a
// started ConnectionSupervisor (200 ms probes) that watches the connection and reconnects it. Tests of offline
// packing and reconnects build on it.
struct OutageBench {
  StationOutage outage;
  QSqlDatabase admin; // the scratch database's owner: what the test checks with
  QSqlDatabase db;    // the station's own connection
  qint64 shopId = 0;
  std::optional<qint64> locationId;
  qint64 stationId = 0;
  std::unique_ptr<queue::OrderQueue> queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> workflow;
  std::unique_ptr<db::ConnectionSupervisor> supervisor;

  // `prefix` and `loginPrefix` name the scratch database and the login (StationOutage::open), `connection` the
  // station's connection; `locationCode` the warehouse the station is registered at (empty: none).
  Status open(const QString &prefix, const QString &loginPrefix, const QString &connection, const QString &locationCode,
              const Clock &clock);
  // Opens the doors, drops what open() made and the named connections (the station's and any the test added).
  void close(const QStringList &moreConnections = {});

private:
  QString m_connection;
};

} // namespace pb::test
