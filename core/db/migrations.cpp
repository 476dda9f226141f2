// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/migrations.h"

#include "core/db/sql.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace pb::db {

namespace {
Q_LOGGING_CATEGORY(lcMigrations, "packbench.core.db.migrations")

// Serialises concurrent `packbench-hub migrate` runs on PostgreSQL.
constexpr qint64 kMigrationLockKey = 0x7061636b62656e63; // "packbenc"

QString createTableSql(const QSqlDatabase &db)
{
  return isPostgres(db)
             ? QStringLiteral(
                   "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                   "name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
             : QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                              "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT "
                              "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))");
}

Result<bool> hasMigrationTable(const QSqlDatabase &db)
{
  const QString sql =
      isPostgres(db)
          ? QStringLiteral("SELECT to_regclass('schema_migrations') IS NOT NULL")
          : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  auto query = exec(db, sql);
  if (!query)
    return query.error();
  query.value().next();
  return query.value().value(0).toBool();
}

Status runScript(const QSqlDatabase &db, const Migration &migration)
{
  // PostgreSQL takes a whole script in one simple-protocol call; SQLite one statement at a time.
  const QStringList statements = isPostgres(db) ? QStringList{migration.sql} : splitStatements(migration.sql);
  for (const QString &statement : statements) {
    if (auto ran = execStatic(db, statement); !ran) // DDL from our own resources: nothing to bind
      return makeError(ran.error().kind, QStringLiteral("migration %1_%2: %3")
                                             .arg(migration.version, 4, 10, QLatin1Char('0'))
                                             .arg(migration.name, ran.error().message));
  }
  return {};
}

} // namespace

QStringList splitStatements(const QString &script)
{
  QStringList statements;
  QString current;
  bool inTrigger = false;
  for (const QString &rawLine : script.split(QLatin1Char('\n'))) {
    const QString line = rawLine.trimmed();
    if (line.startsWith(u"--") || (line.isEmpty() && current.isEmpty()))
      continue;
    if (line.startsWith(u"CREATE TRIGGER", Qt::CaseInsensitive))
      inTrigger = true;
    current += rawLine + QLatin1Char('\n');
    const bool ends = line.endsWith(QLatin1Char(';'));
    if (ends && (!inTrigger || line.endsWith(u"END;", Qt::CaseInsensitive))) {
      statements << current.trimmed();
      current.clear();
      inTrigger = false;
    }
  }
  if (!current.trimmed().isEmpty())
    statements << current.trimmed();
  return statements;
}

MigrationRunner::MigrationRunner(QString directory)
    : m_directory(std::move(directory))
{}

QString MigrationRunner::defaultDirectory(const QSqlDatabase &db)
{
  return isPostgres(db) ? QStringLiteral(":/migrations/postgres") : QStringLiteral(":/migrations/sqlite");
}

Result<QList<Migration>> MigrationRunner::available() const
{
  static const QRegularExpression fileName(QStringLiteral(R"(^(\d{4})_([a-z0-9_]+)\.sql$)"));
  const QDir dir(m_directory);
  if (!dir.exists())
    return makeError(ErrorKind::NotFound, QStringLiteral("migration directory %1 not found").arg(m_directory));
  QList<Migration> migrations;
  for (const QString &entry : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
    const auto match = fileName.match(entry);
    if (!match.hasMatch())
      return makeError(ErrorKind::InvalidInput,
                       QStringLiteral("migration file name %1 is not NNNN_name.sql").arg(entry));
    QFile file(dir.filePath(entry));
    if (!file.open(QIODevice::ReadOnly))
      return makeError(ErrorKind::Unavailable, QStringLiteral("cannot read %1").arg(file.fileName()));
    const QByteArray bytes = file.readAll();
    Migration m{match.captured(1).toInt(), match.captured(2), QString::fromUtf8(bytes),
                QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex())};
    if ((migrations.isEmpty() ? 0 : migrations.last().version) + 1 != m.version)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("migration %1 does not follow %2 (gap or duplicate)")
                                                    .arg(entry)
                                                    .arg(migrations.isEmpty() ? 0 : migrations.last().version));
    migrations << m;
  }
  return migrations;
}

