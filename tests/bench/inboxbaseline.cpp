// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The baseline of inbox_drain_bench: InboxProcessor::processPending and orderwriter as they were at
// c7826ae (one row per transaction, every statement through db::exec: PREPARE, EXECUTE, DEALLOCATE),
// copied verbatim for the orders topics the benchmark stores. Frozen: do not "fix" it.
#include "tests/bench/inboxbaseline.h"

#include "core/db/sql.h"
#include "core/shopify/orderwriter.h"
#include "core/shopify/webhookinbox.h"

#include <QJsonDocument>

namespace pb::bench::baseline {

using namespace pb::shopify;

namespace {

// The old loop's one-row inbox statements, as they were (core now claims and marks batches).
Result<std::optional<InboxItem>> claimNextPending(QSqlDatabase &db)
{
  auto query = db::exec(db, QStringLiteral("SELECT id, shop_domain, topic, webhook_id, event_id, api_version, "
                                           "triggered_at, body FROM webhook_inbox WHERE status = 'pending' "
                                           "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"));
  if (!query)
    return query.error();
  if (!query.value().next())
    return std::optional<InboxItem>{};
  InboxItem item;
  item.id = query->value(0).toLongLong();
  item.delivery.shopDomain = query->value(1).toString();
  item.delivery.topic = query->value(2).toString();
  item.delivery.webhookId = query->value(3).toString();
  item.delivery.eventId = query->value(4).toString();
  item.delivery.apiVersion = query->value(5).toString();
  item.delivery.triggeredAt = query->value(6).toDateTime();
  item.delivery.body = query->value(7).toByteArray();
  return std::optional<InboxItem>{std::move(item)};
}

Status markProcessed(QSqlDatabase &db, qint64 id, const QString &note)
{
  auto done = db::exec(db,
                       QStringLiteral("UPDATE webhook_inbox SET status = 'processed', processed_at = now(), "
                                      "attempts = attempts + 1, error = ? WHERE id = ?"),
                       {note.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(note), id});
  return done ? Status{} : Status{done.error()};
}

Status markDead(QSqlDatabase &db, qint64 id, const QString &reason)
{
  auto done = db::exec(db,
                       QStringLiteral("UPDATE webhook_inbox SET status = 'dead', processed_at = now(), "
                                      "attempts = attempts + 1, error = ? WHERE id = ?"),
                       {reason, id});
  return done ? Status{} : Status{done.error()};
}

QVariant textOrNull(const QString &text)
{
  return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant jsonOrNull(const QJsonObject &object)
{
  return object.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                          : QVariant(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

Result<qint64> defaultLocation(QSqlDatabase &db, qint64 shopId)
{
  auto found = db::exec(db, QStringLiteral("SELECT id FROM locations WHERE shop_id = ? ORDER BY id LIMIT 1"), {shopId});
  if (!found)
    return found.error();
  if (found.value().next())
    return found->value(0).toLongLong();
  auto created = db::exec(db,
                          QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, 'default', "
                                         "'Default') ON CONFLICT (shop_id, code) DO UPDATE SET name = "
                                         "locations.name RETURNING id"),
                          {shopId});
  if (!created)
    return created.error();
  created.value().next();
  return created->value(0).toLongLong();
}

// Open work: not yet packed and not cancelled; only this may change under a station's feet.
Result<QList<qint64>> openFulfillmentOrders(QSqlDatabase &db, qint64 orderId)
{
  auto query = db::exec(db,
                        QStringLiteral("SELECT id FROM fulfillment_orders WHERE order_id = ? AND pack_state NOT IN "
                                       "('packed', 'cancelled') ORDER BY id FOR UPDATE"),
                        {orderId});
  if (!query)
    return query.error();
  QList<qint64> ids;
  while (query.value().next())
    ids.append(query->value(0).toLongLong());
  return ids;
}

Status notifyOrderChanged(QSqlDatabase &db, qint64 fulfillmentOrderId);

Status bumpVersion(QSqlDatabase &db, qint64 foId)
{
  auto bumped = db::exec(
      db, QStringLiteral("UPDATE fulfillment_orders SET version = version + 1, updated_at = now() WHERE id = ?"),
      {foId});
  if (!bumped)
    return bumped.error();
  return notifyOrderChanged(db, foId);
}

Status insertLine(QSqlDatabase &db, qint64 foId, const ShopifyLineItem &line)
{
  auto inserted = db::exec(db,
                           QStringLiteral("INSERT INTO fulfillment_order_lines (fulfillment_order_id, "
                                          "line_item_shopify_id, title, variant_title, sku, quantity, "
                                          "remaining_quantity, price_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                           {foId, line.lineItemId, line.title, textOrNull(line.variantTitle), textOrNull(line.sku),
                            line.quantity, line.fulfillableQuantity, line.priceMinor});
  return inserted ? Status{} : Status{inserted.error()};
}

// Brings the lines of open fulfillment orders in step; returns whether anything changed.
Result<bool> syncLines(QSqlDatabase &db, const QList<qint64> &openFos, const ShopifyOrder &order)
{
  bool changed = false;
  for (const ShopifyLineItem &line : order.lines) {
    auto updated = db::exec(db,
                            QStringLiteral("UPDATE fulfillment_order_lines SET quantity = ?, remaining_quantity = "
                                           "? WHERE line_item_shopify_id = ? AND fulfillment_order_id = ANY("
                                           "string_to_array(?, ',')::bigint[]) AND (quantity <> ? OR "
                                           "remaining_quantity <> ?) RETURNING fulfillment_order_id"),
                            {line.quantity, line.fulfillableQuantity, line.lineItemId,
                             [&] {
                               QStringList ids;
                               for (qint64 id : openFos)
                                 ids.append(QString::number(id));
                               return ids.join(QLatin1Char(','));
                             }(),
                             line.quantity, line.fulfillableQuantity});
    if (!updated)
      return updated.error();
    if (updated.value().next()) {
      changed = true;
      continue;
    }
    auto known = db::exec(db,
                          QStringLiteral("SELECT 1 FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id = "
                                         "l.fulfillment_order_id JOIN orders o ON o.id = f.order_id WHERE "
                                         "o.shopify_id = ? AND l.line_item_shopify_id = ?"),
                          {order.id, line.lineItemId});
    if (!known)
      return known.error();
    if (!known.value().next() && !openFos.isEmpty() && line.quantity > 0) {
      if (Status s = insertLine(db, openFos.first(), line); !s)
        return s.error();
      changed = true;
    }
  }
  return changed;
}

Status notifyOrderChanged(QSqlDatabase &db, qint64 fulfillmentOrderId)
{
  auto sent = db::exec(db, QStringLiteral("SELECT pg_notify('packbench_order_changed', ?)"),
                       {QString::number(fulfillmentOrderId)});
  return sent ? Status{} : Status{sent.error()};
}

Result<qint64> ensureShop(QSqlDatabase &db, const QString &domain)
{
  if (domain.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("webhook without shop domain"));
  // Read first: an upsert would lock the shop row and serialise every hub's inbox on it.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto found = db::exec(db, QStringLiteral("SELECT id FROM shops WHERE domain = ?"), {domain});
    if (!found)
      return found.error();
    if (found.value().next())
      return found->value(0).toLongLong();
    auto created = db::exec(db,
                            QStringLiteral("INSERT INTO shops (domain, name) VALUES (?, ?) ON CONFLICT (domain) DO "
                                           "NOTHING RETURNING id"),
                            {domain, domain});
    if (!created)
      return created.error();
    if (created.value().next())
      return created->value(0).toLongLong();
  }
  return makeError(ErrorKind::Conflict, QStringLiteral("shop row appeared and vanished concurrently"));
}

Result<ApplyOutcome> applyOrder(QSqlDatabase &db, qint64 shopId, const ShopifyOrder &order)
{
  // Serialises concurrent deliveries for one order across hub instances until commit.
  if (auto locked = db::exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(?))"),
                             {QStringLiteral("order:%1:%2").arg(shopId).arg(order.id)});
      !locked)
    return locked.error();
  auto existing =
      db::exec(db, QStringLiteral("SELECT id, shopify_updated_at FROM orders WHERE shop_id = ? AND shopify_id = ?"),
               {shopId, order.id});
  if (!existing)
    return existing.error();
  const bool exists = existing.value().next();
  if (exists) {
    const QDateTime stored = existing->value(1).toDateTime();
    if (stored.isValid() && stored.toUTC() >= order.updatedAt) {
      return ApplyOutcome::Stale;
    }
  }
  const QVariant cancelledAt =
      order.cancelledAt.isValid() ? QVariant(order.cancelledAt) : QVariant(QMetaType::fromType<QDateTime>());
  auto upsert = db::exec(
      db,
      QStringLiteral("INSERT INTO orders (shop_id, shopify_id, name, email, phone, customer_name, shopify_customer_id, "
                     "shipping_address, billing_address, shipping_method, note, currency, total_minor, cancelled_at, "
                     "shopify_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (shop_id, shopify_id) DO UPDATE SET name = EXCLUDED.name, "
                     // A redacted customer stays redacted whatever a late update carries.
                     "email = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.email END, "
                     "phone = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.phone END, "
                     "customer_name = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.customer_name END, "
                     "shipping_address = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.shipping_address END, "
                     "billing_address = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.billing_address END, "
                     "note = CASE WHEN orders.redacted_at IS NULL THEN EXCLUDED.note END, "
                     "shopify_customer_id = EXCLUDED.shopify_customer_id, shipping_method = EXCLUDED.shipping_method, "
                     "currency = EXCLUDED.currency, total_minor = EXCLUDED.total_minor, cancelled_at = "
                     "EXCLUDED.cancelled_at, shopify_updated_at = EXCLUDED.shopify_updated_at, updated_at = now() "
                     "RETURNING id"),
      {shopId, order.id, order.name, textOrNull(order.email), textOrNull(order.phone), textOrNull(order.customerName),
       textOrNull(order.customerId), jsonOrNull(order.shippingAddress), jsonOrNull(order.billingAddress),
       textOrNull(order.shippingMethod), textOrNull(order.note), order.currency, order.totalMinor, cancelledAt,
       order.updatedAt});
  if (!upsert)
    return upsert.error();
  upsert.value().next();
  const qint64 orderId = upsert->value(0).toLongLong();

