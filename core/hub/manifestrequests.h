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
};

// One end of day a worker holds: its warehouse and the labels to put on manifests.
struct ManifestJob {
  qint64 requestId = 0;
  qint64 locationId = 0;
  QList<ManifestLabel> labels;
};

// Why an end of day failed, as manifest_requests.error_kind says it.
enum class ManifestErrorKind { NothingToManifest, CarrierUnavailable, Uncertain, Refused, Configuration };
QString manifestErrorKindName(ManifestErrorKind kind);

// The SQL of the hub's end of day on manifest_requests and carrier_manifests (migration 0019). A worker holds a
// request through its lease (locked_by) and writes only what it holds.
namespace manifestrequests {

// Takes the oldest open request whose lease is free, for leaseSeconds, with its warehouse's labels; none: none due.
Result<std::optional<ManifestJob>> claimNext(QSqlDatabase &db, const QString &workerId, int leaseSeconds);
// Milliseconds until an open request's lease runs out (0: one is free now); none when no request is open.
Result<std::optional<qint64>> nextDueMs(QSqlDatabase &db);
// The carrier's manifests, each label marked with its manifest, and the request done, in one transaction.
// Labels the carrier lists that are not the job's (or are on a manifest already) are left as they are.
Status storeManifests(QSqlDatabase &db, const ManifestJob &job, const QList<carriers::Manifest> &manifests,
                      const QString &workerId);
// Failed with the lead's words for why; nothing is marked. It is not tried again by itself.
Status fail(QSqlDatabase &db, const ManifestJob &job, const QString &workerId, ManifestErrorKind kind,
            const QString &message);

} // namespace manifestrequests

} // namespace pb::hub
