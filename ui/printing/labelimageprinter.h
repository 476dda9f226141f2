// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/printjournal.h"

#include <QImage>
#include <QList>
#include <QObject>
#include <QSqlDatabase>

namespace pb::printing {

// Carrier labels that arrive as PDF or PNG, printed on a 4×6 in page through QPrinter (CUPS) and
// journaled like every other print; a missing or stopped printer raises labelFailed.
class LabelImagePrinter final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(LabelImagePrinter)

public:
  explicit LabelImagePrinter(QSqlDatabase db, QObject *parent = nullptr);
  ~LabelImagePrinter() override;

  // format: Pdf or Png. Returns the job id, or why it failed (the job is journaled either way).
  Result<qint64> printLabel(qint64 fulfillmentOrderId, const QString &printerName, const QByteArray &data,
                            documents::PrintFormat format, const QString &reference);

  // The label's pages as images at `dpi` (PDF pages rasterised with QtPdf).
  static Result<QList<QImage>> rasterize(const QByteArray &data, documents::PrintFormat format, int dpi);

Q_SIGNALS:
  void labelPrinted(qint64 jobId);
  void labelFailed(qint64 jobId, const QString &error);

private:
  documents::PrintJournal m_journal;
};

} // namespace pb::printing
