// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/base14pdfengine.h"

#include <QFontInfo>
#include <QHash>
#include <QImage>
#include <QMutex>
#include <QPainter>
#include <QPixmap>
#include <QTextItem>

#include <cmath>

using namespace Qt::StringLiterals;

namespace pb::printing {

namespace {

constexpr std::array<const char *, Base14PdfEngine::kFaceCount> kFaceNames = {
    "Helvetica",   "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Courier",     "Courier-Bold",   "Courier-Oblique",   "Courier-BoldOblique",
    "Times-Roman", "Times-Bold",     "Times-Italic",      "Times-BoldItalic"};

// Fonts whose glyph widths match Helvetica, Courier and Times (index into the families above / 4).
int metricGroup(const QString &family)
{
  if (family == u"Liberation Sans"_s || family == u"Arimo"_s)
    return 0;
  if (family == u"Liberation Mono"_s || family == u"Cousine"_s)
    return 1;
  if (family == u"Liberation Serif"_s || family == u"Tinos"_s)
    return 2;
  return -1;
}

// Windows-1252 codes 0x80-0x9F (PDF's WinAnsiEncoding) by Unicode code point.
int winAnsiHigh(char16_t c)
{
  switch (c) {
  case 0x20AC: return 0x80;
  case 0x201A: return 0x82;
  case 0x0192: return 0x83;
  case 0x201E: return 0x84;
  case 0x2026: return 0x85;
  case 0x2020: return 0x86;
  case 0x2021: return 0x87;
  case 0x02C6: return 0x88;
  case 0x2030: return 0x89;
  case 0x0160: return 0x8A;
  case 0x2039: return 0x8B;
  case 0x0152: return 0x8C;
  case 0x017D: return 0x8E;
  case 0x2018: return 0x91;
  case 0x2019: return 0x92;
  case 0x201C: return 0x93;
  case 0x201D: return 0x94;
  case 0x2022: return 0x95;
  case 0x2013: return 0x96;
  case 0x2014: return 0x97;
  case 0x02DC: return 0x98;
  case 0x2122: return 0x99;
  case 0x0161: return 0x9A;
  case 0x203A: return 0x9B;
  case 0x0153: return 0x9C;
  case 0x017E: return 0x9E;
  case 0x0178: return 0x9F;
  default: return -1;
  }
}

// The text as a PDF literal string body in WinAnsiEncoding; false when a character has no code.
bool encodeWinAnsi(const QString &text, QByteArray *out)
{
  const qsizetype n = text.size();
  for (qsizetype i = 0; i < n; ++i) {
    const char16_t c = text.at(i).unicode();
    int code = -1;
    if ((c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c <= 0xFF && c != 0xAD))
      code = c;
    else if (c == 0xAD) // a soft hyphen shows only where the line breaks
      code = i + 1 == n ? '-' : 0;
    else if (c == 0x200B || c == 0xFEFF)
      code = 0;
    else if (c == 0x2028 || c == 0x2029 || c == 0x09) // line breaks draw nothing at the end of a line
      code = i + 1 == n ? 0 : ' ';
    else
      code = winAnsiHigh(c);
    if (code < 0)
      return false;
    if (code == 0)
      continue;
    if (code == '(' || code == ')' || code == '\\')
      out->append('\\');
    out->append(static_cast<char>(code));
  }
  return true;
}

void appendNumber(QByteArray &out, double value, int decimals)
{
  const double factor = decimals == 3 ? 1000.0 : 100.0;
  long long n = std::llround(value * factor);
  if (n < 0) {
    out.append('-');
    n = -n;
  }
  const long long whole = n / static_cast<long long>(factor);
  long long fraction = n % static_cast<long long>(factor);
  char buffer[24];
  int length = 0;
  long long w = whole;
  do {
    buffer[length++] = static_cast<char>('0' + w % 10);
    w /= 10;
  } while (w > 0);
  while (length > 0)
    out.append(buffer[--length]);
  if (fraction != 0) {
    out.append('.');
    for (int d = decimals - 1; d >= 0 && fraction != 0; --d) {
      const long long p = decimals == 3 ? (d == 2 ? 100 : d == 1 ? 10 : 1) : (d == 1 ? 10 : 1);
      out.append(static_cast<char>('0' + fraction / p));
      fraction %= p;
    }
  }
  out.append(' ');
}

void appendColor(QByteArray &out, QRgb rgb, const char *op)
{
  appendNumber(out, qRed(rgb) / 255.0, 3);
  appendNumber(out, qGreen(rgb) / 255.0, 3);
  appendNumber(out, qBlue(rgb) / 255.0, 3);
  out.append(op);
  out.append('\n');
}

} // namespace

Base14PdfEngine::Base14PdfEngine(QSizeF pagePoints, int resolution)
    : QPaintEngine(QPaintEngine::AllFeatures)
    , m_scale(72.0 / resolution)
    , m_pageHeight(pagePoints.height())
{
  newPage();
}

Base14PdfEngine::~Base14PdfEngine() = default;

const char *Base14PdfEngine::faceName(int face)
{
  return kFaceNames.at(static_cast<size_t>(face));
}

void Base14PdfEngine::newPage()
{
  m_pages.append(QByteArray());
  out().reserve(16 * 1024);
  out().append("q\n"); // every clip change restores to this state and starts again
  resetEmitted();
  m_appliedClips.clear();
  applyClip();
}

bool Base14PdfEngine::begin(QPaintDevice *device)
{
  Q_UNUSED(device)
  setActive(true);
  return true;
}

bool Base14PdfEngine::end()
{
  setActive(false);
  return true;
}

void Base14PdfEngine::unfaithful(const QString &reason)
{
  if (m_reason.isEmpty())
    m_reason = reason;
}

void Base14PdfEngine::resetEmitted()
{
  m_fillKnown = m_strokeKnown = false;
  m_lineState.clear();
  m_charSpacing = m_wordSpacing = 0;
}

void Base14PdfEngine::updateState(const QPaintEngineState &changed)
{
  const DirtyFlags flags = changed.state();
  if (flags & DirtyTransform)
    m_transform = changed.transform();
  if (flags & DirtyPen)
    m_pen = changed.pen();
  if (flags & DirtyBrush)
    m_brush = changed.brush();
  if (flags & DirtyClipEnabled)
    m_clipEnabled = changed.isClipEnabled();
  if (flags & DirtyClipPath)
    setClip(changed.clipPath(), changed.clipOperation());
  if (flags & DirtyClipRegion) {
    QPainterPath path;
    path.addRegion(changed.clipRegion());
    setClip(path, changed.clipOperation());
  }
  if (flags & (DirtyClipEnabled | DirtyClipPath | DirtyClipRegion))
    applyClip();
}

void Base14PdfEngine::setClip(const QPainterPath &logical, Qt::ClipOperation operation)
{
  if (operation == Qt::NoClip) {
    m_clips.clear();
    m_clipEnabled = false;
    return;
  }
  if (operation == Qt::ReplaceClip)
    m_clips.clear();
  m_clips.append(m_transform.map(logical));
  m_clipEnabled = true;
}

void Base14PdfEngine::applyClip()
{
  static const QList<QPainterPath> none;
  const QList<QPainterPath> &wanted = m_clipEnabled ? m_clips : none;
  if (wanted == m_appliedClips)
    return;
  out().append("Q q\n");
  resetEmitted();
  for (const QPainterPath &clip : wanted) {
    writePath(clip);
    out().append(clip.fillRule() == Qt::OddEvenFill ? "W* n\n" : "W n\n");
  }
  m_appliedClips = wanted;
}

void Base14PdfEngine::number(double value)
{
  appendNumber(out(), value, 2);
}

void Base14PdfEngine::point(QPointF device)
{
  number(device.x() * m_scale);
  number(m_pageHeight - device.y() * m_scale);
}

void Base14PdfEngine::writePath(const QPainterPath &device)
{
  const int count = device.elementCount();
  for (int i = 0; i < count; ++i) {
    const QPainterPath::Element e = device.elementAt(i);
    if (e.type == QPainterPath::CurveToElement && i + 2 < count) {
      point(device.elementAt(i));
      point(device.elementAt(i + 1));
      point(device.elementAt(i + 2));
      out().append("c\n");
      i += 2;
    } else {
      point(e);
      out().append(e.type == QPainterPath::MoveToElement ? "m\n" : "l\n");
    }
  }
}

void Base14PdfEngine::setFillColor(const QColor &color)
{
  const QRgb rgb = color.rgb();
  if (m_fillKnown && rgb == m_fill)
    return;
  m_fill = rgb;
  m_fillKnown = true;
  appendColor(out(), rgb, "rg");
}

bool Base14PdfEngine::prepareFill()
{
  const Qt::BrushStyle style = m_brush.style();
  if (style == Qt::NoBrush || m_brush.color().alpha() == 0)
    return false;
  if (style != Qt::SolidPattern)
    unfaithful(u"a pattern or gradient fill"_s);
  setFillColor(m_brush.color());
  return true;
}

bool Base14PdfEngine::prepareStroke()
{
  if (m_pen.style() == Qt::NoPen || m_pen.brush().style() == Qt::NoBrush || m_pen.color().alpha() == 0)
    return false;
  if (m_pen.brush().style() != Qt::SolidPattern)
    unfaithful(u"a pattern or gradient pen"_s);
  const QRgb rgb = m_pen.color().rgb();
  if (!m_strokeKnown || rgb != m_stroke) {
    m_stroke = rgb;
    m_strokeKnown = true;
    appendColor(out(), rgb, "RG");
  }
  // Qt's width 0 is a cosmetic one-pixel pen; a cosmetic pen ignores the transform.
  double width = m_pen.widthF() > 0 ? m_pen.widthF() : 1.0;
  if (!m_pen.isCosmetic())
    width *= std::sqrt(std::abs(m_transform.determinant()));
  const double points = width * m_scale;
  QByteArray line;
  appendNumber(line, points, 3);
  line.append("w ");
  line.append(m_pen.capStyle() == Qt::FlatCap ? "0 J " : m_pen.capStyle() == Qt::RoundCap ? "1 J " : "2 J ");
  line.append(m_pen.joinStyle() == Qt::RoundJoin ? "1 j " : m_pen.joinStyle() == Qt::BevelJoin ? "2 j " : "0 j ");
  line.append('[');
  if (m_pen.style() != Qt::SolidLine) {
    for (const qreal dash : m_pen.dashPattern())
      appendNumber(line, dash * points, 2);
  }
  line.append("] 0 d\n");
  if (line != m_lineState) {
    out().append(line);
    m_lineState = line;
  }
  return true;
}

void Base14PdfEngine::finishPath(bool fill, bool stroke, bool oddEven)
{
  if (fill && stroke)
    out().append(oddEven ? "B*\n" : "B\n");
  else if (fill)
    out().append(oddEven ? "f*\n" : "f\n");
  else
    out().append("S\n");
}

void Base14PdfEngine::drawRects(const QRectF *rects, int rectCount)
{
  const bool fill = prepareFill();
  const bool stroke = prepareStroke();
  if (!fill && !stroke)
    return;
  const bool simple = m_transform.type() <= QTransform::TxScale;
  for (int i = 0; i < rectCount; ++i) {
    if (simple) {
      const QRectF r = m_transform.mapRect(rects[i]);
      number(r.x() * m_scale);
      number(m_pageHeight - r.bottom() * m_scale);
      number(r.width() * m_scale);
      number(r.height() * m_scale);
      out().append("re\n");
    } else {
      QPainterPath path;
      path.addRect(rects[i]);
      writePath(m_transform.map(path));
      out().append("h\n");
    }
  }
  finishPath(fill, stroke, false);
}

void Base14PdfEngine::drawLines(const QLineF *lines, int lineCount)
{
  if (!prepareStroke())
    return;
  for (int i = 0; i < lineCount; ++i) {
    point(m_transform.map(lines[i].p1()));
    out().append("m ");
    point(m_transform.map(lines[i].p2()));
    out().append("l\n");
  }
  out().append("S\n");
}

void Base14PdfEngine::drawPath(const QPainterPath &path)
{
  const bool fill = prepareFill();
  const bool stroke = prepareStroke();
  if (!fill && !stroke)
    return;
  writePath(m_transform.map(path));
  finishPath(fill, stroke, path.fillRule() == Qt::OddEvenFill);
}

void Base14PdfEngine::drawPolygon(const QPointF *points, int pointCount, PolygonDrawMode mode)
{
  if (pointCount < 2)
    return;
  const bool polyline = mode == PolylineMode;
  const bool fill = !polyline && prepareFill();
  const bool stroke = prepareStroke();
  if (!fill && !stroke)
    return;
  for (int i = 0; i < pointCount; ++i) {
    point(m_transform.map(points[i]));
    out().append(i == 0 ? "m\n" : "l\n");
  }
  if (!polyline)
    out().append("h\n");
  finishPath(fill, stroke, mode == OddEvenMode);
}

void Base14PdfEngine::drawPixmap(const QRectF &rect, const QPixmap &pixmap, const QRectF &source)
{
  drawImage(rect, pixmap.toImage(), source);
}

void Base14PdfEngine::drawImage(const QRectF &rect, const QImage &image, const QRectF &source,
                                Qt::ImageConversionFlags flags)
{
  Q_UNUSED(flags)
  if (m_transform.type() > QTransform::TxScale) {
    unfaithful(u"a rotated image"_s);
    return;
  }
  QImage picture = source == QRectF(image.rect()) ? image : image.copy(source.toAlignedRect());
  if (picture.isNull())
    return;
  if (picture.hasAlphaChannel()) { // PDF without a soft mask: flatten onto the white page
    QImage flat(picture.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter(&flat).drawImage(0, 0, picture);
    picture = flat;
  }
  const bool gray = picture.isGrayscale();
  picture = picture.convertToFormat(gray ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
  const qsizetype rowBytes = static_cast<qsizetype>(picture.width()) * (gray ? 1 : 3);
  QByteArray raw;
  raw.reserve(rowBytes * picture.height());
  for (int y = 0; y < picture.height(); ++y)
    raw.append(reinterpret_cast<const char *>(picture.constScanLine(y)), rowBytes);
  const QByteArray packed = qCompress(raw).mid(4); // qCompress prefixes the length to a zlib stream
  QByteArray object = "<< /Type /XObject /Subtype /Image /Width " + QByteArray::number(picture.width()) + " /Height " +
                      QByteArray::number(picture.height()) + " /ColorSpace " + (gray ? "/DeviceGray" : "/DeviceRGB") +
                      " /BitsPerComponent 8 /Filter /FlateDecode /Length " + QByteArray::number(packed.size()) +
                      " >>\nstream\n" + packed + "\nendstream";
  m_images.append(object);
  const QRectF r = m_transform.mapRect(rect);
  out().append("q ");
  number(r.width() * m_scale);
  out().append("0 0 ");
  number(r.height() * m_scale);
  number(r.x() * m_scale);
  number(m_pageHeight - r.bottom() * m_scale);
  out().append("cm /Im" + QByteArray::number(m_images.size() - 1) + " Do Q\n");
}

int Base14PdfEngine::faceFor(const QFont &font)
{
  const QString key = font.families().join(u',') + u'|' + QString::number(font.weight()) + u'|' +
                      QString::number(static_cast<int>(font.style())) + u'|' + font.family();
  // Per process: which file fontconfig picks for a family does not change while we run.
  static QMutex mutex;
  static QHash<QString, int> cache;
  const QMutexLocker lock(&mutex);
  const auto found = cache.constFind(key);
  if (found != cache.cend())
    return found.value();
  const QFontInfo info(font); // the face the layout really used, after fontconfig's substitutions
  const int group = metricGroup(info.family());
  const int face = group < 0 ? -1 : group * 4 + (info.bold() ? 1 : 0) + (info.style() != QFont::StyleNormal ? 2 : 0);
  cache.insert(key, face);
  return face;
}

void Base14PdfEngine::drawTextItem(const QPointF &p, const QTextItem &textItem)
{
  const QFont font = textItem.font();
  const int face = faceFor(font);
  if (face < 0) {
    unfaithful(u"text in a font without a standard-14 twin"_s);
    return;
  }
  if (m_transform.type() > QTransform::TxScale || !qFuzzyCompare(m_transform.m11(), m_transform.m22())) {
    unfaithful(u"rotated or stretched text"_s);
    return;
  }
  if (textItem.renderFlags() & QTextItem::RightToLeft) {
    unfaithful(u"right-to-left text"_s);
    return;
  }
  QString text = textItem.text();
  switch (font.capitalization()) {
  case QFont::MixedCase: break;
  case QFont::AllUppercase: text = text.toUpper(); break;
  case QFont::AllLowercase: text = text.toLower(); break;
  default: unfaithful(u"small caps or capitalised text"_s); return;
  }
  QByteArray encoded;
  if (!encodeWinAnsi(text, &encoded)) {
    unfaithful(u"characters outside WinAnsiEncoding"_s);
    return;
  }
  if (encoded.isEmpty() || m_pen.style() == Qt::NoPen || m_pen.color().alpha() == 0)
    return;
  const double scale = m_transform.m11();
  const double sizePoints = (font.pixelSize() > 0 ? font.pixelSize() * m_scale : font.pointSizeF()) * std::abs(scale);
  double charSpacing = 0;
  if (font.letterSpacingType() == QFont::AbsoluteSpacing)
    charSpacing = font.letterSpacing() * scale * m_scale;
  else if (font.letterSpacing() != 0 && !qFuzzyCompare(font.letterSpacing(), 100.0)) // 0 = never set
    unfaithful(u"proportional letter spacing"_s);
  const double wordSpacing = font.wordSpacing() * scale * m_scale;
  m_usedFaces[static_cast<size_t>(face)] = true;
  setFillColor(m_pen.color());
  QByteArray &o = out();
  if (std::abs(charSpacing - m_charSpacing) > 1e-4) {
    appendNumber(o, charSpacing, 3);
    o.append("Tc\n");
    m_charSpacing = charSpacing;
  }
  if (std::abs(wordSpacing - m_wordSpacing) > 1e-4) {
    appendNumber(o, wordSpacing, 3);
    o.append("Tw\n");
    m_wordSpacing = wordSpacing;
  }
  o.append("BT /F");
  o.append(QByteArray::number(face));
  o.append(' ');
  appendNumber(o, sizePoints, 2);
  o.append("Tf ");
  point(m_transform.map(p));
  o.append("Td (");
  o.append(encoded);
  o.append(") Tj ET\n");
}

} // namespace pb::printing