Result<int> MigrationRunner::currentVersion(const QSqlDatabase &db) const
{
  auto exists = hasMigrationTable(db);
  if (!exists)
    return exists.error();
  if (!*exists)
    return 0;
  auto query = exec(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  if (!query)
    return query.error();
  query.value().next();
  return query.value().value(0).toInt();
}

Status MigrationRunner::checkApplied(const QSqlDatabase &db, const QList<Migration> &known) const
{
  auto query = exec(db, QStringLiteral("SELECT version, name, checksum FROM schema_migrations ORDER BY version"));
  if (!query)
    return query.error();
  const int newest = known.isEmpty() ? 0 : known.last().version;
  while (query.value().next()) {
    const int version = query.value().value(0).toInt();
    if (version > newest)
      return makeError(
          ErrorKind::SchemaMismatch,
          QCoreApplication::translate("pb::db::MigrationRunner",
                                      "database schema version %1 is newer than this program understands (%2); "
                                      "upgrade Packbench before using this database")
              .arg(version)
              .arg(newest));
    const Migration &m = known.at(version - 1);
    if (query.value().value(2).toString() != m.checksum)
      return makeError(
          ErrorKind::SchemaMismatch,
          QCoreApplication::translate("pb::db::MigrationRunner",
                                      "migration %1_%2 was changed after it was applied (checksum mismatch); "
                                      "migrations are forward-only: add a new one instead")
              .arg(version, 4, 10, QLatin1Char('0'))
              .arg(m.name));
  }
  return {};
}

Result<int> MigrationRunner::migrate(QSqlDatabase &db) const
{
  auto known = available();
  if (!known)
    return known.error();
  // Created only when missing: the hub's own login (systemd's ExecStartPre) may not create tables, and
  // on an up-to-date database it only has to find every migration applied.
  auto exists = hasMigrationTable(db);
  if (!exists)
    return exists.error();
  if (!*exists) {
    if (auto created = execStatic(db, createTableSql(db)); !created)
      return created.error();
  }

  int applied = 0;
  for (const Migration &migration : *known) {
    const Status status = inTransaction(db, [&]() -> Status {
      if (isPostgres(db)) {
        if (auto lock = exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kMigrationLockKey}); !lock)
          return lock.error();
      }
      // Re-checked inside the lock: another process may have just applied it.
      if (Status checked = checkApplied(db, *known); !checked)
        return checked;
      auto done = exec(db, QStringLiteral("SELECT 1 FROM schema_migrations WHERE version = ?"), {migration.version});
      if (!done)
        return done.error();
      if (done.value().next())
        return {};
      if (Status ran = runScript(db, migration); !ran)
        return ran;
      auto recorded =
          exec(db, QStringLiteral("INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)"),
               {migration.version, migration.name, migration.checksum});
      if (!recorded)
        return recorded.error();
      ++applied;
      qCInfo(lcMigrations) << "applied migration" << migration.version << migration.name;
      return {};
    });
    if (!status)
      return status.error();
  }
  if (Status checked = checkApplied(db, *known); !checked)
    return checked.error(); // catches a newer database when we had nothing to apply
  return applied;
}

Status MigrationRunner::verify(const QSqlDatabase &db) const
{
  auto known = available();
  if (!known)
    return known.error();
  auto version = currentVersion(db);
  if (!version)
    return version.error();
  const int newest = known->isEmpty() ? 0 : known->last().version;
  if (*version < newest)
    return Error{ErrorKind::SchemaMismatch,
                 QCoreApplication::translate("pb::db::MigrationRunner",
                                             "database schema version %1 is older than this program needs (%2); run "
                                             "'packbench-hub migrate'")
                     .arg(*version)
                     .arg(newest),
                 QString::fromLatin1(kSchemaBehindCode)};
  return checkApplied(db, *known);
}

bool isSchemaBehind(const Error &error)
{
  return error.kind == ErrorKind::SchemaMismatch && error.code == QLatin1String(kSchemaBehindCode);
}

} // namespace pb::db
