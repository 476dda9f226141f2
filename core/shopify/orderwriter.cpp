// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/orderwriter.h"

#include "core/db/sqlvalues.h"
#include "core/db/statementcache.h"
#include "core/outbox/enqueue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace pb::shopify::orderwriter {

namespace {
Q_LOGGING_CATEGORY(lcOrderWriter, "packbench.core.shopify.orderwriter")

QJsonValue jsonTextOrNull(const QString &text)
{
  return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

Result<qint64> defaultLocation(db::StatementCache &sql, qint64 shopId)
{
  auto found = sql.query(QStringLiteral("SELECT id FROM locations WHERE shop_id = ? ORDER BY id LIMIT 1"), {shopId});
  if (!found)
    return found.error();
  if (!found->isEmpty())
    return found->first().at(0).toLongLong();
  auto created = sql.query(QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, 'default', "
                                          "'Default') ON CONFLICT (shop_id, code) DO UPDATE SET name = "
                                          "locations.name RETURNING id"),
                           {shopId});
  if (!created)
    return created.error();
  if (created->isEmpty())
    return makeError(ErrorKind::Internal, QStringLiteral("default location not returned"));
  return created->first().at(0).toLongLong();
}

// Open work: not yet packed and not cancelled; only this may change under a station's feet.
Result<QList<qint64>> openFulfillmentOrders(db::StatementCache &sql, qint64 orderId)
{
  auto rows = sql.query(QStringLiteral("SELECT id FROM fulfillment_orders WHERE order_id = ? AND pack_state NOT IN "
                                       "('packed', 'cancelled') ORDER BY id FOR UPDATE"),
                        {orderId});
  if (!rows)
    return rows.error();
  QList<qint64> ids;
  for (const QVariantList &row : *rows)
    ids.append(row.at(0).toLongLong());
  return ids;
}

Status bumpVersion(db::StatementCache &sql, qint64 foId)
{
  auto bumped = sql.command(
      QStringLiteral("UPDATE fulfillment_orders SET version = version + 1, updated_at = now() WHERE id = ?"), {foId});
  if (!bumped)
    return bumped.error();
  return notifyOrderChanged(sql, foId);
}

// The lines as one JSON array for jsonb_to_recordset (n: position): a round trip per line was most of
// the cost of mapping an order.
QString linesJson(const QList<ShopifyLineItem> &lines)
{
  QJsonArray rows;
  for (const ShopifyLineItem &line : lines) {
    rows.append(QJsonObject{{QStringLiteral("n"), int(rows.size())},
                            {QStringLiteral("i"), line.lineItemId},
                            {QStringLiteral("t"), line.title},
                            {QStringLiteral("v"), jsonTextOrNull(line.variantTitle)},
                            {QStringLiteral("s"), jsonTextOrNull(line.sku)},
                            {QStringLiteral("vid"), jsonTextOrNull(line.variantId)},
                            {QStringLiteral("q"), line.quantity},
                            {QStringLiteral("r"), line.fulfillableQuantity},
                            {QStringLiteral("p"), QString::number(line.priceMinor)}});
  }
  return QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact));
}

