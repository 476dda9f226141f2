// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-slip-render: renders the fictional sample slip with the built-in or a given template, so a merchant can
// see what the station would print before the template goes live. Exit codes: 0 rendered; 1 not rendered, or the
// custom template failed (the PDF then shows the built-in slip the station prints instead); 2 bad arguments.
#include "core/documents/slipdata.h"
#include "ui/printing/barcodeimage.h"
#include "ui/printing/glyphcoverage.h"
#include "ui/printing/sliprenderer.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cstdio>
#include <ctime>
#include <optional>

using namespace Qt::StringLiterals;
using pb::documents::SlipData;
using pb::printing::SlipPaper;
using pb::printing::SlipRenderer;

namespace {

enum Exit { Rendered = 0, Failed = 1, BadArguments = 2 };

int fail(const QString &message, int code = Failed)
{
  std::fprintf(stderr, "packbench-slip-render: %s\n", qPrintable(message));
  return code;
}

// Written whole or not at all: a failed run leaves no half-written file behind.
bool writeFile(const QString &path, const QByteArray &bytes)
{
  QSaveFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

// A PNG through writeFile, so an image is written whole or not at all too.
bool writePng(const QString &path, const QImage &image)
{
  QByteArray bytes;
  QBuffer buffer(&bytes);
  return buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG") && writeFile(path, bytes);
}

// A whole number within [low, high], or nothing.
std::optional<int> numberIn(const QString &text, int low, int high)
{
  bool ok = false;
  const int n = text.toInt(&ok);
  return ok && n >= low && n <= high ? std::optional(n) : std::nullopt;
}

// The side files a template author reads: the Liquid variables, the HTML, the order barcode.
int writeDumps(const QCommandLineParser &parser, const SlipData &slip, SlipPaper paper, const QString &customTemplate)
{
  if (parser.isSet(u"dump-json"_s)) {
    const QString path = parser.value(u"dump-json"_s);
    if (!writeFile(path, QJsonDocument(QJsonObject::fromVariantMap(pb::documents::slipEnvironment(slip))).toJson()))
      return fail(u"cannot write %1"_s.arg(path));
  }
  if (parser.isSet(u"dump-barcode"_s)) {
    const QString path = parser.value(u"dump-barcode"_s);
    auto image = pb::printing::code128Image(slip.orderName);
    if (!image)
      return fail(image.error().message);
    if (!writePng(path, *image))
      return fail(u"cannot write %1"_s.arg(path));
  }
  if (parser.isSet(u"dump-html"_s)) {
    const QString path = parser.value(u"dump-html"_s);
    const auto layout =
        paper == SlipPaper::Thermal4x6 ? pb::documents::SlipLayout::Thermal4x6 : pb::documents::SlipLayout::Page;
    auto html = pb::documents::renderSlipHtml(slip, layout, customTemplate);
    if (!html)
      return fail(html.error().message);
    if (!writeFile(path, html->html.toUtf8()))
      return fail(u"cannot write %1"_s.arg(path));
  }
  return Rendered;
}

// --repeat: milliseconds of wall and CPU time per slip, for tests/bench/slip_render_bench.sh.
int timeRenders(const SlipRenderer &renderer, const SlipData &slip, int repeat, bool batch)
{
  for (int i = 0; i < 3; ++i) // warm-up: fonts, template cache
    (void)renderer.renderPdf(slip);
  QElapsedTimer timer;
  timer.start();
  const std::clock_t cpuStart = std::clock();
  if (batch) {
    if (auto pdf = renderer.renderBatchPdf(QList<SlipData>(repeat, slip)); !pdf)
      return fail(pdf.error().message);
  } else {
    for (int i = 0; i < repeat; ++i)
      if (auto pdf = renderer.renderPdf(slip); !pdf)
        return fail(pdf.error().message);
  }
  const double cpuMs = 1000.0 * static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
  std::printf("%.3f %.3f\n", static_cast<double>(timer.nsecsElapsed()) / 1e6 / repeat, cpuMs / repeat);
  return Rendered;
}

// What the station would do differently from the template's author's intent, said on standard error.
int reportRender(const pb::printing::SlipRenderInfo &info)
{
  if (!info.missingCharacters.isEmpty())
    std::fprintf(stderr, "packbench-slip-render: no installed font has %s; they print as ?\n",
                 qPrintable(pb::printing::codePointList(info.missingCharacters)));
  if (info.usedFallback)
    return fail(u"custom template not used: %1. This is the built-in slip the station prints instead"_s.arg(
        info.templateError));
  return Rendered;
}

} // namespace

int main(int argc, char *argv[])
{
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen"); // a rendering tool needs no display
  QGuiApplication app(argc, argv);
  QCommandLineParser parser;
  parser.setApplicationDescription(u"Render the sample packing slip to PDF (or one page to PNG).\n"
                                   "Exit codes: 0 rendered; 1 not rendered, or the custom template failed (the "
                                   "PDF shows the built-in slip the station prints instead); 2 bad arguments."_s);
  parser.addHelpOption();
  parser.addOption({u"paper"_s, u"a4, letter or 4x6"_s, u"paper"_s, u"letter"_s});
  parser.addOption({u"lines"_s, u"number of order lines (1 to 1000)"_s, u"n"_s, u"6"_s});
  parser.addOption({u"template"_s, u"custom Liquid template file"_s, u"file"_s});
  parser.addOption({u"png-page"_s, u"write this page (1-based) as PNG instead of PDF"_s, u"page"_s});
  parser.addOption({u"dpi"_s, u"PNG resolution (36 to 600)"_s, u"dpi"_s, u"100"_s});
  parser.addOption({u"repeat"_s, u"render N times and print ms per slip (benchmarks)"_s, u"n"_s, u"0"_s});
  parser.addOption({u"batch"_s, u"with --repeat: render the N slips into one PDF"_s});
  parser.addOption({u"dump-json"_s, u"also write the slip's Liquid variables as JSON"_s, u"file"_s});
  parser.addOption({u"dump-html"_s, u"also write the rendered slip HTML"_s, u"file"_s});
  parser.addOption({u"dump-barcode"_s, u"also write the order barcode as PNG"_s, u"file"_s});
  parser.addPositionalArgument(u"output"_s, u"output file"_s);
  parser.process(app);
  if (parser.positionalArguments().size() != 1)
    return fail(u"name one output file (--help lists the options)"_s, BadArguments);
  const auto paper = pb::printing::slipPaperNamed(parser.value(u"paper"_s));
  const auto lines = numberIn(parser.value(u"lines"_s), 1, 1000);
  const auto dpi = numberIn(parser.value(u"dpi"_s), 36, 600);
  const auto repeat = numberIn(parser.value(u"repeat"_s), 0, 1'000'000);
  const auto page = parser.isSet(u"png-page"_s) ? numberIn(parser.value(u"png-page"_s), 1, 10'000) : 1;
  if (!paper)
    return fail(u"--paper is a4, letter or 4x6, not \"%1\""_s.arg(parser.value(u"paper"_s)), BadArguments);
  if (!lines || !dpi || !repeat || !page)
    return fail(u"--lines takes 1 to 1000, --dpi 36 to 600, --png-page a page number, --repeat a count"_s,
                BadArguments);

  QString customTemplate;
  if (parser.isSet(u"template"_s)) {
    QFile file(parser.value(u"template"_s));
    if (!file.open(QIODevice::ReadOnly))
      return fail(u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
    customTemplate = QString::fromUtf8(file.readAll());
  }
  const SlipData slip = pb::documents::sampleSlip(*lines);
  SlipRenderer renderer(*paper, customTemplate);
  if (parser.isSet(u"template"_s))
    renderer.setTemplateFolder(QFileInfo(parser.value(u"template"_s)).absolutePath());
  if (const int dumped = writeDumps(parser, slip, *paper, customTemplate); dumped != Rendered)
    return dumped;
  if (*repeat > 0)
    return timeRenders(renderer, slip, *repeat, parser.isSet(u"batch"_s));

  const QString output = parser.positionalArguments().constFirst();
  pb::printing::SlipRenderInfo info;
  if (parser.isSet(u"png-page"_s)) {
    auto image = renderer.renderPageImage(slip, *page - 1, *dpi, &info);
    if (!image)
      return fail(image.error().message);
    if (*page > info.pages)
      return fail(u"the slip has %1 page(s); there is no page %2"_s.arg(info.pages).arg(*page));
    if (!writePng(output, *image))
      return fail(u"cannot write %1"_s.arg(output));
  } else {
    auto pdf = renderer.renderPdf(slip, &info);
    if (!pdf)
      return fail(pdf.error().message);
    if (!writeFile(output, *pdf))
      return fail(u"cannot write %1"_s.arg(output));
  }
  std::printf("%d page(s)\n", info.pages);
  return reportRender(info);
}
