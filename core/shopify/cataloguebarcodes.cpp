// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/cataloguebarcodes.h"

#include "core/scanning/gtin.h"
#include "core/scanning/scandecoder.h"

namespace pb::shopify::catalogue {

namespace {

bool allDigits(const QString &text)
{
  for (const QChar c : text) {
    if (c < u'0' || c > u'9')
      return false;
  }
  return !text.isEmpty();
}

QString kindOfDigits(qsizetype length)
{
  switch (length) {
  case 12: return QStringLiteral("upc");
  case 8:
  case 13: return QStringLiteral("ean");
  default: return QStringLiteral("gtin14");
  }
}

} // namespace

QList<BarcodeReading> barcodeReadings(const QString &barcode)
{
  const QString code = barcode.trimmed();
  if (code.isEmpty())
    return {};
  // The station's decoder, without its command and badge prefixes: a product barcode is never either.
  scanning::ScanDecoderOptions options;
  options.commandPrefix.clear();
  options.badgePrefix.clear();
  const scanning::DecodedScan scan = scanning::ScanDecoder(options).decode(code);
  if (scan.kind != scanning::ScanKind::Item || scan.gtin.isEmpty())
    return {{QStringLiteral("custom"), code, scan.kind == scanning::ScanKind::Item ? scan.lookupKey() : code}};

  const bool digits = allDigits(scan.code);
  QList<BarcodeReading> readings;
  if (digits && scan.code.size() == 8) {
    // The decoder reads a bare 8-digit code as EAN-8 when its check digit allows, else as UPC-E;
    // a scanner sending ]E0 reads it as UPC-E. Keep every valid reading.
    if (auto ean8 = scanning::normalizeGtin(scan.code, scanning::EightDigit::PreferEan8);
        ean8 && scanning::hasValidGs1CheckDigit(scan.code))
      readings.append({QStringLiteral("ean"), code, *ean8});
    if (auto upcE = scanning::expandUpcE(scan.code)) {
      const QString gtin = upcE->rightJustified(14, QLatin1Char('0'));
      if (readings.isEmpty() || readings.first().normalized != gtin)
        readings.append({QStringLiteral("upc"), code, gtin});
    }
    if (!readings.isEmpty())
      return readings;
  }
  return {{digits ? kindOfDigits(scan.code.size()) : QStringLiteral("gtin14"), code, scan.gtin}};
}

} // namespace pb::shopify::catalogue
