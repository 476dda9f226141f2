// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/scannerlayout.h"

#include <array>
#include <utility>

namespace pb::scanning {

namespace {
// X keycodes 10..65 of a US keyboard, unshifted and shifted (0: no character). Rows: digits (10..21), QWERTY (24..35),
// home row (38..49), backslash (51), bottom row (52..61), space (65).
constexpr quint32 kFirstKeycode = 10;
constexpr std::array<std::pair<char, char>, 56> kUsKeys{{
    {'1', '!'}, {'2', '@'}, {'3', '#'},  {'4', '$'}, {'5', '%'}, {'6', '^'},  {'7', '&'}, {'8', '*'}, // 10..17
    {'9', '('}, {'0', ')'}, {'-', '_'},  {'=', '+'}, {0, 0},     {0, 0},                              // 18..23
    {'q', 'Q'}, {'w', 'W'}, {'e', 'E'},  {'r', 'R'}, {'t', 'T'}, {'y', 'Y'},  {'u', 'U'}, {'i', 'I'}, // 24..31
    {'o', 'O'}, {'p', 'P'}, {'[', '{'},  {']', '}'}, {0, 0},     {0, 0},                              // 32..37
    {'a', 'A'}, {'s', 'S'}, {'d', 'D'},  {'f', 'F'}, {'g', 'G'}, {'h', 'H'},  {'j', 'J'}, {'k', 'K'}, // 38..45
    {'l', 'L'}, {';', ':'}, {'\'', '"'}, {'`', '~'}, {0, 0},     {'\\', '|'},                         // 46..51
    {'z', 'Z'}, {'x', 'X'}, {'c', 'C'},  {'v', 'V'}, {'b', 'B'}, {'n', 'N'},  {'m', 'M'}, {',', '<'}, // 52..59
    {'.', '>'}, {'/', '?'}, {0, 0},      {0, 0},     {0, 0},     {' ', ' '},                          // 60..65
}};
} // namespace

std::optional<ScannerLayout> scannerLayoutNamed(QStringView name)
{
  if (name == u"desktop")
    return ScannerLayout::Desktop;
  if (name == u"us")
    return ScannerLayout::Us;
  return std::nullopt;
}

QString usKeyboardText(quint32 xKeycode, bool shift, bool control)
{
  if (xKeycode < kFirstKeycode || xKeycode >= kFirstKeycode + kUsKeys.size())
    return {};
  const auto [plain, shifted] = kUsKeys.at(xKeycode - kFirstKeycode);
  if (plain == 0)
    return {};
  if (control) { // what X sends for the control characters a scanner uses
    switch (plain) {
    case ']': return QStringLiteral("\x1d");
    case 'j': return QStringLiteral("\n");
    case 'm': return QStringLiteral("\r");
    default: return {};
    }
  }
  return QString(QLatin1Char(shift ? shifted : plain));
}

QString charactersNoBarcodeHas(QStringView scan)
{
  QString found;
  for (const QChar c : scan)
    if (c.unicode() > 0x7e && !found.contains(c))
      found += c;
  return found;
}

} // namespace pb::scanning
