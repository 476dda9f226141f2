// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/outboxworker.h"

#include "core/config/configkeys.h"
#include "core/db/sql.h"
#include "core/shopify/fulfillmentapi.h"
#include "core/shopify/fulfillmentposter.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/localfulfillmentorder.h"
#include "core/shopify/ordersync.h"
#include "core/shopify/outboxlease.h"
#include "core/shopify/shopclients.h"
#include "core/shopify/trackingeventposter.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcOutbox, "packbench.core.shopify.outboxworker")

Status recordFulfillment(QSqlDatabase &db, qint64 foId, const QString &fulfillmentId, const QStringList &all)
{
  auto saved = db::exec(db,
                        QStringLiteral("UPDATE fulfillment_orders SET shopify_fulfillment_id = ?, shopify_status = "
                                       "'CLOSED', updated_at = now() WHERE id = ?"),
                        {fulfillmentId, foId});
  if (!saved)
    return saved.error();
  for (const QString &id : all.isEmpty() ? QStringList{fulfillmentId} : all) {
    auto kept = db::exec(db,
                         QStringLiteral("INSERT INTO shopify_fulfillments (fulfillment_order_id, "
                                        "shopify_fulfillment_id) VALUES (?, ?) ON CONFLICT DO NOTHING"),
                         {foId, id});
    if (!kept)
      return kept.error();
  }
  return {};
}

// Every Shopify fulfillment made for the fulfillment order (one per part of a split post), oldest first.
Result<QStringList> fulfillmentsOf(QSqlDatabase &db, const LocalFulfillmentOrder &local)
{
  auto rows = db::exec(db,
                       QStringLiteral("SELECT shopify_fulfillment_id FROM shopify_fulfillments WHERE "
                                      "fulfillment_order_id = ? ORDER BY created_at, shopify_fulfillment_id"),
                       {local.id});
  if (!rows)
    return rows.error();
  QStringList ids;
  while (rows.value().next())
    ids.append(rows.value().value(0).toString());
  if (ids.isEmpty() && !local.fulfillmentId.isEmpty() && local.fulfillmentId != u"unknown")
    ids.append(local.fulfillmentId);
  return ids;
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
  static const QStringList all{
      QStringLiteral("fulfillment.create"),     QStringLiteral("fulfillment.tracking_update"),
      QStringLiteral("fulfillment_order.hold"), QStringLiteral("fulfillment_order.release_hold"),
      QString::fromLatin1(ordersync::kKind),    QString::fromLatin1(kTrackingEventKind)};
  return all;
}

OutboxWorker::OutboxWorker(QSqlDatabase db, ShopClients &clients, OutboxSettings settings)
    : m_db(std::move(db))
    , m_clients(clients)
    , m_settings(std::move(settings))
{}

OutboxWorker::OutboxWorker(QSqlDatabase db, GraphQlClient &client, const QString &shopDomain, OutboxSettings settings)
    : m_db(std::move(db))
    , m_ownClients(std::make_unique<OneShopClient>(shopDomain, client))
    , m_clients(*m_ownClients)
    , m_settings(std::move(settings))
{}

OutboxWorker::~OutboxWorker() = default;

