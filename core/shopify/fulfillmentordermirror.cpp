// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/fulfillmentordermirror.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/graphqlpaging.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/orderwriter.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>

namespace pb::shopify::fulfillmentordermirror {

namespace {
Q_LOGGING_CATEGORY(lcMirror, "packbench.core.shopify.fulfillmentordermirror")

// Hold reasons the mirror writes start with this, so a release in Shopify lifts only its own holds.
const QString kShopifyHoldPrefix = QStringLiteral("Shopify: ");

void appendLines(const QJsonObject &connection, QList<MirroredLine> *lines)
{
  for (const QJsonValue &value : connection.value(u"nodes").toArray()) {
    const QJsonObject node = value.toObject();
    MirroredLine line;
    line.id = node.value(u"id").toString();
    line.lineItemId = ordermapper::numericId(node.value(u"lineItem").toObject().value(u"id"));
    line.variantId = ordermapper::numericId(node.value(u"variant").toObject().value(u"id"));
    line.title = node.value(u"productTitle").toString();
    line.variantTitle = node.value(u"variantTitle").toString();
    line.sku = node.value(u"sku").toString();
    line.totalQuantity = node.value(u"totalQuantity").toInt();
    line.remainingQuantity = node.value(u"remainingQuantity").toInt();
    lines->append(line);
  }
}

Status fetchMoreLines(GraphQlClient &client, MirroredFulfillmentOrder *fo, QString after)
{
  if (after.isEmpty())
    return {};
  return graphqlpaging::forEachPage(
      client, QStringLiteral("FulfillmentOrderLineItemsForMirror"), QJsonObject{{QStringLiteral("id"), fo->id}},
      {QStringLiteral("fulfillmentOrder"), QStringLiteral("lineItems"),
       makeError(ErrorKind::Unavailable, QStringLiteral("fulfillment order %1 vanished while paging").arg(fo->id))},
      [&](const QJsonObject &connection) -> Status {
        appendLines(connection, &fo->lines);
        return {};
      },
      std::move(after));
}

MirroredFulfillmentOrder fromNode(const QJsonObject &node)
{
  MirroredFulfillmentOrder fo;
  fo.id = node.value(u"id").toString();
  fo.status = node.value(u"status").toString();
  const QJsonObject assigned = node.value(u"assignedLocation").toObject();
  fo.locationId = ordermapper::numericId(assigned.value(u"location").toObject().value(u"id"));
  fo.locationName = assigned.value(u"name").toString();
  fo.fulfillAt = ordermapper::parseTimestamp(node.value(u"fulfillAt"));
  fo.fulfillBy = ordermapper::parseTimestamp(node.value(u"fulfillBy"));
  appendLines(node.value(u"lineItems").toObject(), &fo.lines);
  return fo;
}

QString joined(const QStringList &ids)
{
  return ids.join(QLatin1Char(','));
}

struct LocalFulfillmentOrder {
  qint64 id = 0;
  QString shopifyId;
  qint64 locationId = 0;
  QString packState;
  QString shopifyStatus;
  QString holdReason;
};

Result<QList<LocalFulfillmentOrder>> lockLocal(const QSqlDatabase &db, qint64 orderId)
{
  auto rows = db::exec(db,
                       QStringLiteral("SELECT id, shopify_id, location_id, pack_state, shopify_status, hold_reason "
                                      "FROM fulfillment_orders WHERE order_id = ? ORDER BY id FOR UPDATE"),
                       {orderId});
  if (!rows)
    return rows.error();
  QList<LocalFulfillmentOrder> local;
  while (rows.value().next())
    local.append({rows->value(0).toLongLong(), rows->value(1).toString(), rows->value(2).toLongLong(),
                  rows->value(3).toString(), rows->value(4).toString(), rows->value(5).toString()});
  return local;
}

Result<QHash<QString, qint64>> locationsOf(const QSqlDatabase &db, qint64 shopId)
{
  auto rows = db::exec(db,
                       QStringLiteral("SELECT shopify_id, id FROM locations WHERE shop_id = ? AND shopify_id IS "
                                      "NOT NULL"),
                       {shopId});
  if (!rows)
    return rows.error();
  QHash<QString, qint64> byShopifyId;
  while (rows.value().next())
    byShopifyId.insert(rows->value(0).toString(), rows->value(1).toLongLong());
  return byShopifyId;
}

// The remote lines as one JSON array for jsonb_to_recordset: one statement per fulfillment order.
QString linesJson(const QList<MirroredLine> &lines)
{
  QJsonArray rows;
  for (const MirroredLine &line : lines) {
    rows.append(
        QJsonObject{{QStringLiteral("s"), line.id},
                    {QStringLiteral("i"), line.lineItemId},
                    {QStringLiteral("v"), line.variantId.isEmpty() ? QJsonValue() : QJsonValue(line.variantId)},
                    {QStringLiteral("t"), line.title},
                    {QStringLiteral("vt"), line.variantTitle.isEmpty() ? QJsonValue() : QJsonValue(line.variantTitle)},
                    {QStringLiteral("k"), line.sku.isEmpty() ? QJsonValue() : QJsonValue(line.sku)},
                    {QStringLiteral("q"), line.totalQuantity},
                    {QStringLiteral("r"), line.remainingQuantity}});
  }
  return QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact));
}

