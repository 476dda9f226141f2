// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/gs1.h"

#include "core/scanning/gtin.h"

#include <array>

namespace pb::scanning {

namespace {

enum class Charset { Numeric, Alphanumeric };
enum class Check { None, Gs1Mod10, Date };

struct AiSpec {
  const char *prefix; // the AI itself, or its first 3 digits for 4-digit AIs with a decimal digit
  int aiLength;
  int minLength;
  int maxLength;
  Charset charset;
  Check check;
};

// A subset of the GS1 General Specifications AI table: what shows up on goods and cartons.
constexpr std::array kAis{
    AiSpec{"00", 2, 18, 18, Charset::Numeric, Check::Gs1Mod10},  // SSCC
    AiSpec{"01", 2, 14, 14, Charset::Numeric, Check::Gs1Mod10},  // GTIN
    AiSpec{"02", 2, 14, 14, Charset::Numeric, Check::Gs1Mod10},  // GTIN of contained items
    AiSpec{"10", 2, 1, 20, Charset::Alphanumeric, Check::None},  // batch/lot
    AiSpec{"11", 2, 6, 6, Charset::Numeric, Check::Date},        // production date
    AiSpec{"12", 2, 6, 6, Charset::Numeric, Check::Date},        // due date
    AiSpec{"13", 2, 6, 6, Charset::Numeric, Check::Date},        // packaging date
    AiSpec{"15", 2, 6, 6, Charset::Numeric, Check::Date},        // best before
    AiSpec{"16", 2, 6, 6, Charset::Numeric, Check::Date},        // sell by
    AiSpec{"17", 2, 6, 6, Charset::Numeric, Check::Date},        // expiry
    AiSpec{"20", 2, 2, 2, Charset::Numeric, Check::None},        // variant
    AiSpec{"21", 2, 1, 20, Charset::Alphanumeric, Check::None},  // serial
    AiSpec{"22", 2, 1, 20, Charset::Alphanumeric, Check::None},  // consumer product variant
    AiSpec{"240", 3, 1, 30, Charset::Alphanumeric, Check::None}, // additional product id
    AiSpec{"241", 3, 1, 30, Charset::Alphanumeric, Check::None}, // customer part number
    AiSpec{"250", 3, 1, 30, Charset::Alphanumeric, Check::None}, // secondary serial
    AiSpec{"30", 2, 1, 8, Charset::Numeric, Check::None},        // variable count
    AiSpec{"310", 4, 6, 6, Charset::Numeric, Check::None},       // net weight kg
    AiSpec{"320", 4, 6, 6, Charset::Numeric, Check::None},       // net weight lb
    AiSpec{"330", 4, 6, 6, Charset::Numeric, Check::None},       // gross weight kg
    AiSpec{"340", 4, 6, 6, Charset::Numeric, Check::None},       // gross weight lb
    AiSpec{"37", 2, 1, 8, Charset::Numeric, Check::None},        // count of trade items
    AiSpec{"400", 3, 1, 30, Charset::Alphanumeric, Check::None}, // customer's order number
    AiSpec{"401", 3, 1, 30, Charset::Alphanumeric, Check::None}, // consignment number
    AiSpec{"402", 3, 17, 17, Charset::Numeric, Check::Gs1Mod10}, // shipment id
    AiSpec{"410", 3, 13, 13, Charset::Numeric, Check::Gs1Mod10}, // ship to GLN
    AiSpec{"414", 3, 13, 13, Charset::Numeric, Check::Gs1Mod10}, // location GLN
    AiSpec{"420", 3, 1, 20, Charset::Alphanumeric, Check::None}, // ship-to postal code
    AiSpec{"90", 2, 1, 30, Charset::Alphanumeric, Check::None},  // mutually agreed
    AiSpec{"91", 2, 1, 90, Charset::Alphanumeric, Check::None},  // company internal
    AiSpec{"92", 2, 1, 90, Charset::Alphanumeric, Check::None},
};

// AIs whose first two digits are in GS1's "predefined length" table need no separator after them.
bool hasPredefinedLength(QStringView ai)
{
  static constexpr std::array kPredefined{"00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16",
                                          "17", "18", "19", "20", "31", "32", "33", "34", "35", "36", "41"};
  for (const char *p : kPredefined) {
    if (ai.startsWith(QLatin1String(p)))
      return true;
  }
  return false;
}

const AiSpec *findAi(QStringView data)
{
  for (const AiSpec &spec : kAis) {
    const QLatin1String prefix(spec.prefix);
    if (data.size() >= spec.aiLength && data.startsWith(prefix)) {
      if (spec.aiLength == 4 && !data.at(3).isDigit())
        continue;
      return &spec;
    }
  }
  return nullptr;
}

bool isDigits(QStringView text)
{
  for (const QChar c : text) {
    if (c < u'0' || c > u'9')
      return false;
  }
  return true;
}

// GS1 AI encodable set 82 is printable ASCII; anything else is garbage from the scanner.
bool isCharset82(QStringView text)
{
  for (const QChar c : text) {
    if (c.unicode() < 0x21 || c.unicode() > 0x7a)
      return false;
  }
  return true;
}

Status validate(const AiSpec &spec, QStringView ai, QStringView value)
{
  if (value.size() < spec.minLength || value.size() > spec.maxLength)
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("AI (%1) needs %2 characters, got %3")
                         .arg(ai)
                         .arg(spec.minLength == spec.maxLength
                                  ? QString::number(spec.maxLength)
                                  : QStringLiteral("%1–%2").arg(spec.minLength).arg(spec.maxLength))
                         .arg(value.size()));
  if (spec.charset == Charset::Numeric ? !isDigits(value) : !isCharset82(value))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("AI (%1) has characters it may not contain").arg(ai));
  if (spec.check == Check::Gs1Mod10 && !hasValidGs1CheckDigit(value))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("AI (%1): check digit is wrong").arg(ai));
  if (spec.check == Check::Date) {
    if (auto date = gs1Date(value, QDate::currentDate().year()); !date)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("AI (%1): %2").arg(ai, date.error().message));
  }
  if (spec.aiLength == 4 && ai.at(3).digitValue() > 5)
    return makeError(ErrorKind::InvalidInput, QStringLiteral("AI (%1): more than 5 decimals").arg(ai));
  return {};
}

} // namespace

