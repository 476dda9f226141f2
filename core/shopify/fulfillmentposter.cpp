// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/fulfillmentposter.h"

#include "core/shopify/fulfillmentapi.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/localfulfillmentorder.h"

#include <QLoggingCategory>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcPoster, "packbench.core.shopify.fulfillmentposter")

int remainingAtShopify(const RemoteFulfillmentOrder &remote, const QString &fulfillmentOrderLineItemId)
{
  for (const RemoteFulfillmentOrderLine &line : remote.lines) {
    if (line.id == fulfillmentOrderLineItemId)
      return line.remainingQuantity;
  }
  return 0;
}

// Shopify lets us post on it now: cancelled is final, anything else without CREATE_FULFILLMENT waits.
Status fulfillable(const RemoteFulfillmentOrder &remote)
{
  if (remote.status == u"CANCELLED")
    return makeError(ErrorKind::InvalidInput, QStringLiteral("fulfillment order was cancelled at Shopify"));
  if (!remote.supportedActions.contains(QStringLiteral("CREATE_FULFILLMENT")))
    return makeError(ErrorKind::Unavailable,
                     QStringLiteral("fulfillment order is %1; cannot fulfil yet").arg(remote.status));
  return {};
}

// How far a fulfillment's createdAt (Shopify's clock) may be before the sentAt of the call that made it
// (the hub's clock) and still be that call's.
constexpr qint64 kClockSkewSeconds = 300;

bool madeBy(const outbox::FulfillmentProgress::Sent &call, const RemoteFulfillment &fulfillment,
            const QHash<qint64, QString> &lineItemOf)
{
  if (!fulfillment.createdAt.isValid() || !call.sentAt.isValid() ||
      fulfillment.createdAt < call.sentAt.addSecs(-kClockSkewSeconds))
    return false;
  QHash<QString, int> expected; // by numeric LineItem id, as Shopify lists a fulfillment's lines
  int total = 0;
  for (auto it = call.lines.cbegin(); it != call.lines.cend(); ++it) {
    if (it.value() <= 0)
      continue;
    expected[lineItemOf.value(it.key())] += it.value();
    total += it.value();
  }
  if (total != fulfillment.totalQuantity)
    return false;
  for (auto it = fulfillment.lineItems.cbegin(); it != fulfillment.lineItems.cend(); ++it) {
    if (expected.value(it.key()) != it.value())
      return false;
  }
  // A fulfillment of more lines than one page shows is judged by that page and its total.
  return fulfillment.moreLines || fulfillment.lineItems.size() == expected.size();
}

// Moves each sent call that Shopify shows as a fulfillment into posted, oldest first: a fulfillment no posted
// entry names, made no earlier than the call (less kClockSkewSeconds), holding exactly the call's lines and
// quantities. lineItemOf maps our line id to its numeric LineItem id. Returns how many.
int confirmSent(outbox::FulfillmentProgress &progress, const QList<RemoteFulfillment> &atShopify,
                const QHash<qint64, QString> &lineItemOf)
{
  QStringList known;
  for (const outbox::FulfillmentProgress::Posted &entry : std::as_const(progress.posted))
    known.append(entry.fulfillmentId);
  int found = 0;
  for (auto call = progress.sent.begin(); call != progress.sent.end();) {
    const auto made = std::find_if(atShopify.begin(), atShopify.end(), [&](const RemoteFulfillment &f) {
      return !known.contains(f.id) && madeBy(*call, f, lineItemOf);
    });
    if (made == atShopify.end()) {
      ++call;
      continue;
    }
    progress.posted.append({made->id, call->lines});
    known.append(made->id);
    call = progress.sent.erase(call);
    ++found;
  }
  return found;
}

