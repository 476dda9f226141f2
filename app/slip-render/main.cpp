// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-slip-render: renders the fictional sample slip with the built-in or a given template.
#include "core/documents/slipdata.h"
#include "ui/printing/sliprenderer.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>

#include <cstdio>

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
  const pb::printing::SlipRenderer renderer(paper, customTemplate);
  const int repeat = parser.value(u"repeat"_s).toInt();
  if (repeat > 0) {
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < repeat; ++i) {
      if (!renderer.renderPdf(slip))
        return 1;
    }
    std::printf("%.3f\n", static_cast<double>(timer.nsecsElapsed()) / 1e6 / repeat);
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
