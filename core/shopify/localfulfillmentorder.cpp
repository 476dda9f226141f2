// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/localfulfillmentorder.h"

#include "core/db/sql.h"
#include "core/shopify/fulfillmentapi.h"

namespace pb::shopify {

namespace {

// A partial pack from an older station ships what it verified: the same sum of accepted scans per line
// that the pack screen shows (PackSession::replayEvents), never more than the line asks for.
Result<outbox::LineQuantities> packedByScans(QSqlDatabase &db, const LocalFulfillmentOrder &local)
{
  auto packed = db::exec(db,
                         QStringLiteral("SELECT line_id, sum(quantity) FROM scan_events WHERE fulfillment_order_id = ? "
                                        "AND outcome IN ('ok', 'manual') AND line_id IS NOT NULL GROUP BY line_id"),
                         {local.id});
  if (!packed)
    return packed.error();
  QHash<qint64, int> verified;
  while (packed.value().next())
    verified.insert(packed->value(0).toLongLong(), packed->value(1).toInt());
  outbox::LineQuantities wanted;
  for (const LocalLine &line : local.lines) {
    if (const int quantity = std::clamp(verified.value(line.id), 0, line.quantity); quantity > 0)
      wanted.insert(line.id, quantity);
  }
  return wanted;
}

// The station's verified quantities, each on an open line of this fulfillment order.
Result<outbox::LineQuantities> verifiedLines(const QList<outbox::VerifiedLine> &lines,
                                             const LocalFulfillmentOrder &local)
{
  outbox::LineQuantities wanted;
  for (const outbox::VerifiedLine &line : lines) {
    const bool onThisOrder = std::any_of(local.lines.begin(), local.lines.end(),
                                         [&line](const LocalLine &l) { return l.id == line.lineId; });
    if (!onThisOrder)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("payload line %1 is not an open line of fulfillment "
                                                               "order %2")
                                                    .arg(line.lineId)
                                                    .arg(local.id));
    if (line.quantity > 0)
      wanted.insert(line.lineId, line.quantity);
  }
  return wanted;
}

} // namespace

bool LocalFulfillmentOrder::idsKnown() const
{
  return !shopifyId.isEmpty() &&
         std::all_of(lines.begin(), lines.end(), [](const LocalLine &line) { return !line.shopifyId.isEmpty(); });
}

QHash<qint64, QString> LocalFulfillmentOrder::lineItemOfLine() const
{
  QHash<qint64, QString> map;
  for (const LocalLine &line : lines)
    map.insert(line.id, line.lineItemId);
  return map;
}

Result<LocalFulfillmentOrder> loadFulfillmentOrder(QSqlDatabase &db, qint64 id)
{
  auto fo = db::exec(db,
                     QStringLiteral("SELECT f.id, f.shopify_id, o.shopify_id, f.shopify_fulfillment_id FROM "
                                    "fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE f.id = ?"),
                     {id});
  if (!fo)
    return fo.error();
  if (!fo.value().next())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("outbox row names unknown fulfillment order %1").arg(id));
  LocalFulfillmentOrder local;
  local.id = fo->value(0).toLongLong();
  local.shopifyId = fo->value(1).toString();
  local.orderShopifyId = fo->value(2).toString();
  local.fulfillmentId = fo->value(3).toString();
  auto lines = db::exec(db,
                        QStringLiteral("SELECT id, shopify_id, line_item_shopify_id, quantity FROM "
                                       "fulfillment_order_lines WHERE fulfillment_order_id = ? AND quantity > 0 "
                                       "ORDER BY id"),
                        {local.id});
  if (!lines)
    return lines.error();
  while (lines.value().next())
    local.lines.append({lines->value(0).toLongLong(), lines->value(1).toString(), lines->value(2).toString(),
                        lines->value(3).toInt()});
  return local;
}

Result<outbox::LineQuantities> wantedQuantities(QSqlDatabase &db, const outbox::FulfillmentCreate &message,
                                                const LocalFulfillmentOrder &local)
{
  if (message.lines)
    return verifiedLines(*message.lines, local);
  if (message.partial)
    return packedByScans(db, local);
  outbox::LineQuantities wanted;
  for (const LocalLine &line : local.lines)
    wanted.insert(line.id, line.quantity);
  return wanted;
}

const RemoteFulfillmentOrder *matchRemote(const QList<RemoteFulfillmentOrder> &remote,
                                          const LocalFulfillmentOrder &local)
{
  for (const RemoteFulfillmentOrder &fo : remote) {
    if (!local.shopifyId.isEmpty() && fo.id == local.shopifyId)
      return &fo;
  }
  if (!local.shopifyId.isEmpty())
    return nullptr;
  for (const RemoteFulfillmentOrder &fo : remote) {
    const bool all = std::all_of(local.lines.begin(), local.lines.end(), [&](const LocalLine &line) {
      return std::any_of(fo.lines.begin(), fo.lines.end(),
                         [&](const RemoteFulfillmentOrderLine &r) { return r.lineItemId == line.lineItemId; });
    });
    if (all && !local.lines.isEmpty())
      return &fo;
  }
  return nullptr;
}

Status rememberShopifyIds(QSqlDatabase &db, LocalFulfillmentOrder &local, const RemoteFulfillmentOrder &remote)
{
  return db::inTransaction(db, [&]() -> Status {
    if (auto s = db::exec(db, QStringLiteral("UPDATE fulfillment_orders SET shopify_id = ? WHERE id = ?"),
                          {remote.id, local.id});
        !s)
      return s.error();
    local.shopifyId = remote.id;
    for (LocalLine &line : local.lines) {
      for (const RemoteFulfillmentOrderLine &r : remote.lines) {
        if (r.lineItemId != line.lineItemId || r.id == line.shopifyId)
          continue;
        if (auto s = db::exec(db, QStringLiteral("UPDATE fulfillment_order_lines SET shopify_id = ? WHERE id = ?"),
                              {r.id, line.id});
            !s)
          return s.error();
        line.shopifyId = r.id;
      }
    }
    return {};
  });
}

Result<TrackingInfo> loadTracking(QSqlDatabase &db, qint64 fulfillmentOrderId)
{
  auto packages = db::exec(
      db,
      QStringLiteral("SELECT COALESCE(tracking_company, carrier), tracking_number, tracking_url FROM packages WHERE "
                     "fulfillment_order_id = ? AND tracking_number IS NOT NULL ORDER BY box_no"),
      {fulfillmentOrderId});
  if (!packages)
    return packages.error();
  TrackingInfo tracking;
  while (packages.value().next()) {
    if (tracking.company.isEmpty())
      tracking.company = packages->value(0).toString();
    tracking.numbers.append(packages->value(1).toString());
    tracking.urls.append(packages->value(2).toString());
  }
  return tracking;
}

} // namespace pb::shopify
