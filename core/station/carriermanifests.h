// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pb::station {

// One carrier manifest of an end of day as the station reads it (carrier_manifests, migration 0019).
struct CarrierManifest {
  qint64 id = 0;
  QString carrierId;
  QString carrierName;
  QString manifestId;
  int labelCount = 0;
  QByteArray pdf;
  QDateTime createdAt;
  bool recovered = false; // found at the carrier after its answer to an earlier attempt was lost (migration 0021)
};

// An end of day as the station sees it: requested (the hub works on it), done, failed (error says why).
struct EndOfDay {
  qint64 requestId = 0;
  QString state;
  QString errorKind; // nothing_to_manifest, carrier_unavailable, uncertain, refused, configuration
  QString error;     // the hub's words for it
  int labelCount = 0;
  QList<CarrierManifest> manifests; // done: one per carrier
};

// The station's side of the end of day, through the database's functions only (PostgreSQL).
namespace carriermanifests {

// A lead's end of day for warehouse locationId (packbench_request_manifest): the packer's sign-in and the lead's
// single-use approval. Permission without a lead's approval; the request id (the open one when asked twice).
Result<qint64> request(const QSqlDatabase &db, qint64 stationId, qint64 locationId, const QString &approvalToken,
                       const QString &signInToken);
// The request with its manifests (and their PDFs once done).
Result<EndOfDay> read(const QSqlDatabase &db, qint64 requestId);

} // namespace carriermanifests

} // namespace pb::station
