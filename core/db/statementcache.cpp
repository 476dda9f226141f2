// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/statementcache.h"

#include "core/db/connectionstate.h"
#include "core/db/pgstatements.h"
#include "core/db/sql.h"

#include <QSqlError>
#include <QSqlRecord>

namespace pb::db {

StatementCache::StatementCache(QSqlDatabase db)
    : m_db(std::move(db))
{
  if (ConnectionEvents *events = ConnectionEvents::of(m_db))
    m_reopenWatch = QObject::connect(events, &ConnectionEvents::aboutToReopen, events, [this]() { clear(); });
}

StatementCache::~StatementCache()
{
  QObject::disconnect(m_reopenWatch);
}

void StatementCache::clear()
{
  m_queries.clear();
  if (m_native)
    m_native->clear();
}

PgStatements *StatementCache::native()
{
  if (!PgStatements::usable(m_db))
    return nullptr;
  if (!m_native)
    m_native = std::make_unique<PgStatements>(m_db);
  return m_native.get();
}

Result<QSqlQuery *> StatementCache::run(const QString &sql, const QVariantList &values)
{
  // A statement prepared on a connection that was since reopened is gone server-side (26000): prepare again.
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::shared_ptr<QSqlQuery> &slot = m_queries[sql];
    if (!slot) {
      auto prepared = std::make_shared<QSqlQuery>(m_db);
      if (!prepared->prepare(sql)) {
        const Error error = toError(m_db, prepared->lastError(), QStringLiteral("prepare"));
        if (error.kind == ErrorKind::Unavailable) {
          clear();
          return error;
        }
        m_queries.remove(sql);
        return error;
      }
      slot = std::move(prepared);
    }
    QSqlQuery *query = slot.get();
    for (int i = 0; i < values.size(); ++i)
      query->bindValue(i, values.at(i));
    if (query->exec())
      return query;
    const QSqlError sqlError = query->lastError();
    const Error error = toError(m_db, sqlError, QStringLiteral("query"));
    if (error.kind == ErrorKind::Unavailable) {
      clear();
      return error;
    }
    m_queries.remove(sql);
    if (sqlError.nativeErrorCode() != u"26000" || attempt > 0)
      return error;
  }
  return makeError(ErrorKind::Internal, QStringLiteral("statement cache: unreachable"));
}

Result<Rows> StatementCache::query(const QString &sql, const QVariantList &values)
{
  if (PgStatements *statements = native())
    return statements->query(sql, values);
  auto ran = run(sql, values);
  if (!ran)
    return ran.error();
  QSqlQuery *query = *ran;
  Rows rows;
  const int columns = query->record().count();
  while (query->next()) {
    QVariantList row;
    row.reserve(columns);
    for (int c = 0; c < columns; ++c)
      row.append(query->value(c));
    rows.append(std::move(row));
  }
  query->finish();
  return rows;
}

Result<int> StatementCache::command(const QString &sql, const QVariantList &values)
{
  if (PgStatements *statements = native())
    return statements->command(sql, values);
  auto ran = run(sql, values);
  if (!ran)
    return ran.error();
  const int affected = (*ran)->numRowsAffected();
  (*ran)->finish();
  return affected;
}

} // namespace pb::db
