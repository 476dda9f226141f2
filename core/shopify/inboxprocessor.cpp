// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/inboxprocessor.h"

#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/shopify/cataloguemapper.h"
#include "core/shopify/cataloguewriter.h"
#include "core/shopify/compliance.h"
#include "core/shopify/fulfillmentorderevents.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/orderwriter.h"
#include "core/shopify/webhookadmission.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>
#include <utility>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcInbox, "packbench.core.shopify.inboxprocessor")

Result<QJsonObject> parseObject(const QByteArray &body)
{
  QJsonParseError error{};
  const QJsonDocument document = QJsonDocument::fromJson(body, &error);
  if (error.error != QJsonParseError::NoError || !document.isObject())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("payload is not a JSON object"));
  return document.object();
}

bool isOrderTopic(const QString &topic)
{
  return topic == u"orders/create" || topic == u"orders/updated" || topic == u"orders/cancelled" ||
         topic == u"orders/fulfilled" || topic == u"orders/paid" || topic == u"orders/partially_fulfilled";
}

bool isProductTopic(const QString &topic)
{
  return topic == u"products/create" || topic == u"products/update" || topic == u"products/delete";
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
} // namespace

InboxProcessor::InboxProcessor(QSqlDatabase db, int batchSize, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_statements(std::make_unique<db::StatementCache>(m_db))
    , m_batchSize(std::clamp(batchSize, 1, kMaxBatchSize))
{}

InboxProcessor::~InboxProcessor() = default;

Result<int> InboxProcessor::processPending(int maxRows)
{
  int settled = 0;
  while (settled < maxRows) {
    const int limit = std::min(m_batchSize, maxRows - settled);
    auto batch = processBatch(limit);
    if (!batch)
      return batch.error(); // nothing of the batch was committed: every row stays pending
    settled += batch->settled;
    if (batch->transient)
      return *batch->transient; // the rows before it are committed; it and the rest wait for the next pass
    if (batch->claimed < limit)
      return settled;
  }
  return settled;
}

Result<InboxProcessor::BatchOutcome> InboxProcessor::processBatch(int limit)
{
  BatchOutcome outcome;
  const Status status = db::inTransaction(m_db, [&]() -> Status {
    // The durable inbox row is the source of truth and mapping it is idempotent: a commit lost in a
    // crash leaves the row pending and it is mapped again. Any later durable commit that saw this one
    // flushes it too (WAL order). So skip the fsync wait here; it left no room for webhooks at a spike.
    if (db::isPostgres(m_db)) {
      if (auto async = db::execStatic(m_db, QStringLiteral("SET LOCAL synchronous_commit TO off")); !async)
        return async.error();
    }
    auto items = webhookinbox::claimPending(*m_statements, limit);
    if (!items)
      return items.error();
    outcome.claimed = int(items->size());
    if (items->isEmpty())
      return {};
    if (Status prepared = prepareBatch(*items); !prepared)
      return prepared;
    // In id order: two deliveries for one order apply as they arrived.
    for (const InboxItem &item : *items) {
      auto row = settleRow(item);
      if (!row)
        return row.error();
      if (*row) {
        outcome.transient = **row;
        break;
      }
      ++outcome.settled;
    }
    return webhookinbox::markProcessed(*m_statements, m_processed);
  });
  const QList<DeadLetter> dead = std::exchange(m_dead, {});
  m_processed.clear();
  m_parsed.clear();
  m_shops.clear();
  m_locations.clear();
  m_locked.clear();
  m_settledByRedaction.clear();
  if (!status.ok())
    return status.error();
  for (const DeadLetter &letter : dead) {
    qCWarning(lcInbox) << "dead letter" << letter.id << letter.topic << letter.reason;
    Q_EMIT deadLettered(letter.id, letter.reason);
  }
  return outcome;
}

Result<std::optional<Error>> InboxProcessor::settleRow(const InboxItem &item)
{
  // A savepoint per row: a row that fails is undone alone, the others of the batch stay mapped. Never
  // released (one round trip less per row): the next row's savepoint nests inside, which is the same.
  if (auto saved = db::execStatic(m_db, QStringLiteral("SAVEPOINT inbox_row")); !saved)
    return saved.error();
  if (m_settledByRedaction.contains(item.id))
    return std::optional<Error>{}; // a redaction earlier in this batch settled it: its data is gone
  QString note;
  const Status mapped = dispatch(item, &note);
  if (mapped.ok()) {
    m_processed.append({item.id, note});
    return std::optional<Error>{};
  }
  const Error error = mapped.error();
  if (error.kind == ErrorKind::Unavailable)
    return error;
  if (auto undone = db::execStatic(m_db, QStringLiteral("ROLLBACK TO SAVEPOINT inbox_row")); !undone)
    return undone.error();
  // Count the failure on the row (still locked by this transaction); bad input or repeated failure is dead.
  auto attempts = webhookinbox::noteFailure(*m_statements, item.id, error.message);
  if (!attempts)
    return attempts.error();
  if (error.kind == ErrorKind::InvalidInput || *attempts >= kMaxAttempts) {
    if (Status dead = webhookinbox::markDead(*m_statements, item.id, error.message); !dead)
      return dead.error();
    m_dead.append({item.id, item.delivery.topic, error.message});
    return std::optional<Error>{};
  }
  return std::optional<Error>{error};
}

Status InboxProcessor::prepareBatch(const QList<InboxItem> &items)
{
  // Shops and their default locations read once per batch (neither is ever deleted); a shop not stored
  // yet is made by its first row.
  QJsonArray domains;
  for (const InboxItem &item : items) {
    if (!domains.contains(item.delivery.shopDomain))
      domains.append(item.delivery.shopDomain);
  }
  auto shops = m_statements->query(
      QStringLiteral("SELECT s.domain, s.id, (SELECT l.id FROM locations l WHERE l.shop_id = s.id ORDER BY l.id LIMIT "
                     "1) FROM shops s WHERE s.domain IN (SELECT jsonb_array_elements_text(?::jsonb))"),
      {QString::fromUtf8(QJsonDocument(domains).toJson(QJsonDocument::Compact))});
  if (!shops)
    return shops.error();
  for (const QVariantList &row : *shops) {
    m_shops.insert(row.at(0).toString(), row.at(1).toLongLong());
    if (!row.at(2).isNull())
      m_locations.insert(row.at(1).toLongLong(), row.at(2).toLongLong());
  }

  // applyOrder locks its order until commit; a batch holds several such locks. Taking them all first,
  // ordered by lock id, makes two hubs whose batches share orders wait for each other, never deadlock.
  QJsonArray keys;
  for (const InboxItem &item : items) {
    QString orderId;
    if (isOrderTopic(item.delivery.topic)) {
      auto order = ordermapper::fromRestJson(item.delivery.body);
      if (!order)
        continue; // dispatch parses it again and dead-letters it with the reason
      orderId = order->id;
      m_parsed.insert(item.id, *std::move(order));
    } else if (item.delivery.topic == u"orders/edited") {
      const QJsonObject edit = QJsonDocument::fromJson(item.delivery.body).object().value(u"order_edit").toObject();
      orderId = ordermapper::numericId(edit.value(u"order_id"));
    } else if (isProductTopic(item.delivery.topic) && m_shops.contains(item.delivery.shopDomain)) {
      // Two batches writing the same products in another order would deadlock: products take turns too.
      const QString productId =
          ordermapper::numericId(QJsonDocument::fromJson(item.delivery.body).object().value(u"id"));
      if (!productId.isEmpty())
        keys.append(QStringLiteral("product:%1:%2").arg(m_shops.value(item.delivery.shopDomain)).arg(productId));
    }
    // A shop not stored yet has no orders another hub could be writing.
    if (!orderId.isEmpty() && m_shops.contains(item.delivery.shopDomain))
      keys.append(orderwriter::orderLockKey(m_shops.value(item.delivery.shopDomain), orderId));
  }
  if (keys.size() < 2)
    return {}; // one order at most: applyOrder's own lock is enough
  auto locked = m_statements->query(
      QStringLiteral("SELECT count(pg_advisory_xact_lock(k.h)) FROM (SELECT DISTINCT hashtext(key) AS h FROM "
                     "jsonb_array_elements_text(?::jsonb) AS key ORDER BY 1) AS k"),
      {QString::fromUtf8(QJsonDocument(keys).toJson(QJsonDocument::Compact))});
  if (!locked)
    return locked.error();
  for (const QJsonValue &key : std::as_const(keys))
    m_locked.insert(key.toString());
  return {};
}

Status InboxProcessor::dispatch(const InboxItem &item, QString *note)
{
  const QString &topic = item.delivery.topic;
  if (webhookadmission::isComplianceTopic(topic))
    return dispatchPrivacyRequest(item, note);
  auto shopId = m_shops.contains(item.delivery.shopDomain)
                    ? Result<qint64>(m_shops.value(item.delivery.shopDomain))
                    : orderwriter::ensureShop(*m_statements, item.delivery.shopDomain);
  if (!shopId)
    return shopId.error();

  if (isOrderTopic(topic)) {
    auto order = m_parsed.contains(item.id) ? Result<ShopifyOrder>(m_parsed.value(item.id))
                                            : ordermapper::fromRestJson(item.delivery.body);
    if (!order)
      return order.error();
    bool redacted = false;
    orderwriter::Known known;
    known.locationId = m_locations.value(*shopId);
    known.locked = m_locked.contains(orderwriter::orderLockKey(*shopId, order->id));
    known.mirror = m_mirror;
    auto applied = orderwriter::applyOrder(*m_statements, *shopId, *order, known, &redacted);
    if (!applied)
      return applied.error();
    *note = QString::fromLatin1(outcomeName(*applied));
    // A late delivery for a redacted customer must not keep their data in the raw body either.
    if (redacted)
      return compliance::blankInboxBody(m_db, item.id);
    return {};
  }
  if (isProductTopic(topic))
    return applyProduct(item, *shopId, note);
  auto payload = parseObject(item.delivery.body);
  if (!payload)
    return payload.error();
  if (topic == u"orders/edited") {
    const QJsonObject edit = payload->value(u"order_edit").toObject();
    const QString orderId = ordermapper::numericId(edit.value(u"order_id"));
    if (orderId.isEmpty())
      return makeError(ErrorKind::InvalidInput, QStringLiteral("orders/edited without order_edit.order_id"));
    QList<orderwriter::EditDelta> removals;
    for (const QJsonValue &value : edit.value(u"line_items").toObject().value(u"removals").toArray()) {
      const QJsonObject removal = value.toObject();
      removals.append({ordermapper::numericId(removal.value(u"id")), removal.value(u"delta").toInt()});
    }
    auto touched = orderwriter::applyEdit(*m_statements, *shopId, orderId, removals, m_mirror);
    if (!touched)
      return touched.error();
    *note = QStringLiteral("edited %1 open fulfillment order(s)").arg(*touched);
    return {};
  }
  if (fulfillmentorderevents::isTopic(topic)) {
    // Only mirrored shops follow Shopify's fulfillment orders; others keep the one made from the order.
    if (!m_mirror)
      return {};
    auto queued = fulfillmentorderevents::apply(*m_statements, *shopId, *payload,
                                                QStringLiteral("webhook:%1").arg(item.delivery.webhookId));
    if (!queued)
      return queued.error();
    *note = QStringLiteral("%1 order(s) to read again").arg(*queued);
    return {};
  }
  if (topic == u"app/uninstalled")
    return compliance::markUninstalled(m_db, *shopId);
  return makeError(ErrorKind::InvalidInput, QStringLiteral("unhandled topic %1").arg(topic));
}

Status InboxProcessor::dispatchPrivacyRequest(const InboxItem &item, QString *note)
{
  const QString &topic = item.delivery.topic;
  // The request carries the customer's contact data itself: its raw body goes whatever happens next.
  if (Status s = compliance::blankInboxBody(m_db, item.id); !s)
    return s;
  auto payload = parseObject(item.delivery.body);
  if (!payload)
    return payload.error();
  // The shop comes from the signed body (checked against the header and the shop_id we know), so a
  // replayed request relabelled with another shop's header acts on nothing.
  auto shopId = compliance::requestedShop(m_db, *payload, item.delivery.shopDomain);
  if (!shopId)
    return shopId.error();
  if (!*shopId) {
    *note = QStringLiteral("no data held for this shop");
    return {};
  }
  if (topic == u"customers/data_request") {
    int orders = 0;
    auto exported = compliance::exportDataRequest(m_db, **shopId, item.delivery.shopDomain, *payload, &orders);
    if (!exported)
      return exported.error();
    *note = QStringLiteral("data export %1 with %2 order(s)").arg(*exported).arg(orders);
    return {};
  }
  auto scrubbed = topic == u"shop/redact"
                      ? compliance::redactShop(m_db, **shopId, item.delivery.shopDomain)
                      : compliance::redactCustomer(m_db, **shopId, item.delivery.shopDomain, *payload);
  if (!scrubbed)
    return scrubbed.error();
  // Deliveries still waiting in this batch were settled as redacted: they must not be mapped after it.
  for (qint64 id : std::as_const(scrubbed->settledInboxIds))
    m_settledByRedaction.insert(id);
  *note =
      QStringLiteral("redacted %1 order(s), %2 stored delivery(ies)").arg(scrubbed->orders).arg(scrubbed->inboxRows);
  return {};
}

Status InboxProcessor::applyProduct(const InboxItem &item, qint64 shopId, QString *note)
{
  if (item.delivery.topic == u"products/delete") {
    auto productId = catalogue::deletedProductId(item.delivery.body);
    if (!productId)
      return productId.error();
    // Shopify deletes at about the time it sends: the trigger time orders a delete against late updates.
    auto stopped = catalogue::markProductDeleted(*m_statements, shopId, *productId, item.delivery.triggeredAt);
    if (!stopped)
      return stopped.error();
    *note = QStringLiteral("deleted; %1 variant(s) stop matching").arg(*stopped);
    return {};
  }
  auto product = catalogue::fromRestJson(item.delivery.body);
  if (!product)
    return product.error();
  auto counts = catalogue::writeProducts(*m_statements, shopId, {*product});
  if (!counts)
    return counts.error();
  *note = counts->productsWritten > 0 || counts->variantsWritten > 0
              ? QStringLiteral("%1 variant(s) written, %2 removed")
                    .arg(counts->variantsWritten)
                    .arg(counts->variantsRemoved)
              : QStringLiteral("stale");
  return {};
}

} // namespace pb::shopify