// Brings one local fulfillment order's lines to the remote ones; whether any line changed. The price the
// order webhook stored for a line item is kept; a line no longer listed keeps its row (scans point at it)
// with nothing remaining. removeUnlisted (a never-claimed provisional row): unlisted lines go instead,
// after every fulfillment order took its prices from them (see dropUnlisted).
Result<bool> syncLines(const QSqlDatabase &db, qint64 shopId, qint64 foId, const QList<MirroredLine> &lines,
                       bool removeUnlisted)
{
  auto upserted = db::exec(
      db,
      QStringLiteral(
          "WITH l AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(s text, i text, v text, t text, vt text, k text, "
          "q integer, r integer)), "
          "known AS (SELECT l.*, (SELECT v.id FROM variants v JOIN products p ON p.id = v.product_id WHERE p.shop_id = "
          "? AND v.shopify_id = l.v ORDER BY v.id LIMIT 1) AS variant_id, (SELECT o.price_minor FROM "
          "fulfillment_order_lines o JOIN fulfillment_orders f ON f.id = o.fulfillment_order_id WHERE f.order_id = "
          "(SELECT order_id FROM fulfillment_orders WHERE id = ?) AND o.line_item_shopify_id = l.i ORDER BY o.id LIMIT "
          "1) AS price_minor FROM l), "
          "up AS (INSERT INTO fulfillment_order_lines (fulfillment_order_id, shopify_id, line_item_shopify_id, "
          "variant_id, title, variant_title, sku, quantity, remaining_quantity, price_minor) SELECT ?, s, i, "
          "variant_id, t, vt, k, q, r, COALESCE(price_minor, 0) FROM known ON CONFLICT (fulfillment_order_id, "
          "line_item_shopify_id) DO UPDATE SET shopify_id = EXCLUDED.shopify_id, variant_id = "
          "COALESCE(EXCLUDED.variant_id, fulfillment_order_lines.variant_id), quantity = EXCLUDED.quantity, "
          "remaining_quantity = EXCLUDED.remaining_quantity WHERE fulfillment_order_lines.shopify_id IS DISTINCT FROM "
          "EXCLUDED.shopify_id OR fulfillment_order_lines.variant_id IS DISTINCT FROM COALESCE(EXCLUDED.variant_id, "
          "fulfillment_order_lines.variant_id) OR fulfillment_order_lines.quantity <> EXCLUDED.quantity OR "
          "fulfillment_order_lines.remaining_quantity <> EXCLUDED.remaining_quantity RETURNING 1) "
          "SELECT count(*) FROM up"),
      {linesJson(lines), shopId, foId, foId});
  if (!upserted)
    return upserted.error();
  const bool changed = upserted.value().next() && upserted->value(0).toLongLong() > 0;
  if (removeUnlisted)
    return changed;
  QStringList listed;
  for (const MirroredLine &line : lines)
    listed.append(line.lineItemId);
  auto unlisted = db::exec(db,
                           QStringLiteral("UPDATE fulfillment_order_lines SET remaining_quantity = 0 WHERE "
                                          "fulfillment_order_id = ? AND remaining_quantity > 0 AND NOT "
                                          "(line_item_shopify_id = ANY(string_to_array(?, ','))) RETURNING 1"),
                           {foId, joined(listed)});
  if (!unlisted)
    return unlisted.error();
  return changed || unlisted.value().next();
}

