// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/outboxworker.h"

#include "core/config/configkeys.h"
#include "core/db/sql.h"
#include "core/shopify/fulfillmentapi.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/ordersync.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcOutbox, "packbench.core.shopify.outboxworker")

struct LocalLine {
  qint64 id = 0;
  QString shopifyId;
  QString lineItemId;
  int quantity = 0;
};

struct LocalFulfillmentOrder {
  qint64 id = 0;
  QString shopifyId;
  QString orderShopifyId;
  QString fulfillmentId;
  QList<LocalLine> lines;
};

// A partial pack ships what the station verified: the same sum of accepted scans per line that the pack
// screen shows (PackSession::replayEvents), never more than the line asks for.
Status limitToPacked(QSqlDatabase &db, LocalFulfillmentOrder *local)
{
  auto packed = db::exec(db,
                         QStringLiteral("SELECT line_id, sum(quantity) FROM scan_events WHERE fulfillment_order_id = ? "
                                        "AND outcome IN ('ok', 'manual') AND line_id IS NOT NULL GROUP BY line_id"),
                         {local->id});
  if (!packed)
    return packed.error();
  QHash<qint64, int> verified;
  while (packed.value().next())
    verified.insert(packed->value(0).toLongLong(), packed->value(1).toInt());
  for (LocalLine &line : local->lines)
    line.quantity = std::clamp(verified.value(line.id), 0, line.quantity);
  return {};
}

Result<LocalFulfillmentOrder> loadFulfillmentOrder(QSqlDatabase &db, const QJsonObject &payload)
{
  const qint64 id = payload.value(u"fulfillment_order_id").toVariant().toLongLong();
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

// Finds our fulfillment order among the order's remote ones: by id, else by its line items.
const RemoteFulfillmentOrder *match(const QList<RemoteFulfillmentOrder> &remote, const LocalFulfillmentOrder &local)
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

// Stores the Shopify ids learned from the remote fulfillment order, so later calls need no lookup.
Status rememberIds(QSqlDatabase &db, LocalFulfillmentOrder &local, const RemoteFulfillmentOrder &remote)
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

Status recordFulfillment(QSqlDatabase &db, qint64 foId, const QString &fulfillmentId)
{
  auto saved = db::exec(db,
                        QStringLiteral("UPDATE fulfillment_orders SET shopify_fulfillment_id = ?, shopify_status = "
                                       "'CLOSED', updated_at = now() WHERE id = ?"),
                        {fulfillmentId, foId});
  return saved ? Status{} : Status{saved.error()};
}

QString joinIds(const QList<qint64> &ids)
{
  QStringList parts;
  for (const qint64 id : ids)
    parts.append(QString::number(id));
  return parts.join(QLatin1Char(','));
}

} // namespace

OutboxSettings OutboxSettings::fromConfig(const config::Config &config, const QString &workerId)
{
  using namespace config::keys;
  OutboxSettings s;
  s.workerId = workerId;
  s.leaseSeconds = config.get(HubOutboxLeaseSeconds);
  s.maxAttempts = config.get(HubOutboxMaxAttempts);
  s.backoffBaseMs = config.get(ShopifyBackoffBaseMs) * 4;
  if (auto codes = LocationCodes::parse(config.get(ShopifyLocationCodes)))
    s.locationCodes = *codes; // a bad setting is refused when the hub starts
  return s;
}

const QStringList &OutboxWorker::kinds()
{
  static const QStringList all{QStringLiteral("fulfillment.create"), QStringLiteral("fulfillment.tracking_update"),
                               QStringLiteral("fulfillment_order.hold"),
                               QStringLiteral("fulfillment_order.release_hold"), QString::fromLatin1(ordersync::kKind)};
  return all;
}

OutboxWorker::OutboxWorker(QSqlDatabase db, GraphQlClient &client, OutboxSettings settings)
    : m_db(std::move(db))
    , m_client(client)
    , m_settings(std::move(settings))
{}

