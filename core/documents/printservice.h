// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/handoffsheet.h"
#include "core/documents/printjournal.h"
#include "core/documents/slipdata.h"

#include <QObject>
#include <QStringList>

namespace pb::documents {

// What a station asks of its printer, so core/station prints without linking QtGui; printing::JournaledPrinter
// is the implementation. Each call journals a job and returns its id at once, without waiting for the printer;
// how it went follows as a signal, always after the call has returned.
class PrintService : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(PrintService)

public:
  explicit PrintService(QObject *parent = nullptr);
  ~PrintService() override;

  // The packing slip of a fulfillment order on `printer` (empty: the system default, journaled as empty until a send
  // finds its name).
  virtual Result<qint64> printSlip(qint64 fulfillmentOrderId, const QString &printer) = 0;
  // The built-in house label of one box of a fulfillment order (box of boxes) on a label printer (tcp://host:9100 or a
  // CUPS queue).
  virtual Result<qint64> printHouseLabel(qint64 fulfillmentOrderId, const QString &printer, int box, int boxes) = 0;
  // A label as it came (a carrier's ZPL, PDF or PNG, bought by the hub): ZPL raw to a label printer, PDF/PNG on
  // a system printer (empty: the default). `reference` names it in the journal; a reprint sends the same bytes.
  virtual Result<qint64> printLabel(qint64 fulfillmentOrderId, const QString &printer, const QByteArray &data,
                                    PrintFormat format, const QString &reference) = 0;
  // The end of day's driver hand-off sheet, rendered as a PDF and journaled like a label (a reprint sends it again).
  virtual Result<qint64> printHandoffSheet(const HandoffSheet &sheet, const QString &printer) = 0;
  // Prints at once without the print journal, which lives in the central database (offline packing, issue #15): a
  // slip from `slip` (job.kind Slip) or a label's bytes (job.payload). Returns the job as sent (an empty printer is the
  // default) and its id negative (never a journal row); the outcome follows as the signals below, and the caller
  // journals the job once the database is back.
  virtual Result<PrintJob> printUnjournaled(const PrintJob &job, const SlipData &slip) = 0;
  // The same content again as a new job, on `printer` (empty: where it went before).
  virtual Result<qint64> reprint(qint64 jobId, const QString &printer = {}) = 0;
  // Closes an open job as moved and sends a copy to `printer`; returns the copy's id.
  virtual Result<qint64> move(qint64 jobId, const QString &printer) = 0;
  // The system's printers (CUPS queues) a job may be moved to, as last listed: never waits for CUPS.
  virtual QStringList systemPrinters() = 0;

Q_SIGNALS:
  void jobPrinted(qint64 jobId);
  // The printer is missing, stopped, refused the job or stalled; willRetry: it is sent again by itself.
  void jobFailed(qint64 jobId, const QString &error, bool willRetry);
  // It printed, but with characters no installed font has marked '?' (`what` names their code points): the
  // journal keeps it failed, for a reprint once a font has them.
  void jobIncomplete(qint64 jobId, const QString &what);
  // systemPrinters() has a new list (it lists them again on each call, off the caller's thread).
  void systemPrintersListed();
};

} // namespace pb::documents
