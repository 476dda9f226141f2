// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/sliprenderer.h"

#include "ui/printing/barcodeimage.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace pb::printing {

namespace {

QMarginsF marginsMm(SlipPaper paper)
{
  return paper == SlipPaper::Thermal4x6 ? QMarginsF(4, 4, 4, 4) : QMarginsF(14, 12, 14, 12);
}

// Turns every <img src="barcode:…"> into a zint-drawn Code 128 image resource.
Status addBarcodes(QTextDocument &doc, const QString &html)
{
  static const QRegularExpression src(uR"re(src="(barcode:[^"]*)")re"_s);
  auto it = src.globalMatch(html);
  while (it.hasNext()) {
    const QString url = it.next().captured(1);
    const QString data = QUrl::fromPercentEncoding(url.mid(8).toUtf8());
    auto image = code128Image(data);
    if (!image)
      return image.error();
    doc.addResource(QTextDocument::ImageResource, QUrl(url), image.value());
  }
  return {};
}

// Rows of a table that straddle a page break start on the next page instead: a quantity must never
// sit on one page and its item on the other. Repeats until the layout settles.
bool keepRowsTogether(QTextDocument &doc, double pageHeight)
{
  bool changed = false;
  auto *layout = doc.documentLayout();
  for (int pass = 0; pass < 200; ++pass) {
    bool moved = false;
    for (QTextFrame *frame : doc.rootFrame()->childFrames()) {
      auto *table = qobject_cast<QTextTable *>(frame);
      if (!table)
        continue;
      const int headerRows = table->format().headerRowCount();
      for (int r = headerRows; r < table->rows() && !moved; ++r) {
        double top = 1e12;
        double bottom = -1e12;
        for (int c = 0; c < table->columns(); ++c) {
          const QTextTableCell cell = table->cellAt(r, c);
          for (QTextBlock b = cell.firstCursorPosition().block(); b.isValid(); b = b.next()) {
            const QRectF rect = layout->blockBoundingRect(b);
            top = std::min(top, rect.top());
            bottom = std::max(bottom, rect.bottom());
            if (b == cell.lastCursorPosition().block())
              break;
          }
        }
        if (bottom <= top || std::floor(top / pageHeight) == std::floor((bottom - 1) / pageHeight))
          continue;
        if (r == headerRows)
          continue; // the first row is taller than a page: nothing to gain
        for (int c = 0; c < table->columns(); ++c) {
          QTextCursor cursor = table->cellAt(r - 1, c).lastCursorPosition();
          QTextBlockFormat format = cursor.blockFormat();
          if (format.pageBreakPolicy() & QTextFormat::PageBreak_AlwaysAfter)
            return changed; // already tried: leave the layout as it is
          format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysAfter);
          cursor.setBlockFormat(format);
        }
        moved = true;
      }
      if (moved)
        break;
    }
    if (!moved)
      return changed;
    changed = true;
  }
  return changed;
}

} // namespace

QPageSize pageSizeFor(SlipPaper paper)
{
  switch (paper) {
  case SlipPaper::A4: return QPageSize(QPageSize::A4);
  case SlipPaper::Letter: return QPageSize(QPageSize::Letter);
  case SlipPaper::Thermal4x6: return QPageSize(QSizeF(4, 6), QPageSize::Inch, u"4x6"_s);
  }
  return QPageSize(QPageSize::A4);
}

SlipRenderer::SlipRenderer(SlipPaper paper, QString customTemplate)
    : m_paper(paper)
    , m_customTemplate(std::move(customTemplate))
{}

Result<SlipRenderInfo> SlipRenderer::render(const documents::SlipData &slip, QPagedPaintDevice *device) const
{
  device->setPageSize(pageSizeFor(m_paper));
  device->setPageMargins(marginsMm(m_paper), QPageLayout::Millimeter);
  QPainter painter;
  if (!painter.begin(device))
    return makeError(ErrorKind::Unavailable, tr("The printer could not start a page"));
  bool started = false;
  const int resolution = device->logicalDpiY();
  auto info = paintSlip(slip, painter, device, device, resolution,
                        QRectF(device->pageLayout().paintRectPixels(resolution)), QPointF(), -1, &started);
  painter.end();
  return info;
}

Result<QByteArray> SlipRenderer::renderPdf(const documents::SlipData &slip, SlipRenderInfo *info) const
{
  return renderBatchPdf({slip}, info);
}

Result<QByteArray> SlipRenderer::renderBatchPdf(const QList<documents::SlipData> &slips, SlipRenderInfo *info) const
{
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  {
    QPdfWriter writer(&buffer);
    writer.setResolution(300);
    writer.setTitle(slips.size() == 1 ? tr("Packing slip %1").arg(slips.constFirst().orderName)
                                      : tr("%n packing slip(s)", nullptr, static_cast<int>(slips.size())));
    writer.setCreator(u"Packbench"_s);
    writer.setPageSize(pageSizeFor(m_paper));
    writer.setPageMargins(marginsMm(m_paper), QPageLayout::Millimeter);
    QPainter painter;
    if (!painter.begin(&writer))
      return makeError(ErrorKind::Internal, tr("Cannot start the PDF"));
    const int resolution = writer.logicalDpiY();
    const QRectF body(writer.pageLayout().paintRectPixels(resolution));
    bool started = false;
    SlipRenderInfo total;
    for (const documents::SlipData &slip : slips) {
      auto result = paintSlip(slip, painter, &writer, &writer, resolution, body, QPointF(), -1, &started);
      if (!result)
        return result.error();
      total.pages += result.value().pages;
      total.usedFallback = total.usedFallback || result.value().usedFallback;
      if (total.templateError.isEmpty())
        total.templateError = result.value().templateError;
    }
    painter.end();
    if (info)
      *info = total;
  }
  return bytes;
}

Result<QImage> SlipRenderer::renderPageImage(const documents::SlipData &slip, int page, int dpi) const
{
  const QPageLayout pageLayout(pageSizeFor(m_paper), QPageLayout::Portrait, marginsMm(m_paper),
                               QPageLayout::Millimeter);
  QImage image(pageLayout.fullRectPixels(dpi).size(), QImage::Format_RGB32);
  image.setDotsPerMeterX(qRound(dpi / 0.0254));
  image.setDotsPerMeterY(qRound(dpi / 0.0254));
  image.fill(Qt::white);
  QPainter painter(&image);
  const QRectF body(pageLayout.paintRectPixels(dpi));
  bool started = false;
  auto result = paintSlip(slip, painter, &image, nullptr, dpi, body, body.topLeft(), page, &started);
  painter.end();
  if (!result)
    return result.error();
  return image;
}

Result<SlipRenderInfo> SlipRenderer::paintSlip(const documents::SlipData &slip, QPainter &painter, QPaintDevice *target,
                                               QPagedPaintDevice *paged, int resolution, const QRectF &body,
                                               QPointF origin, int onlyPage, bool *started) const
{
  const auto layout =
      m_paper == SlipPaper::Thermal4x6 ? documents::SlipLayout::Thermal4x6 : documents::SlipLayout::Page;
  auto html = documents::renderSlipHtml(slip, layout, m_customTemplate);
  if (!html)
    return html.error();
  SlipRenderInfo info;
  info.usedFallback = html.value().usedFallback;
  info.templateError = html.value().templateError;

  const double mm = resolution / 25.4;
  const bool thermal = m_paper == SlipPaper::Thermal4x6;
  const double headerHeight = (thermal ? 4.0 : 7.0) * mm;
  const double footerHeight = (thermal ? 4.0 : 7.0) * mm;

  // Lay out on the target's own resolution so fonts and images measure the same as they print.
  QTextDocument doc;
  doc.documentLayout()->setPaintDevice(target);
  doc.setDocumentMargin(0);
  QFont base(u"DejaVu Sans"_s, thermal ? 7 : 9);
  doc.setDefaultFont(base);
  if (auto status = addBarcodes(doc, html.value().html); !status)
    return status.error();
  doc.setHtml(html.value().html);
  const double pageBodyHeight = body.height() - headerHeight - footerHeight;
  doc.setPageSize(QSizeF(body.width(), pageBodyHeight));
  if (keepRowsTogether(doc, pageBodyHeight))
    doc.markContentsDirty(0, doc.characterCount()); // the incremental relayout can leave the tail unlaid
  info.pages = doc.pageCount();

  // Barcodes must reach the PDF losslessly; JPEG blurs the bars.
  painter.setRenderHint(QPainter::LosslessImageRendering);
  QFont small = base;
  small.setPointSizeF(thermal ? 6 : 7.5);
  for (int p = 0; p < info.pages; ++p) {
    if (onlyPage >= 0 && p != onlyPage)
      continue;
    if (*started && paged && !paged->newPage())
      return makeError(ErrorKind::Unavailable, tr("The printer refused a new page"));
    *started = true;
    painter.save();
    painter.translate(origin);
    painter.setFont(small);
    painter.setPen(QColor(0x55, 0x55, 0x55));
    // Running header from page 2 on: the packer must see which order a loose page belongs to.
    if (p > 0) {
      const QRectF band(0, 0, body.width(), headerHeight - 1.5 * mm);
      painter.drawText(band, Qt::AlignLeft | Qt::AlignBottom, slip.shopName);
      QFont bold = small;
      bold.setBold(true);
      painter.setFont(bold);
      painter.drawText(band, Qt::AlignRight | Qt::AlignBottom, tr("%1 — continued").arg(slip.orderName));
      painter.setFont(small);
      painter.drawLine(QPointF(0, headerHeight - mm), QPointF(body.width(), headerHeight - mm));
    }
    const QRectF footer(0, body.height() - footerHeight + mm, body.width(), footerHeight - mm);
    painter.drawLine(QPointF(0, footer.top()), QPointF(body.width(), footer.top()));
    painter.drawText(footer, Qt::AlignLeft | Qt::AlignBottom, tr("%1 · %2").arg(slip.orderName, slip.shopName));
    painter.drawText(footer, Qt::AlignRight | Qt::AlignBottom, tr("Page %1 of %2").arg(p + 1).arg(info.pages));
    painter.translate(0, headerHeight - p * pageBodyHeight);
    doc.drawContents(&painter, QRectF(0, p * pageBodyHeight, body.width(), pageBodyHeight));
    painter.restore();
  }
  return info;
}

} // namespace pb::printing
