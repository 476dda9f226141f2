// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QTimer>

namespace pb::outbox {

// The leases one worker holds on a claimed batch of outbox rows. Renewed every third of the lease by a
// timer on the worker's thread, which the GraphQL client's local event loops serve (so a row stays ours
// while a slow call or a throttle wait is in flight), and between rows. A renewal or a write that finds a
// row no longer ours forfeits it: the worker then writes nothing more for that row.
class Lease final {
  Q_DISABLE_COPY_MOVE(Lease)

public:
  // Call on the worker's thread, right after the claim that set the leases.
  Lease(QSqlDatabase db, QString workerId, int leaseSeconds, QList<qint64> rows);
  ~Lease();

  bool holds(qint64 row) const { return m_rows.contains(row); }
  void release(qint64 row) { m_rows.removeAll(row); } // settled: not renewed any more
  Status renewIfDue();
  // Stores the row's progress and renews its lease, if the row is still ours; false: it is not.
  Result<bool> storeProgress(qint64 row, const QJsonObject &progress);
  const QString &workerId() const { return m_workerId; }

private:
  Status renew();

  QSqlDatabase m_db;
  QString m_workerId;
  int m_leaseSeconds;
  QList<qint64> m_rows;
  QElapsedTimer m_sinceRenewal;
  QTimer m_timer;
};

} // namespace pb::outbox
