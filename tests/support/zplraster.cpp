// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/zplraster.h"

#include "tests/support/carrierdocuments.h"

#include <QFont>
#include <QGuiApplication>
#include <QPainter>

#include <cmath>

using namespace Qt::StringLiterals;

namespace pb::test {

namespace {

// ^FH: _XX is the byte with hex code XX.
QByteArray unhex(const QByteArray &data)
{
  QByteArray out;
  for (qsizetype i = 0; i < data.size(); ++i) {
    if (data.at(i) == '_' && i + 2 < data.size()) {
      bool ok = false;
      const int byte = data.mid(i + 1, 2).toInt(&ok, 16);
      if (ok) {
        out.append(static_cast<char>(byte));
        i += 2;
        continue;
      }
    }
    out.append(data.at(i));
  }
  return out;
}

int intAt(const QList<QByteArray> &params, qsizetype i, int fallback)
{
  bool ok = false;
  const int v = params.value(i).trimmed().toInt(&ok);
  return ok ? v : fallback;
}

} // namespace

ZplPage rasteriseZpl(const QByteArray &zpl, int defaultWidthDots, int defaultHeightDots)
{
  // First pass for the page size, which ^PW/^LL may set anywhere in the format.
  int width = defaultWidthDots;
  int height = defaultHeightDots;
  const QList<QByteArray> commands = zpl.split('^');
  for (const QByteArray &c : commands) {
    if (c.startsWith("PW"))
      width = intAt({c.mid(2)}, 0, width);
    else if (c.startsWith("LL"))
      height = intAt({c.mid(2)}, 0, height);
  }
  ZplPage page;
  page.image = QImage(width, height, QImage::Format_Grayscale8);
  page.image.fill(Qt::white);
  QPainter painter(&page.image);
  painter.setRenderHint(QPainter::Antialiasing, false);
  painter.setPen(Qt::NoPen);
  painter.setBrush(Qt::black);
  const bool canDrawText = qobject_cast<QGuiApplication *>(QCoreApplication::instance()) != nullptr;

  int homeX = 0, homeY = 0, x = 0, y = 0;
  int fontHeight = 30;
  int module = 2, barHeight = 100;
  bool hex = false;
  enum class Field { Text, Barcode } field = Field::Text;
  QByteArray data;
  for (qsizetype i = 1; i < commands.size(); ++i) {
    const QByteArray &c = commands.at(i);
    const QByteArray name = c.left(2);
    const QList<QByteArray> params = c.mid(2).trimmed().split(',');
    if (name == "XA" || name == "XZ" || name == "CI" || name == "PW" || name == "LL") {
      continue;
    } else if (name == "LH") {
      homeX = intAt(params, 0, 0);
      homeY = intAt(params, 1, 0);
    } else if (name == "FO") {
      x = homeX + intAt(params, 0, 0);
      y = homeY + intAt(params, 1, 0);
      field = Field::Text;
      hex = false;
    } else if (c.startsWith('A')) {
      fontHeight = intAt(c.mid(c.indexOf(',') + 1).split(','), 0, fontHeight); // ^A0N,h,w
    } else if (name == "BY") {
      module = intAt(params, 0, module);
      barHeight = intAt(params, 2, barHeight);
    } else if (name == "BC") {
      field = Field::Barcode;
      barHeight = intAt(params, 1, barHeight);
    } else if (name == "FH") {
      hex = true;
    } else if (name == "FD") {
      data = c.mid(2);
      if (hex)
        data = unhex(data);
    } else if (name == "FS") {
      const QString text = QString::fromUtf8(data).trimmed();
      if (field == Field::Barcode) {
        page.barcodeData.append(text);
        const carrierdocs::Bars bars = carrierdocs::code128(text);
        for (const QRectF &bar : bars.bars) {
          // Bars only; the quiet zone is the paper around them. zint's rectangles start at the quiet zone.
          painter.fillRect(QRectF(x + bar.x() * module, y, bar.width() * module, barHeight), Qt::black);
        }
      } else if (!data.isEmpty()) {
        page.texts.append(text);
        if (canDrawText) {
          QFont font(u"Liberation Sans"_s);
          font.setPixelSize(std::max(8, fontHeight));
          painter.setFont(font);
          painter.setPen(Qt::black);
          painter.drawText(QPointF(x, y + fontHeight * 0.8), text);
          painter.setPen(Qt::NoPen);
        }
      }
      data.clear();
      field = Field::Text;
      hex = false;
    } else if (name == "GB") {
      const int w = intAt(params, 0, 1), h = intAt(params, 1, 1), t = intAt(params, 2, 1);
      if (w <= t || h <= t) {
        painter.fillRect(QRect(x, y, std::max(w, t), std::max(h, t)), Qt::black);
      } else {
        painter.fillRect(QRect(x, y, w, t), Qt::black);
        painter.fillRect(QRect(x, y + h - t, w, t), Qt::black);
        painter.fillRect(QRect(x, y, t, h), Qt::black);
        painter.fillRect(QRect(x + w - t, y, t, h), Qt::black);
      }
    } else if (!c.trimmed().isEmpty()) {
      page.unsupported.append(QString::fromLatin1(name));
    }
  }
  painter.end();
  return page;
}

} // namespace pb::test
