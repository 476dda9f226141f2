// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-slip-render: renders the fictional sample slip with the built-in or a given template.
#include "core/documents/slipdata.h"
#include "ui/printing/barcodeimage.h"
#include "ui/printing/sliprenderer.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen"); // a rendering tool needs no display
  QGuiApplication app(argc, argv);
  QCommandLineParser parser;
  parser.setApplicationDescription(u"Render the sample packing slip to PDF (or one page to PNG)."_s);
  parser.addHelpOption();
  parser.addOption({u"paper"_s, u"a4, letter or 4x6"_s, u"paper"_s, u"letter"_s});
  parser.addOption({u"lines"_s, u"number of order lines"_s, u"n"_s, u"6"_s});
  parser.addOption({u"template"_s, u"custom Liquid template file"_s, u"file"_s});
  parser.addOption({u"png-page"_s, u"write this page (1-based) as PNG instead of PDF"_s, u"page"_s});
  parser.addOption({u"dpi"_s, u"PNG resolution"_s, u"dpi"_s, u"100"_s});
  parser.addOption({u"repeat"_s, u"render N times and print ms per slip (benchmarks)"_s, u"n"_s, u"0"_s});
  parser.addOption({u"batch"_s, u"with --repeat: render the N slips into one PDF"_s});
  parser.addOption({u"dump-json"_s, u"also write the slip's Liquid variables as JSON"_s, u"file"_s});
  parser.addOption({u"dump-html"_s, u"also write the rendered slip HTML"_s, u"file"_s});
  parser.addOption({u"dump-barcode"_s, u"also write the order barcode as PNG"_s, u"file"_s});
  parser.addPositionalArgument(u"output"_s, u"output file"_s);
  parser.process(app);
  if (parser.positionalArguments().size() != 1)
    parser.showHelp(2);
  const QString paperName = parser.value(u"paper"_s);
  const auto paper = paperName == u"a4"_s    ? pb::printing::SlipPaper::A4
                     : paperName == u"4x6"_s ? pb::printing::SlipPaper::Thermal4x6
                                             : pb::printing::SlipPaper::Letter;
  QString customTemplate;
  if (parser.isSet(u"template"_s)) {
    QFile file(parser.value(u"template"_s));
    if (!file.open(QIODevice::ReadOnly)) {
      std::fprintf(stderr, "cannot read %s\n", qPrintable(file.fileName()));
      return 1;
    }
    customTemplate = QString::fromUtf8(file.readAll());
  }
  const auto slip = pb::documents::sampleSlip(parser.value(u"lines"_s).toInt());
  pb::printing::SlipRenderer renderer(paper, customTemplate);
  if (parser.isSet(u"template"_s))
    renderer.setTemplateFolder(QFileInfo(parser.value(u"template"_s)).absolutePath());
  if (parser.isSet(u"dump-json"_s)) {
    QFile json(parser.value(u"dump-json"_s));
    if (!json.open(QIODevice::WriteOnly))
      return 1;
    json.write(QJsonDocument(QJsonObject::fromVariantMap(pb::documents::slipEnvironment(slip))).toJson());
  }
  if (parser.isSet(u"dump-barcode"_s)) {
    auto image = pb::printing::code128Image(slip.orderName);
    if (!image || !image.value().save(parser.value(u"dump-barcode"_s)))
      return 1;
  }
  if (parser.isSet(u"dump-html"_s)) {
    auto html = pb::documents::renderSlipHtml(slip,
                                              paper == pb::printing::SlipPaper::Thermal4x6
                                                  ? pb::documents::SlipLayout::Thermal4x6
                                                  : pb::documents::SlipLayout::Page,
                                              customTemplate);
    QFile file(parser.value(u"dump-html"_s));
    if (!html || !file.open(QIODevice::WriteOnly))
      return 1;
    file.write(html.value().html.toUtf8());
  }
  const int repeat = parser.value(u"repeat"_s).toInt();
  if (repeat > 0) {
    for (int i = 0; i < 3; ++i) // warm-up: fonts, template cache
      (void)renderer.renderPdf(slip);
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    if (parser.isSet(u"batch"_s)) {
      if (!renderer.renderBatchPdf(QList<pb::documents::SlipData>(repeat, slip)))
        return 1;
    } else {
      for (int i = 0; i < repeat; ++i) {
        if (!renderer.renderPdf(slip))
          return 1;
      }
    }
    const double cpuMs = 1000.0 * static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    std::printf("%.3f %.3f\n", static_cast<double>(timer.nsecsElapsed()) / 1e6 / repeat, cpuMs / repeat);
    return 0;
  }
  QFile out(parser.positionalArguments().constFirst());
  if (parser.isSet(u"png-page"_s)) {
    auto image =
        renderer.renderPageImage(slip, parser.value(u"png-page"_s).toInt() - 1, parser.value(u"dpi"_s).toInt());
    if (!image || !image.value().save(out.fileName())) {
      std::fprintf(stderr, "render failed: %s\n", image ? "cannot write" : qPrintable(image.error().message));
      return 1;
    }
    return 0;
  }
  pb::printing::SlipRenderInfo info;
  auto pdf = renderer.renderPdf(slip, &info);
  if (!pdf || !out.open(QIODevice::WriteOnly) || out.write(pdf.value()) != pdf.value().size()) {
    std::fprintf(stderr, "render failed: %s\n", pdf ? "cannot write" : qPrintable(pdf.error().message));
    return 1;
  }
  std::printf("%d page(s)%s\n", info.pages, info.usedFallback ? " (custom template failed; built-in used)" : "");
  return 0;
}