// The provisional row's lines that went to other fulfillment orders (it was never claimed: no scan
// points at them).
Status dropUnlisted(const QSqlDatabase &db, qint64 foId, const QList<MirroredLine> &lines)
{
  QStringList listed;
  for (const MirroredLine &line : lines)
    listed.append(line.lineItemId);
  auto dropped = db::exec(db,
                          QStringLiteral("DELETE FROM fulfillment_order_lines WHERE fulfillment_order_id = ? AND NOT "
                                         "(line_item_shopify_id = ANY(string_to_array(?, ',')))"),
                          {foId, joined(listed)});
  return dropped ? Status{} : Status{dropped.error()};
}

struct Target {
  QString packState;
  QString holdReason;
};

Target targetFor(const MirroredFulfillmentOrder &remote, const LocalFulfillmentOrder &local)
{
  const QString state = packStateFor(remote.status, local.packState, local.holdReason);
  QString reason = local.holdReason;
  if (state == u"held" && local.packState != u"held")
    reason = shopifyHoldReason(remote.status, remote.fulfillAt);
  else if (state != u"held" && local.holdReason.startsWith(kShopifyHoldPrefix))
    reason.clear();
  return {state, reason};
}

Status updateHeader(const QSqlDatabase &db, qint64 foId, const QString &shopifyId, qint64 locationId,
                    const MirroredFulfillmentOrder &remote, const Target &target, bool bump)
{
  auto updated = db::exec(
      db,
      QStringLiteral("UPDATE fulfillment_orders SET shopify_id = ?, location_id = ?, shopify_status = ?, pack_state = "
                     "?, hold_reason = ?, ship_by = COALESCE(?, ship_by), version = version + ?, updated_at = now() "
                     "WHERE id = ?"),
      {shopifyId, locationId, remote.status, target.packState, db::textOrNull(target.holdReason),
       db::timeOrNull(remote.fulfillBy), bump ? 1 : 0, foId});
  return updated ? Status{} : Status{updated.error()};
}

} // namespace

QString packStateFor(const QString &shopifyStatus, const QString &localState, const QString &holdReason)
{
  if (localState == u"packed" || localState == u"cancelled")
    return localState; // our own outcome stands; Shopify's CLOSED after our fulfillment is the echo of it
  if (shopifyStatus == u"CANCELLED" || shopifyStatus == u"CLOSED")
    return QStringLiteral("cancelled"); // cancelled, or fulfilled outside Packbench: nothing left to pack here
  if (localState == u"claimed")
    return localState; // the station hears of the change through the version; its claim stands
  if (shopifyStatus == u"ON_HOLD" || shopifyStatus == u"SCHEDULED")
    return QStringLiteral("held");
  // OPEN, IN_PROGRESS, INCOMPLETE: packable. A lead's own hold stays; a Shopify hold lifts.
  if (localState == u"held" && !holdReason.startsWith(kShopifyHoldPrefix))
    return localState;
  return QStringLiteral("queued");
}

QString shopifyHoldReason(const QString &shopifyStatus, const QDateTime &fulfillAt)
{
  if (shopifyStatus == u"SCHEDULED")
    return kShopifyHoldPrefix + QStringLiteral("scheduled for %1").arg(fulfillAt.toString(Qt::ISODate));
  return kShopifyHoldPrefix + QStringLiteral("on hold");
}

