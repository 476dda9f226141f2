// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/pgstatements.h"

#include "core/db/connectionstate.h"
#include "core/db/pgvalues.h"
#include "core/db/sql.h"

#include <QAtomicInteger>
#include <QSqlDriver>

#include <libpq-fe.h>

#include <memory>
#include <utility>

namespace pb::db {

namespace {
using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Names unique in the process: several caches (and Qt's own "qpsqlpstmt_N") may share one connection.
QByteArray nextStatementName()
{
  static QAtomicInteger<quint64> counter;
  return QByteArrayLiteral("pb_stmt_") + QByteArray::number(counter.fetchAndAddRelaxed(1) + 1);
}

bool succeeded(const PGresult *result)
{
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}
} // namespace

struct PgStatements::Outcome {
  ResultPtr result{nullptr, &PQclear};
};

PgStatements::PgStatements(QSqlDatabase db)
    : m_db(std::move(db))
{}

PgStatements::~PgStatements()
{
  release();
}

bool PgStatements::usable(const QSqlDatabase &db)
{
  return db.driverName() == u"QPSQL" && pgConnection(db) != nullptr &&
         db.driver()->subscribedToNotifications().isEmpty();
}

void PgStatements::release()
{
  // Only on the session that prepared them, and never through a connection Qt polls for notifications.
  PGconn *connection = usable(m_db) ? pgConnection(m_db) : nullptr;
  const bool canSend =
      connection && connection == m_preparedOn && PQstatus(connection) == CONNECTION_OK &&
      (PQtransactionStatus(connection) == PQTRANS_IDLE || PQtransactionStatus(connection) == PQTRANS_INTRANS);
  if (canSend) {
    for (const Prepared &statement : std::as_const(m_prepared)) {
      const QByteArray deallocate = QByteArrayLiteral("DEALLOCATE ") + statement.name;
      const ResultPtr done(PQexec(connection, deallocate.constData()), &PQclear);
      if (!done || !succeeded(done.get()))
        break; // the session is failing: what is left goes with it
    }
  }
  clear();
}

void PgStatements::clear()
{
  m_prepared.clear();
  m_preparedOn = nullptr;
}

Error PgStatements::failure(PGconn *connection, const void *result, const QString &context)
{
  const auto *pgResult = static_cast<const PGresult *>(result);
  const QString code = pgResult ? QString::fromLatin1(PQresultErrorField(pgResult, PG_DIAG_SQLSTATE)) : QString();
  const QString text = pgResult ? QString::fromUtf8(PQresultErrorMessage(pgResult)).trimmed()
                                : QString::fromUtf8(PQerrorMessage(connection)).trimmed();
  ErrorKind kind = errorKindForCode(code).value_or(ErrorKind::Internal);
  if (PQstatus(connection) == CONNECTION_BAD) {
    kind = ErrorKind::Unavailable;
    clear();
  }
  Error error = isStationFunctionCode(code) && pgResult
                    ? makeError(kind, QString::fromUtf8(PQresultErrorField(pgResult, PG_DIAG_MESSAGE_PRIMARY)))
                    : makeError(kind, QStringLiteral("%1: %2").arg(context, text));
  error.code = code;
  return error;
}

Result<const PgStatements::Prepared *> PgStatements::prepare(PGconn *connection, const QString &sql)
{
  if (m_preparedOn != connection) {
    clear(); // reopened underneath us: the old statements are gone with the old connection
    m_preparedOn = connection;
  }
  if (auto found = m_prepared.constFind(sql); found != m_prepared.constEnd())
    return &found.value();
  int placeholders = 0;
  const QByteArray text = pgvalues::numberPlaceholders(sql, &placeholders).toUtf8();
  Prepared prepared{nextStatementName(), {}};
  const ResultPtr parsed(PQprepare(connection, prepared.name.constData(), text.constData(), 0, nullptr), &PQclear);
  if (!parsed || !succeeded(parsed.get()))
    return failure(connection, parsed.get(), QStringLiteral("prepare"));
  const ResultPtr described(PQdescribePrepared(connection, prepared.name.constData()), &PQclear);
  if (!described || !succeeded(described.get()))
    return failure(connection, described.get(), QStringLiteral("prepare"));
  const int count = PQnparams(described.get());
  if (count != placeholders)
    return makeError(
        ErrorKind::Internal,
        QStringLiteral("prepare: %1 placeholders but PostgreSQL expects %2 values").arg(placeholders).arg(count));
  for (int i = 0; i < count; ++i)
    prepared.parameterTypes.push_back(PQparamtype(described.get(), i));
  return &m_prepared.insert(sql, std::move(prepared)).value();
}

Result<PgStatements::Outcome> PgStatements::run(const QString &sql, const QVariantList &values)
{
  PGconn *connection = pgConnection(m_db);
  if (!connection || PQstatus(connection) == CONNECTION_BAD)
    return makeError(ErrorKind::Unavailable, QStringLiteral("query: the database connection is closed"));
  // A statement the server no longer knows (26000, e.g. after DISCARD ALL) is prepared once more.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto prepared = prepare(connection, sql);
    if (!prepared)
      return prepared.error();
    const Prepared &statement = **prepared;
    if (static_cast<size_t>(values.size()) != statement.parameterTypes.size())
      return makeError(ErrorKind::Internal, QStringLiteral("query: %1 values bound to %2 placeholders")
                                                .arg(values.size())
                                                .arg(statement.parameterTypes.size()));
    std::vector<std::optional<pgvalues::Parameter>> parameters;
    std::vector<const char *> pointers;
    std::vector<int> lengths;
    std::vector<int> formats;
    parameters.reserve(values.size());
    for (qsizetype i = 0; i < values.size(); ++i) {
      const QVariant &value = values.at(i);
      if (pgvalues::isNull(value)) {
        parameters.emplace_back(std::nullopt);
        continue;
      }
      auto parameter = pgvalues::toParameter(value, statement.parameterTypes.at(static_cast<size_t>(i)));
      if (!parameter)
        return makeError(ErrorKind::Internal, QStringLiteral("query: value %1 of type %2 cannot be sent")
                                                  .arg(i + 1)
                                                  .arg(QLatin1StringView(value.typeName())));
      // libpq reads text parameters up to the first NUL: refuse rather than store a cut value.
      if (parameter->format == 0 && parameter->bytes.contains('\0'))
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("query: value %1 contains a NUL character, which text cannot hold").arg(i + 1));
      parameters.emplace_back(std::move(parameter));
    }
    for (const auto &parameter : parameters) {
      pointers.push_back(parameter ? parameter->bytes.constData() : nullptr);
      lengths.push_back(parameter ? static_cast<int>(parameter->bytes.size()) : 0);
      formats.push_back(parameter ? parameter->format : 0);
    }
    Outcome outcome;
    outcome.result.reset(PQexecPrepared(connection, statement.name.constData(), static_cast<int>(pointers.size()),
                                        pointers.data(), lengths.data(), formats.data(), 0));
    if (outcome.result && succeeded(outcome.result.get()))
      return outcome;
    const char *code = outcome.result ? PQresultErrorField(outcome.result.get(), PG_DIAG_SQLSTATE) : nullptr;
    const bool forgotten = code && qstrcmp(code, "26000") == 0;
    Error error = failure(connection, outcome.result.get(), QStringLiteral("query"));
    // A failed execution leaves the statement prepared (a constraint or data error is the values'
    // fault); forgetting it would leak it server-side. Only one the server no longer has is redone.
    if (!forgotten || attempt > 0)
      return error;
    m_prepared.remove(sql);
  }
  return makeError(ErrorKind::Internal, QStringLiteral("statement cache: unreachable"));
}

Result<Rows> PgStatements::query(const QString &sql, const QVariantList &values)
{
  auto ran = run(sql, values);
  if (!ran)
    return ran.error();
  const PGresult *result = ran->result.get();
  const int rowCount = PQntuples(result);
  const int columns = PQnfields(result);
  Rows rows;
  rows.reserve(rowCount);
  for (int r = 0; r < rowCount; ++r) {
    QVariantList row;
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      const Oid type = PQftype(result, c);
      if (PQgetisnull(result, r, c))
        row.append(pgvalues::nullFor(type));
      else
        row.append(pgvalues::fromText(PQgetvalue(result, r, c), PQgetlength(result, r, c), type));
    }
    rows.append(std::move(row));
  }
  return rows;
}

Result<int> PgStatements::command(const QString &sql, const QVariantList &values)
{
  auto ran = run(sql, values);
  if (!ran)
    return ran.error();
  return QByteArray(PQcmdTuples(ran->result.get())).toInt();
}

} // namespace pb::db
