// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/sliprenderer.h"

#include "ui/printing/slipdocument.h"

#include "ui/printing/base14pdfdevice.h"
#include "ui/printing/glyphcoverage.h"
#include "ui/printing/slipimagehandler.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QHash>
#include <QLoggingCategory>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextLayout>
#include <QTextTable>

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace pb::printing {

namespace {

QMarginsF marginsMm(SlipPaper paper)
{
  return paper == SlipPaper::Thermal4x6 ? QMarginsF(4, 4, 4, 4) : QMarginsF(14, 12, 14, 12);
}

Q_LOGGING_CATEGORY(lcSlipRenderer, "packbench.ui.printing.sliprenderer")

constexpr int kPdfResolution = 300;

// Liberation Sans has Helvetica's metrics, so the fast PDF path can name Helvetica without embedding.
// Design metrics and no kerning: glyph advances are exactly the ones a PDF viewer uses for Helvetica.
QFont slipFont(double points)
{
  QFont font(u"Liberation Sans"_s);
  font.setPointSizeF(points);
  font.setStyleHint(QFont::SansSerif, QFont::PreferNoShaping); // Latin needs no HarfBuzz; a fifth of the time
  font.setKerning(false);
  font.setHintingPreference(QFont::PreferNoHinting);
  return font;
}

// A cell's blocks by position: a QTextCursor would lay the line out again just to place itself.
QTextBlock firstBlock(const QTextDocument &doc, const QTextTableCell &cell)
{
  return doc.findBlock(cell.firstPosition());
}

QTextBlock lastBlock(const QTextDocument &doc, const QTextTableCell &cell)
{
  return doc.findBlock(cell.lastPosition());
}

// Where a block's lines really are. blockBoundingRect() misses a line that the layout pushed onto the
// next page (the line moves inside the block, the rectangle does not).
std::pair<double, double> blockExtent(QAbstractTextDocumentLayout *layout, const QTextBlock &block)
{
  const double top = layout->blockBoundingRect(block).top();
  const QTextLayout *lines = block.layout();
  if (!lines || lines->lineCount() == 0)
    return {top, top};
  const QTextLine last = lines->lineAt(lines->lineCount() - 1);
  return {top + lines->lineAt(0).y(), top + last.y() + last.height()};
}

// After the incremental relayouts of keepRowsTogether, a block without lines would be lost on paper.
bool hasUnlaidBlocks(const QTextDocument &doc)
{
  for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
    if (b.length() > 1 && (!b.layout() || b.layout()->lineCount() == 0))
      return true;
  }
  return false;
}

// Rows of a table that straddle a page break start on the next page instead: a quantity must never
// sit on one page and its item on the other. Repeats until the layout settles.
bool keepRowsTogether(QTextDocument &doc, double pageHeight)
{
  if (doc.pageCount() < 2)
    return false; // nothing straddles a page break
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
          const QTextBlock last = lastBlock(doc, cell);
          for (QTextBlock b = firstBlock(doc, cell); b.isValid(); b = b.next()) {
            const auto [blockTop, blockBottom] = blockExtent(layout, b);
            top = std::min(top, blockTop);
            bottom = std::max(bottom, blockBottom);
            if (b == last)
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

// Where a page's content really ends. When a table row is pushed to the next page, Qt stretches the
// row before it down to the page end, so its background and bottom border would bleed to the footer.
struct PageCut {
  double bottom = 0; // document y at which painting of this page stops
  double border = 0; // the stretched row's bottom border, redrawn at `bottom`
  QBrush borderBrush;
  double left = 0;
  double right = 0;
};

QList<PageCut> pageCuts(QTextDocument &doc, double pageHeight, int pages)
{
  QList<PageCut> cuts(pages);
  for (int p = 0; p < pages; ++p)
    cuts[p].bottom = (p + 1) * pageHeight;
  if (pages < 2)
    return cuts;
  auto *layout = doc.documentLayout();
  const double deviceScale = layout->paintDevice() ? layout->paintDevice()->logicalDpiY() / 96.0 : 1.0;
  auto rowExtent = [&](QTextTable *table, int r, double *top, double *bottom) {
    *top = 1e12;
    *bottom = -1e12;
    for (int c = 0; c < table->columns(); ++c) {
      const QTextTableCell cell = table->cellAt(r, c);
      *top = std::min(*top, blockExtent(layout, firstBlock(doc, cell)).first);
      *bottom = std::max(*bottom, blockExtent(layout, lastBlock(doc, cell)).second);
    }
  };
  for (QTextFrame *frame : doc.rootFrame()->childFrames()) {
    auto *table = qobject_cast<QTextTable *>(frame);
    if (!table)
      continue;
    const QTextTableFormat tableFormat = table->format();
    double previousTop = 0;
    double previousBottom = 0;
    rowExtent(table, tableFormat.headerRowCount(), &previousTop, &previousBottom);
    for (int r = tableFormat.headerRowCount() + 1; r < table->rows(); ++r) {
      double top = 0;
      double bottom = 0;
      rowExtent(table, r, &top, &bottom);
      const int page = static_cast<int>(previousBottom / pageHeight);
      if (static_cast<int>(top / pageHeight) > page && page < pages) {
        const QTextTableCellFormat cell = table->cellAt(r - 1, 0).format().toTableCellFormat();
        const double padding =
            (cell.hasProperty(QTextFormat::TableCellBottomPadding) ? cell.bottomPadding() : tableFormat.cellPadding());
        PageCut &cut = cuts[page];
        cut.bottom = std::min(cut.bottom, previousBottom + padding * deviceScale);
        cut.border = cell.bottomBorder() * deviceScale;
        cut.borderBrush = cell.bottomBorderBrush();
        const QRectF first = layout->blockBoundingRect(firstBlock(doc, table->cellAt(r - 1, 0)));
        const QRectF last = layout->blockBoundingRect(firstBlock(doc, table->cellAt(r - 1, table->columns() - 1)));
        cut.left = first.left() - padding * deviceScale;
        cut.right = last.right() + padding * deviceScale;
      }
      previousBottom = bottom;
    }
  }
  return cuts;
}

// Each character no font can draw becomes a highlighted "?", so the gap is seen, not a silent blank.
QString markMissing(QString text, const QList<char32_t> &missing)
{
  for (const char32_t c : missing)
    text.replace(QString::fromUcs4(&c, 1), u"?"_s);
  return text;
}

// A bold line above the slip's content: what the packer must know about this print.
void prependNotice(QTextDocument &doc, const QString &notice)
{
  QTextCursor top(&doc);
  top.movePosition(QTextCursor::Start);
  top.insertBlock();
  top.movePosition(QTextCursor::Start);
  QTextCharFormat warning;
  warning.setFontWeight(QFont::Bold);
  top.insertText(notice, warning);
}

void markMissing(QTextDocument &doc, const QList<char32_t> &missing, const QString &notice)
{
  for (const char32_t c : missing) {
    const QString needle = QString::fromUcs4(&c, 1);
    for (QTextCursor found = doc.find(needle); !found.isNull(); found = doc.find(needle, found)) {
      QTextCharFormat marker = found.charFormat();
      marker.setFontWeight(QFont::Bold);
      marker.setBackground(QColor(0xdd, 0xdd, 0xdd));
      found.insertText(u"?"_s, marker);
    }
  }
  prependNotice(doc, notice);
}

} // namespace

std::optional<SlipPaper> slipPaperNamed(const QString &name)
{
  static const QHash<QString, SlipPaper> papers{{QStringLiteral("a4"), SlipPaper::A4},
                                                {QStringLiteral("letter"), SlipPaper::Letter},
                                                {QStringLiteral("4x6"), SlipPaper::Thermal4x6}};
  const auto paper = papers.constFind(name);
  return paper == papers.cend() ? std::nullopt : std::optional(*paper);
}

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
  const int resolution = device->logicalDpiY();
  auto info = paintSlips(
      {slip}, painter, device, [device] { return device->newPage(); }, resolution,
      QRectF(device->pageLayout().paintRectPixels(resolution)), QPointF());
  painter.end();
  return info;
}

Result<QByteArray> SlipRenderer::renderPdf(const documents::SlipData &slip, SlipRenderInfo *info) const
{
  return renderBatchPdf({slip}, info);
}

QString SlipRenderer::pdfTitle(const QList<documents::SlipData> &slips)
{
  return slips.size() == 1 ? tr("Packing slip %1").arg(slips.constFirst().orderName)
                           : tr("%n packing slip(s)", nullptr, static_cast<int>(slips.size()));
}

Result<QByteArray> SlipRenderer::renderBatchPdf(const QList<documents::SlipData> &slips, SlipRenderInfo *info) const
{
  // Fast path: our own PDF operators with Helvetica; QPdfWriter (embedded fonts) when that cannot be faithful.
  Base14PdfDevice device(pageSizeFor(m_paper), kPdfResolution);
  {
    QPainter painter;
    if (!painter.begin(&device))
      return makeError(ErrorKind::Internal, tr("Cannot start the PDF"));
    const QPageLayout page(pageSizeFor(m_paper), QPageLayout::Portrait, marginsMm(m_paper), QPageLayout::Millimeter);
    const QRectF body(page.paintRectPixels(kPdfResolution));
    auto result = paintSlips(
        slips, painter, &device,
        [&device] {
          device.newPage();
          return true;
        },
        kPdfResolution, body, body.topLeft(), [&device] { return !device.isFaithful(); });
    painter.end();
    if (!result)
      return result.error();
    if (device.isFaithful()) {
      if (info)
        *info = result.value();
      return device.toPdf(pdfTitle(slips), u"Packbench"_s);
    }
  }
  qCInfo(lcSlipRenderer, "slip needs embedded fonts (%s); rendering with QPdfWriter",
         qUtf8Printable(device.unfaithfulReason()));
  return renderWithPdfWriter(slips, info);
}

Result<QByteArray> SlipRenderer::renderWithPdfWriter(const QList<documents::SlipData> &slips,
                                                     SlipRenderInfo *info) const
{
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  {
    QPdfWriter writer(&buffer);
    writer.setResolution(kPdfResolution);
    writer.setTitle(pdfTitle(slips));
    writer.setCreator(u"Packbench"_s);
    writer.setPageSize(pageSizeFor(m_paper));
    writer.setPageMargins(marginsMm(m_paper), QPageLayout::Millimeter);
    QPainter painter;
    if (!painter.begin(&writer))
      return makeError(ErrorKind::Internal, tr("Cannot start the PDF"));
    const int resolution = writer.logicalDpiY();
    auto result = paintSlips(
        slips, painter, &writer, [&writer] { return writer.newPage(); }, resolution,
        QRectF(writer.pageLayout().paintRectPixels(resolution)), QPointF());
    painter.end();
    if (!result)
      return result.error();
    if (info)
      *info = result.value();
  }
  return bytes;
}

Result<QImage> SlipRenderer::renderPageImage(const documents::SlipData &slip, int page, int dpi,
                                             SlipRenderInfo *info) const
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
  auto result = paintSlip(slip, painter, &image, {}, dpi, body, body.topLeft(), page, &started);
  painter.end();
  if (!result)
    return result.error();
  if (info)
    *info = *result;
  return image;
}