Result<int> OutboxWorker::runOnce()
{
  // Claiming commits at once: the lease, not a held row lock, keeps other workers off the row
  // while the (slow) Shopify call runs. An expired lease means a crashed worker: take it over.
  // The row's shop is the shop of the order it acts on (its fulfillment order's order, or the order an
  // order.sync reads), never only the shop_id column its writer filled in: a row naming another shop than
  // its order waits with an error instead of going out with that shop's token.
  auto claimed = db::exec(
      m_db,
      QStringLiteral(
          "WITH claimed AS (UPDATE outbox SET status = 'in_flight', locked_by = ?, locked_until = now() + "
          "make_interval(secs => ?), attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox WHERE kind = "
          "ANY(string_to_array(?, ',')) AND ((status IN ('pending', 'failed') AND next_attempt_at <= now()) OR "
          "(status = 'in_flight' AND locked_until < now())) ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP "
          "LOCKED) RETURNING id, kind, payload, attempts, progress, shop_id) "
          "SELECT c.id, c.kind, c.payload, c.attempts, c.progress, s.domain, c.shop_id IS NOT NULL AND d.shop_id IS "
          "NOT NULL AND c.shop_id <> d.shop_id FROM claimed c "
          "LEFT JOIN LATERAL (SELECT coalesce((SELECT o.shop_id FROM fulfillment_orders f JOIN orders o ON o.id = "
          "f.order_id WHERE f.id = CASE WHEN c.payload->>'fulfillment_order_id' ~ '^[0-9]{1,18}$' THEN "
          "(c.payload->>'fulfillment_order_id')::bigint END), CASE WHEN c.kind = 'order.sync' AND "
          "c.payload->>'shop_id' ~ '^[0-9]{1,18}$' THEN (c.payload->>'shop_id')::bigint END) AS shop_id) d ON true "
          "LEFT JOIN shops s ON s.id = coalesce(d.shop_id, c.shop_id) ORDER BY c.id"),
      {m_settings.workerId, m_settings.leaseSeconds, kinds().join(QLatin1Char(',')), m_settings.batchSize});
  if (!claimed)
    return claimed.error();
  QList<OutboxRow> rows;
  QList<qint64> ids;
  while (claimed.value().next()) {
    OutboxRow row{claimed->value(0).toLongLong(),
                  claimed->value(1).toString(),
                  QJsonDocument::fromJson(claimed->value(2).toByteArray()).object(),
                  claimed->value(3).toInt(),
                  QJsonDocument::fromJson(claimed->value(4).toByteArray()).object(),
                  claimed->value(5).toString(),
                  QString()};
    if (claimed->value(6).toBool())
      row.shopProblem = QStringLiteral("the row's shop_id is not the shop of the order it acts on");
    rows.append(row);
    ids.append(rows.last().id);
  }
  OutboxLease lease(m_db, m_settings.workerId, m_settings.leaseSeconds, ids);
  for (const OutboxRow &row : rows) {
    if (Status renewed = lease.renewIfDue(); !renewed)
      return renewed.error();
    if (!lease.holds(row.id))
      continue; // taken over while earlier rows ran: its new owner works it
    auto client = row.shopProblem.isEmpty() ? m_clients.clientFor(row.shopDomain)
                                            : Result<GraphQlClient *>(makeError(ErrorKind::Conflict, row.shopProblem));
    if (!client) {
      const Status parked = park(row, client.error().message);
      lease.release(row.id);
      if (!parked)
        return parked.error();
      continue;
    }
    const Result<OutboxOutcome> outcome = handle(row, lease, **client);
    const Status settled = settle(row, outcome);
    lease.release(row.id);
    if (!settled)
      return settled.error();
  }
  return static_cast<int>(rows.size());
}

void OutboxWorker::reportLeaseLost(const OutboxRow &row, const QString &what)
{
  ++m_leasesLost;
  qCWarning(lcOutbox).noquote() << row.kind << row.id << "attempt" << row.attempts
                                << "lost its lease to another worker; not written:" << what;
}

Status OutboxWorker::settle(const OutboxRow &row, const Result<OutboxOutcome> &outcome)
{
  if (outcome.ok() && outcome->leaseLost) {
    reportLeaseLost(row, QStringLiteral("nothing was posted"));
    return {};
  }
  if (outcome.ok())
    return settleDone(row, *outcome);
  const Error &error = outcome.error();
  const bool dead = error.kind == ErrorKind::InvalidInput || error.kind == ErrorKind::Permission ||
                    row.attempts >= m_settings.maxAttempts;
  const qint64 base = static_cast<qint64>(m_settings.backoffBaseMs) << std::min(row.attempts - 1, 20);
  const qint64 capped = std::min<qint64>(base, m_settings.backoffMaxMs);
  const qint64 delay =
      capped / 2 + static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<double>(capped / 2 + 1)));
  auto failed = db::exec(m_db,
                         QStringLiteral("UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = now() + "
                                        "make_interval(secs => ?), locked_by = NULL, locked_until = NULL WHERE id = ? "
                                        "AND locked_by = ? AND status = 'in_flight'"),
                         {dead ? QStringLiteral("dead") : QStringLiteral("failed"), error.message,
                          static_cast<double>(delay) / 1000.0, row.id, m_settings.workerId});
  if (!failed)
    return failed.error();
  if (failed.value().numRowsAffected() != 1) {
    reportLeaseLost(row, error.message);
    return {};
  }
  qCInfo(lcOutbox).noquote() << row.kind << row.id << "attempt" << row.attempts << (dead ? "dead:" : "failed:")
                             << error.message;
  return {};
}

Status OutboxWorker::park(const OutboxRow &row, const QString &why)
{
  constexpr int kParkSeconds = 60; // credentials come with a config change and a restart: look again now and then
  const QString error = QStringLiteral("waiting for credentials: %1").arg(why);
  auto parked = db::exec(m_db,
                         QStringLiteral("UPDATE outbox SET status = 'failed', attempts = greatest(attempts - 1, 0), "
                                        "last_error = ?, next_attempt_at = now() + make_interval(secs => ?), "
                                        "locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ? AND "
                                        "status = 'in_flight'"),
                         {error, kParkSeconds, row.id, m_settings.workerId});
  if (!parked)
    return parked.error();
  if (parked.value().numRowsAffected() == 1)
    qCWarning(lcOutbox).noquote() << row.kind << row.id << "not posted:" << error;
  return {};
}

