// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/customerdata.h"

#include "core/audit/auditlog.h"
#include "core/db/sql.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/webhookinbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace pb::shopify::customerdata {

namespace {

const QString kRedacted = QStringLiteral("[redacted]");
const QString kBlankBody = QStringLiteral("convert_to('%1', 'UTF8')").arg(QLatin1String(webhookinbox::kRedactedBody));
const QString kRedactOrderColumns =
    QStringLiteral("email = NULL, phone = NULL, customer_name = NULL, shipping_address = NULL, billing_address = NULL, "
                   "note = NULL, gift_message = NULL, redacted_at = coalesce(redacted_at, now()), updated_at = now()");
// A privacy request still waiting is answered in its turn (it blanks its own body then), never settled unread.
const QString kWaitingRequest =
    QStringLiteral("(status = 'pending' AND topic IN ('customers/redact', 'customers/data_request', 'shop/redact'))");
// Unit separator: cannot occur in an id, an email or a phone number.
const QChar kNeedleSeparator(0x1f);

// The subject's fulfillment orders, for statements bound with ?::bigint[] of local order ids.
const QString kFulfillmentOrdersOf =
    QStringLiteral("SELECT id FROM fulfillment_orders WHERE order_id = ANY(?::bigint[])");

QString idArray(const QList<qint64> &ids)
{
  QStringList out;
  out.reserve(ids.size());
  for (qint64 id : ids)
    out.append(QString::number(id));
  return QLatin1Char('{') + out.join(QLatin1Char(',')) + QLatin1Char('}');
}

QString idArray(const QStringList &ids)
{
  QStringList numeric;
  for (const QString &id : ids) {
    bool ok = false;
    id.toLongLong(&ok);
    if (ok)
      numeric.append(id);
  }
  return QLatin1Char('{') + numeric.join(QLatin1Char(',')) + QLatin1Char('}');
}

Result<int> run(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
  auto done = db::exec(db, sql, values);
  if (!done)
    return done.error();
  return done->numRowsAffected();
}

bool isOrderTopic(const QString &topic)
{
  return topic.startsWith(QStringLiteral("orders/")) && topic != u"orders/edited";
}

bool sameText(const QJsonValue &value, const QString &wanted, Qt::CaseSensitivity cs)
{
  return !wanted.isEmpty() && value.isString() && value.toString().trimmed().compare(wanted.trimmed(), cs) == 0;
}

// Walks every object of a delivery: a customer object with the subject's id, an order_id naming one of its
// orders, or a contact field equal to the subject's.
bool mentions(const QJsonValue &value, const Subject &subject)
{
  if (value.isArray()) {
    for (const QJsonValue &item : value.toArray()) {
      if (mentions(item, subject))
        return true;
    }
    return false;
  }
  if (!value.isObject())
    return false;
  const QJsonObject object = value.toObject();
  if (!subject.customerId.isEmpty() && object.value(u"customer").isObject() &&
      ordermapper::numericId(object.value(u"customer").toObject().value(u"id")) == subject.customerId)
    return true;
  if (object.contains(u"order_id") && subject.orderIds.contains(ordermapper::numericId(object.value(u"order_id"))))
    return true;
  for (const char16_t *field : {u"email", u"contact_email"}) {
    if (sameText(object.value(field), subject.email, Qt::CaseInsensitive))
      return true;
  }
  if (sameText(object.value(u"phone"), subject.phone, Qt::CaseSensitive))
    return true;
  for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
    if ((it->isObject() || it->isArray()) && mentions(*it, subject))
      return true;
  }
  return false;
}

// Candidates for the structural check: rows whose raw bytes contain any of the subject's ids or contact
// strings (a cheap filter in the database; the decision is deliveryBelongsTo's).
QString needles(const Subject &subject)
{
  QStringList out = subject.orderIds;
  for (const QString &value : {subject.customerId, subject.email, subject.phone}) {
    if (!value.trimmed().isEmpty())
      out.append(value.trimmed());
  }
  return out.join(kNeedleSeparator);
}