OutboxOutcome done(const LocalFulfillmentOrder &local, const outbox::FulfillmentProgress &progress)
{
  OutboxOutcome outcome;
  outcome.progress = progress.toJson();
  if (!progress.posted.isEmpty()) {
    outcome.fulfillmentOrderId = local.id;
    outcome.fulfillmentId = progress.posted.last().fulfillmentId;
    for (const auto &posted : progress.posted) // a split fulfillment: a later tracking change must reach each
      outcome.fulfillmentIds.append(posted.fulfillmentId);
  }
  return outcome;
}

} // namespace

FulfillmentPoster::FulfillmentPoster(QSqlDatabase db, GraphQlClient &client, outbox::Lease &lease)
    : m_db(std::move(db))
    , m_client(client)
    , m_lease(lease)
{}

Result<OutboxOutcome> FulfillmentPoster::post(const outbox::ClaimedRow &row, const outbox::FulfillmentCreate &message)
{
  auto local = loadFulfillmentOrder(m_db, message.fulfillmentOrderId);
  if (!local)
    return local.error();
  outbox::FulfillmentProgress progress = outbox::FulfillmentProgress::fromJson(row.progress);
  if (!local->fulfillmentId.isEmpty() && progress.isEmpty())
    return OutboxOutcome{}; // recorded by an attempt from before outbox.progress whose outbox update was lost
  auto wanted = wantedQuantities(m_db, message, *local);
  if (!wanted)
    return wanted.error();
  if (wanted->isEmpty())
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("nothing was verified to fulfil on fulfillment order %1").arg(local->id));
  // An earlier attempt (or a crashed worker) may have reached Shopify without an answer: look before posting.
  const bool unsure = row.attempts > 1 || !progress.sent.isEmpty();
  std::optional<RemoteFulfillmentOrder> remote;
  if (unsure || !local->idsKnown()) {
    auto read = readShopify(local.value(), progress);
    if (!read)
      return read.error();
    remote = std::move(read.value());
  }
  return send(row, local.value(), *wanted, progress, remote, message.notifyCustomer);
}

Result<RemoteFulfillmentOrder> FulfillmentPoster::readShopify(LocalFulfillmentOrder &local,
                                                              outbox::FulfillmentProgress &progress)
{
  auto orders = fulfillmentapi::fetchFulfillmentOrders(m_client, local.orderShopifyId);
  if (!orders)
    return orders.error();
  const RemoteFulfillmentOrder *fo = matchRemote(*orders, local);
  if (!fo)
    return makeError(ErrorKind::InvalidInput, QStringLiteral("Shopify has no matching fulfillment order"));
  if (Status s = rememberShopifyIds(m_db, local, *fo); !s)
    return s.error();
  if (!progress.sent.isEmpty()) {
    auto made = fulfillmentapi::fetchFulfillments(m_client, fo->id);
    if (!made)
      return made.error();
    const qsizetype unanswered = progress.sent.size();
    const int found = confirmSent(progress, *made, local.lineItemOfLine());
    qCInfo(lcPoster) << "fulfillment order" << local.id << ":" << found << "of" << unanswered
                     << "unanswered calls found at Shopify";
  }
  return *fo;
}

FulfillmentPoster::Plan FulfillmentPoster::plan(const LocalFulfillmentOrder &local,
                                                const outbox::LineQuantities &wanted,
                                                const outbox::FulfillmentProgress &progress,
                                                const std::optional<RemoteFulfillmentOrder> &remote)
{
  const outbox::LineQuantities posted = progress.postedQuantities();
  Plan lines;
  for (const LocalLine &line : local.lines) {
    int quantity = wanted.value(line.id) - posted.value(line.id);
    if (remote)
      quantity = std::min(quantity, remainingAtShopify(*remote, line.shopifyId));
    if (quantity > 0)
      lines.append({line.id, line.shopifyId, quantity});
  }
  return lines;
}

