// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/outbox/enqueue.h"

#include "core/db/sql.h"
#include "core/db/statementcache.h"

#include <QJsonDocument>

namespace pb::outbox {

namespace {

struct Statement {
  QString sql;
  QVariantList values;
};

std::optional<qint64> fulfillmentOrderOf(const Body &body)
{
  const QJsonValue id = toJson(body).value(QString::fromLatin1(field::kFulfillmentOrderId));
  return id.isDouble() ? std::optional<qint64>(id.toInteger()) : std::nullopt;
}

Result<Statement> statementFor(const QSqlDatabase &db, const Message &message, OnDuplicate onDuplicate)
{
  const QString json = db::isPostgres(db) ? QStringLiteral("?::jsonb") : QStringLiteral("?");
  const QString payload = QString::fromUtf8(QJsonDocument(toJson(message.body)).toJson(QJsonDocument::Compact));
  const QString conflict =
      onDuplicate == OnDuplicate::Ignore ? QStringLiteral(" ON CONFLICT (idempotency_key) DO NOTHING") : QString();
  const QVariantList common{kindName(message.kind()), message.aggregateId, message.idempotencyKey, payload};
  if (message.idempotencyKey.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("an outbox message needs an idempotency key"));
  if (message.shopId) {
    QVariantList values{*message.shopId};
    values.append(common);
    return Statement{QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) "
                                    "VALUES (?, ?, ?, ?, %1)%2")
                         .arg(json, conflict),
                     values};
  }
  // The row belongs to the shop of the order it acts on, read in the same statement.
  const std::optional<qint64> fo = fulfillmentOrderOf(message.body);
  if (!fo)
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("an outbox %1 message needs a shop").arg(kindName(message.kind())));
  QVariantList values = common;
  values.append(*fo);
  return Statement{QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) "
                                  "SELECT o.shop_id, ?, ?, ?, %1 FROM fulfillment_orders f JOIN orders o ON o.id = "
                                  "f.order_id WHERE f.id = ?%2")
                       .arg(json, conflict),
                   values};
}

} // namespace

Result<bool> enqueue(const QSqlDatabase &db, const Message &message, OnDuplicate onDuplicate)
{
  auto statement = statementFor(db, message, onDuplicate);
  if (!statement)
    return statement.error();
  auto inserted = db::exec(db, statement->sql, statement->values);
  if (!inserted)
    return inserted.error();
  return inserted.value().numRowsAffected() == 1;
}

Result<bool> enqueue(db::StatementCache &statements, const Message &message, OnDuplicate onDuplicate)
{
  auto statement = statementFor(statements.database(), message, onDuplicate);
  if (!statement)
    return statement.error();
  auto inserted = statements.command(statement->sql, statement->values);
  if (!inserted)
    return inserted.error();
  return *inserted == 1;
}

} // namespace pb::outbox