// A new order's fulfillment order, its lines and the stations' notification: one round trip. Lines
// name their catalogue variant where the catalogue has it. Mirrored orders start 'syncing' at no location:
// Shopify's own fulfillment orders replace the row before any station sees it.
Result<qint64> insertFulfillmentOrder(db::StatementCache &sql, qint64 shopId, qint64 orderId, qint64 locationId,
                                      const ShopifyOrder &order, bool mirror)
{
  const QString state = order.cancelledAt.isValid() ? QStringLiteral("cancelled")
                        : mirror                    ? QStringLiteral("syncing")
                                                    : QStringLiteral("queued");
  auto fo = sql.query(
      QStringLiteral("WITH fo AS (INSERT INTO fulfillment_orders (order_id, location_id, pack_state) VALUES (?, ?, ?) "
                     "RETURNING id), lines AS (INSERT INTO fulfillment_order_lines (fulfillment_order_id, "
                     "line_item_shopify_id, variant_id, title, variant_title, sku, quantity, remaining_quantity, "
                     "price_minor) SELECT fo.id, l.i, (SELECT v.id FROM variants v JOIN products p ON p.id = "
                     "v.product_id WHERE p.shop_id = ? AND v.shopify_id = l.vid ORDER BY v.id LIMIT 1), l.t, l.v, "
                     "l.s, l.q, l.r, l.p::bigint FROM fo, jsonb_to_recordset(?::jsonb) AS l(i text, vid text, t text, "
                     "v text, s text, q integer, r integer, p text)) SELECT id, pg_notify('packbench_order_changed', "
                     "id::text) FROM fo"),
      {orderId, db::idOrNull(mirror ? 0 : locationId), state, shopId, linesJson(order.lines)});
  if (!fo)
    return fo.error();
  if (fo->isEmpty())
    return makeError(ErrorKind::Internal, QStringLiteral("fulfillment order insert returned no row"));
  return fo->first().at(0).toLongLong();
}

// Brings the lines of open fulfillment orders in step, all lines in one statement; whether anything
// changed. A line changes in the open fulfillment orders that hold it; a line the order never had goes
// to the first open one. A line listed twice counts as its last listing.
Result<bool> syncLines(db::StatementCache &sql, qint64 shopId, qint64 orderId, const QList<qint64> &openFos,
                       const ShopifyOrder &order)
{
  if (openFos.isEmpty() || order.lines.isEmpty())
    return false; // nothing open to change or to add to
  QStringList ids;
  for (qint64 id : openFos)
    ids.append(QString::number(id));
  auto changed = sql.query(
      QStringLiteral("WITH l AS (SELECT DISTINCT ON (x.i) x.* FROM jsonb_to_recordset(?::jsonb) AS x(n integer, i "
                     "text, vid text, t text, v text, s text, q integer, r integer, p text) ORDER BY x.i, x.n DESC), "
                     "updated AS (UPDATE fulfillment_order_lines f SET quantity = l.q, remaining_quantity = l.r FROM "
                     "l WHERE f.line_item_shopify_id = l.i AND f.fulfillment_order_id = ANY(string_to_array(?, ',')"
                     "::bigint[]) AND (f.quantity <> l.q OR f.remaining_quantity <> l.r) RETURNING 1), "
                     "added AS (INSERT INTO fulfillment_order_lines (fulfillment_order_id, line_item_shopify_id, "
                     "variant_id, title, variant_title, sku, quantity, remaining_quantity, price_minor) SELECT ?, l.i, "
                     "(SELECT v.id FROM variants v JOIN products p ON p.id = v.product_id WHERE p.shop_id = ? AND "
                     "v.shopify_id = l.vid ORDER BY v.id LIMIT 1), l.t, l.v, l.s, l.q, l.r, l.p::bigint FROM l WHERE "
                     "l.q > 0 AND NOT EXISTS (SELECT 1 FROM "
                     "fulfillment_order_lines k JOIN fulfillment_orders f ON f.id = k.fulfillment_order_id WHERE "
                     "f.order_id = ? AND k.line_item_shopify_id = l.i) RETURNING 1) "
                     "SELECT (SELECT count(*) FROM updated) + (SELECT count(*) FROM added)"),
      {linesJson(order.lines), ids.join(QLatin1Char(',')), openFos.first(), shopId, orderId});
  if (!changed)
    return changed.error();
  return !changed->isEmpty() && changed->first().at(0).toLongLong() > 0;
}

} // namespace

QString orderLockKey(qint64 shopId, const QString &orderId)
{
  return QStringLiteral("order:%1:%2").arg(shopId).arg(orderId);
}

Status notifyOrderChanged(db::StatementCache &sql, qint64 fulfillmentOrderId)
{
  auto sent = sql.query(QStringLiteral("SELECT pg_notify('packbench_order_changed', ?)"),
                        {QString::number(fulfillmentOrderId)});
  return sent ? Status{} : Status{sent.error()};
}

