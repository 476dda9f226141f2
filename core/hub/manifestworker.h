// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/carriers/carrier.h"
#include "core/hub/manifestrequests.h"

#include <QSqlDatabase>

namespace pb::hub {

// The hub's end of day on one database connection and one carrier (docs/carriers.md "End of day"): for each
// warehouse a lead asked for, the bought, unvoided labels on no manifest yet go to the carrier in one call (one
// manifest per carrier comes back, each with its PDF); manifests and marks are stored in one transaction after the
// answer. An answer that may have been lost is never sent again by itself: the request fails with what the lead
// must check first. Runs on the carrier thread beside LabelWorker, sharing its connection and carrier.
class ManifestWorker final {
  Q_DISABLE_COPY_MOVE(ManifestWorker)

public:
  ManifestWorker(QSqlDatabase db, carriers::Carrier &carrier, QString workerId, int leaseSeconds = 600);
  ~ManifestWorker();

  // One pass over the open requests; how many it worked on.
  Result<int> runOnce();

  int made() const { return m_made; }
  int failed() const { return m_failed; }

private:
  Status work(const ManifestJob &job);
  Status settleError(const ManifestJob &job, const carriers::CarrierError &error);

  QSqlDatabase m_db;
  carriers::Carrier &m_carrier;
  QString m_workerId;
  int m_leaseSeconds;
  int m_made = 0;
  int m_failed = 0;
};

} // namespace pb::hub
