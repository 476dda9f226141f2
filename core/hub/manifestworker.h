// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/carriers/carrier.h"
#include "core/hub/manifestrequests.h"

#include <QSqlDatabase>

namespace pb::hub {

// When an attempt at an end of day does not learn what the carrier did.
struct ManifestRetry {
  int delaySeconds = 30; // before the request is tried again (a lookup first)
  int maxAttempts = 5;   // then it fails, "check the carrier first"; asking again still looks up first
};

// The hub's end of day on one database connection and one carrier (docs/carriers.md "End of day"): for each
// warehouse a lead asked for, the bought, unvoided labels on no manifest yet go to the carrier in one call (one
// manifest per carrier comes back, each with its PDF); manifests and marks are stored in one transaction after the
// answer. Labels are marked as sent before the call; labels an earlier call sent without a known answer are looked up
// first (GET /v1/manifests?label_ids=…), and only those on no manifest are sent again: never two manifests for one
// label. Runs on the carrier thread beside LabelWorker, sharing its connection and carrier.
class ManifestWorker final {
  Q_DISABLE_COPY_MOVE(ManifestWorker)

public:
  ManifestWorker(QSqlDatabase db, carriers::Carrier &carrier, QString workerId, int leaseSeconds = 600,
                 ManifestRetry retry = {});
  ~ManifestWorker();

  // One pass over the open requests, each taken at most once; how many it worked on.
  Result<int> runOnce();

  int made() const { return m_made; }
  int recovered() const { return m_recovered; } // manifests found at the carrier after a lost answer
  int failed() const { return m_failed; }

private:
  Status work(const ManifestJob &job);
  Status settleError(const ManifestJob &job, const carriers::CarrierError &error);
  Status settleLookupError(const ManifestJob &job, const carriers::CarrierError &error);

  QSqlDatabase m_db;
  carriers::Carrier &m_carrier;
  QString m_workerId;
  int m_leaseSeconds;
  ManifestRetry m_retry;
  int m_made = 0;
  int m_recovered = 0;
  int m_failed = 0;
};

} // namespace pb::hub
