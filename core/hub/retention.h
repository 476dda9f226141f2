// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/webhookinbox.h"

#include <QDateTime>
#include <QSqlDatabase>

#include <chrono>
#include <functional>
#include <vector>

namespace pb::hub {

namespace retention {
using Expired = shopify::webhookinbox::Expired;

// Clears the bytes of up to `limit` closed label print jobs (done, moved or failed) created before `createdBefore`
// with an id above `afterId`, in id order: a ZPL, PDF or PNG label prints the ship-to address, a hand-off sheet the
// day's parcels. Jobs still queued or retrying keep theirs; a cleared one is never sent again (refuseIfLabelGone).
Result<Expired> expireLabelPrintJobs(const QSqlDatabase &db, const QDateTime &createdBefore, qint64 afterId, int limit);
// The same for carrier labels: the bytes of labels printed, voided or failed before `before`. A bought label that has
// not printed yet keeps them (the station still prints it); its tracking number stays (Shopify has it too).
Result<Expired> expireCarrierLabels(const QSqlDatabase &db, const QDateTime &before, qint64 afterId, int limit);
} // namespace retention

// How long the hub keeps copies of customer data it no longer needs (0 = kept).
struct RetentionDays {
  std::chrono::days webhookBodies{0}; // hub.webhook_retention_days
  std::chrono::days labels{0};        // hub.label_retention_days
};

// Blanks what is past its retention, one batch of each kind a step, each kind walking its table from where its last
// batch ended. The caller repeats step() at once while it says more wait, else an hour later.
class RetentionSweep {
public:
  explicit RetentionSweep(RetentionDays days);

  bool enabled() const { return !m_kinds.empty(); }
  // true: some kind filled its batch, so more may wait. Logs what a kind blanked once it has caught up.
  Result<bool> step(const QSqlDatabase &db, const QDateTime &now, int batch);

private:
  struct Kind {
    const char *what; // for the log: "the bodies of N settled webhooks"
    std::chrono::days days;
    std::function<Result<retention::Expired>(const QSqlDatabase &, const QDateTime &, qint64, int)> expire;
    qint64 through = 0; // the highest id blanked since start: a row passed over (locked) waits for the next start
    int thisRun = 0;    // blanked since the last log line
  };
  std::vector<Kind> m_kinds;
};

} // namespace pb::hub