Result<QList<MirroredFulfillmentOrder>> fetch(GraphQlClient &client, const QString &orderId)
{
  QList<MirroredFulfillmentOrder> result;
  const auto onPage = [&](const QJsonObject &connection) -> Status {
    for (const QJsonValue &value : connection.value(u"nodes").toArray()) {
      MirroredFulfillmentOrder fo = fromNode(value.toObject());
      if (fo.id.isEmpty() || fo.locationId.isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("fulfillment order without id or location"));
      auto more = graphqlpaging::nextCursor(value.toObject().value(u"lineItems").toObject(), QString());
      if (!more)
        return more.error();
      if (Status rest = fetchMoreLines(client, &fo, *more); !rest)
        return rest;
      result.append(fo);
    }
    return {};
  };
  if (Status paged =
          graphqlpaging::forEachFulfillmentOrderPage(client, QStringLiteral("OrderFulfillmentOrders"), orderId, onPage);
      !paged)
    return paged.error();
  return result;
}

Result<QStringList> unknownLocations(const QSqlDatabase &db, qint64 shopId,
                                     const QList<MirroredFulfillmentOrder> &remote)
{
  auto known = locationsOf(db, shopId);
  if (!known)
    return known.error();
  QStringList missing;
  for (const MirroredFulfillmentOrder &fo : remote) {
    if (!known->contains(fo.locationId) && !missing.contains(fo.locationId))
      missing.append(fo.locationId);
  }
  return missing;
}

Result<QStringList> unknownVariants(const QSqlDatabase &db, qint64 shopId,
                                    const QList<MirroredFulfillmentOrder> &remote)
{
  QStringList wanted;
  for (const MirroredFulfillmentOrder &fo : remote) {
    for (const MirroredLine &line : fo.lines) {
      if (!line.variantId.isEmpty() && !wanted.contains(line.variantId))
        wanted.append(line.variantId);
    }
  }
  if (wanted.isEmpty())
    return QStringList{};
  auto known = db::exec(db,
                        QStringLiteral("SELECT v.shopify_id FROM variants v JOIN products p ON p.id = v.product_id "
                                       "WHERE p.shop_id = ? AND v.shopify_id = ANY(string_to_array(?, ','))"),
                        {shopId, joined(wanted)});
  if (!known)
    return known.error();
  while (known.value().next())
    wanted.removeAll(known->value(0).toString());
  return wanted;
}

