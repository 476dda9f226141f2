// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/station/carriermanifests.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

namespace pb::station::carriermanifests {

Result<qint64> request(const QSqlDatabase &db, qint64 stationId, qint64 locationId, const QString &approvalToken,
                       const QString &signInToken)
{
  auto id = db::exec(db, QStringLiteral("SELECT packbench_request_manifest(?, ?, ?::uuid, ?, NULL)"),
                     {stationId, locationId, db::textOrNull(approvalToken), db::textOrNull(signInToken)});
  if (!id)
    return id.error();
  if (!id.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("packbench_request_manifest answered nothing"));
  return id->value(0).toLongLong();
}

Result<EndOfDay> read(const QSqlDatabase &db, qint64 requestId)
{
  auto row = db::execOneRow(db,
                            QStringLiteral("SELECT id, state, coalesce(error_kind, ''), coalesce(error, ''), "
                                           "coalesce(label_count, 0) FROM manifest_requests WHERE id = ?"),
                            {requestId}, QStringLiteral("no end of day %1 for this station").arg(requestId));
  if (!row)
    return row.error();
  EndOfDay end;
  end.requestId = row->value(0).toLongLong();
  end.state = row->value(1).toString();
  end.errorKind = row->value(2).toString();
  end.error = row->value(3).toString();
  end.labelCount = row->value(4).toInt();
  auto manifests = db::exec(db,
                            QStringLiteral("SELECT id, carrier_id, carrier_name, manifest_id, label_count, pdf, "
                                           "created_at, recovered FROM carrier_manifests WHERE manifest_request_id = ? "
                                           "ORDER BY carrier_name, id"),
                            {requestId});
  if (!manifests)
    return manifests.error();
  while (manifests.value().next()) {
    const QSqlQuery &q = manifests.value();
    CarrierManifest m;
    m.id = q.value(0).toLongLong();
    m.carrierId = q.value(1).toString();
    m.carrierName = q.value(2).toString();
    m.manifestId = q.value(3).toString();
    m.labelCount = q.value(4).toInt();
    m.pdf = q.value(5).toByteArray();
    m.createdAt = q.value(6).toDateTime();
    m.recovered = q.value(7).toBool();
    end.manifests.append(m);
  }
  return end;
}

} // namespace pb::station::carriermanifests