Status OutboxWorker::settleDone(const OutboxRow &row, const OutboxOutcome &outcome)
{
  bool lost = false;
  // The row's done state, its progress and the fulfillment's id in one commit: never one without the
  // others, and none of them once another worker holds the row.
  Status written = db::inTransaction(m_db, [&]() -> Status {
    const QVariant progress =
        outcome.progress ? QVariant(QString::fromUtf8(QJsonDocument(*outcome.progress).toJson(QJsonDocument::Compact)))
                         : QVariant(QMetaType::fromType<QString>());
    auto done = db::exec(m_db,
                         QStringLiteral("UPDATE outbox SET status = 'done', done_at = now(), last_error = NULL, "
                                        "locked_by = NULL, locked_until = NULL, progress = coalesce(?::jsonb, "
                                        "progress) WHERE id = ? AND locked_by = ? AND status = 'in_flight'"),
                         {progress, row.id, m_settings.workerId});
    if (!done)
      return done.error();
    if (done.value().numRowsAffected() != 1) {
      lost = true;
      return makeError(ErrorKind::Conflict, QStringLiteral("lease lost")); // rolls back: write nothing
    }
    if (!outcome.fulfillmentId.isEmpty())
      return recordFulfillment(m_db, outcome.fulfillmentOrderId, outcome.fulfillmentId, outcome.fulfillmentIds);
    return {};
  });
  if (lost) {
    reportLeaseLost(row, outcome.fulfillmentId.isEmpty()
                             ? QStringLiteral("done")
                             : QStringLiteral("done with fulfillment %1").arg(outcome.fulfillmentId));
    return {};
  }
  return written;
}

Result<OutboxOutcome> OutboxWorker::handle(const OutboxRow &row, OutboxLease &lease, GraphQlClient &client)
{
  Status status;
  if (row.kind == u"fulfillment.create")
    return FulfillmentPoster(m_db, client, lease).post(row);
  if (row.kind == QLatin1String(kTrackingEventKind))
    return TrackingEventPoster(m_db, client, lease).post(row);
  if (row.kind == u"fulfillment.tracking_update")
    status = updateTracking(row, client);
  else if (row.kind == u"fulfillment_order.hold")
    status = changeHold(row, true, client);
  else if (row.kind == u"fulfillment_order.release_hold")
    status = changeHold(row, false, client);
  else if (row.kind == QLatin1String(ordersync::kKind))
    status = ordersync::run(client, m_db, row.payload, m_settings.locationCodes);
  else
    status = makeError(ErrorKind::InvalidInput, QStringLiteral("unknown outbox kind %1").arg(row.kind));
  if (!status)
    return status.error();
  return OutboxOutcome{};
}

Status OutboxWorker::updateTracking(const OutboxRow &row, GraphQlClient &client)
{
  auto local = loadFulfillmentOrder(m_db, row.payload);
  if (!local)
    return local.error();
  auto fulfillments = fulfillmentsOf(m_db, *local);
  if (!fulfillments)
    return fulfillments.error();
  if (fulfillments->isEmpty())
    return makeError(ErrorKind::Unavailable, QStringLiteral("fulfillment not created yet"));
  auto tracking = loadTracking(m_db, local->id);
  if (!tracking)
    return tracking.error();
  if (tracking->isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("no tracking number to send"));
  // Setting the same tracking twice is harmless, so a retry needs no check first; each part of a split
  // fulfillment carries the order's tracking.
  for (const QString &fulfillmentId : *fulfillments) {
    if (Status updated = fulfillmentapi::updateTracking(client, fulfillmentId, *tracking,
                                                        row.payload.value(u"notify_customer").toBool(true));
        !updated)
      return updated;
  }
  return {};
}

Status OutboxWorker::changeHold(const OutboxRow &row, bool hold, GraphQlClient &client)
{
  auto local = loadFulfillmentOrder(m_db, row.payload);
  if (!local)
    return local.error();
  if (row.attempts > 1 || local->shopifyId.isEmpty()) {
    auto remote = fulfillmentapi::fetchFulfillmentOrders(client, local->orderShopifyId);
    if (!remote)
      return remote.error();
    const RemoteFulfillmentOrder *fo = matchRemote(*remote, *local);
    if (!fo)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("Shopify has no matching fulfillment order"));
    if (Status s = rememberShopifyIds(m_db, local.value(), *fo); !s)
      return s;
    if ((fo->status == u"ON_HOLD") == hold)
      return {}; // already in the state we want: an earlier attempt got through
  }
  if (hold)
    return fulfillmentapi::hold(client, local->shopifyId,
                                row.payload.value(u"reason").toString(QStringLiteral("OTHER")),
                                row.payload.value(u"notes").toString());
  return fulfillmentapi::releaseHold(client, local->shopifyId);
}

} // namespace pb::shopify
