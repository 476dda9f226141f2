// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace pb::shopify::catalogue {

// One row of barcodes for a variant's barcode: kind as the table's CHECK names it, the code as
// Shopify holds it, and the key a scan of it is looked up by.
struct BarcodeReading {
  QString kind; // upc, ean, gtin14 or custom
  QString code;
  QString normalized;

  friend bool operator==(const BarcodeReading &, const BarcodeReading &) = default;
};

// The lookup keys a scan of this printed barcode can produce, through the station's own ScanDecoder:
// the GTIN-14 of a UPC-A/EAN-13/GTIN-14/GS1 code; both readings of an 8-digit code that is valid as
// EAN-8 and as UPC-E (a scan without a symbology identifier cannot tell them apart); anything else
// (internal codes, bad check digits) as kind custom with the code itself, so a scan of it still matches.
QList<BarcodeReading> barcodeReadings(const QString &barcode);

} // namespace pb::shopify::catalogue
