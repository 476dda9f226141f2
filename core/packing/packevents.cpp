// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/packevents.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

namespace pb::packing {

using db::isoUtc;

namespace {

QJsonValue optionalId(const std::optional<qint64> &id)
{
  return id ? QJsonValue(*id) : QJsonValue();
}

std::optional<qint64> optionalId(const QJsonValue &value)
{
  return value.isNull() || value.isUndefined() ? std::nullopt : std::optional<qint64>(value.toInteger());
}

Result<bool> alreadyRecorded(const QSqlDatabase &db, const QUuid &id)
{
  auto known = db::exec(db, QStringLiteral("SELECT 1 FROM scan_events WHERE client_event_id = ?"),
                        {id.toString(QUuid::WithoutBraces)});
  if (!known)
    return known.error();
  return known.value().next();
}

} // namespace

Status recordScanEvent(const QSqlDatabase &db, const ScanEventRecord &record, const QString &signInToken,
                       const QDateTime &at, bool callersId)
{
  const QUuid id = record.id.isNull() ? QUuid::createUuid() : record.id;
  // Both paths bind the same values in the same order; only the approval differs (token vs. packer id), and
  // PostgreSQL takes the packer's sign-in, from which it records the packer (migration 0016).
  QVariantList values{id.toString(QUuid::WithoutBraces),
                      record.fulfillmentOrderId,
                      db::orNull(record.claimId),
                      db::idOrNull(record.lineId),
                      db::orNull(record.stationId),
                      record.packerId,
                      record.raw.isNull() ? QString::fromLatin1("") : record.raw,
                      db::textOrNull(record.normalized),
                      db::textOrNull(record.symbology),
                      record.outcome,
                      record.quantity,
                      record.boxNo,
                      db::textOrNull(record.reason)};
  const bool postgres = db::isPostgres(db);
  values << (postgres ? db::textOrNull(record.approvalToken) : db::idOrNull(record.approvedBy));
  if (postgres)
    values << db::textOrNull(signInToken);
  values << isoUtc(at);
  // PostgreSQL: the function checks the sign-in, the claim, the lease, the line and the barcode before it records
  // anything.
  auto done =
      db::exec(db,
               postgres ? QStringLiteral("SELECT packbench_record_scan(?::uuid, ?::bigint, ?::bigint, ?::bigint, "
                                         "?::bigint, ?::bigint, ?, ?, ?, ?, ?::integer, ?::integer, ?, ?::uuid, "
                                         "?::text, ?::timestamptz)")
                        : QStringLiteral("INSERT INTO scan_events (client_event_id, fulfillment_order_id, "
                                         "claim_id, line_id, station_id, packer_id, raw_code, normalized_code, "
                                         "symbology, outcome, quantity, box_no, reason, approved_by, scanned_at) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               values);
  if (!done) {
    // Drivers report unique violations differently: ask whether this very event is already there.
    auto known = alreadyRecorded(db, id);
    if (callersId && known && *known)
      return makeError(ErrorKind::Conflict, QStringLiteral("scan event already recorded"));
    // Conflict means "replayed" to the callers; the database refusing this scan (lease lost, more than the line
    // asks for: a station function's PB… code) is not a replay and must not look like one.
    if (done.error().kind == ErrorKind::Conflict && db::isStationFunctionCode(done.error().code))
      return makeError(ErrorKind::Permission, done.error().message);
    return done.error();
  }
  return {};
}

Status openPackageBox(const QSqlDatabase &db, const OpenBoxRecord &box, const QString &signInToken, const QDateTime &at)
{
  const qint64 fo = box.fulfillmentOrderId;
  auto row =
      db::isPostgres(db)
          ? db::exec(db,
                     QStringLiteral("SELECT packbench_open_box(?::bigint, ?::bigint, ?::bigint, ?::integer, ?::text, "
                                    "?::timestamptz)"),
                     {db::orNull(box.claimId), db::orNull(box.stationId), fo, box.boxNo, db::textOrNull(signInToken),
                      isoUtc(at)})
          : db::exec(db,
                     QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no) SELECT ?, ? "
                                    "WHERE NOT EXISTS (SELECT 1 FROM packages WHERE fulfillment_order_id = ? "
                                    "AND box_no = ?)"),
                     {fo, box.boxNo, fo, box.boxNo});
  if (!row)
    return row.error();
  return {};
}

QJsonObject toJson(const ScanEventRecord &r)
{
  // A manual count offline carries the lead and, on PostgreSQL, one of the offline approvals the database handed
  // this bench (migration 0022): single-use, bound to the station's login, spent by the replay.
  QJsonObject json{{QStringLiteral("fo"), r.fulfillmentOrderId},
                   {QStringLiteral("claim"), optionalId(r.claimId)},
                   {QStringLiteral("line"), r.lineId},
                   {QStringLiteral("station"), optionalId(r.stationId)},
                   {QStringLiteral("packer"), r.packerId},
                   {QStringLiteral("raw"), r.raw},
                   {QStringLiteral("normalized"), r.normalized},
                   {QStringLiteral("symbology"), r.symbology},
                   {QStringLiteral("outcome"), r.outcome},
                   {QStringLiteral("quantity"), r.quantity},
                   {QStringLiteral("box"), r.boxNo},
                   {QStringLiteral("reason"), r.reason}};
  if (r.approvedBy != 0)
    json.insert(QStringLiteral("approved_by"), r.approvedBy);
  if (!r.approvalToken.isEmpty())
    json.insert(QStringLiteral("approval"), r.approvalToken);
  return json;
}

QJsonObject toJson(const OpenBoxRecord &box)
{
  return {{QStringLiteral("fo"), box.fulfillmentOrderId},
          {QStringLiteral("claim"), optionalId(box.claimId)},
          {QStringLiteral("station"), optionalId(box.stationId)},
          {QStringLiteral("box"), box.boxNo}};
}

QJsonObject toJson(const TrackingRecord &tracking)
{
  return {{QStringLiteral("fo"), tracking.fulfillmentOrderId},
          {QStringLiteral("claim"), optionalId(tracking.claimId)},
          {QStringLiteral("station"), optionalId(tracking.stationId)},
          {QStringLiteral("box"), tracking.boxNo},
          {QStringLiteral("courier"), tracking.courierCode},
          {QStringLiteral("company"), tracking.company},
          {QStringLiteral("number"), tracking.number}};
}

ScanEventRecord scanEventFromJson(const QUuid &id, const QJsonObject &j)
{
  ScanEventRecord r;
  r.id = id;
  r.fulfillmentOrderId = j.value(QStringLiteral("fo")).toInteger();
  r.claimId = optionalId(j.value(QStringLiteral("claim")));
  r.lineId = j.value(QStringLiteral("line")).toInteger();
  r.stationId = optionalId(j.value(QStringLiteral("station")));
  r.packerId = j.value(QStringLiteral("packer")).toInteger();
  r.raw = j.value(QStringLiteral("raw")).toString();
  r.normalized = j.value(QStringLiteral("normalized")).toString();
  r.symbology = j.value(QStringLiteral("symbology")).toString();
  r.outcome = j.value(QStringLiteral("outcome")).toString();
  r.quantity = j.value(QStringLiteral("quantity")).toInt(1);
  r.boxNo = j.value(QStringLiteral("box")).toInt(1);
  r.reason = j.value(QStringLiteral("reason")).toString();
  r.approvedBy = j.value(QStringLiteral("approved_by")).toInteger();
  r.approvalToken = j.value(QStringLiteral("approval")).toString();
  return r;
}

OpenBoxRecord openBoxFromJson(const QJsonObject &j)
{
  return {j.value(QStringLiteral("fo")).toInteger(), optionalId(j.value(QStringLiteral("claim"))),
          optionalId(j.value(QStringLiteral("station"))), j.value(QStringLiteral("box")).toInt(1)};
}

TrackingRecord trackingFromJson(const QJsonObject &j)
{
  return {j.value(QStringLiteral("fo")).toInteger(),      optionalId(j.value(QStringLiteral("claim"))),
          optionalId(j.value(QStringLiteral("station"))), j.value(QStringLiteral("box")).toInt(1),
          j.value(QStringLiteral("courier")).toString(),  j.value(QStringLiteral("company")).toString(),
          j.value(QStringLiteral("number")).toString()};
}

Status replayJournaledEvent(const QSqlDatabase &db, const QUuid &id, const QString &kind, const QJsonObject &payload,
                            const QString &signInToken, const QDateTime &at)
{
  if (kind == kJournalOpenBox)
    return openPackageBox(db, openBoxFromJson(payload), signInToken, at); // idempotent by itself
  if (kind == kJournalTracking) { // the same number on the same box again changes nothing
    auto attached = attachPackageTracking(db, trackingFromJson(payload), signInToken, at);
    return attached ? Status{} : Status{attached.error()};
  }
  if (kind != kJournalScan)
    return makeError(ErrorKind::InvalidInput, QStringLiteral("unknown journal event kind %1").arg(kind));
  // Asked first: a failed statement would spoil the replay's transaction on PostgreSQL.
  auto known = alreadyRecorded(db, id);
  if (!known)
    return known.error();
  if (*known)
    return {};
  return recordScanEvent(db, scanEventFromJson(id, payload), signInToken, at, true);
}

} // namespace pb::packing
