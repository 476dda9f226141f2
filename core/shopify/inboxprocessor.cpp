// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/inboxprocessor.h"

#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/shopify/compliance.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/orderwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

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
  m_dead.clear();
  m_parsed.clear();
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
    if (Status locked = lockOrders(*items); !locked)
      return locked;
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
    return {};
  });
  m_parsed.clear();
  if (!status.ok()) {
    m_dead.clear();
    return status.error();
  }
  for (const DeadLetter &dead : std::as_const(m_dead)) {
    qCWarning(lcInbox) << "dead letter" << dead.id << dead.topic << dead.reason;
    Q_EMIT deadLettered(dead.id, dead.reason);
  }
  m_dead.clear();
  return outcome;
}

Result<std::optional<Error>> InboxProcessor::settleRow(const InboxItem &item)
{
  // A savepoint per row: a row that fails is undone alone, the others of the batch stay mapped.
  if (auto saved = db::execStatic(m_db, QStringLiteral("SAVEPOINT inbox_row")); !saved)
    return saved.error();
  QString note;
  Status mapped = dispatch(item, &note);
  if (mapped.ok())
    mapped = webhookinbox::markProcessed(*m_statements, item.id, note);
  if (mapped.ok()) {
    if (auto released = db::execStatic(m_db, QStringLiteral("RELEASE SAVEPOINT inbox_row")); !released)
      return released.error();
    return std::optional<Error>{};
  }
  const Error error = mapped.error();
  if (error.kind == ErrorKind::Unavailable)
    return error;
  if (auto undone = db::execStatic(m_db, QStringLiteral("ROLLBACK TO SAVEPOINT inbox_row")); !undone)
    return undone.error();
  if (auto released = db::execStatic(m_db, QStringLiteral("RELEASE SAVEPOINT inbox_row")); !released)
    return released.error();
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

Status InboxProcessor::lockOrders(const QList<InboxItem> &items)
{
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
    }
    if (!orderId.isEmpty())
      keys.append(QJsonObject{{QStringLiteral("d"), item.delivery.shopDomain}, {QStringLiteral("o"), orderId}});
  }
  if (keys.size() < 2)
    return {}; // one order at most: applyOrder's own lock is enough
  // The key is orderwriter::orderLockKey's; a shop not stored yet has no orders to collide on.
  auto locked = m_statements->query(
      QStringLiteral("SELECT count(pg_advisory_xact_lock(k.h)) FROM (SELECT DISTINCT hashtext('order:' || s.id || ':' "
                     "|| o.o) AS h FROM jsonb_to_recordset(?::jsonb) AS o(d text, o text) JOIN shops s ON s.domain = "
                     "o.d ORDER BY 1) AS k"),
      {QString::fromUtf8(QJsonDocument(keys).toJson(QJsonDocument::Compact))});
  return locked ? Status{} : Status{locked.error()};
}

Status InboxProcessor::dispatch(const InboxItem &item, QString *note)
{
  const QString &topic = item.delivery.topic;
  auto shopId = orderwriter::ensureShop(*m_statements, item.delivery.shopDomain);
  if (!shopId)
    return shopId.error();

  if (isOrderTopic(topic)) {
    auto order = m_parsed.contains(item.id) ? Result<ShopifyOrder>(m_parsed.value(item.id))
                                            : ordermapper::fromRestJson(item.delivery.body);
    if (!order)
      return order.error();
    auto applied = orderwriter::applyOrder(*m_statements, *shopId, *order);
    if (!applied)
      return applied.error();
    *note = QString::fromLatin1(outcomeName(*applied));
    // A late delivery for a redacted customer must not keep their data in the raw body either.
    auto redacted = m_statements->query(QStringLiteral("SELECT 1 FROM orders WHERE shop_id = ? AND shopify_id = ? AND "
                                                       "redacted_at IS NOT NULL"),
                                        {*shopId, order->id});
    if (!redacted)
      return redacted.error();
    if (!redacted->isEmpty())
      return compliance::blankInboxBody(m_db, item.id);
    return {};
  }
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
    auto touched = orderwriter::applyEdit(*m_statements, *shopId, orderId, removals);
    if (!touched)
      return touched.error();
    *note = QStringLiteral("edited %1 open fulfillment order(s)").arg(*touched);
    return {};
  }
  if (topic == u"customers/redact" || topic == u"shop/redact" || topic == u"customers/data_request") {
    if (Status s = compliance::blankInboxBody(m_db, item.id); !s)
      return s;
  }
  if (topic == u"customers/redact") {
    auto count = compliance::redactCustomer(m_db, *shopId, item.delivery.shopDomain, *payload);
    if (!count)
      return count.error();
    *note = QStringLiteral("redacted %1 order(s)").arg(*count);
    return {};
  }
  if (topic == u"shop/redact") {
    auto count = compliance::redactShop(m_db, *shopId, item.delivery.shopDomain);
    if (!count)
      return count.error();
    *note = QStringLiteral("redacted %1 order(s)").arg(*count);
    return {};
  }
  if (topic == u"customers/data_request") {
    auto count = compliance::recordDataRequest(m_db, *shopId, *payload);
    if (!count)
      return count.error();
    *note = QStringLiteral("%1 order(s) held").arg(*count);
    return {};
  }
  if (topic == u"app/uninstalled")
    return compliance::markUninstalled(m_db, *shopId);
  return makeError(ErrorKind::InvalidInput, QStringLiteral("unhandled topic %1").arg(topic));
}

} // namespace pb::shopify
