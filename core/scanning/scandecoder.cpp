// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/scandecoder.h"

#include "core/scanning/gtin.h"

#include <array>

namespace pb::scanning {

namespace {

struct AimId {
  const char *id;
  Symbology symbology;
};

// AIM ISO/IEC 15424 identifiers: ']' + code letter + modifier.
constexpr std::array kAimIds{
    AimId{"C0", Symbology::Code128},    AimId{"C1", Symbology::Gs1_128},       AimId{"C2", Symbology::Code128},
    AimId{"E0", Symbology::Ean13},      AimId{"E4", Symbology::Ean8},          AimId{"E3", Symbology::Ean13AddOn},
    AimId{"d1", Symbology::DataMatrix}, AimId{"d2", Symbology::Gs1DataMatrix}, AimId{"Q1", Symbology::QrCode},
    AimId{"Q3", Symbology::Gs1Qr},      AimId{"e0", Symbology::Gs1DataBar},    AimId{"A0", Symbology::Code39},
    AimId{"A1", Symbology::Code39},     AimId{"A4", Symbology::Code39},        AimId{"I0", Symbology::Itf},
    AimId{"I1", Symbology::Itf},
};

struct CommandName {
  const char *name;
  ScanCommand command;
};

constexpr std::array kCommands{
    CommandName{"COMPLETE", ScanCommand::Complete}, CommandName{"HOLD", ScanCommand::Hold},
    CommandName{"NEXTBOX", ScanCommand::NextBox},   CommandName{"REPRINT", ScanCommand::Reprint},
    CommandName{"SIGNOUT", ScanCommand::SignOut},   CommandName{"ACK", ScanCommand::Ack},
    CommandName{"PARTIAL", ScanCommand::Partial},   CommandName{"MANUAL", ScanCommand::Manual},
};

bool allDigits(QStringView text)
{
  for (const QChar c : text) {
    if (c < u'0' || c > u'9')
      return false;
  }
  return !text.isEmpty();
}

bool isGtinLength(qsizetype n)
{
  return n == 8 || n == 12 || n == 13 || n == 14;
}

// Spaces, tabs, CR and LF around a scan come from scanner settings or a stray key, never from the
// symbol. (The GS1 separator is not one of them: it is data.)
QStringView trimSurroundingSpace(QStringView s)
{
  const auto isSpace = [](QChar c) { return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n' || c == QChar(0xA0); };
  while (!s.isEmpty() && isSpace(s.front()))
    s = s.sliced(1);
  while (!s.isEmpty() && isSpace(s.back()))
    s.chop(1);
  return s;
}

void invalid(DecodedScan &scan, QString why)
{
  scan.kind = ScanKind::Invalid;
  scan.error = std::move(why);
}

} // namespace

QString symbologyName(Symbology symbology)
{
  switch (symbology) {
  case Symbology::Unknown: return {};
  case Symbology::Code128: return QStringLiteral("code128");
  case Symbology::Gs1_128: return QStringLiteral("gs1-128");
  case Symbology::Ean13: return QStringLiteral("ean13");
  case Symbology::Ean8: return QStringLiteral("ean8");
  case Symbology::Ean13AddOn: return QStringLiteral("ean13+addon");
  case Symbology::DataMatrix: return QStringLiteral("datamatrix");
  case Symbology::Gs1DataMatrix: return QStringLiteral("gs1-datamatrix");
  case Symbology::QrCode: return QStringLiteral("qr");
  case Symbology::Gs1Qr: return QStringLiteral("gs1-qr");
  case Symbology::Gs1DataBar: return QStringLiteral("gs1-databar");
  case Symbology::Code39: return QStringLiteral("code39");
  case Symbology::Itf: return QStringLiteral("itf");
  case Symbology::Other: return QStringLiteral("other");
  }
  return {};
}

ScanDecoder::ScanDecoder(ScanDecoderOptions options)
    : m_options(std::move(options))
{}

DecodedScan ScanDecoder::decode(QStringView input) const
{
  DecodedScan scan;
  QStringView s = trimSurroundingSpace(input);
  if (!m_options.prefix.isEmpty() && s.startsWith(m_options.prefix))
    s = s.sliced(m_options.prefix.size());
  if (!m_options.suffix.isEmpty() && s.endsWith(m_options.suffix))
    s.chop(m_options.suffix.size());
  s = trimSurroundingSpace(s);
  scan.raw = s.toString();
  if (s.isEmpty()) {
    invalid(scan, QStringLiteral("empty scan"));
    return scan;
  }
  scan.code = scan.raw;
  if (s.size() >= 3 && s.at(0) == u']' && s.at(1).isLetter()) {
    scan.symbology = Symbology::Other;
    const QStringView id = s.sliced(1, 2);
    for (const AimId &aim : kAimIds) {
      if (id == QLatin1String(aim.id))
        scan.symbology = aim.symbology;
    }
    scan.code = s.sliced(3).toString();
    if (scan.code.isEmpty()) {
      invalid(scan, QStringLiteral("symbology identifier without data"));
      return scan;
    }
  }
  decodeData(scan);
  return scan;
}

void ScanDecoder::decodeData(DecodedScan &scan) const
{
  const QString &code = scan.code;
  if (!m_options.commandPrefix.isEmpty() && code.startsWith(m_options.commandPrefix)) {
    const QString body = code.sliced(m_options.commandPrefix.size());
    const qsizetype colon = body.indexOf(u':');
    const QString name = colon < 0 ? body : body.first(colon);
    for (const CommandName &c : kCommands) {
      if (name == QLatin1String(c.name)) {
        scan.kind = ScanKind::Command;
        scan.command = c.command;
        scan.argument = colon < 0 ? QString() : body.sliced(colon + 1);
        return;
      }
    }
    invalid(scan, QStringLiteral("unknown station command %1").arg(name));
    return;
  }
  if (!m_options.badgePrefix.isEmpty() && code.startsWith(m_options.badgePrefix) &&
      code.size() > m_options.badgePrefix.size()) {
    scan.kind = ScanKind::Badge;
    scan.argument = code;
    return;
  }
  switch (scan.symbology) {
  case Symbology::Gs1_128:
  case Symbology::Gs1DataMatrix:
  case Symbology::Gs1Qr:
  case Symbology::Gs1DataBar: decodeGs1(scan, parseGs1(code)); return;
  case Symbology::Ean13:
    if (code.size() != 8 && code.size() != 12 && code.size() != 13)
      return invalid(scan, QStringLiteral("EAN/UPC data has %1 digits").arg(code.size()));
    return decodeRetail(scan, EightDigit::UpcE);
  case Symbology::Ean8:
    if (code.size() != 8)
      return invalid(scan, QStringLiteral("EAN-8 data has %1 digits").arg(code.size()));
    return decodeRetail(scan, EightDigit::PreferEan8);
  case Symbology::Ean13AddOn:
    if (!allDigits(code) || (code.size() != 15 && code.size() != 18))
      return invalid(scan, QStringLiteral("EAN-13 with add-on has %1 characters").arg(code.size()));
    scan.argument = code.sliced(13);
    scan.code = code.first(13);
    return decodeRetail(scan, EightDigit::PreferEan8);
  case Symbology::Itf:
    if (code.size() == 14) // ITF-14 carries a GTIN-14
      return decodeRetail(scan, EightDigit::PreferEan8);
    if (!allDigits(code))
      return invalid(scan, QStringLiteral("ITF data is digits only"));
    scan.kind = ScanKind::Item;
    return;
  default: break;
  }
  // No or a non-GS1 identifier: recognise GS1 by its separators or brackets, GTINs by their digits.
  if (code.contains(kGroupSeparator))
    return decodeGs1(scan, parseGs1(code));
  if (code.startsWith(u'(') && code.size() > 4 && code.at(3) == u')')
    return decodeGs1(scan, parseGs1Bracketed(code));
  if (allDigits(code) && scan.symbology == Symbology::Unknown)
    return decodeDigits(scan);
  if (allDigits(code) && isGtinLength(code.size())) {
    // Numeric Code 128/39 may be internal numbers: a GTIN only if it checks out.
    if (auto gtin = normalizeGtin(code, EightDigit::PreferEan8))
      scan.gtin = *gtin;
  }
  scan.kind = ScanKind::Item;
}

void ScanDecoder::decodeDigits(DecodedScan &scan) const
{
  const QString &code = scan.code;
  const qsizetype n = code.size();
  if (n == 12 || n == 13 || n == 14)
    return decodeRetail(scan, EightDigit::PreferEan8);
  scan.kind = ScanKind::Item;
  if (n < 8)
    return; // short numbers are internal codes (bins, numeric SKUs), looked up as they are
  if (n == 8) {
    // EAN-8 and UPC-E look alike and no identifier says which: keep every reading that checks out.
    // Neither: an internal 8-digit number, looked up as it is.
    auto ean8 = normalizeGtin(code, EightDigit::PreferEan8);
    auto upcE = normalizeGtin(code, EightDigit::UpcE);
    if (ean8)
      scan.gtin = *ean8;
    if (upcE && scan.gtin.isEmpty())
      scan.gtin = *upcE;
    else if (upcE && *upcE != scan.gtin)
      scan.otherGtin = *upcE;
    return;
  }
  if (n >= 15) {
    // GS1-128 without its identifier arrives as bare digits: AI (01) + GTIN + fixed-length fields.
    auto parsed = parseGs1(code);
    if (parsed)
      return decodeGs1(scan, std::move(parsed));
    return invalid(
        scan,
        QStringLiteral("%1 digits: longer than any GTIN and not GS1 data (%2)").arg(n).arg(parsed.error().message));
  }
  invalid(scan, QStringLiteral("%1 digits: no GTIN has this length (a misread or a lost digit)").arg(n));
}

QStringList DecodedScan::lookupKeys() const
{
  QStringList keys;
  for (const QString &key : {gtin, otherGtin, code}) {
    if (!key.isEmpty() && !keys.contains(key))
      keys.append(key);
  }
  return keys;
}

void ScanDecoder::decodeGs1(DecodedScan &scan, Result<Gs1ElementString> parsed) const
{
  if (!parsed)
    return invalid(scan, parsed.error().message);
  scan.gs1 = *parsed;
  if (scan.gs1.has(u"01"))
    scan.gtin = scan.gs1.value(u"01");
  else if (scan.gs1.has(u"02"))
    scan.gtin = scan.gs1.value(u"02");
  if (!scan.gtin.isEmpty()) {
    scan.kind = ScanKind::Item;
    return;
  }
  if (scan.gs1.has(u"00")) {
    scan.kind = ScanKind::Sscc;
    return;
  }
  invalid(scan, QStringLiteral("GS1 data without a GTIN or SSCC"));
}

void ScanDecoder::decodeRetail(DecodedScan &scan, EightDigit eightDigit) const
{
  auto gtin = normalizeGtin(scan.code, eightDigit);
  if (!gtin)
    return invalid(scan, gtin.error().message);
  scan.gtin = *gtin;
  scan.kind = ScanKind::Item;
}

} // namespace pb::scanning
