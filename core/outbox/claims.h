// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/outbox/claimedrow.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace pb::outbox {

// How one worker claims and retries rows.
struct ClaimSettings {
  QString workerId;       // locked_by: host/pid/thread, unique per worker (a claim takes back its own rows)
  int leaseSeconds = 120; // renewed every third while the row is worked on (Lease)
  int maxAttempts = 25;
  int backoffBaseMs = 2000;
  int backoffMaxMs = 15 * 60 * 1000;
  int batchSize = 20;
};

// What settling a row came to: written, or not written because another worker holds the row now.
enum class Settled { Written, LeaseLost };

// The claim/settle side of the outbox (PostgreSQL) for one worker. Rows are claimed with FOR UPDATE SKIP
// LOCKED under a lease, so several hubs share the outbox; every settle writes only while the row is still
// this worker's (locked_by, in_flight), so a row taken over by another worker is never written twice.
class Claims final {
public:
  Claims(QSqlDatabase db, ClaimSettings settings);
  Q_DISABLE_COPY_MOVE(Claims)
  ~Claims();

  // Claims one batch of due rows of these kinds (pending or failed and due, or leased by a worker whose
  // lease ran out), oldest due first. Claiming commits at once: the lease keeps other workers off.
  // Rows still leased to this worker are taken back at once: a worker claims only between passes, so they
  // were left by a pass that ended early (its connection went), and waiting out the lease would hold them
  // back for minutes.
  Result<QList<ClaimedRow>> claim(const QList<Kind> &kinds);

  // Done: the row's progress (when given) and alsoWrite's writes in one commit with the done state, never one
  // without the other; alsoWrite runs only while the row is still ours.
  Result<Settled> done(const ClaimedRow &row, const std::optional<QJsonObject> &progress,
                       const std::function<Status()> &alsoWrite = {});
  // Failed: dead for InvalidInput/Permission or after maxAttempts, else failed and due again after a jittered
  // exponential backoff. *dead (if given) tells which.
  Result<Settled> failed(const ClaimedRow &row, const Error &error, bool *dead = nullptr);
  // Back to waiting with the reason, the attempt not counted (e.g. no credentials for the row's shop yet).
  Result<Settled> park(const ClaimedRow &row, const QString &why, int seconds);

  const ClaimSettings &settings() const { return m_settings; }

private:
  QSqlDatabase m_db;
  ClaimSettings m_settings;
};

} // namespace pb::outbox