Result<SlipRenderInfo> SlipRenderer::paintSlips(const QList<documents::SlipData> &slips, QPainter &painter,
                                                QPaintDevice *target, const std::function<bool()> &newPage,
                                                int resolution, const QRectF &body, QPointF origin,
                                                const std::function<bool()> &abandon) const
{
  bool started = false;
  SlipRenderInfo total;
  for (const documents::SlipData &slip : slips) {
    if (abandon && abandon())
      break;
    auto result = paintSlip(slip, painter, target, newPage, resolution, body, origin, -1, &started);
    if (!result)
      return result.error();
    total.pages += result.value().pages;
    total.usedFallback = total.usedFallback || result.value().usedFallback;
    mergeCodePoints(total.missingCharacters, result.value().missingCharacters);
    if (total.templateError.isEmpty())
      total.templateError = result.value().templateError;
  }
  return total;
}

Result<SlipRenderInfo> SlipRenderer::paintSlip(const documents::SlipData &slip, QPainter &painter, QPaintDevice *target,
                                               const std::function<bool()> &newPage, int resolution, const QRectF &body,
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

  SlipImageHandler images; // outlives the document that draws through it
  if (auto status = images.prepare(html.value().html); !status)
    return status.error();
  // Lay out on the target's own resolution so fonts and images measure the same as they print.
  SlipDocument doc(m_templateFolder);
  doc.documentLayout()->setPaintDevice(target);
  images.install(doc);
  doc.setDocumentMargin(0);
  doc.setUseDesignMetrics(true);
  const QFont base = slipFont(thermal ? 7 : 9);
  doc.setDefaultFont(base);
  const double pageBodyHeight = body.height() - headerHeight - footerHeight;
  doc.setPageSize(QSizeF(body.width(), pageBodyHeight)); // before the HTML: one layout pass, not two
  doc.setHtml(html.value().html);

  QFont small = base;
  small.setPointSizeF(thermal ? 6 : 7.5);
  QFont bold = small;
  bold.setBold(true);
  // A name in a script no installed font has must not vanish from the slip: say so on it instead.
  doc.pageCount(); // lays the document out: the check reads the glyphs the layout chose
  info.missingCharacters = missingGlyphs(doc);
  mergeCodePoints(info.missingCharacters, missingGlyphs(slip.shopName, small));
  mergeCodePoints(info.missingCharacters, missingGlyphs(slip.orderName, bold));
  const QString shopName = markMissing(slip.shopName, info.missingCharacters);
  const QString orderName = markMissing(slip.orderName, info.missingCharacters);
  if (!info.missingCharacters.isEmpty())
    markMissing(doc, info.missingCharacters,
                tr("%n character(s) of this slip cannot be printed (no installed font has them: %1); "
                   "they are shown as ?.",
                   nullptr, static_cast<int>(info.missingCharacters.size()))
                    .arg(codePointList(info.missingCharacters)));
  if (info.usedFallback) // the built-in slip printed instead: the packer sees why on the slip itself
    prependNotice(doc, tr("Custom slip template not used: %1. This is the built-in slip.").arg(info.templateError));
  if (keepRowsTogether(doc, pageBodyHeight) && hasUnlaidBlocks(doc))
    doc.markContentsDirty(0, doc.characterCount()); // a full relayout costs as much as the first one
  info.pages = doc.pageCount();
  const QList<PageCut> cuts = pageCuts(doc, pageBodyHeight, info.pages);
  for (int p = 0; p < info.pages; ++p) {
    if (onlyPage >= 0 && p != onlyPage)
      continue;
    if (*started && newPage && !newPage())
      return makeError(ErrorKind::Unavailable, tr("The printer refused a new page"));
    *started = true;
    painter.save();
    painter.translate(origin);
    painter.setFont(small);
    painter.setPen(QColor(0x55, 0x55, 0x55));
    // Running header from page 2 on: the packer must see which order a loose page belongs to.
    if (p > 0) {
      const QRectF band(0, 0, body.width(), headerHeight - 1.5 * mm);
      painter.drawText(band, Qt::AlignLeft | Qt::AlignBottom, shopName);
      painter.setFont(bold);
      painter.drawText(band, Qt::AlignRight | Qt::AlignBottom, tr("%1 — continued").arg(orderName));
      painter.setFont(small);
      painter.drawLine(QPointF(0, headerHeight - mm), QPointF(body.width(), headerHeight - mm));
    }
    const QRectF footer(0, body.height() - footerHeight + mm, body.width(), footerHeight - mm);
    painter.drawLine(QPointF(0, footer.top()), QPointF(body.width(), footer.top()));
    painter.drawText(footer, Qt::AlignLeft | Qt::AlignBottom, tr("%1 · %2").arg(orderName, shopName));
    painter.drawText(footer, Qt::AlignRight | Qt::AlignBottom, tr("Page %1 of %2").arg(p + 1).arg(info.pages));
    painter.translate(0, headerHeight - p * pageBodyHeight);
    const PageCut &cut = cuts.at(p);
    doc.drawContents(&painter, QRectF(0, p * pageBodyHeight, body.width(), cut.bottom - p * pageBodyHeight));
    if (cut.border > 0) {
      painter.setClipping(false);
      painter.fillRect(QRectF(cut.left, cut.bottom - cut.border, cut.right - cut.left, cut.border), cut.borderBrush);
    }
    painter.restore();
  }
  return info;
}

} // namespace pb::printing
