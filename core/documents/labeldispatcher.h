// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/labelsender.h"
#include "core/documents/printjournal.h"

#include <QObject>
#include <QSqlDatabase>

namespace pb::documents {

// Sends labels to label printers through the print-job journal: each label is journaled before it
// is sent; a printer that refuses or stalls raises labelFailed (the alert) and the job is retried
// after a delay, up to maxAttempts, or can be retried or moved to another printer by hand.
class LabelDispatcher final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(LabelDispatcher)

public:
  struct Policy {
    int maxAttempts = 3;
    int retryDelayMs = 5000;
    SendTimeouts timeouts;
  };

  LabelDispatcher(QSqlDatabase db, Policy policy, QObject *parent = nullptr);
  ~LabelDispatcher() override;

  // Journals and sends one label; returns the job id, or the error of the first attempt.
  Result<qint64> printLabel(qint64 fulfillmentOrderId, const QString &printer, const QByteArray &zpl,
                            const QString &reference);
  // The built-in 4×6 house label (ship-to, order name, Code 128) for an order shipped without a
  // carrier label: built from the database, then journaled and sent like any label.
  Result<qint64> printHouseLabel(qint64 fulfillmentOrderId, const QString &printer);
  // Sends a journaled job again now (reprint, or a manual retry after fixing the printer).
  Status retry(qint64 jobId);
  // Moves a job to another printer and sends it there; returns the new job's id.
  Result<qint64> moveJob(qint64 jobId, const QString &printer);

Q_SIGNALS:
  void labelPrinted(qint64 jobId);
  // The alert: the printer is off, refused the job or stalled. willRetry: a retry is scheduled.
  void labelFailed(qint64 jobId, const QString &error, bool willRetry);

private:
  Status attempt(qint64 jobId, bool scheduleRetry);

  QSqlDatabase m_db;
  PrintJournal m_journal;
  Policy m_policy;
};

} // namespace pb::documents