Result<qint64> ensureShop(db::StatementCache &sql, const QString &domain)
{
  if (domain.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("webhook without shop domain"));
  // Read first: an upsert would lock the shop row and serialise every hub's inbox on it.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto found = sql.query(QStringLiteral("SELECT id FROM shops WHERE domain = ?"), {domain});
    if (!found)
      return found.error();
    if (!found->isEmpty())
      return found->first().at(0).toLongLong();
    auto created = sql.query(QStringLiteral("INSERT INTO shops (domain, name) VALUES (?, ?) ON CONFLICT (domain) DO "
                                            "NOTHING RETURNING id"),
                             {domain, domain});
    if (!created)
      return created.error();
    if (!created->isEmpty())
      return created->first().at(0).toLongLong();
  }
  return makeError(ErrorKind::Conflict, QStringLiteral("shop row appeared and vanished concurrently"));
}

Result<qint64> ensureShop(QSqlDatabase &db, const QString &domain)
{
  db::StatementCache statements(db);
  return ensureShop(statements, domain);
}

Result<ApplyOutcome> applyOrder(db::StatementCache &sql, qint64 shopId, const ShopifyOrder &order, const Known &known,
                                bool *redacted)
{
  // Serialises concurrent deliveries for one order across hub instances until commit.
  if (!known.locked) {
    if (auto locked =
            sql.query(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(?))"), {orderLockKey(shopId, order.id)});
        !locked)
      return locked.error();
  }
  auto existing =
      sql.query(QStringLiteral("SELECT id, shopify_updated_at, redacted_at IS NOT NULL FROM orders WHERE shop_id = ? "
                               "AND shopify_id = ?"),
                {shopId, order.id});
  if (!existing)
    return existing.error();
  const bool exists = !existing->isEmpty();
  if (redacted)
    *redacted = exists && existing->first().at(2).toBool();
  if (exists) {
    const QDateTime stored = existing->first().at(1).toDateTime();
    if (stored.isValid() && stored.toUTC() >= order.updatedAt) {
      qCDebug(lcOrderWriter) << "ignoring stale update of order" << order.id;
      return ApplyOutcome::Stale;
    }
  }
  const QVariant cancelledAt = db::timeOrNull(order.cancelledAt);
  auto upsert = sql.query(
      QStringLiteral(
          "INSERT INTO orders (shop_id, shopify_id, name, email, phone, customer_name, shopify_customer_id, "
          "shipping_address, billing_address, shipping_method, shipping_code, note, currency, total_minor, "
          "cancelled_at, shopify_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (shop_id, shopify_id) DO UPDATE SET name = EXCLUDED.name, "
          // A redacted customer stays redacted whatever a late update carries.
          "email = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.email END, "
          "phone = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.phone END, "
          "customer_name = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.customer_name END, "
          "shipping_address = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.shipping_address END, "
          "billing_address = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.billing_address END, "
          "note = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.note END, "
          "shopify_customer_id = EXCLUDED.shopify_customer_id, shipping_method = EXCLUDED.shipping_method, "
          "shipping_code = EXCLUDED.shipping_code, "
          "currency = EXCLUDED.currency, total_minor = EXCLUDED.total_minor, cancelled_at = "
          "EXCLUDED.cancelled_at, shopify_updated_at = EXCLUDED.shopify_updated_at, updated_at = now() "
          "RETURNING id"),
      {shopId, order.id, order.name, db::textOrNull(order.email), db::textOrNull(order.phone),
       db::textOrNull(order.customerName), db::textOrNull(order.customerId), db::jsonOrNull(order.shippingAddress),
       db::jsonOrNull(order.billingAddress), db::textOrNull(order.shippingMethod), db::textOrNull(order.shippingCode),
       db::textOrNull(order.note), order.currency, order.totalMinor, cancelledAt, order.updatedAt});
  if (!upsert)
    return upsert.error();
  if (upsert->isEmpty())
    return makeError(ErrorKind::Internal, QStringLiteral("order upsert returned no row"));
  const qint64 orderId = upsert->first().at(0).toLongLong();

  if (!exists) {
    auto location =
        known.mirror || known.locationId > 0 ? Result<qint64>(known.locationId) : defaultLocation(sql, shopId);
    if (!location)
      return location.error();
    auto fo = insertFulfillmentOrder(sql, shopId, orderId, *location, order, known.mirror);
    if (!fo)
      return fo.error();
    if (known.mirror && !order.cancelledAt.isValid()) {
      if (Status s = enqueueOrderSync(sql, shopId, order.id, order.updatedAt); !s)
        return s.error();
    }
    return ApplyOutcome::Created;
  }

  auto open = openFulfillmentOrders(sql, orderId);
  if (!open)
    return open.error();
  if (order.cancelledAt.isValid()) {
    for (qint64 foId : *open) {
      auto cancelled = sql.command(QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled', version = "
                                                  "version + 1, updated_at = now() WHERE id = ?"),
                                   {foId});
      if (!cancelled)
        return cancelled.error();
      if (Status s = notifyOrderChanged(sql, foId); !s)
        return s.error();
    }
    return ApplyOutcome::Updated;
  }
  if (known.mirror) {
    // Shopify's fulfillment orders say which lines each warehouse ships; read them rather than guess.
    if (Status s = enqueueOrderSync(sql, shopId, order.id, order.updatedAt); !s)
      return s.error();
    return ApplyOutcome::Updated;
  }
  auto changed = syncLines(sql, shopId, orderId, *open, order);
  if (!changed)
    return changed.error();
  if (*changed) {
    for (qint64 foId : *open) {
      if (Status s = bumpVersion(sql, foId); !s)
        return s.error();
    }
  }
  return ApplyOutcome::Updated;
}

