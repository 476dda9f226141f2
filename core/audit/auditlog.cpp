// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audit/auditlog.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/db/statementcache.h"

#include <QJsonDocument>

namespace pb::audit {

namespace {

struct Statement {
  QString sql;
  QVariantList values;
};

QVariant textOrNullOf(const QString &text)
{
  return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

Status check(const Entry &entry)
{
  if (entry.action.trimmed().isEmpty() || entry.subject.kind.isEmpty() || entry.subject.id.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("an audit entry needs an action and a subject"));
  for (auto it = entry.details.begin(); it != entry.details.end(); ++it) {
    if (it.value().isObject() || it.value().isArray())
      return makeError(ErrorKind::InvalidInput,
                       QStringLiteral("audit detail %1 of %2 is not a single value").arg(it.key(), entry.action));
  }
  return {};
}

Result<Statement> statementFor(const QSqlDatabase &db, const Entry &entry)
{
  if (Status valid = check(entry); !valid)
    return valid.error();
  const bool postgres = db::isPostgres(db);
  // One text per driver; the time falls back to what the column's default would give.
  const QString sql =
      postgres ? QStringLiteral("INSERT INTO audit_log (at, actor_kind, actor_id, station_id, action, subject_kind, "
                                "subject_id, details) VALUES (coalesce(?::timestamptz, now()), ?, ?, ?::bigint, ?, ?, "
                                "?, ?::jsonb)")
               : QStringLiteral("INSERT INTO audit_log (at, actor_kind, actor_id, station_id, action, subject_kind, "
                                "subject_id, details) VALUES (coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), ?, "
                                "?, ?, ?, ?, ?, ?)");
  return Statement{
      sql,
      {entry.at ? QVariant(db::isoUtc(*entry.at)) : QVariant(QMetaType::fromType<QString>()),
       actorKindName(entry.actor.kind), textOrNullOf(entry.actor.id),
       entry.actor.stationId ? QVariant(*entry.actor.stationId) : QVariant(QMetaType::fromType<qlonglong>()),
       entry.action, entry.subject.kind, entry.subject.id,
       QString::fromUtf8(QJsonDocument(entry.details).toJson(QJsonDocument::Compact))}};
}

} // namespace

QString actorKindName(Actor::Kind kind)
{
  switch (kind) {
  case Actor::Kind::Packer: return QStringLiteral("packer");
  case Actor::Kind::Station: return QStringLiteral("station");
  case Actor::Kind::Hub: return QStringLiteral("hub");
  case Actor::Kind::System: return QStringLiteral("system");
  }
  Q_UNREACHABLE();
}

Actor Actor::packer(qint64 packerId, std::optional<qint64> stationId)
{
  return {Kind::Packer, QString::number(packerId), stationId};
}

Actor Actor::station(qint64 stationId)
{
  return {Kind::Station, QString::number(stationId), stationId};
}

Actor Actor::hub(const QString &name)
{
  return {Kind::Hub, name, std::nullopt};
}

Actor Actor::system(const QString &name)
{
  return {Kind::System, name, std::nullopt};
}

Actor Actor::atBench(std::optional<qint64> stationId, std::optional<qint64> packerId)
{
  if (stationId && *stationId <= 0)
    stationId.reset();
  if (packerId)
    return packer(*packerId, stationId);
  if (stationId)
    return station(*stationId);
  return system();
}

Subject Subject::fulfillmentOrder(qint64 id)
{
  return {QStringLiteral("fulfillment_order"), QString::number(id)};
}

Status write(const QSqlDatabase &db, const Entry &entry)
{
  auto statement = statementFor(db, entry);
  if (!statement)
    return statement.error();
  auto inserted = db::exec(db, statement->sql, statement->values);
  return inserted ? Status{} : Status{inserted.error()};
}

Status write(db::StatementCache &statements, const Entry &entry)
{
  auto statement = statementFor(statements.database(), entry);
  if (!statement)
    return statement.error();
  auto inserted = statements.command(statement->sql, statement->values);
  return inserted ? Status{} : Status{inserted.error()};
}

} // namespace pb::audit
