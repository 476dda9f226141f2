// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/slipimagehandler.h"

#include <QAbstractTextDocumentLayout>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <QTextDocument>
#include <QTextImageFormat>
#include <QUrl>
#include <QVarLengthArray>

using namespace Qt::StringLiterals;

namespace pb::printing {

namespace {

constexpr int kModulePixels = 4; // natural size of a barcode: 4 px a module, as code128Image draws it
constexpr double kCssDpi = 96.0; // Qt scales HTML image pixels by the device's dpi over 96

QImage imageFor(QTextDocument *doc, const QString &name)
{
  const QVariant data = doc->resource(QTextDocument::ImageResource, QUrl(name));
  QImage image;
  if (data.userType() == QMetaType::QImage)
    image = data.value<QImage>();
  else if (data.userType() == QMetaType::QPixmap)
    image = data.value<QPixmap>().toImage();
  else if (data.userType() == QMetaType::QByteArray)
    image.loadFromData(data.toByteArray());
  return image; // only what the document's loadResource allowed (SlipDocument): never a file by its own name
}

} // namespace

SlipImageHandler::SlipImageHandler(QObject *parent)
    : QObject(parent)
{}

SlipImageHandler::~SlipImageHandler() = default;

Status SlipImageHandler::prepare(const QString &html)
{
  static const QRegularExpression src(uR"re(src="(barcode:[^"]*)")re"_s);
  auto it = src.globalMatch(html);
  while (it.hasNext()) {
    const QString name = it.next().captured(1);
    if (m_barcodes.contains(name))
      continue;
    auto bars = code128Bars(QUrl::fromPercentEncoding(name.mid(8).toUtf8()));
    if (!bars)
      return bars.error();
    m_barcodes.insert(name, std::move(bars).value());
  }
  return {};
}

void SlipImageHandler::install(QTextDocument &doc)
{
  doc.documentLayout()->registerHandler(QTextFormat::ImageObject, this);
}

const Code128Bars *SlipImageHandler::barcodeFor(const QString &name)
{
  if (!name.startsWith(u"barcode:"_s))
    return nullptr;
  const auto found = m_barcodes.constFind(name);
  return found == m_barcodes.cend() ? nullptr : &found.value();
}

QSizeF SlipImageHandler::intrinsicSize(QTextDocument *doc, int posInDocument, const QTextFormat &format)
{
  Q_UNUSED(posInDocument)
  const QTextImageFormat image = format.toImageFormat();
  QSizeF natural;
  if (const Code128Bars *bars = barcodeFor(image.name()))
    natural = QSizeF(bars->width * kModulePixels, bars->height * kModulePixels);
  else
    natural = imageFor(doc, image.name()).size();
  const bool hasWidth = image.hasProperty(QTextFormat::ImageWidth);
  const bool hasHeight = image.hasProperty(QTextFormat::ImageHeight);
  QSizeF size(qRound(image.width()), qRound(image.height()));
  if (!hasWidth)
    size.setWidth(hasHeight && natural.height() > 0 ? qRound(size.height() * natural.width() / natural.height())
                                                    : natural.width());
  if (!hasHeight)
    size.setHeight(hasWidth && natural.width() > 0 ? qRound(size.width() * natural.height() / natural.width())
                                                   : natural.height());
  if (const QPaintDevice *device = doc->documentLayout()->paintDevice(); device && !natural.isEmpty())
    size *= device->logicalDpiY() / kCssDpi;
  return size;
}

void SlipImageHandler::drawObject(QPainter *painter, const QRectF &rect, QTextDocument *doc, int posInDocument,
                                  const QTextFormat &format)
{
  Q_UNUSED(posInDocument)
  const QTextImageFormat image = format.toImageFormat();
  const Code128Bars *bars = barcodeFor(image.name());
  if (!bars) {
    const QImage picture = imageFor(doc, image.name());
    if (!picture.isNull())
      painter->drawImage(rect, picture, QRectF(picture.rect()));
    return;
  }
  // White behind the bars keeps the quiet zones quiet on a tinted background.
  painter->fillRect(rect, Qt::white);
  const double sx = rect.width() / bars->width;
  const double sy = rect.height() / bars->height;
  QVarLengthArray<QRectF, 64> scaled;
  for (const QRectF &bar : bars->bars)
    scaled.append(QRectF(rect.x() + bar.x() * sx, rect.y() + bar.y() * sy, bar.width() * sx, bar.height() * sy));
  painter->save();
  painter->setPen(Qt::NoPen);
  painter->setBrush(Qt::black);
  painter->drawRects(scaled.constData(), static_cast<int>(scaled.size()));
  painter->restore();
}

} // namespace pb::printing
