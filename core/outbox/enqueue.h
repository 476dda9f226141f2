// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/outbox/message.h"

#include <QSqlDatabase>

namespace pb::db {
class StatementCache;
}

namespace pb::outbox {

// What a second message with the same idempotency key does: fail the caller's transaction (Conflict: a
// second finish of one order must never queue a second fulfillment), or leave the first row as it is.
enum class OnDuplicate { Refuse, Ignore };

// Writes the message as a pending outbox row on the caller's connection, inside whatever transaction the
// caller has open, so it commits or rolls back with the caller's own writes. SQLite and PostgreSQL alike.
// true: a row was written; false: none (a duplicate ignored, or the fulfillment order the message takes
// its shop from does not exist).
Result<bool> enqueue(const QSqlDatabase &db, const Message &message, OnDuplicate onDuplicate = OnDuplicate::Refuse);
// The same through a connection's statement cache (hot paths: the inbox processor).
Result<bool> enqueue(db::StatementCache &statements, const Message &message,
                     OnDuplicate onDuplicate = OnDuplicate::Refuse);

} // namespace pb::outbox
