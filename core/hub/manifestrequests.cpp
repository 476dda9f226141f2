// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/manifestrequests.h"

#include "core/audit/auditlog.h"
#include "core/carriers/servicechoice.h"
#include "core/db/sql.h"

#include <QJsonObject>

namespace pb::hub {

QString manifestErrorKindName(ManifestErrorKind kind)
{
  switch (kind) {
  case ManifestErrorKind::NothingToManifest: return QStringLiteral("nothing_to_manifest");
  case ManifestErrorKind::CarrierUnavailable: return QStringLiteral("carrier_unavailable");
  case ManifestErrorKind::Uncertain: return QStringLiteral("uncertain");
  case ManifestErrorKind::Refused: return QStringLiteral("refused");
  case ManifestErrorKind::Configuration: return QStringLiteral("configuration");
  }
  return {};
}

namespace manifestrequests {

namespace {

Status audit(QSqlDatabase &db, const ManifestJob &job, const QString &workerId, const QString &action,
             QJsonObject details)
{
  details.insert(QStringLiteral("manifest_request_id"), job.requestId);
  return audit::write(db, {audit::Actor::hub(workerId), action,
                           audit::Subject{QStringLiteral("location"), QString::number(job.locationId)}, details,
                           std::nullopt});
}

QString idList(const QList<qint64> &ids)
{
  QStringList text;
  for (qint64 id : ids)
    text.append(QString::number(id));
  return text.join(QLatin1Char(','));
}

} // namespace

Status releaseOwnLeases(QSqlDatabase &db, const QString &workerId)
{
  auto released = db::exec(db,
                           QStringLiteral("UPDATE manifest_requests SET locked_by = NULL, locked_until = NULL WHERE "
                                          "locked_by = ? AND state = 'requested'"),
                           {workerId});
  if (!released)
    return released.error();
  return {};
}

Result<std::optional<ManifestJob>> claimNext(QSqlDatabase &db, const QString &workerId, int leaseSeconds,
                                             int maxAttempts, const QList<qint64> &taken)
{
  // Committed at once: the lease, not a row lock, keeps other workers off the request during the carrier call.
  auto claimed =
      db::exec(db,
               QStringLiteral(
                   "WITH due AS (SELECT id FROM manifest_requests WHERE state = 'requested' AND (locked_until IS NULL "
                   "OR locked_until < now()) AND NOT (id = ANY (coalesce(string_to_array(?, ','), '{}')::bigint[])) "
                   "ORDER BY id "
                   "LIMIT 1 FOR UPDATE SKIP LOCKED) UPDATE manifest_requests m SET locked_by = ?, locked_until = "
                   "now() + make_interval(secs => ?), attempts = m.attempts + 1, updated_at = now() FROM due WHERE "
                   "m.id = due.id RETURNING m.id, m.location_id, m.attempts"),
               {idList(taken), workerId, leaseSeconds});
  if (!claimed)
    return claimed.error();
  if (!claimed.value().next())
    return std::optional<ManifestJob>();
  ManifestJob job;
  job.requestId = claimed->value(0).toLongLong();
  job.locationId = claimed->value(1).toLongLong();
  job.attempt = claimed->value(2).toInt();
  if (job.attempt > maxAttempts) {
    // Lost answers, lookups that failed or hubs that stopped mid-call: what the carrier did is still not known.
    Status failed = fail(db, job, workerId, ManifestErrorKind::Uncertain,
                         QStringLiteral("The hub could not learn from the carrier whether the manifests were made (%1 "
                                        "attempts). Check the carrier's manifests of today; asking again looks them "
                                        "up first and sends only the labels that are on none.")
                             .arg(maxAttempts));
    if (!failed)
      return failed.error();
    return claimNext(db, workerId, leaseSeconds, maxAttempts, QList<qint64>(taken) << job.requestId);
  }
  auto labels = db::exec(
      db,
      QStringLiteral("SELECT r.id, r.label_id, coalesce(r.carrier_id, ''), coalesce(r.carrier_code, ''), "
                     "r.manifest_sent_in IS NOT NULL FROM label_requests r JOIN fulfillment_orders f ON f.id = "
                     "r.fulfillment_order_id WHERE f.location_id = ? AND r.state IN ('bought', 'printed') AND "
                     "r.carrier_manifest_id IS NULL AND r.label_id IS NOT NULL ORDER BY r.id"),
      {job.locationId});
  if (!labels)
    return labels.error();
  while (labels.value().next()) {
    ManifestLabel label;
    label.requestId = labels->value(0).toLongLong();
    label.labelId = labels->value(1).toString();
    label.carrierId = labels->value(2).toString();
    label.carrierCode = labels->value(3).toString();
    label.sentBefore = labels->value(4).toBool();
    job.labels.append(label);
  }
  return std::optional<ManifestJob>(job);
}

Result<std::optional<qint64>> nextDueMs(QSqlDatabase &db)
{
  auto due =
      db::exec(db, QStringLiteral("SELECT greatest(0, ceil(extract(epoch FROM min(coalesce(locked_until, now())) "
                                  "- now()) * 1000))::bigint FROM manifest_requests WHERE state = 'requested'"));
  if (!due)
    return due.error();
  if (!due.value().next() || due->value(0).isNull())
    return std::optional<qint64>();
  return std::optional<qint64>(due->value(0).toLongLong());
}

Status markSent(QSqlDatabase &db, const ManifestJob &job, const QList<ManifestLabel> &labels, const QString &workerId)
{
  QList<qint64> ids;
  for (const ManifestLabel &label : labels)
    ids.append(label.requestId);
  return db::inTransaction(db, [&]() -> Status {
    auto held = db::exec(db,
                         QStringLiteral("SELECT 1 FROM manifest_requests WHERE id = ? AND locked_by = ? AND state = "
                                        "'requested' AND locked_until > now() FOR UPDATE"),
                         {job.requestId, workerId});
    if (!held)
      return held.error();
    if (!held.value().next())
      return makeError(ErrorKind::Conflict, QStringLiteral("manifest request %1 is no longer ours").arg(job.requestId));
    auto marked = db::exec(db,
                           QStringLiteral("UPDATE label_requests SET manifest_sent_in = ? WHERE id = ANY "
                                          "(string_to_array(?, ',')::bigint[]) AND carrier_manifest_id IS NULL"),
                           {job.requestId, idList(ids)});
    if (!marked)
      return marked.error();
    return {};
  });
}

namespace {

// One manifest of the carrier's with the job's labels on it, and those labels marked; how many of them (0: none).
Result<int> storeManifest(QSqlDatabase &db, const ManifestJob &job, const carriers::Manifest &m, bool recovered,
                          const QString &workerId)
{
  QList<qint64> ours;
  QString carrierCode;
  for (const ManifestLabel &label : job.labels) {
    // A recovered manifest counts only the labels it names: the carrier's fallback below is for our own request.
    const bool listed =
        m.labelIds.isEmpty() && !recovered ? label.carrierId == m.carrierId : m.labelIds.contains(label.labelId);
    if (!listed)
      continue;
    ours.append(label.requestId);
    carrierCode = label.carrierCode;
  }
  const int count = ours.isEmpty() && !recovered ? m.shipments : static_cast<int>(ours.size());
  if (count < 1)
    return 0; // a manifest with none of this warehouse's labels on it is not this end of day's
  auto stored = db::exec(
      db,
      QStringLiteral("INSERT INTO carrier_manifests (manifest_request_id, location_id, carrier_id, carrier_name, "
                     "manifest_id, form_id, label_count, pdf, ship_date, created_at, recovered) VALUES (?, ?, ?, ?, ?, "
                     "?, ?, ?, ?, coalesce(?, now()), ?) RETURNING id"),
      {job.requestId, job.locationId, m.carrierId, carriers::companyOfCarrier(carrierCode), m.manifestId, m.formId,
       count, m.pdf, m.shipDate.isValid() ? QVariant(m.shipDate) : QVariant(QMetaType::fromType<QDateTime>()),
       m.createdAt.isValid() ? QVariant(m.createdAt) : QVariant(QMetaType::fromType<QDateTime>()), recovered});
  if (!stored)
    return stored.error();
  if (!stored.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("manifest %1 not stored").arg(m.manifestId));
  const qint64 manifestRow = stored->value(0).toLongLong();
  auto marked = db::exec(db,
                         QStringLiteral("UPDATE label_requests SET carrier_manifest_id = ?, updated_at = now() "
                                        "WHERE id = ANY (string_to_array(?, ',')::bigint[]) AND "
                                        "carrier_manifest_id IS NULL"),
                         {manifestRow, idList(ours)});
  if (!marked)
    return marked.error();
  if (Status logged = audit(db, job, workerId,
                            recovered ? QStringLiteral("manifest.recovered") : QStringLiteral("manifest.created"),
                            {{QStringLiteral("manifest_id"), m.manifestId},
                             {QStringLiteral("carrier_id"), m.carrierId},
                             {QStringLiteral("label_count"), count}});
      !logged)
    return logged.error();
  return count;
}

} // namespace

Status storeManifests(QSqlDatabase &db, const ManifestJob &job, const QList<carriers::Manifest> &made,
                      const QList<carriers::Manifest> &recovered, const QString &workerId)
{
  return db::inTransaction(db, [&]() -> Status {
    int total = 0;
    for (const auto &[manifests, wasRecovered] : {std::pair{&recovered, true}, std::pair{&made, false}}) {
      for (const carriers::Manifest &m : *manifests) {
        auto count = storeManifest(db, job, m, wasRecovered, workerId);
        if (!count)
          return count.error();
        total += *count;
      }
    }
    auto done = db::exec(db,
                         QStringLiteral("UPDATE manifest_requests SET state = 'done', label_count = ?, error = NULL, "
                                        "error_kind = NULL, locked_by = NULL, locked_until = NULL, updated_at = now() "
                                        "WHERE id = ? AND locked_by = ? AND state = 'requested'"),
                         {total, job.requestId, workerId});
    if (!done)
      return done.error();
    if (done.value().numRowsAffected() != 1)
      return makeError(ErrorKind::Conflict, QStringLiteral("manifest request %1 is no longer ours").arg(job.requestId));
    return {};
  });
}

Status retryLater(QSqlDatabase &db, const ManifestJob &job, const QString &workerId, int delaySeconds,
                  const QString &message)
{
  return db::inTransaction(db, [&]() -> Status {
    auto deferred =
        db::exec(db,
                 QStringLiteral("UPDATE manifest_requests SET error = ?, error_kind = 'uncertain', locked_by = NULL, "
                                "locked_until = now() + make_interval(secs => ?), updated_at = now() WHERE id = ? AND "
                                "locked_by = ? AND state = 'requested'"),
                 {message, delaySeconds, job.requestId, workerId});
    if (!deferred)
      return deferred.error();
    if (deferred.value().numRowsAffected() != 1)
      return {};
    return audit(db, job, workerId, QStringLiteral("manifest.retry_later"),
                 {{QStringLiteral("attempt"), job.attempt}, {QStringLiteral("error"), message}});
  });
}

Status fail(QSqlDatabase &db, const ManifestJob &job, const QString &workerId, ManifestErrorKind kind,
            const QString &message)
{
  return db::inTransaction(db, [&]() -> Status {
    auto failed = db::exec(db,
                           QStringLiteral("UPDATE manifest_requests SET state = 'failed', error = ?, error_kind = ?, "
                                          "locked_by = NULL, locked_until = NULL, updated_at = now() WHERE id = ? AND "
                                          "locked_by = ? AND state = 'requested'"),
                           {message, manifestErrorKindName(kind), job.requestId, workerId});
    if (!failed)
      return failed.error();
    if (failed.value().numRowsAffected() != 1)
      return {};
    return audit(db, job, workerId, QStringLiteral("manifest.failed"),
                 {{QStringLiteral("kind"), manifestErrorKindName(kind)}, {QStringLiteral("error"), message}});
  });
}

} // namespace manifestrequests

} // namespace pb::hub
