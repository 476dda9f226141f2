// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/handoffsheetdocument.h"

#include <QBuffer>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace pb::printing {

namespace {
constexpr int kDpi = 300;

int px(double points)
{
  return qRound(points * kDpi / 72.0);
}

QFont fontOf(double points, bool bold = false)
{
  QFont font(QStringLiteral("Liberation Sans"));
  font.setPointSizeF(points);
  font.setBold(bold);
  return font;
}
} // namespace

QByteArray HandoffSheetDocument::render(const documents::HandoffSheet &sheet)
{
  QByteArray pdf;
  QBuffer buffer(&pdf);
  buffer.open(QIODevice::WriteOnly);
  QPdfWriter writer(&buffer);
  writer.setResolution(kDpi);
  writer.setPageSize(QPageSize(QPageSize::Letter));
  writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
  writer.setTitle(tr("Driver hand-off"));
  writer.setCreator(QStringLiteral("Packbench"));
  QPainter p(&writer);
  const int width = writer.width();
  int y = 0;
  const auto line = [&](const QString &text, const QFont &font, int after) {
    p.setFont(font);
    const QRect box(0, y, width, px(font.pointSizeF() * 1.6));
    p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
    y += box.height() + after;
  };
  line(tr("Driver hand-off"), fontOf(24, true), px(6));
  const QLocale locale;
  line(tr("Date: %1").arg(locale.toString(sheet.madeAt, QLocale::LongFormat)), fontOf(12), 0);
  line(tr("Warehouse: %1").arg(sheet.warehouse), fontOf(12), 0);
  line(tr("Station: %1").arg(sheet.station), fontOf(12), px(18));

  // The table: carrier, manifest, parcels; then the total.
  const int col1 = 0;
  const int col2 = width * 30 / 100;
  const int col3 = width * 78 / 100;
  const int rowHeight = px(26);
  const auto row = [&](const QString &a, const QString &b, const QString &c, bool bold) {
    p.setFont(fontOf(13, bold));
    p.drawText(QRect(col1 + px(4), y, col2 - col1, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, a);
    p.drawText(QRect(col2, y, col3 - col2, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, b);
    p.drawText(QRect(col3, y, width - col3 - px(4), rowHeight), Qt::AlignRight | Qt::AlignVCenter, c);
    y += rowHeight;
    p.drawLine(0, y, width, y);
  };
  p.setPen(QPen(Qt::black, px(1)));
  p.drawLine(0, y, width, y);
  row(tr("Carrier"), tr("Manifest"), tr("Parcels"), true);
  for (const documents::HandoffSheet::Carrier &c : sheet.carriers)
    row(c.name, c.manifestId, locale.toString(c.parcels), false);
  p.setPen(QPen(Qt::black, px(2)));
  row(tr("Total"), tr("%n manifest(s)", nullptr, static_cast<int>(sheet.carriers.size())),
      locale.toString(sheet.totalParcels()), true);
  p.setPen(QPen(Qt::black, px(1)));
  y += px(14);
  p.setFont(fontOf(11));
  const QRect note(0, y, width, px(44));
  p.drawText(note, Qt::AlignLeft | Qt::TextWordWrap,
             tr("The driver counts the parcels of each carrier, takes them with that carrier's manifest, and signs "
                "below. Keep this sheet with the day's papers."));
  y += note.height() + px(30);

  // Lines to fill in by hand.
  for (const QString &label : {tr("Driver's name"), tr("Signature"), tr("Time")}) {
    p.setFont(fontOf(12));
    p.drawText(QRect(0, y, width * 30 / 100, px(22)), Qt::AlignLeft | Qt::AlignBottom, label);
    p.drawLine(width * 30 / 100, y + px(22), width, y + px(22));
    y += px(46);
  }
  y += px(10);
  p.setFont(fontOf(12));
  p.drawText(QRect(0, y, width * 30 / 100, px(22)), Qt::AlignLeft | Qt::AlignBottom, tr("Handed over by"));
  p.drawLine(width * 30 / 100, y + px(22), width, y + px(22));
  p.end();
  return pdf;
}

} // namespace pb::printing
