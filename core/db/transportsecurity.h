// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QSqlDatabase>
#include <QString>

// TLS between Packbench and PostgreSQL: which sslmode a host gets, the libpq options that carry it,
// and words for what went wrong when a handshake fails.
namespace pb::db {

struct ConnectionSettings;

// True for a unix socket directory, "localhost" and loopback addresses: traffic that never crosses a LAN.
bool isLocalHost(const QString &host);

// verify-ca and verify-full check the server's certificate; the other modes let anyone pose as it.
bool verifiesServer(const QString &sslMode);

// "sslmode='verify-full';sslrootcert='…'…" for QSqlDatabase::setConnectOptions; InvalidInput for a
// value the QPSQL option string cannot carry.
Result<QString> tlsConnectOptions(const ConnectionSettings &settings);

// A sentence naming the setting to change, for libpq's TLS failures; empty for other failures.
QString tlsFailureHint(const QString &libpqMessage, const ConnectionSettings &settings);

// "TLSv1.3 (TLS_AES_256_GCM_SHA384)", "no TLS" or "a unix socket", for logs and the self-test.
QString describeTransport(const QSqlDatabase &db);

} // namespace pb::db
