// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/admin/databaselogins.h"

#include "core/db/connectionstate.h"
#include "core/db/sql.h"

#include <QRandomGenerator>
#include <QRegularExpression>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace pb::admin {

QString groupRole(LoginGroup group)
{
  return group == LoginGroup::Station ? u"packbench_station"_s : u"packbench_hub"_s;
}

Status checkLoginName(const QString &name)
{
  static const QRegularExpression allowed(u"^[a-z][a-z0-9_]{0,62}$"_s);
  if (!allowed.match(name).hasMatch())
    return makeError(ErrorKind::InvalidInput,
                     u"login name '%1' is not valid: a lower-case letter, then up to 62 lower-case letters, "
                     "digits or '_'"_s.arg(name));
  if (name.startsWith(u"pg_"_s) || name.startsWith(u"packbench_"_s))
    return makeError(ErrorKind::InvalidInput, u"login name '%1' is reserved (pg_…, packbench_…)"_s.arg(name));
  return {};
}

QString generatePassword()
{
  QByteArray bytes(32, Qt::Uninitialized);
  QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
  return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Status createLogin(const QSqlDatabase &db, const QString &name, LoginGroup group, const QString &password)
{
  if (Status valid = checkLoginName(name); !valid)
    return valid;
  if (!db::isPostgres(db))
    return makeError(ErrorKind::InvalidInput, u"database logins exist only on PostgreSQL (database.driver)"_s);
  auto groupExists = db::exec(db, u"SELECT 1 FROM pg_roles WHERE rolname = ?"_s, {groupRole(group)});
  if (!groupExists)
    return groupExists.error();
  if (!groupExists.value().next())
    return makeError(ErrorKind::Unavailable,
                     u"role %1 does not exist yet: run 'packbench-hub migrate' first"_s.arg(groupRole(group)));
  auto taken = db::exec(db, u"SELECT 1 FROM pg_roles WHERE rolname = ?"_s, {name});
  if (!taken)
    return taken.error();
  if (taken.value().next())
    return makeError(ErrorKind::Conflict, u"role %1 exists already"_s.arg(name));

  QVariant verifier{QMetaType(QMetaType::QString)}; // NULL: no password
  if (!password.isEmpty()) {
    pg_conn *connection = db::pgConnection(db);
    if (!connection)
      return makeError(ErrorKind::Unavailable, u"no PostgreSQL connection to compute the password verifier"_s);
    char *encrypted =
        PQencryptPasswordConn(connection, password.toUtf8().constData(), name.toUtf8().constData(), "scram-sha-256");
    if (!encrypted)
      return makeError(ErrorKind::Internal, u"cannot compute the password verifier: %1"_s.arg(
                                                QString::fromUtf8(PQerrorMessage(connection))));
    verifier = QString::fromLatin1(encrypted);
    PQfreemem(encrypted);
  }
  // CREATE ROLE takes no bound values: the server quotes them itself (format %I/%L) in a session-only function.
  auto function = db::execStatic(db, u"CREATE OR REPLACE FUNCTION pg_temp.packbench_create_login(login text, "
                                     "verifier text, member_of text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
                                     "EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, "
                                     "verifier, member_of); END $$"_s);
  if (!function)
    return function.error();
  auto created = db::exec(db, u"SELECT pg_temp.packbench_create_login(?, ?, ?)"_s, {name, verifier, groupRole(group)});
  if (!created)
    return created.error();
  return {};
}

Result<QList<DatabaseLogin>> listLogins(const QSqlDatabase &db, LoginGroup group)
{
  auto query = db::exec(db,
                        u"SELECT r.rolname, r.rolcanlogin FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid "
                        "JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = ? ORDER BY r.rolname"_s,
                        {groupRole(group)});
  if (!query)
    return query.error();
  QList<DatabaseLogin> logins;
  while (query.value().next())
    logins.append({query.value().value(0).toString(), query.value().value(1).toBool()});
  return logins;
}

} // namespace pb::admin
