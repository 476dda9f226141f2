// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/trackingchecksum.h"

#include <QJsonArray>

namespace pb::carriers {

namespace {

bool isDigit(QChar c)
{
  return c >= u'0' && c <= u'9';
}

bool isUpperLetter(QChar c)
{
  return c >= u'A' && c <= u'Z';
}

// The single check character as a number; -1 when it is not one digit.
int digitOf(QStringView checkDigit)
{
  return checkDigit.size() == 1 && isDigit(checkDigit.front()) ? checkDigit.front().unicode() - u'0' : -1;
}

bool allDigits(QStringView s)
{
  return std::all_of(s.begin(), s.end(), isDigit);
}

// Weighted sum with alternating multipliers; letters count as (ASCII - 3) mod 10 (UPS's 1Z numbers).
bool mod10(const TrackingChecksum &rule, QStringView serial, int check)
{
  int total = 0;
  for (qsizetype i = 0; i < serial.size(); ++i) {
    const QChar c = rule.reverse ? serial.at(serial.size() - 1 - i) : serial.at(i);
    int x = 0;
    if (isDigit(c))
      x = c.unicode() - u'0';
    else if (isUpperLetter(c))
      x = (c.unicode() - 3) % 10;
    else
      return false;
    if (rule.oddsMultiplier != 0 && i % 2 == 1)
      x *= rule.oddsMultiplier;
    else if (rule.evensMultiplier != 0 && i % 2 == 0)
      x *= rule.evensMultiplier;
    total += x;
  }
  return (10 - total % 10) % 10 == check;
}

bool luhn(QStringView serial, int check)
{
  if (!allDigits(serial))
    return false;
  int total = 0;
  // Doubling starts at the digit next to the check digit.
  for (qsizetype i = 0; i < serial.size(); ++i) {
    int x = serial.at(serial.size() - 1 - i).unicode() - u'0';
    if (i % 2 == 0)
      x *= 2;
    total += x > 9 ? x - 9 : x;
  }
  return (10 - total % 10) % 10 == check;
}

bool mod7(QStringView serial, int check)
{
  if (!allDigits(serial) || serial.size() > 18)
    return false;
  return serial.toString().toLongLong() % 7 == check;
}

bool s10(const TrackingChecksum &rule, QStringView serial, int check)
{
  if (!allDigits(serial) || serial.size() != rule.weightings.size())
    return false;
  int total = 0;
  for (qsizetype i = 0; i < serial.size(); ++i)
    total += (serial.at(i).unicode() - u'0') * rule.weightings.at(i);
  const int remainder = total % 11;
  const int expected = remainder == 1 ? 0 : remainder == 0 ? 5 : 11 - remainder;
  return expected == check;
}

bool sumProduct(const TrackingChecksum &rule, QStringView serial, int check)
{
  if (!allDigits(serial) || rule.modulo1 <= 0 || rule.modulo2 <= 0)
    return false;
  int total = 0;
  // Digits past the last weight count as weight 0, as the reference's zip does.
  for (qsizetype i = 0; i < serial.size() && i < rule.weightings.size(); ++i)
    total += (serial.at(i).unicode() - u'0') * rule.weightings.at(i);
  return total % rule.modulo1 % rule.modulo2 == check;
}

// ISO 7064 MOD 37,36 as DPD prints it: the check character may be a letter.
bool mod3736(QStringView serial, QStringView checkDigit)
{
  constexpr int mod = 36;
  int cd = mod;
  for (const QChar c : serial) {
    int value = 0;
    if (isDigit(c))
      value = c.unicode() - u'0';
    else if (isUpperLetter(c))
      value = c.unicode() - u'A' + 10;
    else
      return false;
    cd += value;
    if (cd > mod)
      cd -= mod;
    cd *= 2;
    if (cd > mod)
      cd -= mod + 1;
  }
  cd = mod + 1 - cd;
  if (cd == mod)
    cd = 0;
  const QChar expected = cd >= 10 ? QChar(u'A' + (cd - 10)) : QChar(u'0' + cd);
  return checkDigit.size() == 1 && checkDigit.front() == expected;
}

} // namespace

TrackingChecksum TrackingChecksum::fromJson(const QJsonObject &json)
{
  TrackingChecksum rule;
  rule.name = json.value(u"name").toString();
  rule.evensMultiplier = json.value(u"evens_multiplier").toInt();
  rule.oddsMultiplier = json.value(u"odds_multiplier").toInt();
  rule.reverse = json.value(u"reverse").toBool();
  for (const QJsonValue &weight : json.value(u"weightings").toArray())
    rule.weightings.append(weight.toInt());
  rule.modulo1 = json.value(u"modulo1").toInt();
  rule.modulo2 = json.value(u"modulo2").toInt();
  return rule;
}

bool TrackingChecksum::isKnown() const
{
  static const QStringList known{QStringLiteral("mod10"),     QStringLiteral("mod7"),
                                 QStringLiteral("luhn"),      QStringLiteral("s10"),
                                 QStringLiteral("mod_37_36"), QStringLiteral("sum_product_with_weightings_and_modulo")};
  return isEmpty() || known.contains(name);
}

bool TrackingChecksum::verify(QStringView serial, QStringView checkDigit) const
{
  if (isEmpty())
    return true;
  if (serial.isEmpty())
    return false;
  if (name == u"mod_37_36")
    return mod3736(serial, checkDigit);
  const int check = digitOf(checkDigit);
  if (check < 0)
    return false;
  if (name == u"mod10")
    return mod10(*this, serial, check);
  if (name == u"luhn")
    return luhn(serial, check);
  if (name == u"mod7")
    return mod7(serial, check);
  if (name == u"s10")
    return s10(*this, serial, check);
  if (name == u"sum_product_with_weightings_and_modulo")
    return sumProduct(*this, serial, check);
  return false;
}

} // namespace pb::carriers