Result<int> OutboxWorker::runOnce()
{
  // Claiming commits at once: the lease, not a held row lock, keeps other workers off the row
  // while the (slow) Shopify call runs. An expired lease means a crashed worker: take it over.
  auto claimed = db::exec(
      m_db,
      QStringLiteral("UPDATE outbox SET status = 'in_flight', locked_by = ?, locked_until = now() + make_interval(secs "
                     "=> ?), attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox WHERE kind = "
                     "ANY(string_to_array(?, ',')) AND ((status IN ('pending', 'failed') AND next_attempt_at <= now()) "
                     "OR (status = 'in_flight' AND locked_until < now())) ORDER BY next_attempt_at, id LIMIT ? FOR "
                     "UPDATE SKIP LOCKED) RETURNING id, kind, payload, attempts"),
      {m_settings.workerId, m_settings.leaseSeconds, kinds().join(QLatin1Char(',')), m_settings.batchSize});
  if (!claimed)
    return claimed.error();
  QList<Row> rows;
  while (claimed.value().next())
    rows.append({claimed->value(0).toLongLong(), claimed->value(1).toString(),
                 QJsonDocument::fromJson(claimed->value(2).toByteArray()).object(), claimed->value(3).toInt()});
  QElapsedTimer sinceLease; // the claim set every row's lease: no renewal needed in its first half
  sinceLease.start();
  QList<qint64> held;
  for (const Row &row : rows)
    held.append(row.id);
  for (const Row &row : rows) {
    // A long batch renews the leases it still holds before the next call; one lost: skip that row.
    if (sinceLease.elapsed() > m_settings.leaseSeconds * 500LL) {
      auto renewed = db::exec(
          m_db,
          QStringLiteral(
              "UPDATE outbox SET locked_until = now() + make_interval(secs => ?) WHERE id = "
              "ANY(string_to_array(?, ',')::bigint[]) AND locked_by = ? AND status = 'in_flight' RETURNING id"),
          {m_settings.leaseSeconds, joinIds(held), m_settings.workerId});
      if (!renewed)
        return renewed.error();
      sinceLease.restart();
      QList<qint64> still;
      while (renewed.value().next())
        still.append(renewed->value(0).toLongLong());
      held = still;
    }
    if (!held.contains(row.id))
      continue;
    m_recorded.reset();
    if (Status s = settle(row, handle(row)); !s)
      return s.error();
  }
  return static_cast<int>(rows.size());
}

Status OutboxWorker::settle(const Row &row, const Status &outcome)
{
  if (outcome.ok()) {
    // The fulfillment's id and the row's done state in one commit: one fsync, and never one without the other.
    return db::inTransaction(m_db, [&]() -> Status {
      if (m_recorded) {
        if (Status s = recordFulfillment(m_db, m_recorded->first, m_recorded->second); !s)
          return s;
      }
      auto done = db::exec(m_db,
                           QStringLiteral("UPDATE outbox SET status = 'done', done_at = now(), last_error = NULL, "
                                          "locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ?"),
                           {row.id, m_settings.workerId});
      return done ? Status{} : Status{done.error()};
    });
  }
  const Error &error = outcome.error();
  const bool dead = error.kind == ErrorKind::InvalidInput || error.kind == ErrorKind::Permission ||
                    row.attempts >= m_settings.maxAttempts;
  const qint64 base = static_cast<qint64>(m_settings.backoffBaseMs) << std::min(row.attempts - 1, 20);
  const qint64 capped = std::min<qint64>(base, m_settings.backoffMaxMs);
  const qint64 delay =
      capped / 2 + static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<double>(capped / 2 + 1)));
  qCInfo(lcOutbox).noquote() << row.kind << row.id << "attempt" << row.attempts << (dead ? "dead:" : "failed:")
                             << error.message;
  auto failed = db::exec(m_db,
                         QStringLiteral("UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = now() + "
                                        "make_interval(secs => ?), locked_by = NULL, locked_until = NULL WHERE id = ? "
                                        "AND locked_by = ?"),
                         {dead ? QStringLiteral("dead") : QStringLiteral("failed"), error.message,
                          static_cast<double>(delay) / 1000.0, row.id, m_settings.workerId});
  return failed ? Status{} : Status{failed.error()};
}

Status OutboxWorker::handle(const Row &row)
{
  if (row.kind == u"fulfillment.create")
    return createFulfillment(row);
  if (row.kind == u"fulfillment.tracking_update")
    return updateTracking(row);
  if (row.kind == u"fulfillment_order.hold")
    return changeHold(row, true);
  if (row.kind == u"fulfillment_order.release_hold")
    return changeHold(row, false);
  if (row.kind == QLatin1String(ordersync::kKind))
    return ordersync::run(m_client, m_db, row.payload, m_settings.locationCodes);
  return makeError(ErrorKind::InvalidInput, QStringLiteral("unknown outbox kind %1").arg(row.kind));
}

