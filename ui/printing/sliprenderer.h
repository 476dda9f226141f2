// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/slipdata.h"
#include "core/documents/sliptemplate.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QPageSize>
#include <QRectF>

#include <functional>
#include <optional>

class QPagedPaintDevice;
class QPainter;
class QTextDocument;

namespace pb::printing {

enum class SlipPaper { A4, Letter, Thermal4x6 };

QPageSize pageSizeFor(SlipPaper paper);
// The paper of a name as printing.slip_paper and --paper spell it (a4, letter, 4x6); none for any other.
std::optional<SlipPaper> slipPaperNamed(const QString &name);

// What a render produced: page count, whether the custom template fell back to the built-in, and
// the characters no installed font could draw (printed as a marked "?" under a notice, never as blanks).
struct SlipRenderInfo {
  int pages = 0;
  bool usedFallback = false;
  QString templateError;
  QList<char32_t> missingCharacters;
};

// Lays a slip out with QTextDocument and paints it page by page onto a PDF, printer or image:
// a running header from page 2 on, table headers repeated, "Page x of y" on every page.
class SlipRenderer final {
  Q_DECLARE_TR_FUNCTIONS(pb::printing::SlipRenderer)

public:
  explicit SlipRenderer(SlipPaper paper, QString customTemplate = {});
  // Where the custom template's images may come from (besides data: URIs); empty: no files.
  void setTemplateFolder(const QString &folder) { m_templateFolder = folder; }

  // The device's page size and margins are set from the paper; it must be fresh (no page painted yet).
  Result<SlipRenderInfo> render(const documents::SlipData &slip, QPagedPaintDevice *device) const;
  Result<QByteArray> renderPdf(const documents::SlipData &slip, SlipRenderInfo *info = nullptr) const;
  // Many slips in one PDF (a wave's batch). PDFs name the standard Helvetica/Courier and embed no font;
  // a slip with text outside WinAnsi (Cyrillic, CJK…) is rendered by QPdfWriter with embedded fonts.
  Result<QByteArray> renderBatchPdf(const QList<documents::SlipData> &slips, SlipRenderInfo *info = nullptr) const;
  // One page as an image (preview, screenshots), at `dpi`; info->pages says how many the slip has.
  Result<QImage> renderPageImage(const documents::SlipData &slip, int page, int dpi,
                                 SlipRenderInfo *info = nullptr) const;

private:
  static QString pdfTitle(const QList<documents::SlipData> &slips);
  Result<QByteArray> renderWithPdfWriter(const QList<documents::SlipData> &slips, SlipRenderInfo *info) const;
  Result<SlipRenderInfo> paintSlips(const QList<documents::SlipData> &slips, QPainter &painter, QPaintDevice *target,
                                    const std::function<bool()> &newPage, int resolution, const QRectF &body,
                                    QPointF origin, const std::function<bool()> &abandon = {}) const;
  // Lays out one slip and paints its pages (or only `onlyPage`); `started` says a page was begun before.
  Result<SlipRenderInfo> paintSlip(const documents::SlipData &slip, QPainter &painter, QPaintDevice *target,
                                   const std::function<bool()> &newPage, int resolution, const QRectF &body,
                                   QPointF origin, int onlyPage, bool *started) const;
  SlipPaper m_paper;
  QString m_customTemplate;
  QString m_templateFolder;
};

} // namespace pb::printing
