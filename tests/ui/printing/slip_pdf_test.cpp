// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The slip PDF itself, read back with poppler and zxing: the standard-14 fast path (no embedded
// fonts, vector barcode) and its fallback to QPdfWriter for text outside WinAnsi.
#include "core/documents/slipdata.h"
#include "ui/printing/base14pdfdevice.h"
#include "ui/printing/sliprenderer.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <ZXing/ReadBarcode.h>

using namespace pb;
using namespace pb::printing;
using namespace Qt::StringLiterals;

namespace {

QString run(const QString &program, const QStringList &args)
{
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(60'000) || p.exitCode() != 0)
    return u"<%1 failed>"_s.arg(program);
  return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class SlipPdfTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  int m_files = 0;

  QString save(const QByteArray &pdf)
  {
    const QString path = m_dir.filePath(u"slip%1.pdf"_s.arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
      return {};
    return path;
  }

  QString text(const QString &pdf, int page = 0)
  {
    QStringList args{u"-layout"_s};
    if (page > 0)
      args << u"-f"_s << QString::number(page) << u"-l"_s << QString::number(page);
    return run(u"pdftotext"_s, args << pdf << u"-"_s);
  }

  // "name type encoding emb …" rows of pdffonts, one per font.
  QStringList fonts(const QString &pdf) { return run(u"pdffonts"_s, {pdf}).split(u'\n', Qt::SkipEmptyParts).mid(2); }

  int pages(const QString &pdf)
  {
    const auto m = QRegularExpression(u"Pages:\\s+(\\d+)"_s).match(run(u"pdfinfo"_s, {pdf}));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
  }

  QString decodeFirstPage(const QString &pdf)
  {
    const QString prefix = m_dir.filePath(u"page%1"_s.arg(++m_files));
    run(u"pdftoppm"_s,
        {u"-r"_s, u"200"_s, u"-gray"_s, u"-png"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, u"-singlefile"_s, pdf, prefix});
    const QImage image = QImage(prefix + u".png"_s).convertToFormat(QImage::Format_Grayscale8);
    if (image.isNull())
      return u"<no image>"_s;
    const ZXing::ImageView view(image.constBits(), image.width(), image.height(), ZXing::ImageFormat::Lum,
                                static_cast<int>(image.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::Code128);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    return result.isValid() ? QString::fromStdString(result.text()) : u"<no barcode>"_s;
  }

private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void fastPath_namesStandardFonts_embedsNone_andShowsEverySku_data()
  {
    QTest::addColumn<int>("paper");
    QTest::addColumn<QSizeF>("points");
    QTest::newRow("Letter") << static_cast<int>(SlipPaper::Letter) << QSizeF(612, 792);
    QTest::newRow("A4") << static_cast<int>(SlipPaper::A4) << QSizeF(595.28, 841.89);
    QTest::newRow("4x6") << static_cast<int>(SlipPaper::Thermal4x6) << QSizeF(288, 432);
  }

  void fastPath_namesStandardFonts_embedsNone_andShowsEverySku()
  {
    QFETCH(int, paper);
    QFETCH(QSizeF, points);
    const documents::SlipData slip = documents::sampleSlip(6);
    auto pdf = SlipRenderer(static_cast<SlipPaper>(paper)).renderPdf(slip);
    QVERIFY(pdf.ok());
    const QString path = save(pdf.value());
    const QStringList rows = fonts(path);
    QVERIFY(!rows.isEmpty());
    for (const QString &row : rows) {
      QVERIFY2(row.startsWith(u"Helvetica"_s) || row.startsWith(u"Courier"_s), qPrintable(row));
      QVERIFY2(row.contains(u" WinAnsi "_s) && row.contains(u" no "_s), qPrintable(row));
    }
    const QString all = text(path);
    QVERIFY(all.contains(u"#1002"_s));
    for (const documents::SlipLine &line : slip.lines)
      QVERIFY2(all.contains(line.sku), qPrintable(line.sku));
    const QString info = run(u"pdfinfo"_s, {path});
    const auto size = QRegularExpression(u"Page size:\\s+([\\d.]+) x ([\\d.]+) pts"_s).match(info);
    QVERIFY2(size.hasMatch(), qPrintable(info));
    QVERIFY(qAbs(size.captured(1).toDouble() - points.width()) < 0.5);
    QVERIFY(qAbs(size.captured(2).toDouble() - points.height()) < 0.5);
    QCOMPARE(decodeFirstPage(path), u"#1002"_s);
  }

  void fastPath_keepsWinAnsiPunctuationAndAccents()
  {
    documents::SlipData slip = documents::sampleSlip(2);
    slip.lines[0].title = u"Café Crème — “Deluxe” €5 (½ price)"_s;
    slip.shippingAddress[u"name"_s] = u"Zoë Müller-Straße"_s;
    auto pdf = SlipRenderer(SlipPaper::Letter).renderPdf(slip);
    QVERIFY(pdf.ok());
    const QString path = save(pdf.value());
    for (const QString &row : fonts(path))
      QVERIFY2(row.contains(u" no "_s), qPrintable(row)); // still nothing embedded
    const QString all = text(path);
    QVERIFY2(all.contains(u"Café Crème — “Deluxe” €5 (½ price)"_s), qPrintable(all));
    QVERIFY(all.contains(u"Zoë Müller-Straße"_s));
  }

  void longOrder_repeatsHeaderAndPageNumbers()
  {
    const documents::SlipData slip = documents::sampleSlip(60);
    SlipRenderInfo info;
    auto pdf = SlipRenderer(SlipPaper::A4).renderPdf(slip, &info);
    QVERIFY(pdf.ok());
    const QString path = save(pdf.value());
    const int count = pages(path);
    QVERIFY2(count >= 2, qPrintable(QString::number(count)));
    QCOMPARE(info.pages, count);
    for (int p = 1; p <= count; ++p) {
      const QString page = text(path, p);
      QVERIFY2(page.contains(u"Page %1 of %2"_s.arg(p).arg(count)), qPrintable(page));
      QVERIFY2(page.contains(u"QTY"_s) && page.contains(u"SKU"_s), qPrintable(u"no table header on page %1"_s.arg(p)));
      if (p > 1)
        QVERIFY(page.contains(u"#1002 — continued"_s));
    }
    const QString all = text(path);
    for (const documents::SlipLine &line : slip.lines)
      QVERIFY2(all.contains(line.sku), qPrintable(line.sku));
  }

  void longOrder_neverSplitsARow_andNoStripeBleedsIntoTheFooter_data()
  {
    QTest::addColumn<int>("paper");
    QTest::addColumn<int>("lines");
    QTest::newRow("A4, 60 lines") << static_cast<int>(SlipPaper::A4) << 60;
    QTest::newRow("Letter, 60 lines") << static_cast<int>(SlipPaper::Letter) << 60;
    QTest::newRow("A4, 41 lines") << static_cast<int>(SlipPaper::A4) << 41;
  }

  void longOrder_neverSplitsARow_andNoStripeBleedsIntoTheFooter()
  {
    QFETCH(int, paper);
    QFETCH(int, lines);
    const documents::SlipData slip = documents::sampleSlip(lines);
    auto pdf = SlipRenderer(static_cast<SlipPaper>(paper)).renderPdf(slip);
    QVERIFY(pdf.ok());
    const QString path = save(pdf.value());
    const int count = pages(path);
    QVERIFY(count >= 2);
    // Every SKU sits on the same text line as its quantity and title: no row is cut by a page break.
    static const QRegularExpression row(u"^\\s*(\\d+)\\s+\\S.*\\s(NW-[A-Z0-9-]+)\\s"_s);
    int rows = 0;
    for (int p = 1; p <= count; ++p) {
      for (const QString &line : text(path, p).split(u'\n')) {
        if (line.contains(u"NW-"_s)) {
          QVERIFY2(row.match(line).hasMatch(), qPrintable(u"page %1: %2"_s.arg(p).arg(line)));
          ++rows;
        }
      }
    }
    QCOMPARE(rows, lines);
    // The band just above the footer rule stays white: a row pushed to the next page leaves no stripe behind.
    const QSizeF mm = pageSizeFor(static_cast<SlipPaper>(paper)).size(QPageSize::Millimeter);
    const double dpmm = 100 / 25.4;
    const QString prefix = m_dir.filePath(u"bleed%1"_s.arg(++m_files));
    run(u"pdftoppm"_s, {u"-r"_s, u"100"_s, u"-gray"_s, u"-png"_s, path, prefix});
    for (int p = 1; p < count; ++p) {
      const QImage image = QImage(u"%1-%2.png"_s.arg(prefix).arg(p)).convertToFormat(QImage::Format_Grayscale8);
      QVERIFY(!image.isNull());
      const double contentEnd = mm.height() - 12 - 7; // bottom margin and footer band of SlipRenderer
      for (int y = qRound((contentEnd - 1.2) * dpmm); y <= qRound((contentEnd - 0.3) * dpmm); ++y) {
        for (int x = qRound(16 * dpmm); x < qRound((mm.width() - 16) * dpmm); ++x)
          QVERIFY2(qGray(image.pixel(x, y)) > 245, qPrintable(u"page %1 has paint at %2,%3"_s.arg(p).arg(x).arg(y)));
      }
    }
  }

  void textOutsideWinAnsi_fallsBackToEmbeddedFonts_andLosesNothing_data()
  {
    QTest::addColumn<QString>("name");
    QTest::newRow("Cyrillic") << u"Мария Иванова"_s;
    QTest::newRow("Greek") << u"Ελένη Παπαδοπούλου"_s;
    QTest::newRow("CJK") << u"山田太郎"_s;
  }

  void textOutsideWinAnsi_fallsBackToEmbeddedFonts_andLosesNothing()
  {
    QFETCH(QString, name);
    documents::SlipData slip = documents::sampleSlip(3);
    slip.shippingAddress[u"name"_s] = name;
    slip.lines[1].title = name + u" gift set"_s;
    auto pdf = SlipRenderer(SlipPaper::Letter).renderPdf(slip);
    QVERIFY(pdf.ok());
    const QString path = save(pdf.value());
    const QStringList rows = fonts(path);
    QVERIFY(!rows.isEmpty());
    for (const QString &row : rows)
      QVERIFY2(row.contains(u" yes "_s), qPrintable(row)); // embedded: QPdfWriter drew it
    const QString all = text(path);
    QVERIFY2(all.contains(name), qPrintable(all));
    QVERIFY(all.contains(name + u" gift set"_s));
    for (const documents::SlipLine &line : slip.lines)
      QVERIFY2(all.contains(line.sku), qPrintable(line.sku));
    QCOMPARE(decodeFirstPage(path), u"#1002"_s);
  }

  void batch_withOneNonWinAnsiSlip_keepsEverySlip()
  {
    QList<documents::SlipData> slips;
    for (int i = 0; i < 3; ++i) {
      slips.append(documents::sampleSlip(2));
      slips.last().orderName = u"#20%1"_s.arg(i);
    }
    slips[2].shippingAddress[u"name"_s] = u"Иван Петров"_s;
    SlipRenderInfo info;
    auto pdf = SlipRenderer(SlipPaper::Letter).renderBatchPdf(slips, &info);
    QVERIFY(pdf.ok());
    const QString path = save(pdf.value());
    QCOMPARE(pages(path), info.pages);
    const QString all = text(path);
    for (const documents::SlipData &slip : slips)
      QVERIFY2(all.contains(slip.orderName), qPrintable(slip.orderName));
    QVERIFY(all.contains(u"Иван Петров"_s));
  }

  void device_refusesWhatItCannotWrite_data()
  {
    QTest::addColumn<int>("what");
    QTest::newRow("font without a standard twin") << 0;
    QTest::newRow("gradient") << 1;
    QTest::newRow("rotated text") << 2;
  }

  void device_refusesWhatItCannotWrite()
  {
    QFETCH(int, what);
    Base14PdfDevice device(QPageSize(QPageSize::A4), 300);
    {
      QPainter painter(&device);
      painter.setFont(QFont(u"Liberation Sans"_s, 10));
      painter.drawText(QPointF(100, 100), u"fine"_s);
      QVERIFY(device.isFaithful());
      if (what == 0) {
        painter.setFont(QFont(u"DejaVu Sans"_s, 10));
        painter.drawText(QPointF(100, 200), u"not Helvetica"_s);
      } else if (what == 1) {
        QLinearGradient gradient(0, 0, 100, 0);
        gradient.setColorAt(0, Qt::red);
        gradient.setColorAt(1, Qt::blue);
        painter.fillRect(QRectF(0, 0, 100, 100), gradient);
      } else {
        painter.rotate(30);
        painter.drawText(QPointF(100, 200), u"tilted"_s);
      }
    }
    QVERIFY(!device.isFaithful());
    QVERIFY(!device.unfaithfulReason().isEmpty());
  }

  void device_writesAValidPdf_withShapesAndPages()
  {
    Base14PdfDevice device(QPageSize(QPageSize::Letter), 300);
    {
      QPainter painter(&device);
      painter.setFont(QFont(u"Liberation Mono"_s, 12));
      painter.drawText(QPointF(300, 300), u"SKU-(1)\\x"_s);
      painter.setPen(QPen(Qt::darkGray, 3, Qt::DashLine));
      painter.drawLine(QPointF(300, 400), QPointF(1500, 400));
      painter.setBrush(QColor(0xf1, 0xf1, 0xf1));
      painter.drawEllipse(QRectF(300, 500, 400, 200));
      QImage logo(40, 20, QImage::Format_ARGB32);
      logo.fill(QColor(200, 30, 30, 128));
      painter.drawImage(QRectF(300, 800, 400, 200), logo);
      device.newPage();
      painter.setFont(QFont(u"Liberation Serif"_s, 14, QFont::Bold, true));
      painter.drawText(QPointF(300, 300), u"second page"_s);
    }
    QVERIFY(device.isFaithful());
    QCOMPARE(device.pageCount(), 2);
    const QString path = save(device.toPdf(u"Test — title"_s, u"Packbench"_s));
    QCOMPARE(pages(path), 2);
    QVERIFY(text(path, 1).contains(u"SKU-(1)\\x"_s));
    QVERIFY(text(path, 2).contains(u"second page"_s));
    QVERIFY(fonts(path).join(u'\n').contains(u"Times-BoldItalic"_s));
    QVERIFY(run(u"pdfinfo"_s, {path}).contains(u"Test — title"_s));
    const QString images = run(u"pdfimages"_s, {u"-list"_s, path});
    QVERIFY2(images.contains(u" 40    20  rgb "_s), qPrintable(images));
  }
};

QTEST_MAIN(SlipPdfTest)
#include "slip_pdf_test.moc"
