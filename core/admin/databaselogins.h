// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pb::admin {

// The group roles the migrations create (NOLOGIN); a login is a LOGIN role that is a member of one.
enum class LoginGroup { Station, Hub };
QString groupRole(LoginGroup group); // packbench_station, packbench_hub

struct DatabaseLogin {
  QString name;
  bool canLogin = false;
};

// Checks a new role name: lower-case letters, digits and '_', starting with a letter (no quoting surprises).
Status checkLoginName(const QString &name);

// A random password for a machine to read from a 0600 file: 32 bytes, base64url.
QString generatePassword();

// Creates `name` as a LOGIN role in `group` (the connection needs CREATEROLE). With a password, only its
// SCRAM-SHA-256 verifier is sent (computed here by libpq, as psql's \password does), so the password
// never reaches the server's logs. Without one, the role logs in by peer or certificate authentication.
// Conflict when the role exists; Unavailable (with what to run) when the group role is missing.
Status createLogin(const QSqlDatabase &db, const QString &name, LoginGroup group, const QString &password = {});

// The roles that are direct members of `group`.
Result<QList<DatabaseLogin>> listLogins(const QSqlDatabase &db, LoginGroup group);

} // namespace pb::admin
