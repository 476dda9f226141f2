// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/labelimageprinter.h"

#include "ui/printing/sliprenderer.h"

#include <QBuffer>
#include <QPainter>
#include <QPdfDocument>
#include <QPrinter>
#include <QPrinterInfo>

namespace pb::printing {

LabelImagePrinter::LabelImagePrinter(QSqlDatabase db, QObject *parent)
    : QObject(parent)
    , m_journal(std::move(db))
{}

LabelImagePrinter::~LabelImagePrinter() = default;

Result<QList<QImage>> LabelImagePrinter::rasterize(const QByteArray &data, documents::PrintFormat format, int dpi)
{
  if (format == documents::PrintFormat::Png) {
    const QImage image = QImage::fromData(data);
    if (image.isNull())
      return makeError(ErrorKind::InvalidInput, tr("The label is not a readable image"));
    return QList<QImage>{image};
  }
  if (format != documents::PrintFormat::Pdf)
    return makeError(ErrorKind::InvalidInput, tr("ZPL labels go to a label printer raw, not through QPrinter"));
  QByteArray copy = data;
  QBuffer buffer(&copy);
  buffer.open(QIODevice::ReadOnly);
  QPdfDocument pdf;
  pdf.load(&buffer);
  if (pdf.status() != QPdfDocument::Status::Ready || pdf.pageCount() < 1)
    return makeError(ErrorKind::InvalidInput, tr("The label is not a readable PDF"));
  QList<QImage> pages;
  for (int p = 0; p < pdf.pageCount(); ++p) {
    const QSizeF points = pdf.pagePointSize(p);
    const QSize pixels(qRound(points.width() / 72.0 * dpi), qRound(points.height() / 72.0 * dpi));
    pages.append(pdf.render(p, pixels));
  }
  return pages;
}

Result<qint64> LabelImagePrinter::printLabel(qint64 fulfillmentOrderId, const QString &printerName,
                                             const QByteArray &data, documents::PrintFormat format,
                                             const QString &reference)
{
  documents::PrintJob job;
  job.fulfillmentOrderId = fulfillmentOrderId;
  job.kind = documents::PrintKind::Label;
  job.printer = printerName;
  job.format = format;
  job.payload = data;
  job.reference = reference;
  auto id = m_journal.create(job);
  if (!id)
    return id.error();
  auto fail = [&](const QString &error) -> Error {
    (void)m_journal.markFailed(id.value(), error);
    Q_EMIT labelFailed(id.value(), error);
    return makeError(ErrorKind::Unavailable, error);
  };
  const QPrinterInfo info = QPrinterInfo::printerInfo(printerName);
  if (printerName.isEmpty() || info.isNull())
    return fail(tr("Printer '%1' was not found").arg(printerName));
  if (info.state() == QPrinter::Error || info.state() == QPrinter::Aborted)
    return fail(tr("Printer '%1' is stopped or offline").arg(printerName));
  QPrinter printer(info, QPrinter::HighResolution);
  printer.setDocName(tr("Shipping label"));
  printer.setPageSize(pageSizeFor(SlipPaper::Thermal4x6));
  printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
  auto pages = rasterize(data, format, 300);
  if (!pages)
    return fail(pages.error().message);
  QPainter painter;
  if (!painter.begin(&printer))
    return fail(tr("Printer '%1' refused the job").arg(printerName));
  painter.setRenderHint(QPainter::LosslessImageRendering); // barcodes stay sharp
  const QRectF area = printer.pageLayout().paintRectPixels(printer.resolution());
  for (qsizetype i = 0; i < pages.value().size(); ++i) {
    if (i > 0 && !printer.newPage())
      return fail(tr("Printer '%1' refused a new page").arg(printerName));
    const QImage &image = pages.value().at(i);
    const QSizeF fitted = QSizeF(image.size()).scaled(area.size(), Qt::KeepAspectRatio);
    painter.drawImage(QRectF(QPointF(0, 0), fitted), image);
  }
  painter.end();
  if (printer.printerState() == QPrinter::Error || printer.printerState() == QPrinter::Aborted)
    return fail(tr("Printer '%1' refused the job").arg(printerName));
  if (auto sent = m_journal.markSent(id.value()); !sent)
    return sent.error();
  if (auto done = m_journal.markDone(id.value()); !done)
    return done.error();
  Q_EMIT labelPrinted(id.value());
  return id.value();
}

} // namespace pb::printing