Result<QList<qint64>> subjectOrders(QSqlDatabase &db, const Subject &subject)
{
  auto rows =
      subject.wholeShop
          ? db::exec(db, QStringLiteral("SELECT id FROM orders WHERE shop_id = ? ORDER BY id"), {subject.shopId})
          : db::exec(db,
                     QStringLiteral("SELECT id FROM orders WHERE shop_id = ? AND ((? <> '' AND "
                                    "shopify_customer_id = ?) OR shopify_id = ANY(?::text[])) ORDER BY id"),
                     {subject.shopId, subject.customerId, subject.customerId, idArray(subject.orderIds)});
  if (!rows)
    return rows.error();
  QList<qint64> ids;
  while (rows.value().next())
    ids.append(rows->value(0).toLongLong());
  return ids;
}

// The customer's stored deliveries, by structure.
Result<QList<qint64>> customerDeliveries(QSqlDatabase &db, const Subject &subject)
{
  QList<qint64> ids;
  const QString search = needles(subject);
  if (search.isEmpty())
    return ids;
  auto rows = db::exec(db,
                       QStringLiteral("SELECT id, topic, body FROM webhook_inbox WHERE shop_domain = ? AND body <> ") +
                           kBlankBody + QStringLiteral(" AND NOT ") + kWaitingRequest +
                           QStringLiteral(" AND EXISTS (SELECT 1 FROM unnest(string_to_array(?, chr(31))) AS n "
                                          "WHERE position(convert_to(n, 'UTF8') in body) > 0)"),
                       {subject.shopDomain, search});
  if (!rows)
    return rows.error();
  while (rows.value().next()) {
    if (deliveryBelongsTo(rows->value(1).toString(), rows->value(2).toByteArray(), subject))
      ids.append(rows->value(0).toLongLong());
  }
  return ids;
}

// Blanks the bodies and error texts of the rows `where` selects; a pending row is settled (processed) so it
// is never mapped.
Result<QList<qint64>> blankDeliveries(QSqlDatabase &db, const QString &where, QVariantList values, int *count)
{
  *count = 0;
  values.append(kRedacted);
  auto rows =
      db::exec(db,
               QStringLiteral("WITH hit AS (SELECT id, status FROM webhook_inbox WHERE ") + where +
                   QStringLiteral(" FOR UPDATE) UPDATE webhook_inbox w SET body = ") + kBlankBody +
                   QStringLiteral(", error = CASE WHEN hit.status = 'pending' THEN 'redacted before processing' "
                                  "WHEN hit.status = 'dead' THEN ? ELSE w.error END, "
                                  "status = CASE WHEN hit.status = 'pending' THEN 'processed' ELSE hit.status END, "
                                  "processed_at = coalesce(w.processed_at, now()) FROM hit WHERE w.id = hit.id "
                                  "RETURNING w.id, hit.status = 'pending'"),
               values);
  if (!rows)
    return rows.error();
  QList<qint64> settled;
  while (rows.value().next()) {
    ++*count;
    if (rows->value(1).toBool())
      settled.append(rows->value(0).toLongLong());
  }
  return settled;
}

} // namespace

QJsonObject Scrubbed::counts() const
{
  return QJsonObject{{QStringLiteral("orders_redacted"), orders},   {QStringLiteral("inbox_rows"), inboxRows},
                     {QStringLiteral("print_jobs"), printJobs},     {QStringLiteral("scan_reasons"), scanReasons},
                     {QStringLiteral("hold_reasons"), holdReasons}, {QStringLiteral("packages"), packages},
                     {QStringLiteral("outbox_rows"), outboxRows},   {QStringLiteral("audit_entries"), auditEntries},
                     {QStringLiteral("exports"), exports},          {QStringLiteral("credentials"), credentials}};
}

Subject fromPayload(qint64 shopId, const QString &shopDomain, const QJsonObject &payload, const QString &ordersKey)
{
  Subject subject;
  subject.shopId = shopId;
  subject.shopDomain = shopDomain;
  const QJsonObject customer = payload.value(u"customer").toObject();
  subject.customerId = ordermapper::numericId(customer.value(u"id"));
  subject.email = customer.value(u"email").toString().trimmed();
  subject.phone = customer.value(u"phone").toString().trimmed();
  for (const QJsonValue &value : payload.value(ordersKey).toArray()) {
    const QString id = ordermapper::numericId(value);
    if (!id.isEmpty() && !subject.orderIds.contains(id))
      subject.orderIds.append(id);
  }
  return subject;
}