bool Gs1ElementString::has(QStringView ai) const
{
  for (const Gs1Element &e : elements) {
    if (e.ai == ai)
      return true;
  }
  return false;
}

QString Gs1ElementString::value(QStringView ai) const
{
  for (const Gs1Element &e : elements) {
    if (e.ai == ai)
      return e.value;
  }
  return {};
}

Result<Gs1ElementString> parseGs1(QStringView data)
{
  Gs1ElementString result;
  qsizetype pos = 0;
  // A leading separator is FNC1 in first position, sent by some scanners.
  while (pos < data.size() && data.at(pos) == kGroupSeparator)
    ++pos;
  if (pos >= data.size())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("empty GS1 element string"));
  while (pos < data.size()) {
    const QStringView rest = data.sliced(pos);
    const AiSpec *spec = findAi(rest);
    if (!spec)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("unknown application identifier at \"%1\"")
                                                    .arg(rest.first(std::min<qsizetype>(4, rest.size()))));
    const QStringView ai = rest.first(spec->aiLength);
    qsizetype end = 0;
    if (spec->minLength == spec->maxLength) {
      end = spec->aiLength + spec->maxLength;
      if (end > rest.size())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("AI (%1) is cut short").arg(ai));
    } else {
      end = rest.indexOf(kGroupSeparator, spec->aiLength);
      if (end < 0)
        end = rest.size();
    }
    const QStringView value = rest.sliced(spec->aiLength, end - spec->aiLength);
    if (Status ok = validate(*spec, ai, value); !ok)
      return ok.error();
    result.elements.append({ai.toString(), value.toString()});
    pos += end;
    if (pos < data.size()) {
      if (data.at(pos) == kGroupSeparator)
        ++pos;
      else if (!hasPredefinedLength(ai))
        return makeError(ErrorKind::InvalidInput, QStringLiteral("AI (%1) must be followed by a separator").arg(ai));
      if (pos >= data.size())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("separator at the end of the data"));
    }
  }
  return result;
}

Result<Gs1ElementString> parseGs1Bracketed(QStringView text)
{
  QString data;
  qsizetype pos = 0;
  while (pos < text.size()) {
    if (text.at(pos) != u'(')
      return makeError(ErrorKind::InvalidInput, QStringLiteral("expected \"(\" at position %1").arg(pos));
    const qsizetype close = text.indexOf(u')', pos);
    if (close < 0)
      return makeError(ErrorKind::InvalidInput, QStringLiteral("unclosed \"(\""));
    const qsizetype next = text.indexOf(u'(', close);
    const QStringView ai = text.sliced(pos + 1, close - pos - 1);
    const QStringView value = text.sliced(close + 1, (next < 0 ? text.size() : next) - close - 1);
    if (!data.isEmpty())
      data += kGroupSeparator; // always separate: harmless after a predefined-length field
    data += ai + value;
    pos = next < 0 ? text.size() : next;
  }
  return parseGs1(data);
}

Result<QDate> gs1Date(QStringView yymmdd, int referenceYear)
{
  if (yymmdd.size() != 6 || !isDigits(yymmdd))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("a date is six digits YYMMDD"));
  const int yy = yymmdd.first(2).toInt();
  const int mm = yymmdd.sliced(2, 2).toInt();
  const int dd = yymmdd.sliced(4, 2).toInt();
  // GS1 General Specifications 7.12: the year lies within −49 … +50 of the reference year.
  const int century = referenceYear - referenceYear % 100;
  int year = century + yy;
  if (year - referenceYear > 50)
    year -= 100;
  else if (referenceYear - year > 49)
    year += 100;
  if (mm < 1 || mm > 12)
    return makeError(ErrorKind::InvalidInput, QStringLiteral("month %1 does not exist").arg(mm));
  const int daysInMonth = QDate(year, mm, 1).daysInMonth();
  if (dd > daysInMonth)
    return makeError(ErrorKind::InvalidInput, QStringLiteral("day %1 does not exist in month %2").arg(dd).arg(mm));
  return QDate(year, mm, dd == 0 ? daysInMonth : dd);
}

Result<double> gs1Measure(const Gs1Element &element)
{
  if (element.ai.size() != 4 || !element.ai.startsWith(u'3') || element.value.size() != 6 || !isDigits(element.value))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("AI (%1) is not a measure").arg(element.ai));
  const int decimals = element.ai.at(3).digitValue();
  double value = element.value.toDouble();
  for (int i = 0; i < decimals; ++i)
    value /= 10.0;
  return value;
}

} // namespace pb::scanning
