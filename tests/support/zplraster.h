// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QStringList>

namespace pb::test {

// What a ZPL label printer would put on paper, for tests that read a label back (zxing-cpp) and look at
// it: the subset carriers' 4×6 labels use — ^XA ^XZ ^CI ^PW ^LL ^LH ^FO ^A ^BY ^BC ^FH ^FD ^FS ^GB.
// Barcodes are encoded the way a printer does it, from the field data (libzint, Code 128 automatic
// mode); text is drawn only when a QGuiApplication runs (fonts need one). Anything else is listed.
struct ZplPage {
  QImage image;            // 1 dot = 1 pixel, white paper, black print
  QStringList barcodeData; // each ^BC field's data, in order
  QStringList texts;       // each text field's data, in order
  QStringList unsupported; // commands this raster does not know (a test may insist on none)
};

ZplPage rasteriseZpl(const QByteArray &zpl, int defaultWidthDots = 812, int defaultHeightDots = 1218);

} // namespace pb::test
