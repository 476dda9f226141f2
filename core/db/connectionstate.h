// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>

namespace pb::db {

// True when the PostgreSQL client library knows the connection is gone. Some failures (a prepare on a
// terminated backend) carry no SQLSTATE; this tells them apart from ordinary SQL errors in any locale.
bool isConnectionBroken(const QSqlDatabase &db);

} // namespace pb::db
