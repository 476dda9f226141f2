// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/webhookinbox.h"

#include "core/db/sql.h"
#include "core/db/statementcache.h"

#include <QSet>

namespace pb::shopify::webhookinbox {

namespace {
QVariant nullIfEmpty(const QString &text)
{
  return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// ON CONFLICT without a target covers both unique keys (webhook id, event id).
const QString kInsertSql = QStringLiteral("INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, event_id, "
                                          "api_version, triggered_at, body) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                          "ON CONFLICT DO NOTHING RETURNING id");

QVariantList storeValues(const WebhookDelivery &delivery)
{
  return {delivery.shopDomain,
          delivery.topic,
          delivery.webhookId,
          nullIfEmpty(delivery.eventId),
          nullIfEmpty(delivery.apiVersion),
          delivery.triggeredAt.isValid() ? QVariant(delivery.triggeredAt) : QVariant(QMetaType::fromType<QDateTime>()),
          delivery.body};
}
} // namespace

Result<StoreOutcome> store(QSqlDatabase &db, const WebhookDelivery &delivery)
{
  auto inserted = db::exec(db, kInsertSql, storeValues(delivery));
  if (!inserted)
    return inserted.error();
  return inserted.value().next() ? StoreOutcome::Stored : StoreOutcome::Duplicate;
}

Result<StoreOutcome> store(db::StatementCache &statements, const WebhookDelivery &delivery)
{
  auto inserted = statements.query(kInsertSql, storeValues(delivery));
  if (!inserted)
    return inserted.error();
  return inserted->isEmpty() ? StoreOutcome::Duplicate : StoreOutcome::Stored;
}

Result<QList<StoreOutcome>> storeBatch(db::StatementCache &statements, const QList<WebhookDelivery> &deliveries)
{
  if (deliveries.isEmpty())
    return QList<StoreOutcome>{};
  // One statement and one commit for the batch; a statement text per batch size, each prepared once.
  QString sql = QStringLiteral("INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, event_id, api_version, "
                               "triggered_at, body) VALUES ");
  QVariantList values;
  values.reserve(deliveries.size() * 7);
  for (qsizetype i = 0; i < deliveries.size(); ++i) {
    sql += i == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?)") : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?)");
    values += storeValues(deliveries.at(i));
  }
  sql += QStringLiteral(" ON CONFLICT DO NOTHING RETURNING webhook_id");
  auto inserted = statements.query(sql, values);
  if (!inserted)
    return inserted.error();
  QSet<QString> stored;
  for (const QVariantList &row : *inserted)
    stored.insert(row.at(0).toString());
  // A webhook id twice in one batch is stored once: the first delivery wins, the repeat is a duplicate.
  QList<StoreOutcome> outcomes;
  outcomes.reserve(deliveries.size());
  for (const WebhookDelivery &delivery : deliveries)
    outcomes.append(stored.remove(delivery.webhookId) ? StoreOutcome::Stored : StoreOutcome::Duplicate);
  return outcomes;
}

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
                       {nullIfEmpty(note), id});
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

} // namespace pb::shopify::webhookinbox
