// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QList>
#include <QString>

namespace pb::ui {

// A station command as a barcode to tape to the bench.
struct CommandBarcode {
  QString data;  // what the scanner sends, e.g. "PB*ACK"
  QString label; // what the packer reads under it
};

QList<CommandBarcode> commandBarcodes();

// Code 128 (printing::code128Image) with quiet zones, black on white; a null image if zint refuses the data.
QImage renderCode128(const QString &data, int scale = 2);

// An A4 PDF cheat sheet of every command barcode. False if the file cannot be written.
bool writeCommandSheet(const QString &pdfPath);

} // namespace pb::ui
