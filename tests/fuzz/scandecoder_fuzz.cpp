// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: whatever a scanner (or a keyboard, or a hostile barcode) sends, through the scan
// decoder with its AIM identifiers, GS1 element strings, check digits and GTIN forms.
#include "core/scanning/gs1.h"
#include "core/scanning/scandecoder.h"

#include <cstddef>
#include <cstdint>

using namespace pb::scanning;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const ScanDecoder plain;
  static const ScanDecoder configured(
      ScanDecoderOptions{QStringLiteral("\x02"), QStringLiteral("\x03"), QStringLiteral("PB*"), QStringLiteral("PB-")});
  const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  const DecodedScan scan = plain.decode(input);
  (void)scan.lookupKeys();
  for (const Gs1Element &element : scan.gs1.elements) {
    if (element.ai.size() == 4 && element.ai.startsWith(u'3'))
      (void)gs1Measure(element);
  }
  (void)configured.decode(input);
  (void)parseGs1Bracketed(input);
  (void)gs1Date(QStringView(input).left(6), 2026);
  return 0;
}
