// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/outboxworker.h"

#include "core/config/configkeys.h"
#include "core/db/sql.h"
#include "core/outbox/lease.h"
#include "core/shopify/fulfillmentapi.h"
#include "core/shopify/fulfillmentposter.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/localfulfillmentorder.h"
#include "core/shopify/ordersync.h"
#include "core/shopify/shopclients.h"
#include "core/shopify/trackingeventposter.h"

#include <QLoggingCategory>

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

outbox::ClaimSettings OutboxSettings::claims() const
{
  return {workerId, leaseSeconds, maxAttempts, backoffBaseMs, backoffMaxMs, batchSize};
}

OutboxWorker::OutboxWorker(QSqlDatabase db, ShopClients &clients, OutboxSettings settings)
    : m_db(std::move(db))
    , m_clients(clients)
    , m_settings(std::move(settings))
    , m_claims(m_db, m_settings.claims())
{}

OutboxWorker::OutboxWorker(QSqlDatabase db, GraphQlClient &client, const QString &shopDomain, OutboxSettings settings)
    : m_db(std::move(db))
    , m_ownClients(std::make_unique<OneShopClient>(shopDomain, client))
    , m_clients(*m_ownClients)
    , m_settings(std::move(settings))
    , m_claims(m_db, m_settings.claims())
{}

OutboxWorker::~OutboxWorker() = default;

Result<OutboxPass> OutboxWorker::runOnce()
{
  // Claiming commits at once: the lease, not a held row lock, keeps other workers off the row
  // while the (slow) Shopify call runs. An expired lease means a crashed worker: take it over.
  auto claimed = m_claims.claim(outbox::allKinds());
  if (!claimed)
    return claimed.error();
  OutboxPass pass;
  pass.claimed = static_cast<int>(claimed->size());
  QList<qint64> ids;
  for (const outbox::ClaimedRow &row : *claimed)
    ids.append(row.id);
  outbox::Lease lease(m_db, m_settings.workerId, m_settings.leaseSeconds, ids);
  for (const outbox::ClaimedRow &row : *claimed) {
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
    const Status settled = settle(row, outcome, pass);
    lease.release(row.id);
    if (!settled)
      return settled.error();
  }
  return pass;
}

void OutboxWorker::reportLeaseLost(const outbox::ClaimedRow &row, const QString &what, OutboxPass &pass)
{
  ++pass.leasesLost;
  qCWarning(lcOutbox).noquote() << row.kind << row.id << "attempt" << row.attempts
                                << "lost its lease to another worker; not written:" << what;
}

Status OutboxWorker::settle(const outbox::ClaimedRow &row, const Result<OutboxOutcome> &outcome, OutboxPass &pass)
{
  if (outcome.ok() && outcome->leaseLost) {
    reportLeaseLost(row, QStringLiteral("nothing was posted"), pass);
    return {};
  }
  if (outcome.ok()) {
    // The row's done state, its progress and the fulfillment's id in one commit: never one without the
    // others, and none of them once another worker holds the row.
    auto done = m_claims.done(row, outcome->progress, [&]() -> Status {
      if (outcome->fulfillmentId.isEmpty())
        return {};
      return recordFulfillment(m_db, outcome->fulfillmentOrderId, outcome->fulfillmentId, outcome->fulfillmentIds);
    });
    if (!done)
      return done.error();
    if (*done == outbox::Settled::LeaseLost)
      reportLeaseLost(row,
                      outcome->fulfillmentId.isEmpty()
                          ? QStringLiteral("done")
                          : QStringLiteral("done with fulfillment %1").arg(outcome->fulfillmentId),
                      pass);
    return {};
  }
  const Error &error = outcome.error();
  bool dead = false;
  auto failed = m_claims.failed(row, error, &dead);
  if (!failed)
    return failed.error();
  if (*failed == outbox::Settled::LeaseLost) {
    reportLeaseLost(row, error.message, pass);
    return {};
  }
  qCInfo(lcOutbox).noquote() << row.kind << row.id << "attempt" << row.attempts << (dead ? "dead:" : "failed:")
                             << error.message;
  return {};
}

Status OutboxWorker::park(const outbox::ClaimedRow &row, const QString &why)
{
  constexpr int kParkSeconds = 60; // credentials come with a config change and a restart: look again now and then
  const QString error = QStringLiteral("waiting for credentials: %1").arg(why);
  auto parked = m_claims.park(row, error, kParkSeconds);
  if (!parked)
    return parked.error();
  if (*parked == outbox::Settled::Written)
    qCWarning(lcOutbox).noquote() << row.kind << row.id << "not posted:" << error;
  return {};
}

Result<OutboxOutcome> OutboxWorker::handle(const outbox::ClaimedRow &row, outbox::Lease &lease, GraphQlClient &client)
{
  if (!row.body)
    return row.body.error(); // not of its kind's shape (or a kind this build does not know): dead
  const outbox::Body &body = *row.body;
  if (const auto *create = std::get_if<outbox::FulfillmentCreate>(&body))
    return FulfillmentPoster(m_db, client, lease).post(row, *create);
  if (const auto *event = std::get_if<outbox::TrackingEvent>(&body))
    return TrackingEventPoster(m_db, client, lease).post(row, *event);
  Status status;
  if (const auto *tracking = std::get_if<outbox::TrackingUpdate>(&body))
    status = updateTracking(*tracking, client);
  else if (const auto *hold = std::get_if<outbox::Hold>(&body))
    status = changeHold(row, hold->fulfillmentOrderId, hold, client);
  else if (const auto *release = std::get_if<outbox::ReleaseHold>(&body))
    status = changeHold(row, release->fulfillmentOrderId, nullptr, client);
  else if (const auto *sync = std::get_if<outbox::OrderSync>(&body))
    status = ordersync::run(client, m_db, *sync, m_settings.locationCodes);
  if (!status)
    return status.error();
  return OutboxOutcome{};
}

Status OutboxWorker::updateTracking(const outbox::TrackingUpdate &message, GraphQlClient &client)
{
  auto local = loadFulfillmentOrder(m_db, message.fulfillmentOrderId);
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
    if (Status updated = fulfillmentapi::updateTracking(client, fulfillmentId, *tracking, message.notifyCustomer);
        !updated)
      return updated;
  }
  return {};
}

Status OutboxWorker::changeHold(const outbox::ClaimedRow &row, qint64 fulfillmentOrderId, const outbox::Hold *hold,
                                GraphQlClient &client)
{
  auto local = loadFulfillmentOrder(m_db, fulfillmentOrderId);
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
    if ((fo->status == u"ON_HOLD") == (hold != nullptr))
      return {}; // already in the state we want: an earlier attempt got through
  }
  if (hold)
    return fulfillmentapi::hold(client, local->shopifyId, hold->reason, hold->notes);
  return fulfillmentapi::releaseHold(client, local->shopifyId);
}

} // namespace pb::shopify