Status enqueueOrderSync(db::StatementCache &sql, qint64 shopId, const QString &orderId, const QDateTime &orderUpdatedAt)
{
  // One read per version of the order: a redelivered webhook queues nothing new.
  return enqueueOrderSync(sql, shopId, orderId, QString::number(orderUpdatedAt.toMSecsSinceEpoch()));
}

Status enqueueOrderSync(db::StatementCache &sql, qint64 shopId, const QString &orderId, const QString &reason)
{
  auto queued =
      outbox::enqueue(sql, outbox::Message::orderSync({shopId, orderId}, reason), outbox::OnDuplicate::Ignore);
  return queued ? Status{} : Status{queued.error()};
}

Result<int> applyEdit(db::StatementCache &sql, qint64 shopId, const QString &orderId, const QList<EditDelta> &removals,
                      bool mirror)
{
  if (mirror) {
    // The edit's new quantities reach Shopify's fulfillment orders; the sync reads them from there.
    if (Status s = enqueueOrderSync(sql, shopId, orderId, QDateTime::currentDateTimeUtc()); !s)
      return s.error();
    return 0;
  }
  auto order =
      sql.query(QStringLiteral("SELECT id FROM orders WHERE shop_id = ? AND shopify_id = ?"), {shopId, orderId});
  if (!order)
    return order.error();
  if (order->isEmpty())
    return 0; // not seen yet: the orders/create or the poller brings the edited order whole
  auto open = openFulfillmentOrders(sql, order->first().at(0).toLongLong());
  if (!open)
    return open.error();
  for (const EditDelta &removal : removals) {
    for (qint64 foId : *open) {
      auto reduced = sql.command(QStringLiteral("UPDATE fulfillment_order_lines SET quantity = GREATEST(quantity - ?, "
                                                "0), remaining_quantity = GREATEST(remaining_quantity - ?, 0) WHERE "
                                                "fulfillment_order_id = ? AND line_item_shopify_id = ?"),
                                 {removal.delta, removal.delta, foId, removal.lineItemId});
      if (!reduced)
        return reduced.error();
    }
  }
  for (qint64 foId : *open) {
    if (Status s = bumpVersion(sql, foId); !s)
      return s.error();
  }
  return static_cast<int>(open->size());
}

} // namespace pb::shopify::orderwriter
