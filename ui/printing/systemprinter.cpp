// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/systemprinter.h"

#include "ui/printing/glyphcoverage.h"

#include <QBuffer>
#include <QPainter>
#include <QPdfDocument>
#include <QPrinter>
#include <QPrinterInfo>
#include <QProcess>

namespace pb::printing {

namespace {

PrinterDelivery failed(const QString &error)
{
  PrinterDelivery out;
  out.error = error;
  return out;
}

// The queue a job for `printerName` goes to: the name itself, or the system default's for an empty one.
QString resolved(const QString &printerName)
{
  return printerName.isEmpty() ? QPrinterInfo::defaultPrinterName() : printerName;
}

// The printer's state as CUPS reports it; an empty error when it can take a job.
QString unusable(const QPrinterInfo &info, const QString &printerName)
{
  if (printerName.isEmpty())
    return SystemPrinter::tr(
        "No default printer: this computer names none, or its print service (CUPS) did not answer");
  if (info.isNull())
    return SystemPrinter::tr("Printer '%1' was not found").arg(printerName);
  if (info.state() == QPrinter::Error || info.state() == QPrinter::Aborted)
    return SystemPrinter::tr("Printer '%1' is stopped or offline").arg(printerName);
  return {};
}

} // namespace

PrinterDelivery SystemPrinter::printSlip(const SlipRenderer &renderer, const documents::SlipData &slip,
                                         const QString &printerName)
{
  const QString queue = resolved(printerName);
  PrinterDelivery out = sendSlip(renderer, slip, queue);
  out.printer = queue;
  return out;
}

PrinterDelivery SystemPrinter::sendSlip(const SlipRenderer &renderer, const documents::SlipData &slip,
                                        const QString &printerName)
{
  const QPrinterInfo info = QPrinterInfo::printerInfo(printerName);
  if (const QString problem = unusable(info, printerName); !problem.isEmpty())
    return failed(problem);
  QPrinter printer(info, QPrinter::HighResolution);
  if (!printer.isValid())
    return failed(tr("Printer '%1' cannot be used").arg(printerName));
  printer.setDocName(tr("Packing slip %1").arg(slip.orderName));
  printer.setFullPage(false);
  auto rendered = renderer.render(slip, &printer);
  if (!rendered)
    return failed(rendered.error().message);
  if (printer.printerState() == QPrinter::Error || printer.printerState() == QPrinter::Aborted)
    return failed(tr("Printer '%1' refused the job").arg(printerName));
  PrinterDelivery out;
  out.printed = true;
  if (rendered.value().usedFallback)
    out.notice = QStringLiteral("used the built-in template: %1").arg(rendered.value().templateError);
  if (const QList<char32_t> &missing = rendered.value().missingCharacters; !missing.isEmpty()) {
    out.incomplete = true;
    out.error = tr("The slip printed without %n character(s) that no installed font has (%1): "
                   "they are marked ? on it. Install a font that has them, then reprint.",
                   nullptr, static_cast<int>(missing.size()))
                    .arg(codePointList(missing));
  }
  return out;
}

Result<QList<QImage>> SystemPrinter::rasterizeLabel(const QByteArray &data, documents::PrintFormat format, int dpi)
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

PrinterDelivery SystemPrinter::printLabelImage(const QByteArray &data, documents::PrintFormat format,
                                               const QString &printerName)
{
  const QString queue = resolved(printerName);
  PrinterDelivery out = sendLabelImage(data, format, queue);
  out.printer = queue;
  return out;
}

PrinterDelivery SystemPrinter::sendLabelImage(const QByteArray &data, documents::PrintFormat format,
                                              const QString &printerName)
{
  const QPrinterInfo info = QPrinterInfo::printerInfo(printerName);
  if (const QString problem = unusable(info, printerName); !problem.isEmpty())
    return failed(problem);
  constexpr int kDpi = 300;
  auto pages = rasterizeLabel(data, format, kDpi);
  if (!pages)
    return failed(pages.error().message);
  // A PDF larger than a label (a carrier manifest, the driver hand-off sheet) prints on its own paper size.
  const QSizeF points = QSizeF(pages.value().first().size()) * 72.0 / kDpi;
  const bool document =
      format == documents::PrintFormat::Pdf && (points.width() > 4.5 * 72 || points.height() > 6.5 * 72);
  QPrinter printer(info, QPrinter::HighResolution);
  printer.setDocName(document ? tr("Document") : tr("Shipping label"));
  printer.setPageSize(document ? QPageSize(points, QPageSize::Point) : pageSizeFor(SlipPaper::Thermal4x6));
  printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
  QPainter painter;
  if (!painter.begin(&printer))
    return failed(tr("Printer '%1' refused the job").arg(printerName));
  painter.setRenderHint(QPainter::LosslessImageRendering); // barcodes stay sharp
  const QRectF area = printer.pageLayout().paintRectPixels(printer.resolution());
  for (qsizetype i = 0; i < pages.value().size(); ++i) {
    if (i > 0 && !printer.newPage())
      return failed(tr("Printer '%1' refused a new page").arg(printerName));
    const QImage &image = pages.value().at(i);
    const QSizeF fitted = QSizeF(image.size()).scaled(area.size(), Qt::KeepAspectRatio);
    painter.drawImage(QRectF(QPointF(0, 0), fitted), image);
  }
  painter.end();
  if (printer.printerState() == QPrinter::Error || printer.printerState() == QPrinter::Aborted)
    return failed(tr("Printer '%1' refused the job").arg(printerName));
  PrinterDelivery out;
  out.printed = true;
  return out;
}

bool SystemPrinter::serviceAnswers(int timeoutMs)
{
  const std::optional<QByteArray> said = lpstat({QStringLiteral("-r")}, timeoutMs);
  return said && said->contains("scheduler is running");
}

std::optional<QStringList> SystemPrinter::queueNamesWithin(int timeoutMs)
{
  const std::optional<QByteArray> said = lpstat({QStringLiteral("-e")}, timeoutMs);
  if (!said)
    return std::nullopt;
  return QString::fromLocal8Bit(*said).split(u'\n', Qt::SkipEmptyParts);
}

std::optional<QByteArray> SystemPrinter::lpstat(const QStringList &arguments, int timeoutMs)
{
  QProcess lpstat;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C")); // its answer is read, so not in the bench's language
  lpstat.setProcessEnvironment(env);
  lpstat.start(QStringLiteral("lpstat"), arguments);
  if (!lpstat.waitForFinished(timeoutMs)) {
    lpstat.kill();
    lpstat.waitForFinished(1000);
    return std::nullopt;
  }
  return lpstat.readAllStandardOutput();
}

} // namespace pb::printing
