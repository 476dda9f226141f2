// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commandsheet.h"

#include "ui/printing/barcodeimage.h"

#include <QCoreApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace pb::ui {

QList<CommandBarcode> commandBarcodes()
{
  return {
      {QStringLiteral("PB*ACK"), QCoreApplication::translate("CommandSheet", "Acknowledge an error")},
      {QStringLiteral("PB*COMPLETE"), QCoreApplication::translate("CommandSheet", "Complete the order")},
      {QStringLiteral("PB*NEXTBOX"), QCoreApplication::translate("CommandSheet", "Start the next box")},
      {QStringLiteral("PB*HOLD"), QCoreApplication::translate("CommandSheet", "Put the order on hold")},
      {QStringLiteral("PB*HOLD:DAMAGED"), QCoreApplication::translate("CommandSheet", "Hold: item damaged")},
      {QStringLiteral("PB*HOLD:MISSING"), QCoreApplication::translate("CommandSheet", "Hold: item missing")},
      {QStringLiteral("PB*MANUAL"), QCoreApplication::translate("CommandSheet", "Manual quantity (needs a lead)")},
      {QStringLiteral("PB*REPRINT"), QCoreApplication::translate("CommandSheet", "Reprint slip and label")},
      {QStringLiteral("PB*SIGNOUT"), QCoreApplication::translate("CommandSheet", "Sign out")},
  };
}

QImage renderCode128(const QString &data, int scale)
{
  // zint's bitmap scale 1 is two pixels a module; the one wrapper takes pixels a module.
  auto image = printing::code128Image(data, 2 * scale, 40);
  return image ? image.value() : QImage();
}

bool writeCommandSheet(const QString &pdfPath)
{
  QPdfWriter pdf(pdfPath);
  pdf.setPageSize(QPageSize(QPageSize::A4));
  pdf.setResolution(300);
  pdf.setTitle(QCoreApplication::translate("CommandSheet", "Packbench command barcodes"));
  QPainter painter;
  if (!painter.begin(&pdf))
    return false;
  const QRect page = painter.viewport();
  QFont title = painter.font();
  title.setPointSize(18);
  title.setBold(true);
  painter.setFont(title);
  painter.drawText(QRect(0, 0, page.width(), 120), Qt::AlignCenter,
                   QCoreApplication::translate("CommandSheet", "Packbench — command barcodes"));
  const QList<CommandBarcode> commands = commandBarcodes();
  const int rowHeight = (page.height() - 160) / static_cast<int>((commands.size() + 1) / 2);
  const int columnWidth = page.width() / 2;
  QFont label = painter.font();
  label.setPointSize(14);
  label.setBold(false);
  for (int i = 0; i < commands.size(); ++i) {
    const QRect cell(columnWidth * (i % 2), 160 + rowHeight * (i / 2), columnWidth, rowHeight);
    const QImage barcode = renderCode128(commands.at(i).data, 3); // 0.25 mm modules at 300 dpi
    if (barcode.isNull())
      return false;
    const QRect target(cell.center().x() - barcode.width() / 2, cell.top() + 20, barcode.width(), barcode.height());
    painter.drawImage(target, barcode);
    painter.setFont(label);
    painter.drawText(QRect(cell.left(), target.bottom() + 10, cell.width(), 60), Qt::AlignCenter, commands.at(i).label);
    painter.drawText(QRect(cell.left(), target.bottom() + 70, cell.width(), 60), Qt::AlignCenter, commands.at(i).data);
  }
  return painter.end();
}

} // namespace pb::ui