Result<ApplyCounts> apply(QSqlDatabase &db, qint64 shopId, const QString &orderId,
                          const QList<MirroredFulfillmentOrder> &remote)
{
  ApplyCounts counts;
  const Status written = db::inTransaction(db, [&]() -> Status {
    if (auto locked = db::exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(?))"),
                               {orderwriter::orderLockKey(shopId, orderId)});
        !locked)
      return locked.error();
    auto order =
        db::exec(db, QStringLiteral("SELECT id FROM orders WHERE shop_id = ? AND shopify_id = ?"), {shopId, orderId});
    if (!order)
      return order.error();
    if (!order.value().next())
      return makeError(ErrorKind::InvalidInput, QStringLiteral("order %1 is not stored").arg(orderId));
    const qint64 localOrderId = order->value(0).toLongLong();
    auto locals = lockLocal(db, localOrderId);
    if (!locals)
      return locals.error();
    auto locations = locationsOf(db, shopId);
    if (!locations)
      return locations.error();
    if (remote.isEmpty())
      return makeError(ErrorKind::Unavailable, QStringLiteral("Shopify has not routed order %1 yet").arg(orderId));

    QList<LocalFulfillmentOrder> provisional;
    QHash<QString, LocalFulfillmentOrder> byShopifyId;
    for (const LocalFulfillmentOrder &local : *locals) {
      if (local.shopifyId.isEmpty())
        provisional.append(local);
      else
        byShopifyId.insert(local.shopifyId, local);
    }
    QSet<QString> listed;
    QList<std::pair<qint64, const MirroredFulfillmentOrder *>> adoptedRows; // cleaned up after the loop
    for (const MirroredFulfillmentOrder &fo : remote) {
      listed.insert(fo.id);
      const qint64 locationId = locations->value(fo.locationId);
      if (locationId == 0)
        return makeError(ErrorKind::Unavailable, QStringLiteral("location %1 is not synced yet").arg(fo.locationId));
      LocalFulfillmentOrder local;
      bool adopted = false;
      if (byShopifyId.contains(fo.id)) {
        local = byShopifyId.value(fo.id);
      } else if (!provisional.isEmpty()) {
        local = provisional.takeFirst(); // the webhook's provisional row becomes Shopify's first one
        adopted = true;
      } else {
        auto inserted =
            db::exec(db,
                     QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, shopify_id, "
                                    "pack_state, shopify_status) VALUES (?, ?, ?, 'syncing', ?) RETURNING id"),
                     {localOrderId, locationId, fo.id, fo.status});
        if (!inserted)
          return inserted.error();
        if (!inserted.value().next())
          return makeError(ErrorKind::Internal, QStringLiteral("fulfillment order insert returned no row"));
        local = {inserted->value(0).toLongLong(), fo.id, locationId, QStringLiteral("syncing"), fo.status, {}};
        adopted = true;
      }
      const bool fresh = adopted && local.packState == u"syncing";
      if (fresh)
        adoptedRows.append({local.id, &fo});
      auto linesChanged = syncLines(db, shopId, local.id, fo.lines, fresh);
      if (!linesChanged)
        return linesChanged.error();
      const Target target = targetFor(fo, local);
      // A claimed order stays where it is being packed; it learns of a move through the version.
      const qint64 newLocation = local.packState == u"claimed" ? local.locationId : locationId;
      const bool headerChanged = adopted || target.packState != local.packState ||
                                 target.holdReason != local.holdReason || newLocation != local.locationId ||
                                 fo.status != local.shopifyStatus;
      const bool bump = *linesChanged || newLocation != locationId || (!adopted && headerChanged);
      if (headerChanged || *linesChanged) {
        if (Status s = updateHeader(db, local.id, fo.id, newLocation, fo, target, bump && !adopted); !s)
          return s;
        if (adopted)
          ++counts.created;
        else
          ++counts.changed;
      }
    }
    for (const auto &[foId, fo] : std::as_const(adoptedRows)) {
      if (Status s = dropUnlisted(db, foId, fo->lines); !s)
        return s;
    }
    // Provisional rows Shopify did not need, and mirrored ones it no longer lists (merged or moved away).
    for (const LocalFulfillmentOrder &left : std::as_const(provisional)) {
      for (const QString &sql : {QStringLiteral("DELETE FROM fulfillment_order_lines WHERE fulfillment_order_id = ?"),
                                 QStringLiteral("DELETE FROM fulfillment_orders WHERE id = ?")}) {
        if (auto removed = db::exec(db, sql, {left.id}); !removed)
          return removed.error();
      }
    }
    for (const LocalFulfillmentOrder &local : std::as_const(*locals)) {
      if (local.shopifyId.isEmpty() || listed.contains(local.shopifyId) || local.packState == u"packed" ||
          local.packState == u"cancelled")
        continue;
      auto closed = db::exec(db,
                             QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled', shopify_status = "
                                            "'CLOSED', version = version + 1, updated_at = now() WHERE id = ?"),
                             {local.id});
      if (!closed)
        return closed.error();
      ++counts.closed;
    }
    return {};
  });
  if (!written)
    return written.error();
  qCInfo(lcMirror).noquote() << "order" << orderId << "mirrored:" << counts.created << "new," << counts.changed
                             << "changed," << counts.closed << "closed";
  return counts;
}

} // namespace pb::shopify::fulfillmentordermirror
