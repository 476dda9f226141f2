// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The command cheat sheet: every barcode rendered by zint decodes (zxing-cpp) to the command it names.
#define ZX_USE_UTF8 1
#include "core/scanning/scandecoder.h"
#include "ui/commandsheet.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <ZXing/ReadBarcode.h>

using namespace pb;

class CommandSheetTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void everyCommand_decodesBackToItself()
  {
    const scanning::ScanDecoder decoder;
    for (const ui::CommandBarcode &command : ui::commandBarcodes()) {
      const QImage image = ui::renderCode128(command.data).convertToFormat(QImage::Format_Grayscale8);
      QVERIFY(!image.isNull());
      const ZXing::ImageView view(image.constBits(), image.width(), image.height(), ZXing::ImageFormat::Lum,
                                  static_cast<int>(image.bytesPerLine()));
      ZXing::DecodeHints hints;
      hints.setFormats(ZXing::BarcodeFormat::Code128);
      const ZXing::Result result = ZXing::ReadBarcode(view, hints);
      QVERIFY2(result.isValid(), qPrintable(command.data));
      const QString text = QString::fromStdString(result.text());
      QCOMPARE(text, command.data);
      QCOMPARE(decoder.decode(text).kind, scanning::ScanKind::Command);
      QVERIFY(!command.label.isEmpty());
    }
  }

  void sheet_isAPdf()
  {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("commands.pdf"));
    QVERIFY(ui::writeCommandSheet(path));
    QFile pdf(path);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    QVERIFY(pdf.size() > 5000);
    QVERIFY(!ui::writeCommandSheet(QStringLiteral("/nonexistent-dir/commands.pdf")));
  }
};

QTEST_MAIN(CommandSheetTest)
#include "commandsheet_test.moc"