bool deliveryBelongsTo(const QString &topic, const QByteArray &body, const Subject &subject)
{
  if (subject.wholeShop)
    return true;
  QJsonParseError error{};
  const QJsonDocument document = QJsonDocument::fromJson(body, &error);
  if (error.error != QJsonParseError::NoError || !(document.isObject() || document.isArray())) {
    // Not JSON (a dead letter): only the subject's own contact strings tie it to them.
    const auto verbatim = [&body](const QString &value) {
      return value.trimmed().size() >= 5 && body.contains(value.trimmed().toUtf8());
    };
    return verbatim(subject.email) || verbatim(subject.phone);
  }
  if (document.isObject()) {
    const QJsonObject object = document.object();
    if (isOrderTopic(topic) && subject.orderIds.contains(ordermapper::numericId(object.value(u"id"))))
      return true;
    if (topic == u"orders/edited" &&
        subject.orderIds.contains(ordermapper::numericId(object.value(u"order_edit").toObject().value(u"order_id"))))
      return true;
    return mentions(object, subject);
  }
  return mentions(document.array(), subject);
}

Result<Scrubbed> scrub(QSqlDatabase &db, const Subject &subject)
{
  Scrubbed out;
  // The subject's orders as a bigint[]: a whole shop's by subquery, so no list of every id is sent.
  QString orderArray = QStringLiteral("?::bigint[]");
  QVariant ids;
  if (subject.wholeShop) {
    orderArray = QStringLiteral("ARRAY(SELECT id FROM orders WHERE shop_id = ?::bigint)");
    ids = subject.shopId;
  } else {
    auto orders = subjectOrders(db, subject);
    if (!orders)
      return orders.error();
    ids = idArray(*orders);
  }
  const QString fulfillmentOrders = QStringLiteral("(") + kFulfillmentOrdersOf + QStringLiteral(")");

  struct Step {
    int *count;
    QString sql;
    QVariantList values;
  };
  const QList<Step> steps{
      {&out.orders,
       QStringLiteral("UPDATE orders SET ") + kRedactOrderColumns + QStringLiteral(" WHERE id = ANY(?::bigint[])"),
       {ids}},
      // Print-job payloads are the slips and labels themselves (name, address); errors may quote them.
      {&out.printJobs,
       QStringLiteral("UPDATE print_jobs SET payload = NULL, last_error = CASE WHEN last_error IS NULL THEN NULL ELSE "
                      "? END, updated_at = now() WHERE fulfillment_order_id IN ") +
           fulfillmentOrders + QStringLiteral(" AND (payload IS NOT NULL OR last_error IS NOT NULL)"),
       {kRedacted, ids}},
      // Free text typed at the bench (manual quantities, partial shipments) may name the customer.
      {&out.scanReasons,
       QStringLiteral("UPDATE scan_events SET reason = ? WHERE reason IS NOT NULL AND reason <> ? AND "
                      "fulfillment_order_id IN ") +
           fulfillmentOrders,
       {kRedacted, kRedacted, ids}},
      // Hold reasons too; those the Shopify mirror writes are Shopify's codes and keep their meaning.
      {&out.holdReasons,
       QStringLiteral("UPDATE fulfillment_orders SET hold_reason = ? WHERE hold_reason IS NOT NULL AND hold_reason <> "
                      "? AND hold_reason NOT LIKE 'Shopify: %' AND order_id = ANY(?::bigint[])"),
       {kRedacted, kRedacted, ids}},
      // A tracking number finds the parcel and its address at the carrier.
      {&out.packages,
       QStringLiteral("UPDATE packages SET tracking_number = NULL, tracking_url = NULL WHERE (tracking_number IS NOT "
                      "NULL OR tracking_url IS NOT NULL) AND fulfillment_order_id IN ") +
           fulfillmentOrders,
       {ids}},
      // Carrier labels print the name and address; their tracking finds the parcel (migration 0018).
      {&out.carrierLabels,
       QStringLiteral("UPDATE label_requests SET label_bytes = NULL, tracking_number = NULL, tracking_numbers = NULL, "
                      "tracking_url = NULL, error = CASE WHEN error IS NULL THEN NULL ELSE ? END WHERE "
                      "(label_bytes IS NOT NULL OR tracking_number IS NOT NULL OR error IS NOT NULL) AND "
                      "fulfillment_order_id IN ") +
           fulfillmentOrders,
       {kRedacted, ids}},
      {&out.outboxRows,
       QStringLiteral(
           "UPDATE outbox SET last_error = CASE WHEN last_error IS NULL THEN NULL ELSE ? END, payload = CASE "
           "WHEN payload->'notes' IS NULL THEN payload ELSE jsonb_set(payload, '{notes}', to_jsonb(?::text)) "
           "END WHERE (last_error IS NOT NULL OR payload->'notes' IS NOT NULL) AND (aggregate_id IN (SELECT "
           "id::text FROM fulfillment_orders WHERE order_id = ANY(?::bigint[])) OR (kind = 'order.sync' AND "
           "shop_id = ? AND aggregate_id IN (SELECT shopify_id FROM orders WHERE id = ANY(?::bigint[]))))"),
       {kRedacted, kRedacted, ids, subject.shopId, ids}},
      // The audit log is append-only except for this: a reason's text replaced by "[redacted]" (0013).
      {&out.auditEntries,
       QStringLiteral(
           "UPDATE audit_log SET details = jsonb_set(details, '{reason}', to_jsonb(?::text)) WHERE "
           "subject_kind = 'fulfillment_order' AND details->>'reason' IS NOT NULL AND details->>'reason' <> ? "
           "AND subject_id IN (SELECT id::text FROM fulfillment_orders WHERE order_id = ANY(?::bigint[]))"),
       {kRedacted, kRedacted, ids}},
      {&out.exports,
       QStringLiteral("DELETE FROM customer_data_exports WHERE shop_id = ? AND (?::boolean OR shopify_customer_id = ? "
                      "OR EXISTS (SELECT 1 FROM jsonb_array_elements(export->'orders') AS e WHERE e->>'shopify_id' = "
                      "ANY(?::text[]) OR e->>'shopify_id' IN (SELECT shopify_id FROM orders WHERE id = "
                      "ANY(?::bigint[]))))"),
       {subject.shopId, subject.wholeShop, subject.customerId, idArray(subject.orderIds), ids}},
  };
  for (const Step &step : steps) {
    auto count = run(db, QString(step.sql).replace(QStringLiteral("?::bigint[]"), orderArray), step.values);
    if (!count)
      return count.error();
    *step.count = *count;
  }

  Result<QList<qint64>> settled = QList<qint64>{};
  if (subject.wholeShop) {
    settled = blankDeliveries(db, QStringLiteral("shop_domain = ? AND NOT ") + kWaitingRequest, {subject.shopDomain},
                              &out.inboxRows);
  } else {
    auto deliveries = customerDeliveries(db, subject);
    if (!deliveries)
      return deliveries.error();
    if (!deliveries->isEmpty())
      settled = blankDeliveries(db, QStringLiteral("id = ANY(?::bigint[])"), {idArray(*deliveries)}, &out.inboxRows);
  }
  if (!settled)
    return settled.error();
  out.settledInboxIds = *settled;

  if (subject.wholeShop) {
    // The app is gone from the shop: its Admin token, webhook secret and carrier key go with the data.
    auto dropped = run(db, QStringLiteral("DELETE FROM shop_credentials WHERE shop_id = ?"), {subject.shopId});
    if (!dropped)
      return dropped.error();
    out.credentials = *dropped;
  }
  return out;
}

