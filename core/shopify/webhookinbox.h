// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/keyedcounts.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace pb::db {
class StatementCache;
}

namespace pb::shopify {

// One webhook as it arrived: the raw body and the headers that identify it.
struct WebhookDelivery {
  QString shopDomain;
  QString topic;
  QString webhookId;
  QString eventId;
  QString apiVersion;
  QDateTime triggeredAt;
  QByteArray body;
};

// A stored delivery claimed for processing.
struct InboxItem {
  qint64 id = 0;
  WebhookDelivery delivery;
};

enum class StoreOutcome { Stored, Duplicate };

// The durable webhook inbox: store before answering 200, dedupe, hand rows to the processor.
namespace webhookinbox {

// Stores deliveries in one statement and commit (the hub's ingest path); the outcome of each in order. A
// repeat (same shop, topic and signed body, whatever its unsigned webhook or event id) within the batch, or of
// a stored row, is Duplicate. All or none are stored.
Result<QList<StoreOutcome>> storeBatch(db::StatementCache &statements, const QList<WebhookDelivery> &deliveries);

// Through the processor's statement cache (no PREPARE/DEALLOCATE per row):
// Locks up to limit of the oldest pending rows, in id order, for the caller's open transaction.
Result<QList<InboxItem>> claimPending(db::StatementCache &statements, int limit);
// A row mapped with the note kept in webhook_inbox.error (created / updated / stale …).
struct Processed {
  qint64 id = 0;
  QString note;
};
// Marks every row of a batch in one statement.
Status markProcessed(db::StatementCache &statements, const QList<Processed> &rows);
// Dead letter: authentic but unusable; kept with the reason for a person to look at.
Status markDead(db::StatementCache &statements, qint64 id, const QString &reason);
// Counts a failed attempt with its reason on a pending row; the attempts so far.
Result<int> noteFailure(db::StatementCache &statements, qint64 id, const QString &reason);

// What a stored body becomes when a privacy request blanks it (customerdata, compliance) ...
inline constexpr char kRedactedBody[] = R"({"redacted": true})";
// ... and when it expires: once mapped, a settled delivery's body is a copy of customer data the order no longer needs.
inline constexpr char kExpiredBody[] = R"({"expired": true})";
// What one expiry batch did: rows blanked, and the highest id it blanked (afterId when none; the next batch starts
// after it).
struct Expired {
  int rows = 0;
  qint64 lastId = 0;
};
// Blanks the bodies (and dead letters' reasons) of up to `limit` settled rows (processed or dead) received before
// `receivedBefore` with an id above `afterId`, in id order. The signed hash stays, so a replay of one is still a
// duplicate; pending rows are left to be mapped; bodies already blanked (expired or redacted) are skipped.
Result<Expired> expireBodies(const QSqlDatabase &db, const QDateTime &receivedBefore, qint64 afterId, int limit);

// Rows not processed yet, per status (pending, dead) in status order: the backlog /metrics reports. Reads only
// those rows (index webhook_inbox_unsettled, migration 0024), however many are processed.
Result<db::KeyedCounts> unsettledCounts(const QSqlDatabase &db);

} // namespace webhookinbox
} // namespace pb::shopify
