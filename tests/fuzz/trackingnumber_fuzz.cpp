// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: whatever a scanner sends, through tracking-number recognition (39 dataset regexes with
// lookaheads, every checksum, lookups, the USPS routing prefix) and the best-reading choice.
#include "core/carriers/trackingnumber.h"

#include <cstddef>
#include <cstdint>

using namespace pb::carriers;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  const TrackingNumberRecognizer &recognizer = TrackingNumberRecognizer::builtIn();
  for (const TrackingNumber &found : recognizer.recognise(input)) {
    // What the station attaches must be short, without spaces, and a suffix of what was scanned.
    if (found.number.isEmpty() || found.number.size() > TrackingNumberRecognizer::kMaxLength ||
        found.number.contains(u' ') || !TrackingNumberRecognizer::normalise(input).endsWith(found.number) ||
        found.company.isEmpty())
      __builtin_trap();
  }
  const qsizetype half = input.size() / 2;
  (void)recognizer.recogniseBest(QStringView(input).left(half), QStringView(input).sliced(half));
  return 0;
}
