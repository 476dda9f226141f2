// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/inboxprocessor.h"

#include "core/db/sql.h"
#include "core/shopify/compliance.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/orderwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

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

InboxProcessor::InboxProcessor(QSqlDatabase db, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
{}

InboxProcessor::~InboxProcessor() = default;

Result<int> InboxProcessor::processPending(int maxRows)
{
  int settled = 0;
  while (settled < maxRows) {
    std::optional<InboxItem> claimed;
    Error failure;
    QString note;
    const Status status = db::inTransaction(m_db, [&]() -> Status {
      // The durable inbox row is the source of truth and mapping it is idempotent: a commit lost in a
      // crash leaves the row pending and it is mapped again. Any later durable commit that saw this one
      // flushes it too (WAL order). So skip the fsync wait here; it left no room for webhooks at a spike.
      if (db::isPostgres(m_db)) {
        if (auto async = db::execStatic(m_db, QStringLiteral("SET LOCAL synchronous_commit TO off")); !async)
          return async.error();
      }
      auto item = webhookinbox::claimNextPending(m_db);
      if (!item)
        return item.error();
      claimed = *item;
      if (!claimed)
        return {};
      if (Status s = dispatch(*claimed, &note); !s)
        return s;
      return webhookinbox::markProcessed(m_db, claimed->id, note);
    });
    if (status.ok()) {
      if (!claimed)
        return settled;
      ++settled;
      continue;
    }
    if (!claimed)
      return status.error(); // the claim itself failed: the database is the problem
    const Error &error = status.error();
    if (error.kind == ErrorKind::Unavailable)
      return error;
    // Count the failure outside the rolled-back transaction; bad input or repeated failure is dead.
    auto counted = db::exec(m_db,
                            QStringLiteral("UPDATE webhook_inbox SET attempts = attempts + 1, error = ? WHERE id = ? "
                                           "AND status = 'pending' RETURNING attempts"),
                            {error.message, claimed->id});
    if (!counted)
      return counted.error();
    const int attempts = counted.value().next() ? counted->value(0).toInt() : kMaxAttempts;
    if (error.kind == ErrorKind::InvalidInput || attempts >= kMaxAttempts) {
      if (Status s = webhookinbox::markDead(m_db, claimed->id, error.message); !s)
        return s.error();
      qCWarning(lcInbox) << "dead letter" << claimed->id << claimed->delivery.topic << error.message;
      Q_EMIT deadLettered(claimed->id, error.message);
      ++settled;
      continue;
    }
    return error;
  }
  return settled;
}

Status InboxProcessor::dispatch(const InboxItem &item, QString *note)
{
  const QString &topic = item.delivery.topic;
  auto shopId = orderwriter::ensureShop(m_db, item.delivery.shopDomain);
  if (!shopId)
    return shopId.error();

  if (topic == u"orders/create" || topic == u"orders/updated" || topic == u"orders/cancelled" ||
      topic == u"orders/fulfilled" || topic == u"orders/paid" || topic == u"orders/partially_fulfilled") {
    auto order = ordermapper::fromRestJson(item.delivery.body);
    if (!order)
      return order.error();
    auto applied = orderwriter::applyOrder(m_db, *shopId, *order);
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
    auto touched = orderwriter::applyEdit(m_db, *shopId, orderId, removals);
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
