// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/barcodeimage.h"

#include <QPainter>

#include <zint.h>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace pb::printing {

Result<Code128Bars> code128Bars(const QString &data, int heightModules)
{
  if (data.isEmpty())
    return makeError(ErrorKind::InvalidInput, u"nothing to encode in the barcode"_s);
  const std::unique_ptr<zint_symbol, decltype(&ZBarcode_Delete)> symbol(ZBarcode_Create(), &ZBarcode_Delete);
  if (!symbol)
    return makeError(ErrorKind::Internal, u"zint could not allocate a symbol"_s);
  symbol->symbology = BARCODE_CODE128;
  symbol->input_mode = UNICODE_MODE;
  symbol->show_hrt = 0;
  symbol->height = static_cast<float>(heightModules);
  symbol->scale = 0.5f; // vector units = X-dimensions
  symbol->output_options |= BARCODE_QUIET_ZONES;
  const QByteArray utf8 = data.toUtf8();
  const int rc = ZBarcode_Encode_and_Buffer_Vector(
      symbol.get(), reinterpret_cast<const unsigned char *>(utf8.constData()), static_cast<int>(utf8.size()), 0);
  if (rc >= ZINT_ERROR || !symbol->vector)
    return makeError(ErrorKind::InvalidInput,
                     u"zint cannot encode this as Code 128: %1"_s.arg(QString::fromUtf8(symbol->errtxt)));
  const double unit = 1.0 / (2.0 * static_cast<double>(symbol->scale));
  Code128Bars out;
  out.width = symbol->vector->width * unit;
  out.height = symbol->vector->height * unit;
  for (const zint_vector_rect *r = symbol->vector->rectangles; r; r = r->next)
    out.bars.append(QRectF(r->x * unit, r->y * unit, r->width * unit, r->height * unit));
  return out;
}

Result<QImage> code128Image(const QString &data, int modulePixels, int heightModules)
{
  auto symbol = code128Bars(data, heightModules);
  if (!symbol)
    return symbol.error();
  const double unit = modulePixels;
  const int width = static_cast<int>(std::lround(symbol.value().width * unit));
  const int height = static_cast<int>(std::lround(symbol.value().height * unit));
  QImage image(width, height, QImage::Format_Grayscale8);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing, false);
  for (const QRectF &r : symbol.value().bars) {
    const QRect bar(static_cast<int>(std::lround(r.x() * unit)), static_cast<int>(std::lround(r.y() * unit)),
                    static_cast<int>(std::lround(r.width() * unit)), static_cast<int>(std::lround(r.height() * unit)));
    painter.fillRect(bar, Qt::black);
  }
  painter.end();
  // 1-bit: PDF writers store it losslessly (an 8-bit image would be JPEG-compressed and blur the bars).
  return image.convertToFormat(QImage::Format_Mono, Qt::ThresholdDither);
}

} // namespace pb::printing
