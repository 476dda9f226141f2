// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The slip renderer without a printer: paper sizes, pagination, preview images and barcodes.
#include "core/documents/slipdata.h"
#include "tests/support/code128read.h"
#include "ui/printing/barcodeimage.h"
#include "ui/printing/sliprenderer.h"
#include "ui/slippreviewdialog.h"

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QLabel>
#include <QPdfWriter>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace pb::printing;
using namespace Qt::StringLiterals;

class SlipRenderTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void barcode_decodesBack_data()
  {
    QTest::addColumn<QString>("data");
    QTest::newRow("order name") << u"#1002"_s;
    QTest::newRow("long name") << u"NW-ORDER-2026-11-000123"_s;
    QTest::newRow("digits") << u"1234567890"_s;
  }

  void barcode_decodesBack()
  {
    QFETCH(QString, data);
    auto image = code128Image(data, 3, 30);
    QVERIFY(image.ok());
    QCOMPARE(test::readCode128(image.value()), data);
  }

  void barcode_ofNothing_isAnError()
  {
    auto image = code128Image(QString());
    QVERIFY(!image.ok());
    QCOMPARE(image.error().kind, ErrorKind::InvalidInput);
  }

  void previewPage_showsDecodableOrderBarcode_data()
  {
    QTest::addColumn<int>("paper");
    QTest::newRow("A4") << static_cast<int>(SlipPaper::A4);
    QTest::newRow("Letter") << static_cast<int>(SlipPaper::Letter);
    QTest::newRow("4x6 thermal") << static_cast<int>(SlipPaper::Thermal4x6);
  }

  void previewPage_showsDecodableOrderBarcode()
  {
    QFETCH(int, paper);
    const SlipRenderer renderer(static_cast<SlipPaper>(paper));
    auto image = renderer.renderPageImage(documents::sampleSlip(5), 0, 200);
    QVERIFY(image.ok());
    const QSizeF inches = pageSizeFor(static_cast<SlipPaper>(paper)).size(QPageSize::Inch);
    QVERIFY(qAbs(image.value().width() - qRound(inches.width() * 200)) <= 1);
    QCOMPARE(test::readCode128(image.value()), u"#1002"_s);
  }

  void longOrder_paginates_andShortOrderIsOnePage()
  {
    const SlipRenderer renderer(SlipPaper::Letter);
    SlipRenderInfo info;
    QVERIFY(renderer.renderPdf(documents::sampleSlip(5), &info).ok());
    QCOMPARE(info.pages, 1);
    auto pdf = renderer.renderPdf(documents::sampleSlip(60), &info);
    QVERIFY(pdf.ok());
    QVERIFY(info.pages >= 2);
    QVERIFY(pdf.value().startsWith("%PDF"));
  }

  void previewDialog_showsPages_andSaysWhenItCannotPrint()
  {
    ui::SlipPreviewDialog dialog(documents::sampleSlip(60), SlipPaper::Letter);
    QVERIFY(dialog.pageCount() >= 2);
    auto *image = dialog.findChild<QLabel *>(u"slipPreviewImage"_s);
    QVERIFY(image && !image->pixmap().isNull());
    QCOMPARE(test::readCode128(image->pixmap().toImage()), u"#1002"_s);
    auto *page = dialog.findChild<QSpinBox *>(u"slipPreviewPage"_s);
    QVERIFY(page);
    page->setValue(2);
    QCOMPARE(dialog.currentPage(), 1);
    QVERIFY(dialog.findChild<QLabel *>(u"slipPreviewStatus"_s)->text().contains(u"Page 2 of"_s));
    dialog.setPrinter(u"no-such-printer"_s);
    dialog.findChild<QPushButton *>(u"slipPreviewPrint"_s)->click();
    QTRY_COMPARE(dialog.findChild<QLabel *>(u"slipPreviewStatus"_s)->text(),
                 u"Not printed on no-such-printer: Printer 'no-such-printer' was not found"_s);
  }

  void brokenCustomTemplate_stillRendersTheBuiltInSlip()
  {
    const SlipRenderer renderer(SlipPaper::A4, u"{% if %}"_s);
    SlipRenderInfo info;
    auto pdf = renderer.renderPdf(documents::sampleSlip(3), &info);
    QVERIFY(pdf.ok());
    QVERIFY(info.usedFallback);
    QCOMPARE(info.pages, 1);
    QVERIFY(!info.templateError.isEmpty());
  }

  // A merchant's template that would take the station's memory or time prints the built-in slip instead,
  // which says why at its top and still carries the order's barcode.
  void hostileCustomTemplate_printsTheBuiltInSlip_withTheReason_data()
  {
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("reason");
    QTest::newRow("range to INT64_MAX") << u"{% for i in (0..9223372036854775807) %}x{% endfor %}"_s
                                        << u"loop budget"_s;
    QTest::newRow("too many iterations") << u"{% for i in (1..150000) %}.{% endfor %}"_s << u"loop budget"_s;
    // 2,600 characters a pass: over the output budget in under 100 passes, long before the time budget
    // even in a sanitizer build on a loaded machine (26 a pass took 7,700 passes and, there, over 2 s).
    QTest::newRow("too much output") << u"{% for i in (1..60000) %}{{ '"_s +
                                            u"abcdefghijklmnopqrstuvwxyz"_s.repeated(100) + u"' }}{% endfor %}"_s
                                     << u"output budget"_s;
    QTest::newRow("nested expressions") << u"{{ a"_s + u"[a"_s.repeated(1'000) + u"]"_s.repeated(1'000) + u" }}"_s
                                        << u"nested deeper"_s;
  }

  void hostileCustomTemplate_printsTheBuiltInSlip_withTheReason()
  {
    QFETCH(QString, source);
    QFETCH(QString, reason);
    const SlipRenderer renderer(SlipPaper::Letter, source);
    SlipRenderInfo info;
    auto pdf = renderer.renderPdf(documents::sampleSlip(3), &info);
    QVERIFY(pdf.ok());
    QVERIFY(info.usedFallback);
    QVERIFY2(info.templateError.contains(reason), qPrintable(info.templateError));
    QCOMPARE(info.pages, 1);
    auto page = renderer.renderPageImage(documents::sampleSlip(3), 0, 150);
    QVERIFY(page.ok());
    QCOMPARE(test::readCode128(page.value()), u"#1002"_s);
  }

  // The limits leave room for real slips: our own template, as a merchant's, for a 300-line order.
  void customTemplate_forALongOrder_staysWithinTheLimits()
  {
    const SlipRenderer renderer(SlipPaper::Letter, documents::builtInSlipTemplate(documents::SlipLayout::Page));
    SlipRenderInfo info;
    QVERIFY(renderer.renderPdf(documents::sampleSlip(300), &info).ok());
    QVERIFY2(!info.usedFallback, qPrintable(info.templateError));
    QVERIFY(info.pages > 5);
  }

  void templateImages_onlyFromTheTemplateFolderOrData_data()
  {
    QTest::addColumn<QString>("src");
    QTest::addColumn<bool>("shown");
    QTest::newRow("file in the template folder") << u"inside.png"_s << true;
    QTest::newRow("data: URI") << u"data"_s << true;
    QTest::newRow("absolute path elsewhere") << u"outside"_s << false;
    QTest::newRow("climbing out of the folder") << u"../elsewhere/secret.png"_s << false;
    QTest::newRow("file: URL elsewhere") << u"file-url"_s << false;
  }

  void templateImages_onlyFromTheTemplateFolderOrData()
  {
    QFETCH(QString, src);
    QFETCH(bool, shown);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(u"template"_s) && QDir(dir.path()).mkpath(u"elsewhere"_s));
    QImage red(40, 40, QImage::Format_RGB32);
    red.fill(Qt::red);
    QVERIFY(red.save(dir.filePath(u"template/inside.png"_s)));
    QVERIFY(red.save(dir.filePath(u"elsewhere/secret.png"_s)));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(red.save(&buffer, "PNG"));
    if (src == u"data"_s)
      src = u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64());
    else if (src == u"outside"_s)
      src = dir.filePath(u"elsewhere/secret.png"_s);
    else if (src == u"file-url"_s)
      src = QUrl::fromLocalFile(dir.filePath(u"elsewhere/secret.png"_s)).toString();
    SlipRenderer renderer(SlipPaper::Letter,
                          u"<p>{{ order.name }}</p><img src=\"%1\" width=\"300\" height=\"300\">"_s.arg(src));
    renderer.setTemplateFolder(dir.filePath(u"template"_s));
    auto page = renderer.renderPageImage(documents::sampleSlip(1), 0, 72);
    QVERIFY(page.ok());
    int redPixels = 0;
    const QImage image = page.value().convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y) {
      for (int x = 0; x < image.width(); ++x) {
        const QRgb pixel = image.pixel(x, y);
        redPixels += qRed(pixel) > 200 && qGreen(pixel) < 60 && qBlue(pixel) < 60 ? 1 : 0;
      }
    }
    QCOMPARE(redPixels > 1000, shown);
  }
};

QTEST_MAIN(SlipRenderTest)
#include "slip_render_test.moc"