Result<OutboxOutcome> FulfillmentPoster::nothingToSend(const LocalFulfillmentOrder &local,
                                                       const outbox::FulfillmentProgress &progress,
                                                       const std::optional<RemoteFulfillmentOrder> &remote)
{
  if (!progress.posted.isEmpty()) {
    qCInfo(lcPoster) << "fulfillment order" << local.id << "already carries what this row posts; not posting again";
    return done(local, progress);
  }
  if (remote && remote->isFullyFulfilled()) {
    // Nothing of ours is at Shopify and nothing is open: fulfilled outside Packbench (no id to record).
    qCInfo(lcPoster) << "fulfillment order" << local.id << "was fulfilled at Shopify by someone else";
    return done(local, progress);
  }
  return makeError(ErrorKind::InvalidInput, QStringLiteral("nothing left to fulfil on this fulfillment order"));
}

Result<OutboxOutcome> FulfillmentPoster::send(const outbox::ClaimedRow &row, LocalFulfillmentOrder &local,
                                              const outbox::LineQuantities &wanted,
                                              outbox::FulfillmentProgress &progress,
                                              const std::optional<RemoteFulfillmentOrder> &remote, bool notify)
{
  const Plan lines = plan(local, wanted, progress, remote);
  if (lines.isEmpty())
    return nothingToSend(local, progress, remote);
  if (remote) {
    if (Status s = fulfillable(*remote); !s)
      return s.error();
  }
  auto tracking = loadTracking(m_db, local.id);
  if (!tracking)
    return tracking.error();
  // Over Shopify's per-call limit: several fulfillments, each recorded as it is made.
  for (qsizetype from = 0; from < lines.size(); from += fulfillmentapi::kMaxLinesPerFulfillment) {
    const Plan part = lines.mid(from, fulfillmentapi::kMaxLinesPerFulfillment);
    outbox::LineQuantities partLines;
    QList<FulfillmentLine> request;
    for (const PlannedLine &line : part) {
      partLines.insert(line.lineId, line.quantity);
      request.append({line.fulfillmentOrderLineItemId, line.quantity});
    }
    progress.sent.append({partLines, QDateTime::currentDateTimeUtc()});
    auto ours = m_lease.storeProgress(row.id, progress.toJson());
    if (!ours)
      return ours.error();
    if (!*ours)
      return OutboxOutcome::lost(); // another worker has the row: it must not be posted twice
    auto made = fulfillmentapi::createFulfillment(m_client, local.shopifyId, request, *tracking, notify);
    if (made) {
      progress.sent.removeLast();
      progress.posted.append({*made, partLines});
      continue;
    }
    if (made.error().kind == ErrorKind::Unavailable)
      return made.error();      // no answer: it may be at Shopify; the stored sent call is looked for next time
    progress.sent.removeLast(); // answered with a refusal: this call changed nothing
    return reconcileRefusal(row, local, wanted, progress, lines.mid(from), made.error());
  }
  return done(local, progress);
}

Result<OutboxOutcome> FulfillmentPoster::reconcileRefusal(const outbox::ClaimedRow &row, LocalFulfillmentOrder &local,
                                                          const outbox::LineQuantities &wanted,
                                                          outbox::FulfillmentProgress &progress, const Plan &refused,
                                                          const Error &refusal)
{
  // An unanswered call of this row may have landed after all, or Shopify's fulfillment order changed
  // (units fulfilled elsewhere): what it shows now says whether the refusal is final.
  auto remote = readShopify(local, progress);
  if (!remote)
    return remote.error();
  auto stored = m_lease.storeProgress(row.id, progress.toJson());
  if (!stored)
    return stored.error();
  if (!*stored)
    return OutboxOutcome::lost();
  const Plan open = plan(local, wanted, progress, *remote);
  if (open.isEmpty())
    return nothingToSend(local, progress, *remote);
  if (Status s = fulfillable(*remote); !s)
    return s.error();
  if (open == refused)
    return refusal; // Shopify's state does not explain it: a real refusal
  return makeError(ErrorKind::Unavailable,
                   QStringLiteral("%1; Shopify's fulfillment order has changed, posting what is open next attempt")
                       .arg(refusal.message));
}

} // namespace pb::shopify
