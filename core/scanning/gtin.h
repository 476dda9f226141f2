// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>

namespace pb::scanning {

// GS1 mod-10 check digit of the digits before it (works for GTIN-8/12/13/14 and SSCC).
int gs1CheckDigit(QStringView digitsWithoutCheck);
bool hasValidGs1CheckDigit(QStringView digits);

// Expands a UPC-E (8 digits, number system 0 or 1) to its UPC-A form.
Result<QString> expandUpcE(QStringView upcE);

// How to read an 8-digit code: EAN-8 and UPC-E look alike, and some codes pass both checks.
// The scanner's symbology identifier (AIM ]E0 vs ]E4) settles it when present.
enum class EightDigit { PreferEan8, UpcE };

// Normalises UPC-A, UPC-E, EAN-8, EAN-13 and GTIN-14 to the 14-digit GTIN the catalogue stores,
// so any printed form of one product matches. Rejects bad check digits.
Result<QString> normalizeGtin(QStringView code, EightDigit eightDigit = EightDigit::PreferEan8);

} // namespace pb::scanning
