// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/webhookinbox.h"

#include "core/base/digest.h"
#include "core/db/keyedcounts.h"
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/db/statementcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace pb::shopify::webhookinbox {

namespace {
const QString kClaimColumns = QStringLiteral("SELECT id, shop_domain, topic, webhook_id, event_id, api_version, "
                                             "triggered_at, body FROM webhook_inbox WHERE status = 'pending' ");
const QString kMarkDeadSql = QStringLiteral("UPDATE webhook_inbox SET status = 'dead', processed_at = now(), "
                                            "attempts = attempts + 1, error = ? WHERE id = ?");

InboxItem itemFrom(const QVariantList &row)
{
  InboxItem item;
  item.id = row.at(0).toLongLong();
  item.delivery.shopDomain = row.at(1).toString();
  item.delivery.topic = row.at(2).toString();
  item.delivery.webhookId = row.at(3).toString();
  item.delivery.eventId = row.at(4).toString();
  item.delivery.apiVersion = row.at(5).toString();
  item.delivery.triggeredAt = row.at(6).toDateTime();
  item.delivery.body = row.at(7).toByteArray();
  return item;
}

// What the database dedupes on (webhook_inbox_signed_body), to match RETURNING rows back to deliveries.
QString dedupeKey(const QString &shopDomain, const QString &topic, const QByteArray &sha256)
{
  return shopDomain + QLatin1Char('\n') + topic + QLatin1Char('\n') + QString::fromLatin1(sha256.toHex());
}

QVariantList storeValues(const WebhookDelivery &delivery, const QByteArray &bodySha256)
{
  return {delivery.shopDomain,
          delivery.topic,
          delivery.webhookId,
          db::textOrNull(delivery.eventId),
          db::textOrNull(delivery.apiVersion),
          db::timeOrNull(delivery.triggeredAt),
          delivery.body,
          bodySha256};
}
} // namespace

Result<QList<StoreOutcome>> storeBatch(db::StatementCache &statements, const QList<WebhookDelivery> &deliveries)
{
  if (deliveries.isEmpty())
    return QList<StoreOutcome>{};
  // One statement and one commit for the batch; a statement text per batch size, each prepared once.
  QString sql = QStringLiteral("INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, event_id, api_version, "
                               "triggered_at, body, body_sha256) VALUES ");
  QVariantList values;
  values.reserve(deliveries.size() * 8);
  // The hash of the signed body, passed in (migration 0027: the trigger computes it only for rows without).
  QList<QByteArray> hashes;
  hashes.reserve(deliveries.size());
  for (qsizetype i = 0; i < deliveries.size(); ++i) {
    sql += i == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?)") : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?, ?)");
    hashes.append(digest::sha256(deliveries.at(i).body));
    values += storeValues(deliveries.at(i), hashes.last());
  }
  // ON CONFLICT without a target: the one unique key is shop, topic and the SHA-256 of the signed body,
  // never an unsigned header alone.
  sql += QStringLiteral(" ON CONFLICT DO NOTHING RETURNING shop_domain, topic, body_sha256");
  auto inserted = statements.query(sql, values);
  if (!inserted)
    return inserted.error();
  QSet<QString> stored;
  for (const QVariantList &row : *inserted)
    stored.insert(dedupeKey(row.at(0).toString(), row.at(1).toString(), row.at(2).toByteArray()));
  // A body twice in one batch is stored once: the first delivery wins, the repeat is a duplicate.
  QList<StoreOutcome> outcomes;
  outcomes.reserve(deliveries.size());
  for (qsizetype i = 0; i < deliveries.size(); ++i) {
    const WebhookDelivery &delivery = deliveries.at(i);
    const QString key = dedupeKey(delivery.shopDomain, delivery.topic, hashes.at(i));
    outcomes.append(stored.remove(key) ? StoreOutcome::Stored : StoreOutcome::Duplicate);
  }
  return outcomes;
}

Result<QList<InboxItem>> claimPending(db::StatementCache &statements, int limit)
{
  auto rows = statements.query(kClaimColumns + QStringLiteral("ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED"), {limit});
  if (!rows)
    return rows.error();
  QList<InboxItem> items;
  items.reserve(rows->size());
  for (const QVariantList &row : *rows)
    items.append(itemFrom(row));
  return items;
}

Status markProcessed(db::StatementCache &statements, const QList<Processed> &rows)
{
  if (rows.isEmpty())
    return {};
  QJsonArray marks;
  for (const Processed &row : rows) {
    marks.append(QJsonObject{{QStringLiteral("id"), QString::number(row.id)},
                             {QStringLiteral("note"), row.note.isEmpty() ? QJsonValue() : QJsonValue(row.note)}});
  }
  auto done = statements.command(
      QStringLiteral("UPDATE webhook_inbox AS w SET status = 'processed', processed_at = now(), attempts = w.attempts "
                     "+ 1, error = m.note FROM jsonb_to_recordset(?::jsonb) AS m(id bigint, note text) WHERE w.id = "
                     "m.id"),
      {QString::fromUtf8(QJsonDocument(marks).toJson(QJsonDocument::Compact))});
  if (!done)
    return done.error();
  if (*done != rows.size())
    return makeError(ErrorKind::Internal,
                     QStringLiteral("marked %1 of %2 inbox rows processed").arg(*done).arg(rows.size()));
  return {};
}

Status markDead(db::StatementCache &statements, qint64 id, const QString &reason)
{
  auto done = statements.command(kMarkDeadSql, {reason, id});
  return done ? Status{} : Status{done.error()};
}

Result<int> noteFailure(db::StatementCache &statements, qint64 id, const QString &reason)
{
  auto counted = statements.query(QStringLiteral("UPDATE webhook_inbox SET attempts = attempts + 1, error = ? WHERE "
                                                 "id = ? AND status = 'pending' RETURNING attempts"),
                                  {reason, id});
  if (!counted)
    return counted.error();
  return counted->isEmpty() ? 0 : counted->first().at(0).toInt();
}

Result<Expired> expireBodies(const QSqlDatabase &db, const QDateTime &receivedBefore, qint64 afterId, int limit)
{
  // Walks the primary key from afterId, so a pass reads only rows newer than the last one it blanked.
  auto rows = db::exec(
      db,
      QStringLiteral("WITH batch AS (SELECT id FROM webhook_inbox WHERE id > ? AND received_at < ? AND status <> "
                     "'pending' AND body NOT IN (convert_to(?, 'UTF8'), convert_to(?, 'UTF8')) "
                     "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) "
                     "UPDATE webhook_inbox w SET body = convert_to(?, 'UTF8'), error = CASE WHEN w.status = 'dead' "
                     "THEN 'dead letter; its body expired' ELSE w.error END FROM batch WHERE w.id = batch.id "
                     "RETURNING w.id"),
      {afterId, db::timeOrNull(receivedBefore), QString::fromLatin1(kExpiredBody), QString::fromLatin1(kRedactedBody),
       limit, QString::fromLatin1(kExpiredBody)});
  if (!rows)
    return rows.error();
  Expired expired{0, afterId};
  while (rows.value().next()) {
    ++expired.rows;
    expired.lastId = std::max(expired.lastId, rows->value(0).toLongLong());
  }
  return expired;
}

Result<db::KeyedCounts> unsettledCounts(const QSqlDatabase &db)
{
  return db::keyedCounts(db, QStringLiteral("SELECT status, count(*) FROM webhook_inbox WHERE status <> 'processed' "
                                            "GROUP BY status ORDER BY status"));
}

} // namespace pb::shopify::webhookinbox
