// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/printjournal.h"
#include "ui/printing/sliprenderer.h"

#include <QObject>
#include <QSqlDatabase>

namespace pb::printing {

// Prints packing slips through the system's printers (QPrinter/CUPS) and journals every job.
// A printer that is missing, stopped or refuses the job raises slipFailed (the alert); the job
// stays in the journal as failed and can be retried or moved to another printer.
class SlipPrinter final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(SlipPrinter)

public:
  SlipPrinter(QSqlDatabase db, SlipPaper paper, QString customTemplate = {}, QObject *parent = nullptr);
  // The custom template's folder: the only place its <img src> files may come from.
  void setTemplateFolder(const QString &folder) { m_renderer.setTemplateFolder(folder); }
  ~SlipPrinter() override;

  // Renders the slip of a fulfillment order and prints it on `printerName` (empty: the system
  // default). Returns the print job's id, or the reason it failed (the job is journaled either way);
  // InvalidInput when it printed with characters no installed font has (marked on the slip).
  Result<qint64> printSlip(qint64 fulfillmentOrderId, const QString &printerName);
  // Writes the slip as PDF (no journal entry: nothing was printed).
  Status exportPdf(qint64 fulfillmentOrderId, const QString &path) const;
  // Sends a failed job again to its own printer (after the printer was fixed); same job id.
  Status retry(qint64 jobId);
  // Prints a journaled slip again, as a new job (reprint), optionally on another printer.
  Result<qint64> reprint(qint64 jobId, const QString &printerName = {});
  // Moves a failed job to another printer and prints it there; returns the new job's id.
  Result<qint64> moveJob(qint64 jobId, const QString &printerName);

Q_SIGNALS:
  void slipPrinted(qint64 jobId);
  void slipFailed(qint64 jobId, const QString &error);

private:
  Status sendToPrinter(qint64 jobId, qint64 fulfillmentOrderId, const QString &printerName);

  QSqlDatabase m_db;
  documents::PrintJournal m_journal;
  SlipRenderer m_renderer;
  bool m_customTemplate;
};

} // namespace pb::printing
