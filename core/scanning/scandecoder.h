// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/scanning/gs1.h"
#include "core/scanning/gtin.h"

#include <QString>
#include <QStringList>

namespace pb::scanning {

// The symbology a scan came from, when the scanner sends an AIM identifier ("]E0" …).
enum class Symbology {
  Unknown, // no identifier: most keyboard-wedge scanners out of the box
  Code128,
  Gs1_128,
  Ean13, // also UPC-A (leading 0) and UPC-E as sent under ]E0
  Ean8,
  Ean13AddOn,
  DataMatrix,
  Gs1DataMatrix,
  QrCode,
  Gs1Qr,
  Gs1DataBar,
  Code39,
  Itf,
  Other, // an identifier we do not interpret; the data is used as is
};

QString symbologyName(Symbology symbology);

enum class ScanKind {
  Item,    // something to look up in the catalogue
  Sscc,    // a shipping container code (AI 00), not an item
  Command, // a station command barcode (PB*…)
  Badge,   // a packer's badge
  Invalid, // undecodable: bad check digit, truncated GS1, garbage
};

enum class ScanCommand { None, Complete, Hold, NextBox, Reprint, SignOut, Ack, Partial, Manual };

// One scan, decoded. The catalogue is looked up by gtin (GTIN-14) when there is one, else by code.
struct DecodedScan {
  QString raw; // as received, prefix/suffix removed
  ScanKind kind = ScanKind::Invalid;
  Symbology symbology = Symbology::Unknown;
  QString code;         // the data after the symbology identifier
  QString gtin;         // GTIN-14 when the scan carries one
  QString otherGtin;    // the second reading of an 8-digit code valid as both EAN-8 and UPC-E
  Gs1ElementString gs1; // the element string of a GS1 scan
  ScanCommand command = ScanCommand::None;
  QString argument; // command argument (PB*HOLD:DAMAGED → "DAMAGED") or the badge id
  QString error;    // why it is Invalid (for logs and the operator log, not for customers)

  QString lookupKey() const { return gtin.isEmpty() ? code : gtin; }
  // Every key the catalogue may know this scan by, best first: GTIN readings, then the code.
  QStringList lookupKeys() const;
};

struct ScanDecoderOptions {
  QString prefix;                                // configured on the scanner, stripped if present
  QString suffix;                                // likewise
  QString commandPrefix = QStringLiteral("PB*"); // station command barcodes
  QString badgePrefix = QStringLiteral("PB-");   // packer badges (packers.badge_id)
};

// Turns what a scanner sends into a DecodedScan: trims surrounding spaces, strips prefix/suffix and
// the AIM symbology identifier, parses GS1 element strings, verifies check digits and normalises
// every retail form (UPC-A, UPC-E, EAN-8, EAN-13, ITF-14, GTIN-14) to GTIN-14. Digits-only data
// without an identifier whose length no GTIN has (9-11, or 15+ that is not GS1) is Invalid: a
// misread or a dropped character, never an item to look up.
class ScanDecoder {
public:
  explicit ScanDecoder(ScanDecoderOptions options = {});

  DecodedScan decode(QStringView input) const;

private:
  void decodeData(DecodedScan &scan) const;
  void decodeGs1(DecodedScan &scan, Result<Gs1ElementString> parsed) const;
  void decodeRetail(DecodedScan &scan, EightDigit eightDigit) const;
  void decodeDigits(DecodedScan &scan) const;

  ScanDecoderOptions m_options;
};

} // namespace pb::scanning
