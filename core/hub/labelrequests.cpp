// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/labelrequests.h"

#include "core/audit/auditlog.h"
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace pb::hub {

QString labelErrorKindName(LabelErrorKind kind)
{
  switch (kind) {
  case LabelErrorKind::CarrierUnavailable: return QStringLiteral("carrier_unavailable");
  case LabelErrorKind::Refused: return QStringLiteral("refused");
  case LabelErrorKind::NeedsWeight: return QStringLiteral("needs_weight");
  case LabelErrorKind::Configuration: return QStringLiteral("configuration");
  case LabelErrorKind::Cancelled: return QStringLiteral("cancelled");
  case LabelErrorKind::VoidRefused: return QStringLiteral("void_refused");
  }
  return QStringLiteral("refused");
}

namespace labelrequests {

namespace {

QJsonObject objectOf(const QVariant &text)
{
  return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

// The carrier's tracking page, only when it is a plain web address (it goes to the customer).
QVariant trackingUrlOf(const carriers::Label &label)
{
  const QUrl url(label.trackingUrl, QUrl::StrictMode);
  const bool web = url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http") && !url.host().isEmpty();
  return web ? QVariant(url.toString()) : QVariant(QMetaType::fromType<QString>());
}

// The carrier_code the tracking follower asks the carrier API with (migration 0017), when it is one it can store.
QVariant carrierCodeOf(const carriers::Label &label)
{
  static const QRegularExpression code(QStringLiteral("^[a-z0-9]+(_[a-z0-9]+)*$"));
  return code.match(label.carrierCode).hasMatch() ? QVariant(label.carrierCode)
                                                  : QVariant(QMetaType::fromType<QString>());
}

} // namespace

Status audit(QSqlDatabase &db, const LabelJob &job, const QString &workerId, const QString &action,
             const QJsonObject &details)
{
  QJsonObject all = details;
  all.insert(QStringLiteral("label_request_id"), job.requestId);
  all.insert(QStringLiteral("box_no"), job.boxNo);
  return audit::write(db, {audit::Actor::hub(workerId), action,
                           audit::Subject::fulfillmentOrder(job.fulfillmentOrderId), all, std::nullopt});
}

Status releaseOwnLeases(QSqlDatabase &db, const QString &workerId)
{
  auto released =
      db::exec(db,
               QStringLiteral("UPDATE label_requests SET locked_by = NULL, locked_until = NULL WHERE locked_by = ? "
                              "AND state IN ('requested', 'void_pending')"),
               {workerId});
  if (!released)
    return released.error();
  return {};
}

Result<QList<qint64>> claimDue(QSqlDatabase &db, const QString &state, const QString &workerId, int leaseSeconds,
                               int batch)
{
  // Committed at once: the lease, not a row lock, keeps other workers off the row during the carrier call.
  auto claimed = db::exec(
      db,
      QStringLiteral("UPDATE label_requests SET locked_by = ?, locked_until = now() + make_interval(secs => ?), "
                     "attempts = attempts + CASE WHEN state = 'requested' THEN 1 ELSE 0 END, updated_at = now() "
                     "WHERE id IN (SELECT id FROM label_requests WHERE state = ? AND next_attempt_at <= now() AND "
                     "(locked_until IS NULL OR locked_until < now()) ORDER BY next_attempt_at, id LIMIT ? "
                     "FOR UPDATE SKIP LOCKED) RETURNING id"),
      {workerId, leaseSeconds, state, batch});
  if (!claimed)
    return claimed.error();
  QList<qint64> ids;
  while (claimed.value().next())
    ids.append(claimed->value(0).toLongLong());
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::optional<qint64>> nextDueMs(QSqlDatabase &db)
{
  auto due = db::exec(db, QStringLiteral("SELECT greatest(0, ceil(extract(epoch FROM min(greatest(next_attempt_at, "
                                         "coalesce(locked_until, next_attempt_at))) - now()) * 1000))::bigint FROM "
                                         "label_requests WHERE state IN ('requested', 'void_pending')"));
  if (!due)
    return due.error();
  if (!due.value().next() || due->value(0).isNull())
    return std::optional<qint64>();
  return std::optional<qint64>(due->value(0).toLongLong());
}

Result<LabelJob> load(QSqlDatabase &db, qint64 requestId)
{
  auto row = db::execOneRow(
      db,
      QStringLiteral(
          "SELECT r.id, r.package_id, r.fulfillment_order_id, o.shop_id, f.location_id, r.box_no, r.attempts, "
          "r.state, r.external_shipment_id, r.label_format, coalesce(r.carrier_id, ''), "
          "coalesce(r.service_code, ''), coalesce(r.label_id, ''), coalesce(r.void_reason, ''), p.weight_grams, "
          "coalesce(p.length_mm, 0), coalesce(p.width_mm, 0), coalesce(p.height_mm, 0), o.name, "
          "coalesce(o.shipping_method, ''), coalesce(o.shipping_code, ''), coalesce(o.shipping_address::text, '{}'), "
          "cl.ship_from::text, f.ship_by, "
          // Wanted: the order is not cancelled and its pack attempt is open or finished (not abandoned).
          "o.cancelled_at IS NULL AND f.pack_state <> 'cancelled' AND (r.claim_id IS NULL OR c.released_at IS NULL "
          "OR c.release_reason = 'completed') "
          "FROM label_requests r JOIN packages p ON p.id = r.package_id "
          "JOIN fulfillment_orders f ON f.id = r.fulfillment_order_id JOIN orders o ON o.id = f.order_id "
          "LEFT JOIN claims c ON c.id = r.claim_id LEFT JOIN carrier_locations cl ON cl.location_id = f.location_id "
          "WHERE r.id = ?"),
      {requestId}, QStringLiteral("no label request %1").arg(requestId));
  if (!row)
    return row.error();
  const QSqlQuery &q = row.value();
  LabelJob job;
  job.requestId = q.value(0).toLongLong();
  job.packageId = q.value(1).toLongLong();
  job.fulfillmentOrderId = q.value(2).toLongLong();
  job.shopId = q.value(3).toLongLong();
  job.locationId = q.value(4).toLongLong();
  job.boxNo = q.value(5).toInt();
  job.attempts = q.value(6).toInt();
  job.state = q.value(7).toString();
  job.externalShipmentId = q.value(8).toString();
  job.format = q.value(9).toString();
  job.carrierId = q.value(10).toString();
  job.serviceCode = q.value(11).toString();
  job.labelId = q.value(12).toString();
  job.voidReason = q.value(13).toString();
  if (!q.value(14).isNull())
    job.weightGrams = q.value(14).toInt();
  job.lengthMm = q.value(15).toInt();
  job.widthMm = q.value(16).toInt();
  job.heightMm = q.value(17).toInt();
  job.orderName = q.value(18).toString();
  job.shippingTitle = q.value(19).toString();
  job.shippingCode = q.value(20).toString();
  job.shipTo = objectOf(q.value(21));
  if (!q.value(22).isNull())
    job.shipFrom = objectOf(q.value(22));
  job.shipBy = q.value(23).toDateTime();
  job.atBench = q.value(24).toBool();
  return job;
}

Result<QList<carriers::ServiceRule>> matchingRules(QSqlDatabase &db, qint64 shopId, const QString &title,
                                                   const QString &code)
{
  auto rules =
      db::exec(db,
               QStringLiteral("SELECT carrier_id, service_code, max_delivery_days, priority FROM "
                              "carrier_service_rules WHERE (shop_id IS NULL OR shop_id = ?) AND ("
                              "(match_field IN ('title', 'any') AND lower(?) LIKE lower(pattern)) OR "
                              "(match_field IN ('code', 'any') AND lower(?) LIKE lower(pattern))) ORDER BY id"),
               {shopId, title, code});
  if (!rules)
    return rules.error();
  QList<carriers::ServiceRule> matched;
  while (rules.value().next()) {
    carriers::ServiceRule rule;
    rule.carrierId = rules->value(0).toString();
    rule.serviceCode = rules->value(1).toString();
    if (!rules->value(2).isNull())
      rule.maxDeliveryDays = rules->value(2).toInt();
    rule.priority = rules->value(3).toInt();
    matched.append(rule);
  }
  return matched;
}

Status rememberService(QSqlDatabase &db, const LabelJob &job, const QString &workerId)
{
  auto kept = db::exec(db,
                       QStringLiteral("UPDATE label_requests SET carrier_id = ?, service_code = ?, updated_at = now() "
                                      "WHERE id = ? AND locked_by = ? AND label_id IS NULL"),
                       {job.carrierId, job.serviceCode, job.requestId, workerId});
  if (!kept)
    return kept.error();
  if (kept.value().numRowsAffected() != 1)
    return makeError(ErrorKind::Conflict, QStringLiteral("label request %1 is no longer ours").arg(job.requestId));
  return {};
}

Result<bool> storeBought(QSqlDatabase &db, const LabelJob &job, const carriers::Label &label, const QString &workerId)
{
  bool stored = false;
  const QString company = carriers::companyOfCarrier(label.carrierCode);
  const QStringList numbers =
      label.trackingNumbers.isEmpty() ? QStringList{label.trackingNumber} : label.trackingNumbers;
  Status written = db::inTransaction(db, [&]() -> Status {
    // Whoever stores first wins; a second worker that bought by the same external id has the same label.
    auto request = db::exec(
        db,
        QStringLiteral("UPDATE label_requests SET state = CASE WHEN state = 'requested' THEN 'bought' ELSE state END, "
                       "label_id = ?, carrier_id = ?, carrier_code = ?, tracking_company = ?, service_code = ?, "
                       "tracking_number = ?, tracking_numbers = string_to_array(?, ','), tracking_url = ?, "
                       "cost_minor = ?, cost_currency = ?, label_format = ?, label_bytes = ?, bought_at = now(), "
                       "error = NULL, error_kind = NULL, locked_by = NULL, locked_until = NULL, updated_at = now() "
                       "WHERE id = ? AND state IN ('requested', 'void_pending') AND label_id IS NULL RETURNING state"),
        {label.labelId, label.carrierId.isEmpty() ? job.carrierId : label.carrierId, label.carrierCode, company,
         label.serviceCode.isEmpty() ? job.serviceCode : label.serviceCode, label.trackingNumber,
         numbers.join(QLatin1Char(',')), trackingUrlOf(label), label.shipmentCost.minor,
         label.shipmentCost.currency.isEmpty() ? QStringLiteral("USD") : label.shipmentCost.currency.toUpper(),
         carriers::labelFormatName(label.format), label.bytes, job.requestId});
    if (!request)
      return request.error();
    if (!request.value().next())
      return {}; // stored already (another worker), or retired and cancelled: nothing to add
    stored = true;
    const bool live = request->value(0).toString() == u"bought";
    if (Status logged =
            audit(db, job, workerId, live ? QStringLiteral("label.bought") : QStringLiteral("label.bought_late"),
                  {{QStringLiteral("label_id"), label.labelId},
                   {QStringLiteral("service_code"), label.serviceCode},
                   {QStringLiteral("cost_minor"), label.shipmentCost.minor},
                   {QStringLiteral("recovered"), label.recovered}});
        !logged)
      return logged;
    if (!live)
      return {}; // retired while it was bought: it is voided next, the package keeps no tracking of it
    // Like a scanned label (migration 0015): courier and Shopify company, and the tracking page computed from the
    // company's template; the carrier's own page only for a company Shopify and the dataset have none for.
    auto package = db::exec(
        db,
        QStringLiteral("UPDATE packages SET carrier = ?, service = ?, tracking_courier = ?, tracking_company = ?, "
                       "tracking_carrier_code = ?, tracking_number = ?, tracking_url = coalesce((SELECT "
                       "replace(t.url_template, '%s', ?) FROM tracking_url_templates t WHERE t.company = ?), ?) "
                       "WHERE id = ?"),
        {company, label.serviceCode, db::textOrNull(carriers::courierOfCarrier(label.carrierCode)), company,
         carrierCodeOf(label), label.trackingNumber, label.trackingNumber, company, trackingUrlOf(label),
         job.packageId});
    return package ? Status{} : Status{package.error()};
  });
  if (!written)
    return written.error();
  return stored;
}

Status waitAgain(QSqlDatabase &db, const LabelJob &job, const QString &workerId, LabelErrorKind kind,
                 const QString &message, qint64 delayMs, bool uncount)
{
  auto waiting = db::exec(
      db,
      QStringLiteral("UPDATE label_requests SET error = ?, error_kind = ?, next_attempt_at = now() + make_interval("
                     "secs => ?), attempts = greatest(attempts - ?, 0), locked_by = NULL, locked_until = NULL, "
                     "updated_at = now() WHERE id = ? AND locked_by = ?"),
      {message, labelErrorKindName(kind), static_cast<double>(delayMs) / 1000.0, uncount ? 1 : 0, job.requestId,
       workerId});
  return waiting ? Status{} : Status{waiting.error()};
}

Status fail(QSqlDatabase &db, const LabelJob &job, const QString &workerId, LabelErrorKind kind, const QString &message)
{
  return db::inTransaction(db, [&]() -> Status {
    auto failed = db::exec(db,
                           QStringLiteral("UPDATE label_requests SET state = 'failed', error = ?, error_kind = ?, "
                                          "locked_by = NULL, locked_until = NULL, updated_at = now() WHERE id = ? AND "
                                          "locked_by = ? AND state = 'requested'"),
                           {message, labelErrorKindName(kind), job.requestId, workerId});
    if (!failed)
      return failed.error();
    if (failed.value().numRowsAffected() != 1)
      return {};
    return audit(db, job, workerId, QStringLiteral("label.failed"),
                 {{QStringLiteral("kind"), labelErrorKindName(kind)}, {QStringLiteral("error"), message}});
  });
}

Result<int> retireAbandoned(QSqlDatabase &db, const QString &workerId)
{
  int retired = 0;
  Status done = db::inTransaction(db, [&]() -> Status {
    auto gone = db::exec(
        db, QStringLiteral(
                "SELECT r.id, r.fulfillment_order_id, r.box_no, r.state, CASE "
                "WHEN o.cancelled_at IS NOT NULL OR f.pack_state = 'cancelled' THEN 'the order was cancelled' "
                "WHEN c.release_reason = 'held' THEN 'the order was put on hold' "
                "WHEN c.release_reason = 'expired' THEN 'the lease ran out and the order went back to the queue' "
                "ELSE 'the order went back to the queue' END "
                "FROM label_requests r JOIN fulfillment_orders f ON f.id = r.fulfillment_order_id "
                "JOIN orders o ON o.id = f.order_id LEFT JOIN claims c ON c.id = r.claim_id "
                "WHERE r.state IN ('requested', 'bought', 'printed') AND ("
                "((o.cancelled_at IS NOT NULL OR f.pack_state = 'cancelled') AND f.shopify_fulfillment_id IS NULL) OR "
                "(c.released_at IS NOT NULL AND c.release_reason <> 'completed')) "
                "ORDER BY r.id FOR UPDATE OF r SKIP LOCKED"));
    if (!gone)
      return gone.error();
    struct Gone {
      LabelJob job;
      QString state;
      QString reason;
    };
    QList<Gone> rows;
    while (gone.value().next()) {
      Gone g;
      g.job.requestId = gone->value(0).toLongLong();
      g.job.fulfillmentOrderId = gone->value(1).toLongLong();
      g.job.boxNo = gone->value(2).toInt();
      g.state = gone->value(3).toString();
      g.reason = gone->value(4).toString();
      rows.append(g);
    }
    for (const Gone &g : rows) {
      if (auto r = db::exec(db, QStringLiteral("SELECT packbench_retire_label(?, ?)"), {g.job.requestId, g.reason}); !r)
        return r.error();
      // The lead is told: a label that may have been paid for is being voided, and why.
      if (Status logged = audit(db, g.job, workerId, QStringLiteral("label.void_requested"),
                                {{QStringLiteral("reason"), g.reason}, {QStringLiteral("was"), g.state}});
          !logged)
        return logged;
      ++retired;
    }
    return {};
  });
  if (!done)
    return done.error();
  return retired;
}

Status storeVoided(QSqlDatabase &db, const LabelJob &job, const QString &workerId, bool wasBought,
                   const QString &labelId)
{
  return db::inTransaction(db, [&]() -> Status {
    auto voided = db::exec(
        db,
        QStringLiteral("UPDATE label_requests SET state = CASE WHEN ? THEN 'voided' ELSE 'failed' END, "
                       "label_id = coalesce(label_id, nullif(?, '')), voided_at = CASE WHEN ? THEN now() END, "
                       "error = CASE WHEN ? THEN error ELSE 'The label was no longer needed: ' || void_reason END, "
                       "error_kind = CASE WHEN ? THEN error_kind ELSE 'cancelled' END, locked_by = NULL, "
                       "locked_until = NULL, updated_at = now() WHERE id = ? AND locked_by = ? AND state = "
                       "'void_pending' RETURNING package_id, tracking_number"),
        {wasBought, labelId, wasBought, wasBought, wasBought, job.requestId, workerId});
    if (!voided)
      return voided.error();
    if (!voided.value().next())
      return {};
    const qint64 packageId = voided->value(0).toLongLong();
    const QString tracking = voided->value(1).toString();
    if (!tracking.isEmpty()) {
      auto forgotten =
          db::exec(db,
                   QStringLiteral("UPDATE packages SET tracking_number = NULL, tracking_url = NULL, "
                                  "tracking_courier = NULL, tracking_company = NULL, "
                                  "tracking_carrier_code = NULL, carrier = NULL, service = NULL WHERE id = "
                                  "? AND tracking_number = ?"),
                   {packageId, tracking});
      if (!forgotten)
        return forgotten.error();
    }
    return audit(db, job, workerId, wasBought ? QStringLiteral("label.voided") : QStringLiteral("label.cancelled"),
                 {{QStringLiteral("reason"), job.voidReason}, {QStringLiteral("label_id"), labelId}});
  });
}

} // namespace labelrequests

} // namespace pb::hub
