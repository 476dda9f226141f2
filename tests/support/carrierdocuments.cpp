// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/carrierdocuments.h"

#include "tests/support/zplraster.h"

#include <QBuffer>
#include <QImage>

#include <zint.h>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace pb::test::carrierdocs {

namespace {

constexpr double kDotsPerPoint = 203.0 / 72.0;

// One page's drawing operators in PDF user space (points), written top-down like the other formats.
class PdfPage {
public:
  explicit PdfPage(double heightPt)
      : m_height(heightPt)
  {}
  void text(double x, double top, double size, bool bold, const QString &s)
  {
    QByteArray escaped;
    for (const QChar ch : s) {
      const char c = ch.unicode() < 256 ? static_cast<char>(ch.unicode()) : '?'; // WinAnsi ≈ Latin-1
      if (c == '(' || c == ')' || c == '\\')
        escaped += '\\';
      escaped += c;
    }
    m_ops += "BT /" + QByteArray(bold ? "F2" : "F1") + ' ' + number(size) + " Tf " + number(x) + ' ' +
             number(m_height - top - size * 0.8) + " Td (" + escaped + ") Tj ET\n";
  }
  void rect(double x, double top, double w, double h)
  {
    m_ops += number(x) + ' ' + number(m_height - top - h) + ' ' + number(w) + ' ' + number(h) + " re f\n";
  }
  void barcode(double x, double top, double module, double height, const Bars &bars)
  {
    for (const QRectF &bar : bars.bars)
      rect(x + bar.x() * module, top, bar.width() * module, height);
  }
  const QByteArray &ops() const { return m_ops; }

private:
  static QByteArray number(double v) { return QByteArray::number(v, 'f', 2); }
  double m_height;
  QByteArray m_ops;
};

// A PDF 1.4 file of the pages, with Helvetica and Helvetica-Bold (base 14: nothing embedded).
QByteArray pdfFile(double widthPt, double heightPt, const QList<PdfPage> &pages)
{
  QByteArray out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  QList<qsizetype> offsets;
  auto object = [&](const QByteArray &body) {
    offsets.append(out.size());
    out += QByteArray::number(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  const int firstPage = 5; // 1 catalog, 2 pages, 3 and 4 fonts, then page and content pairs
  QByteArray kids;
  for (qsizetype i = 0; i < pages.size(); ++i)
    kids += QByteArray::number(firstPage + 2 * i) + " 0 R ";
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(pages.size()) + " >>");
  object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  for (qsizetype i = 0; i < pages.size(); ++i) {
    const qsizetype content = firstPage + 2 * i + 1;
    object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + QByteArray::number(widthPt) + ' ' +
           QByteArray::number(heightPt) + "] /Contents " + QByteArray::number(content) +
           " 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>");
    const QByteArray &ops = pages.at(i).ops();
    object("<< /Length " + QByteArray::number(ops.size()) + " >>\nstream\n" + ops + "endstream");
  }
  const qsizetype xref = out.size();
  out += "xref\n0 " + QByteArray::number(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (const qsizetype offset : offsets)
    out += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
  out += "trailer\n<< /Size " + QByteArray::number(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         QByteArray::number(xref) + "\n%%EOF\n";
  return out;
}

QByteArray zplText(const QString &text)
{
  QByteArray out;
  for (const char c : text.toUtf8()) {
    if (c == '^' || c == '~' || c == '_')
      out += '_' + QByteArray::number(static_cast<unsigned char>(c), 16).toUpper();
    else
      out += c;
  }
  return out;
}

} // namespace

Bars code128(const QString &data)
{
  Bars out;
  const std::unique_ptr<zint_symbol, decltype(&ZBarcode_Delete)> symbol(ZBarcode_Create(), &ZBarcode_Delete);
  if (!symbol || data.isEmpty())
    return out;
  symbol->symbology = BARCODE_CODE128;
  symbol->input_mode = DATA_MODE;
  symbol->show_hrt = 0;
  symbol->scale = 0.5f; // vector units = modules
  const QByteArray bytes = data.toLatin1();
  if (ZBarcode_Encode_and_Buffer_Vector(symbol.get(), reinterpret_cast<const unsigned char *>(bytes.constData()),
                                        static_cast<int>(bytes.size()), 0) >= ZINT_ERROR ||
      !symbol->vector)
    return out;
  out.width = symbol->vector->width;
  for (const zint_vector_rect *r = symbol->vector->rectangles; r; r = r->next)
    out.bars.append(QRectF(r->x, 0, r->width, 1));
  return out;
}

QByteArray labelZpl(const LabelContent &l)
{
  auto dots = [](double pt) -> QByteArray { return QByteArray::number(std::lround(pt * kDotsPerPoint)); };
  auto field = [&](double x, double top, double size, const QString &text) -> QByteArray {
    return "^FO" + dots(x) + ',' + dots(top) + "^A0N," + dots(size) + ',' + dots(size) + "^FH^FD" + zplText(text) +
           "^FS\n";
  };
  auto line = [&](double top) -> QByteArray {
    return "^FO" + dots(12) + ',' + dots(top) + "^GB" + dots(264) + ",3,3^FS\n";
  };
  QByteArray z = "^XA\n^CI28\n^PW812\n^LL1218\n^LH0,0\n";
  z += field(12, 12, 22, l.carrierName) + field(150, 18, 11, l.serviceName) + line(44);
  z += field(12, 50, 7, u"FROM"_s);
  for (qsizetype i = 0; i < l.shipFrom.size() && i < 5; ++i)
    z += field(12, 60 + 10 * i, 8, l.shipFrom.at(i));
  z += line(116) + field(12, 124, 9, u"SHIP TO:"_s);
  for (qsizetype i = 0; i < l.shipTo.size() && i < 6; ++i)
    z += field(24, 138 + 15 * i, 12, l.shipTo.at(i));
  z += line(232) + field(12, 240, 8, u"TRACKING #"_s) + field(12, 250, 12, l.trackingNumber);
  const Bars bars = code128(l.trackingNumber);
  const int module = bars.width * 3 <= 732 ? 3 : 2;
  const long left = std::lround((812 - bars.width * module) / 2);
  z += "^FO" + QByteArray::number(left) + ',' + dots(272) + "^BY" + QByteArray::number(module) + "^BCN," + dots(78) +
       ",N,N,N,A^FD" + l.trackingNumber.toLatin1() + "^FS\n";
  z += line(372) + field(12, 380, 9, u"REF: "_s + l.reference) + field(180, 380, 9, l.weight);
  z += field(12, 396, 7, u"LABEL "_s + l.labelId) + field(12, 410, 7, u"Packbench carrier fake: not a real label"_s);
  z += "^XZ\n";
  return z;
}

QByteArray labelPdf(const LabelContent &l)
{
  PdfPage p(432);
  auto line = [&](double top) { p.rect(12, top, 264, 1); };
  p.text(12, 12, 22, true, l.carrierName);
  p.text(150, 18, 11, false, l.serviceName);
  line(44);
  p.text(12, 50, 7, false, u"FROM"_s);
  for (qsizetype i = 0; i < l.shipFrom.size() && i < 5; ++i)
    p.text(12, 60 + 10 * i, 8, false, l.shipFrom.at(i));
  line(116);
  p.text(12, 124, 9, true, u"SHIP TO:"_s);
  for (qsizetype i = 0; i < l.shipTo.size() && i < 6; ++i)
    p.text(24, 138 + 15 * i, 12, i == 0, l.shipTo.at(i));
  line(232);
  p.text(12, 240, 8, false, u"TRACKING #"_s);
  p.text(12, 250, 12, true, l.trackingNumber);
  const Bars bars = code128(l.trackingNumber);
  const double module = std::min(1.6, 252.0 / std::max(1.0, bars.width));
  p.barcode((288 - bars.width * module) / 2, 272, module, 78, bars);
  line(372);
  p.text(12, 380, 9, false, u"REF: "_s + l.reference);
  p.text(180, 380, 9, false, l.weight);
  p.text(12, 396, 7, false, u"LABEL "_s + l.labelId);
  p.text(12, 410, 7, false, u"Packbench carrier fake: not a real label"_s);
  return pdfFile(288, 432, {p});
}

QByteArray labelPng(const LabelContent &label)
{
  const QImage image = rasteriseZpl(labelZpl(label)).image.convertToFormat(QImage::Format_Mono);
  QByteArray png;
  QBuffer buffer(&png);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return png;
}

QByteArray manifestPdf(const QString &manifestId, const QString &carrierName, const QString &shipDate,
                       const QList<QStringList> &rows)
{
  constexpr int kRowsPerPage = 38;
  const qsizetype pageCount = std::max<qsizetype>(1, (rows.size() + kRowsPerPage - 1) / kRowsPerPage);
  QList<PdfPage> pages;
  for (qsizetype n = 0; n < pageCount; ++n) {
    PdfPage p(792);
    p.text(40, 36, 18, true, u"Carrier manifest %1"_s.arg(manifestId));
    p.text(40, 60, 11, false, u"%1 · ship date %2 · %3 parcel(s)"_s.arg(carrierName, shipDate).arg(rows.size()));
    const Bars bars = code128(manifestId);
    p.barcode(40, 80, 1.5, 40, bars);
    p.text(40, 134, 10, true, u"Label"_s);
    p.text(180, 134, 10, true, u"Tracking number"_s);
    p.text(380, 134, 10, true, u"Service"_s);
    p.rect(40, 148, 532, 0.8);
    for (qsizetype i = n * kRowsPerPage; i < rows.size() && i < (n + 1) * kRowsPerPage; ++i) {
      const double top = 154 + 15 * (i - n * kRowsPerPage);
      const QStringList &row = rows.at(i);
      p.text(40, top, 9, false, row.value(0));
      p.text(180, top, 9, false, row.value(1));
      p.text(380, top, 9, false, row.value(2));
    }
    p.text(40, 752, 8, false, u"Page %1 of %2 · driver signature: ______________________"_s.arg(n + 1).arg(pageCount));
    pages.append(p);
  }
  return pdfFile(612, 792, pages);
}

int mod10CheckDigit(const QString &serial, int evensMultiplier, int oddsMultiplier)
{
  int total = 0;
  for (qsizetype i = 0; i < serial.size(); ++i) {
    const QChar c = serial.at(i);
    int x = c.isDigit() ? c.digitValue() : (c.toLatin1() - 3) % 10;
    x *= (i % 2 == 1) ? oddsMultiplier : evensMultiplier;
    total += x;
  }
  const int check = total % 10;
  return check == 0 ? 0 : 10 - check;
}

QString upsTrackingNumber(const QString &shipper, const QString &service, qint64 package)
{
  const QString serial = shipper + service + QString::number(package % 10000000).rightJustified(7, u'0');
  return u"1Z"_s + serial + QString::number(mod10CheckDigit(serial, 1, 2));
}

QString usps20TrackingNumber(const QString &service, const QString &shipper, qint64 package)
{
  const QString serial = service + shipper + QString::number(package % 100000000).rightJustified(8, u'0');
  return serial + QString::number(mod10CheckDigit(serial, 3, 1));
}

} // namespace pb::test::carrierdocs