Result<TrackingInfo> OutboxWorker::trackingFor(qint64 fulfillmentOrderId)
{
  auto packages = db::exec(m_db,
                           QStringLiteral("SELECT carrier, tracking_number, tracking_url FROM packages WHERE "
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

Status OutboxWorker::createFulfillment(const Row &row)
{
  auto local = loadFulfillmentOrder(m_db, row.payload);
  if (!local)
    return local.error();
  if (!local->fulfillmentId.isEmpty())
    return {}; // recorded by an earlier attempt whose outbox update was lost
  if (row.payload.value(u"partial").toBool()) {
    if (Status limited = limitToPacked(m_db, &local.value()); !limited)
      return limited;
  }
  const bool idsKnown =
      !local->shopifyId.isEmpty() && std::all_of(local->lines.begin(), local->lines.end(),
                                                 [](const LocalLine &line) { return !line.shopifyId.isEmpty(); });
  // A retry may follow a call whose answer was lost: ask Shopify before posting again.
  const bool retry = row.attempts > 1;
  QHash<QString, RemoteFulfillmentOrderLine> atShopify; // known only after a look at Shopify
  QString lastRemoteFulfillment = QStringLiteral("unknown");
  if (retry || !idsKnown) {
    auto remote = fulfillmentapi::fetchFulfillmentOrders(m_client, local->orderShopifyId);
    if (!remote)
      return remote.error();
    const RemoteFulfillmentOrder *fo = match(*remote, *local);
    if (!fo)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("Shopify has no matching fulfillment order"));
    if (Status s = rememberIds(m_db, local.value(), *fo); !s)
      return s;
    if (fo->isFullyFulfilled()) {
      qCInfo(lcOutbox) << "fulfillment order" << local->id << "already fulfilled at Shopify; not posting again";
      m_recorded.emplace(local->id,
                         fo->fulfillmentIds.isEmpty() ? QStringLiteral("unknown") : fo->fulfillmentIds.last());
      return {};
    }
    if (fo->status == u"CANCELLED")
      return makeError(ErrorKind::InvalidInput, QStringLiteral("fulfillment order was cancelled at Shopify"));
    if (!fo->supportedActions.contains(QStringLiteral("CREATE_FULFILLMENT")))
      return makeError(ErrorKind::Unavailable,
                       QStringLiteral("fulfillment order is %1; cannot fulfil yet").arg(fo->status));
    for (const RemoteFulfillmentOrderLine &line : fo->lines)
      atShopify.insert(line.id, line);
    if (!fo->fulfillmentIds.isEmpty())
      lastRemoteFulfillment = fo->fulfillmentIds.last();
  }
  auto tracking = trackingFor(local->id);
  if (!tracking)
    return tracking.error();
  QList<FulfillmentLine> lines;
  for (const LocalLine &line : local->lines) {
    int quantity = line.quantity;
    if (!atShopify.isEmpty()) {
      const RemoteFulfillmentOrderLine open = atShopify.value(line.shopifyId);
      // After a lost answer what Shopify shows fulfilled may be ours: send only the rest (a short pack
      // would otherwise go twice), and never more than Shopify still has open.
      if (retry)
        quantity -= open.totalQuantity - open.remainingQuantity;
      quantity = std::min(quantity, open.remainingQuantity);
    }
    if (quantity > 0)
      lines.append({line.shopifyId, quantity});
  }
  if (lines.isEmpty()) {
    const bool anythingPacked =
        std::any_of(local->lines.begin(), local->lines.end(), [](const LocalLine &line) { return line.quantity > 0; });
    if (retry && anythingPacked) {
      qCInfo(lcOutbox) << "fulfillment order" << local->id << "already carries what was packed; not posting again";
      m_recorded.emplace(local->id, lastRemoteFulfillment);
      return {};
    }
    return makeError(ErrorKind::InvalidInput, QStringLiteral("nothing left to fulfil on this fulfillment order"));
  }
  const bool notify = row.payload.value(u"notify_customer").toBool(true);
  // Over Shopify's per-call limit: several fulfillments; a retry after a failed part re-reads what is left.
  QString created;
  for (qsizetype from = 0; from < lines.size(); from += fulfillmentapi::kMaxLinesPerFulfillment) {
    auto part = fulfillmentapi::createFulfillment(
        m_client, local->shopifyId, lines.mid(from, fulfillmentapi::kMaxLinesPerFulfillment), *tracking, notify);
    if (!part)
      return part.error();
    created = *part;
  }
  m_recorded.emplace(local->id, created); // written by settle() with the row's done state
  return {};
}

Status OutboxWorker::updateTracking(const Row &row)
{
  auto local = loadFulfillmentOrder(m_db, row.payload);
  if (!local)
    return local.error();
  if (local->fulfillmentId.isEmpty() || local->fulfillmentId == u"unknown")
    return makeError(ErrorKind::Unavailable, QStringLiteral("fulfillment not created yet"));
  auto tracking = trackingFor(local->id);
  if (!tracking)
    return tracking.error();
  if (tracking->isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("no tracking number to send"));
  // Setting the same tracking twice is harmless, so a retry needs no check first.
  return fulfillmentapi::updateTracking(m_client, local->fulfillmentId, *tracking,
                                        row.payload.value(u"notify_customer").toBool(true));
}

Status OutboxWorker::changeHold(const Row &row, bool hold)
{
  auto local = loadFulfillmentOrder(m_db, row.payload);
  if (!local)
    return local.error();
  if (row.attempts > 1 || local->shopifyId.isEmpty()) {
    auto remote = fulfillmentapi::fetchFulfillmentOrders(m_client, local->orderShopifyId);
    if (!remote)
      return remote.error();
    const RemoteFulfillmentOrder *fo = match(*remote, *local);
    if (!fo)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("Shopify has no matching fulfillment order"));
    if (Status s = rememberIds(m_db, local.value(), *fo); !s)
      return s;
    if ((fo->status == u"ON_HOLD") == hold)
      return {}; // already in the state we want: an earlier attempt got through
  }
  if (hold)
    return fulfillmentapi::hold(m_client, local->shopifyId,
                                row.payload.value(u"reason").toString(QStringLiteral("OTHER")),
                                row.payload.value(u"notes").toString());
  return fulfillmentapi::releaseHold(m_client, local->shopifyId);
}

} // namespace pb::shopify