Result<qint64> exportCustomer(QSqlDatabase &db, const Subject &subject, int *orders)
{
  auto ids = subjectOrders(db, subject);
  if (!ids)
    return ids.error();
  // Everything a packing station learnt about the customer's orders, in one document.
  const QString sql = QStringLiteral(
      "INSERT INTO customer_data_exports (shop_id, shopify_customer_id, orders_count, export) "
      "SELECT ?, nullif(?, ''), count(*), jsonb_build_object('shop', ?::text, 'customer_id', nullif(?, ''), "
      "'requested_at', now(), 'orders', coalesce(jsonb_agg(jsonb_build_object("
      "'shopify_id', o.shopify_id, 'name', o.name, 'email', o.email, 'phone', o.phone, 'customer_name', "
      "o.customer_name, 'shipping_address', o.shipping_address, 'billing_address', o.billing_address, "
      "'shipping_method', o.shipping_method, 'note', o.note, 'gift_message', o.gift_message, 'created_at', "
      "o.created_at, 'cancelled_at', o.cancelled_at, 'redacted_at', o.redacted_at, 'fulfillment_orders', "
      "(SELECT coalesce(jsonb_agg(jsonb_build_object('shopify_id', f.shopify_id, 'pack_state', f.pack_state, "
      "'hold_reason', f.hold_reason, "
      "'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('title', l.title, 'variant_title', l.variant_title, "
      "'sku', l.sku, 'quantity', l.quantity) ORDER BY l.id), '[]'::jsonb) FROM fulfillment_order_lines l WHERE "
      "l.fulfillment_order_id = f.id), "
      "'packages', (SELECT coalesce(jsonb_agg(jsonb_build_object('box_no', p.box_no, 'carrier', p.carrier, "
      "'service', p.service, 'tracking_number', p.tracking_number, 'tracking_url', p.tracking_url, 'packed_at', "
      "p.created_at) ORDER BY p.box_no), '[]'::jsonb) FROM packages p WHERE p.fulfillment_order_id = f.id), "
      "'packing_notes', (SELECT coalesce(jsonb_agg(jsonb_build_object('at', s.scanned_at, 'note', s.reason) ORDER BY "
      "s.id), '[]'::jsonb) FROM scan_events s WHERE s.fulfillment_order_id = f.id AND s.reason IS NOT NULL), "
      "'printed', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', j.kind, 'status', j.status, 'at', "
      "j.created_at) ORDER BY j.id), '[]'::jsonb) FROM print_jobs j WHERE j.fulfillment_order_id = f.id)"
      ") ORDER BY f.id), '[]'::jsonb) FROM fulfillment_orders f WHERE f.order_id = o.id)"
      ") ORDER BY o.id), '[]'::jsonb)) "
      "FROM orders o WHERE o.id = ANY(?::bigint[]) RETURNING id, orders_count");
  const QString shopDomain = subject.shopDomain;
  auto inserted =
      db::exec(db, sql, {subject.shopId, subject.customerId, shopDomain, subject.customerId, idArray(*ids)});
  if (!inserted)
    return inserted.error();
  if (!inserted.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("data export insert returned no row"));
  if (orders)
    *orders = inserted->value(1).toInt();
  return inserted->value(0).toLongLong();
}

