// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The slip renderer without a printer: paper sizes, pagination, preview images and barcodes.
#include "core/documents/slipdata.h"
#include "ui/printing/barcodeimage.h"
#include "ui/printing/slippreviewdialog.h"
#include "ui/printing/sliprenderer.h"

#include <QApplication>
#include <QLabel>
#include <QPdfWriter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <ZXing/ReadBarcode.h>

using namespace pb;
using namespace pb::printing;
using namespace Qt::StringLiterals;

namespace {

QString decode(const QImage &source)
{
  const QImage image = source.convertToFormat(QImage::Format_Grayscale8);
  const ZXing::ImageView view(image.constBits(), image.width(), image.height(), ZXing::ImageFormat::Lum,
                              static_cast<int>(image.bytesPerLine()));
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::Code128);
  const ZXing::Result result = ZXing::ReadBarcode(view, hints);
  return result.isValid() ? QString::fromStdString(result.text()) : u"<none>"_s;
}

} // namespace

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
    QCOMPARE(decode(image.value()), data);
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
    QCOMPARE(decode(image.value()), u"#1002"_s);
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

  void previewDialog_showsPages_andPrintRequests()
  {
    SlipPreviewDialog dialog(documents::sampleSlip(60), SlipPaper::Letter);
    QVERIFY(dialog.pageCount() >= 2);
    auto *image = dialog.findChild<QLabel *>(u"slipPreviewImage"_s);
    QVERIFY(image && !image->pixmap().isNull());
    QCOMPARE(decode(image->pixmap().toImage()), u"#1002"_s);
    auto *page = dialog.findChild<QSpinBox *>(u"slipPreviewPage"_s);
    QVERIFY(page);
    page->setValue(2);
    QCOMPARE(dialog.currentPage(), 1);
    QVERIFY(dialog.findChild<QLabel *>(u"slipPreviewStatus"_s)->text().contains(u"Page 2 of"_s));
    QSignalSpy print(&dialog, &SlipPreviewDialog::printRequested);
    dialog.findChild<QPushButton *>(u"slipPreviewPrint"_s)->click();
    QCOMPARE(print.count(), 1);
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
};

QTEST_MAIN(SlipRenderTest)
#include "slip_render_test.moc"