  if (!exists) {
    auto location = defaultLocation(db, shopId);
    if (!location)
      return location.error();
    auto fo = db::exec(
        db,
        QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, pack_state) VALUES "
                       "(?, ?, ?) RETURNING id"),
        {orderId, *location, order.cancelledAt.isValid() ? QStringLiteral("cancelled") : QStringLiteral("queued")});
    if (!fo)
      return fo.error();
    fo.value().next();
    const qint64 foId = fo->value(0).toLongLong();
    for (const ShopifyLineItem &line : order.lines) {
      if (Status s = insertLine(db, foId, line); !s)
        return s.error();
    }
    if (Status s = notifyOrderChanged(db, foId); !s)
      return s.error();
    return ApplyOutcome::Created;
  }

  auto open = openFulfillmentOrders(db, orderId);
  if (!open)
    return open.error();
  if (order.cancelledAt.isValid()) {
    for (qint64 foId : *open) {
      auto cancelled = db::exec(db,
                                QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled', version = "
                                               "version + 1, updated_at = now() WHERE id = ?"),
                                {foId});
      if (!cancelled)
        return cancelled.error();
      if (Status s = notifyOrderChanged(db, foId); !s)
        return s.error();
    }
    return ApplyOutcome::Updated;
  }
  auto changed = syncLines(db, *open, order);
  if (!changed)
    return changed.error();
  if (*changed) {
    for (qint64 foId : *open) {
      if (Status s = bumpVersion(db, foId); !s)
        return s.error();
    }
  }
  return ApplyOutcome::Updated;
}

