// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDate>
#include <QList>
#include <QString>

namespace pb::scanning {

// The group separator a scanner sends for FNC1 between variable-length GS1 fields.
inline constexpr QChar kGroupSeparator = QChar(0x1D);

// One application identifier and its data, e.g. {"01", "09501101530003"}.
struct Gs1Element {
  QString ai;
  QString value;
};

struct Gs1ElementString {
  QList<Gs1Element> elements;

  bool has(QStringView ai) const;
  QString value(QStringView ai) const; // empty when absent
};

// Parses a GS1 element string as a scanner transmits it (AIs back to back, GS after a
// variable-length field). Lengths come from the GS1 table; check digits and dates are verified;
// an AI we do not know is an error because its length (and so the rest) cannot be trusted.
Result<Gs1ElementString> parseGs1(QStringView data);

// Parses the human-readable form "(01)09501101530003(10)AB1".
Result<Gs1ElementString> parseGs1Bracketed(QStringView text);

// A GS1 date field (YYMMDD, day 00 = last day of the month). The century follows GS1's sliding
// window around referenceYear (−49 … +50 years).
Result<QDate> gs1Date(QStringView yymmdd, int referenceYear);

// The value of a 31nn–36nn measure (e.g. 3103 = net kg with 3 decimals) as a number.
Result<double> gs1Measure(const Gs1Element &element);

} // namespace pb::scanning
