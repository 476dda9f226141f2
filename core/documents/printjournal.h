// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUuid>

namespace pb::documents {

enum class PrintKind { Slip, Label };
enum class PrintFormat { Pdf, Zpl, Png };
enum class PrintStatus { Queued, Sent, Failed, Retrying, Moved, Done };

QString kindName(PrintKind kind);
QString formatName(PrintFormat format);
QString statusName(PrintStatus status);

// One row of print_jobs: what was (or is to be) printed, where, and how it went.
struct PrintJob {
  qint64 id = 0;
  qint64 fulfillmentOrderId = 0;
  PrintKind kind = PrintKind::Slip;
  QString printer;
  PrintFormat format = PrintFormat::Pdf;
  PrintStatus status = PrintStatus::Queued;
  int attempts = 0;
  QString lastError;
  QByteArray payload;
  QString reference; // how to rebuild the payload (template, order) when it is not stored
  qint64 movedToJobId = 0;
};

// Refuses to send a label again whose bytes are no longer kept (the hub's retention, a customer's redaction): a
// slip is rendered from the order, but a label's bytes are all there is, and empty ones would print nothing.
Status refuseIfLabelGone(const PrintJob &job);

// The reference of the built-in house label of one box of a fulfillment order (a reprint keeps it).
QString houseLabelReference(qint64 fulfillmentOrderId, int box);
// The box whose house label of this fulfillment order a reference names (printed offline too), or 0: another job's.
int houseLabelBox(const QString &reference, qint64 fulfillmentOrderId);

// The reference of a job printed while the database is away: its document's, with the offline journal event that
// records the job (";offline=<event id>"), so the replay writes it once.
QString offlinePrintReference(const QString &document, const QUuid &event);
// The document a job prints: its reference without what an offline print adds (";offline=<event id>"), so a slip or
// label printed offline and its reprints are one document, as online ones are.
QString printedDocument(const QString &reference);

// One line of a print-jobs list: the job without its payload, with the order's name and when it was made.
struct PrintJobSummary {
  qint64 id = 0;
  qint64 fulfillmentOrderId = 0;
  QString orderName; // empty for a job with no order (a test page)
  PrintKind kind = PrintKind::Slip;
  PrintFormat format = PrintFormat::Pdf;
  QString printer;
  PrintStatus status = PrintStatus::Queued;
  int attempts = 0;
  QString lastError;
  qint64 movedToJobId = 0;
  QDateTime createdAt;
  int boxNo = 0; // a label's box: a house label's or a carrier label's (0: a slip, or not known)
};

// The print-job journal (migration 0005): every job is written before it is sent, and every
// outcome is recorded, so a failed or unplugged printer never loses a slip or label silently.
class PrintJournal final {
public:
  explicit PrintJournal(QSqlDatabase db);

  Result<qint64> create(const PrintJob &job);
  Result<PrintJob> get(qint64 id) const;
  // Queued, failed or retrying jobs, oldest first.
  Result<QList<PrintJob>> openJobs() const;
  Result<QList<PrintJob>> forFulfillmentOrder(qint64 fulfillmentOrderId) const;
  // This bench's newest jobs first: on PostgreSQL those its own login journaled (each station has its login),
  // on the embedded SQLite every job (one bench).
  Result<QList<PrintJobSummary>> recentJobs(int limit) const;

  // Records one attempt's outcome; attempts counts every send.
  Status markSent(qint64 id);
  Status markDone(qint64 id);
  Status markFailed(qint64 id, const QString &error);
  Status markRetrying(qint64 id);
  // It printed, but not faithfully (characters no installed font has): failed with `what`, so it stays
  // open for a reprint once fixed; the send was already counted by markSent.
  Status markIncomplete(qint64 id, const QString &what);
  // A job journaled for "the default printer" (an empty printer) gets the queue a send found the default to be;
  // a job with a printer keeps it.
  Status recordDefaultPrinter(qint64 id, const QString &printer);
  // At a station's start: this bench's jobs still waiting (queued, sent, retrying) were in flight when its last run
  // ended, and nothing sends them by itself; they are marked failed with the reason, so a lead sees them among the
  // failed ones (R reprints, M sends elsewhere) instead of "Waiting" for good. Returns how many.
  Result<int> failLeftUnsent();
  // Closes the job as 'moved' and queues a copy for another printer; returns the new job's id.
  Result<qint64> moveTo(qint64 id, const QString &printer);

private:
  Status setStatus(qint64 id, PrintStatus status, bool countAttempt, const QString &error = {});
  QSqlDatabase m_db;
};

} // namespace pb::documents
