// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reads back the Code 128 we drew, with zxing-cpp: a barcode is only right when a scanner's decoder agrees.
// Header only; the test links ZXing::ZXing and defines ZX_USE_UTF8.
#include "tests/support/pdftools.h"

#include <QImage>
#include <QString>

#include <ZXing/ReadBarcode.h>

namespace pb::test {

// The first Code 128 in the image; "<no barcode>" when none reads.
inline QString readCode128(const QImage &source)
{
  const QImage image = source.convertToFormat(QImage::Format_Grayscale8);
  const ZXing::ImageView view(image.constBits(), image.width(), image.height(), ZXing::ImageFormat::Lum,
                              static_cast<int>(image.bytesPerLine()));
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::Code128);
  const ZXing::Result result = ZXing::ReadBarcode(view, hints);
  return result.isValid() ? QString::fromStdString(result.text()) : QStringLiteral("<no barcode>");
}

// Page 1 of a PDF rasterised in grey by pdftoppm at dpi into prefix.png, then read as above; "<no image>"
// when pdftoppm made none.
inline QString readCode128OnFirstPage(const QString &pdf, const QString &prefix, int dpi)
{
  runTool(QStringLiteral("pdftoppm"),
          {QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-gray"), QStringLiteral("-png"),
           QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"),
           QStringLiteral("-singlefile"), pdf, prefix});
  const QImage image(prefix + QStringLiteral(".png"));
  return image.isNull() ? QStringLiteral("<no image>") : readCode128(image);
}

} // namespace pb::test