const char *outcomeName(ApplyOutcome outcome)
{
  switch (outcome) {
  case ApplyOutcome::Created: return "created";
  case ApplyOutcome::Updated: return "updated";
  case ApplyOutcome::Stale: return "stale";
  }
  return "";
}

Status dispatch(QSqlDatabase &m_db, const InboxItem &item, QString *note)
{
  const QString &topic = item.delivery.topic;
  auto shopId = ensureShop(m_db, item.delivery.shopDomain);
  if (!shopId)
    return shopId.error();

  if (topic == u"orders/create" || topic == u"orders/updated" || topic == u"orders/cancelled" ||
      topic == u"orders/fulfilled" || topic == u"orders/paid" || topic == u"orders/partially_fulfilled") {
    auto order = ordermapper::fromRestJson(item.delivery.body);
    if (!order)
      return order.error();
    auto applied = applyOrder(m_db, *shopId, *order);
    if (!applied)
      return applied.error();
    *note = QString::fromLatin1(outcomeName(*applied));
    // A late delivery for a redacted customer must not keep their data in the raw body either.
    auto redacted = db::exec(m_db,
                             QStringLiteral("SELECT 1 FROM orders WHERE shop_id = ? AND shopify_id = ? AND redacted_at "
                                            "IS NOT NULL"),
                             {*shopId, order->id});
    if (!redacted)
      return redacted.error();
    if (redacted.value().next())
      return makeError(ErrorKind::Internal, QStringLiteral("baseline: redaction is not part of the benchmark"));
    return {};
  }
  return makeError(ErrorKind::InvalidInput, QStringLiteral("baseline: unhandled topic %1").arg(topic));
}

} // namespace

Result<int> processPending(QSqlDatabase &m_db, int maxRows)
{
  constexpr int kMaxAttempts = 5;
  int settled = 0;
  while (settled < maxRows) {
    std::optional<InboxItem> claimed;
    Error failure;
    QString note;
    const Status status = db::inTransaction(m_db, [&]() -> Status {
      if (db::isPostgres(m_db)) {
        if (auto async = db::execStatic(m_db, QStringLiteral("SET LOCAL synchronous_commit TO off")); !async)
          return async.error();
      }
      auto item = claimNextPending(m_db);
      if (!item)
        return item.error();
      claimed = *item;
      if (!claimed)
        return {};
      if (Status s = dispatch(m_db, *claimed, &note); !s)
        return s;
      return markProcessed(m_db, claimed->id, note);
    });
    if (status.ok()) {
      if (!claimed)
        return settled;
      ++settled;
      continue;
    }
    if (!claimed)
      return status.error();
    const Error &error = status.error();
    if (error.kind == ErrorKind::Unavailable)
      return error;
    auto counted = db::exec(m_db,
                            QStringLiteral("UPDATE webhook_inbox SET attempts = attempts + 1, error = ? WHERE id = ? "
                                           "AND status = 'pending' RETURNING attempts"),
                            {error.message, claimed->id});
    if (!counted)
      return counted.error();
    const int attempts = counted.value().next() ? counted->value(0).toInt() : kMaxAttempts;
    if (error.kind == ErrorKind::InvalidInput || attempts >= kMaxAttempts) {
      if (Status s = markDead(m_db, claimed->id, error.message); !s)
        return s.error();
      ++settled;
      continue;
    }
    return error;
  }
  return settled;
}

} // namespace pb::bench::baseline
