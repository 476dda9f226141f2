// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/gtin.h"

namespace pb::scanning {

namespace {
bool allDigits(QStringView text)
{
  for (const QChar c : text) {
    if (c < u'0' || c > u'9')
      return false;
  }
  return !text.isEmpty();
}
} // namespace

int gs1CheckDigit(QStringView digits)
{
  int sum = 0;
  // Weights 3,1,3,… counted from the rightmost data digit.
  for (qsizetype i = 0; i < digits.size(); ++i) {
    const int d = digits.at(digits.size() - 1 - i).digitValue();
    sum += (i % 2 == 0) ? d * 3 : d;
  }
  return (10 - sum % 10) % 10;
}

bool hasValidGs1CheckDigit(QStringView digits)
{
  if (digits.size() < 2 || !allDigits(digits))
    return false;
  return gs1CheckDigit(digits.first(digits.size() - 1)) == digits.last().digitValue();
}

Result<QString> expandUpcE(QStringView upcE)
{
  if (upcE.size() != 8 || !allDigits(upcE) || (upcE.at(0) != u'0' && upcE.at(0) != u'1'))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("UPC-E must be 8 digits starting with 0 or 1"));
  const QString ns = upcE.first(1).toString();
  const QStringView d = upcE.sliced(1, 6);
  const QChar check = upcE.at(7);
  QString body;
  switch (d.at(5).digitValue()) {
  case 0:
  case 1:
  case 2: body = d.first(2).toString() + d.at(5) + QStringLiteral("0000") + d.sliced(2, 3).toString(); break;
  case 3: body = d.first(3).toString() + QStringLiteral("00000") + d.sliced(3, 2).toString(); break;
  case 4: body = d.first(4).toString() + QStringLiteral("00000") + d.at(4); break;
  default: body = d.first(5).toString() + QStringLiteral("0000") + d.at(5); break;
  }
  const QString upcA = ns + body + check;
  if (!hasValidGs1CheckDigit(upcA))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("UPC-E check digit is wrong"));
  return upcA;
}

Result<QString> normalizeGtin(QStringView code, EightDigit eightDigit)
{
  if (!allDigits(code))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("a GTIN has digits only"));
  QString digits = code.toString();
  const bool upcE = eightDigit == EightDigit::UpcE || !hasValidGs1CheckDigit(digits);
  if (digits.size() == 8 && (digits.at(0) == u'0' || digits.at(0) == u'1') && upcE) {
    // Said to be UPC-E, or 8 digits failing the EAN-8 check: try UPC-E.
    auto expanded = expandUpcE(digits);
    if (!expanded)
      return expanded.error();
    digits = *expanded;
  }
  if (digits.size() != 8 && digits.size() != 12 && digits.size() != 13 && digits.size() != 14)
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("a GTIN has 8, 12, 13 or 14 digits, not %1").arg(digits.size()));
  if (!hasValidGs1CheckDigit(digits))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("check digit of %1 is wrong").arg(digits));
  return digits.rightJustified(14, QLatin1Char('0'));
}

} // namespace pb::scanning
