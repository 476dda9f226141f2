// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/carriers/carriertypes.h"

#include <QSqlDatabase>

#include <optional>

namespace pb::hub {

// A bought, unvoided label of the warehouse that is on no manifest yet (label_requests, migration 0019).
struct ManifestLabel {
  qint64 requestId = 0;
  QString labelId;
  QString carrierId;
  QString carrierCode;
  bool sentBefore = false; // sent in an earlier POST whose outcome is unknown: it may be on a manifest already
};

// One end of day a worker holds: its warehouse and the labels to put on manifests.
struct ManifestJob {
  qint64 requestId = 0;
  qint64 locationId = 0;
  int attempt = 1; // this claim's number (manifest_requests.attempts, migration 0021)
  QList<ManifestLabel> labels;
};

// Why an end of day failed, as manifest_requests.error_kind says it.
enum class ManifestErrorKind { NothingToManifest, CarrierUnavailable, Uncertain, Refused, Configuration };
QString manifestErrorKindName(ManifestErrorKind kind);

// The SQL of the hub's end of day on manifest_requests and carrier_manifests (migration 0019). A worker holds a
// request through its lease (locked_by) and writes only what it holds.
namespace manifestrequests {

// Frees the leases this worker still holds, at the start of a pass: they were left by a pass that ended early (its
// connection went), and a lead waiting for the end of day would otherwise wait out the lease.
Status releaseOwnLeases(QSqlDatabase &db, const QString &workerId);
// Takes the oldest open request whose lease is free and that is not in `taken`, for leaseSeconds, with its warehouse's
// labels; none: none due. One claimed more than maxAttempts times fails as uncertain instead.
Result<std::optional<ManifestJob>> claimNext(QSqlDatabase &db, const QString &workerId, int leaseSeconds,
                                             int maxAttempts, const QList<qint64> &taken = {});
// Milliseconds until an open request's lease runs out (0: one is free now); none when no request is open.
Result<std::optional<qint64>> nextDueMs(QSqlDatabase &db);
// Marks these labels as sent in the job's request, committed before they go to the carrier (while the job is still
// this worker's: Conflict otherwise), so that an answer lost on the way is looked up before they are sent again.
Status markSent(QSqlDatabase &db, const ManifestJob &job, const QList<ManifestLabel> &labels, const QString &workerId);
// The manifests made for this request and those recovered (found at the carrier after a lost answer), each label
// marked with its manifest, and the request done, in one transaction. Labels the carrier lists that are not the job's
// (or are on a manifest already) are left as they are.
Status storeManifests(QSqlDatabase &db, const ManifestJob &job, const QList<carriers::Manifest> &made,
                      const QList<carriers::Manifest> &recovered, const QString &workerId);
// Still requested, with why in the lead's words, and due again after delaySeconds; nothing is marked.
Status retryLater(QSqlDatabase &db, const ManifestJob &job, const QString &workerId, int delaySeconds,
                  const QString &message);
// Failed with the lead's words for why; nothing is marked. It is not tried again by itself.
Status fail(QSqlDatabase &db, const ManifestJob &job, const QString &workerId, ManifestErrorKind kind,
            const QString &message);

} // namespace manifestrequests

} // namespace pb::hub