Result<QList<ExportSummary>> listExports(QSqlDatabase &db)
{
  auto rows = db::exec(db, QStringLiteral("SELECT e.id, s.domain, coalesce(e.shopify_customer_id, ''), e.requested_at, "
                                          "e.orders_count, e.delivered_at FROM customer_data_exports e JOIN shops s ON "
                                          "s.id = e.shop_id ORDER BY e.id"));
  if (!rows)
    return rows.error();
  QList<ExportSummary> out;
  while (rows.value().next()) {
    out.append({rows->value(0).toLongLong(), rows->value(1).toString(), rows->value(2).toString(),
                rows->value(3).toDateTime(), rows->value(4).toInt(), rows->value(5).toDateTime()});
  }
  return out;
}

Result<QJsonObject> deliverExport(QSqlDatabase &db, qint64 exportId, const QString &actor)
{
  QJsonObject document;
  const Status status = db::inTransaction(db, [&]() -> Status {
    auto row =
        db::execOneRow(db,
                       QStringLiteral("UPDATE customer_data_exports SET delivered_at = coalesce(delivered_at, now()) "
                                      "WHERE id = ? RETURNING export::text, orders_count"),
                       {exportId}, QStringLiteral("no data export %1").arg(exportId));
    if (!row)
      return row.error();
    document = QJsonDocument::fromJson(row->value(0).toString().toUtf8()).object();
    return audit::write(db, {audit::Actor::system(actor),
                             QStringLiteral("customer.data_export_delivered"),
                             {QStringLiteral("customer_data_export"), QString::number(exportId)},
                             QJsonObject{{QStringLiteral("orders"), row->value(1).toInt()}},
                             std::nullopt});
  });
  if (!status)
    return status.error();
  return document;
}

} // namespace pb::shopify::customerdata
