// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/base14pdfdevice.h"

#include "ui/printing/base14pdfengine.h"

#include <climits>

namespace pb::printing {

namespace {

// A PDF text string that holds any characters: UTF-16BE with a byte-order mark, in hex.
QByteArray pdfText(const QString &text)
{
  QByteArray out = "<FEFF";
  for (const QChar c : text) {
    char hex[5];
    std::snprintf(hex, sizeof hex, "%04X", c.unicode());
    out.append(hex, 4);
  }
  out.append('>');
  return out;
}

// Collects numbered objects and their byte offsets for the cross-reference table.
class PdfFile {
public:
  PdfFile() { m_bytes.append("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"); }
  int reserve() { return ++m_count; }
  void write(int object, const QByteArray &body)
  {
    m_offsets.resize(std::max<qsizetype>(m_offsets.size(), object + 1));
    m_offsets[object] = m_bytes.size();
    m_bytes.append(QByteArray::number(object) + " 0 obj\n");
    m_bytes.append(body);
    m_bytes.append("\nendobj\n");
  }
  QByteArray finish(int root, int info)
  {
    const qsizetype xref = m_bytes.size();
    m_bytes.append("xref\n0 " + QByteArray::number(m_count + 1) + "\n0000000000 65535 f \n");
    char line[24];
    for (int i = 1; i <= m_count; ++i) {
      std::snprintf(line, sizeof line, "%010lld 00000 n \n", static_cast<long long>(m_offsets.value(i)));
      m_bytes.append(line, 20);
    }
    m_bytes.append("trailer\n<< /Size " + QByteArray::number(m_count + 1) + " /Root " + QByteArray::number(root) +
                   " 0 R /Info " + QByteArray::number(info) + " 0 R >>\nstartxref\n" + QByteArray::number(xref) +
                   "\n%%EOF\n");
    return m_bytes;
  }
  static QByteArray ref(int object) { return QByteArray::number(object) + " 0 R"; }

private:
  QByteArray m_bytes;
  QList<qsizetype> m_offsets;
  int m_count = 0;
};

} // namespace

Base14PdfDevice::Base14PdfDevice(const QPageSize &pageSize, int resolution)
    : m_sizePoints(pageSize.size(QPageSize::Point))
    , m_resolution(resolution)
{
  m_engine = std::make_unique<Base14PdfEngine>(m_sizePoints, resolution);
}

Base14PdfDevice::~Base14PdfDevice() = default;

void Base14PdfDevice::newPage()
{
  m_engine->newPage();
}

int Base14PdfDevice::pageCount() const
{
  return static_cast<int>(m_engine->pages().size());
}

bool Base14PdfDevice::isFaithful() const
{
  return m_engine->isFaithful();
}

QString Base14PdfDevice::unfaithfulReason() const
{
  return m_engine->unfaithfulReason();
}

QPaintEngine *Base14PdfDevice::paintEngine() const
{
  return m_engine.get();
}

int Base14PdfDevice::metric(PaintDeviceMetric metric) const
{
  switch (metric) {
  case PdmWidth: return qRound(m_sizePoints.width() * m_resolution / 72.0);
  case PdmHeight: return qRound(m_sizePoints.height() * m_resolution / 72.0);
  case PdmWidthMM: return qRound(m_sizePoints.width() * 25.4 / 72.0);
  case PdmHeightMM: return qRound(m_sizePoints.height() * 25.4 / 72.0);
  case PdmNumColors: return INT_MAX;
  case PdmDepth: return 32;
  case PdmDpiX:
  case PdmDpiY:
  case PdmPhysicalDpiX:
  case PdmPhysicalDpiY: return m_resolution;
  case PdmDevicePixelRatio: return 1;
  case PdmDevicePixelRatioScaled: return static_cast<int>(devicePixelRatioFScale());
  }
  return QPaintDevice::metric(metric);
}

QByteArray Base14PdfDevice::toPdf(const QString &title, const QString &creator) const
{
  PdfFile file;
  const int catalog = file.reserve();
  const int pagesObject = file.reserve();
  const int resources = file.reserve();
  const int info = file.reserve();
  QByteArray fonts;
  for (int face = 0; face < Base14PdfEngine::kFaceCount; ++face) {
    if (!m_engine->usedFaces().at(static_cast<size_t>(face)))
      continue;
    const int object = file.reserve();
    file.write(object, QByteArray("<< /Type /Font /Subtype /Type1 /BaseFont /") + Base14PdfEngine::faceName(face) +
                           " /Encoding /WinAnsiEncoding >>");
    fonts.append(" /F" + QByteArray::number(face) + ' ' + PdfFile::ref(object));
  }
  QByteArray images;
  for (qsizetype i = 0; i < m_engine->images().size(); ++i) {
    const int object = file.reserve();
    file.write(object, m_engine->images().at(i));
    images.append(" /Im" + QByteArray::number(i) + ' ' + PdfFile::ref(object));
  }
  file.write(resources,
             "<< /ProcSet [/PDF /Text /ImageB /ImageC] /Font <<" + fonts + " >> /XObject <<" + images + " >> >>");
  QByteArray kids;
  const QByteArray mediaBox = "[0 0 " + QByteArray::number(m_sizePoints.width(), 'f', 2) + ' ' +
                              QByteArray::number(m_sizePoints.height(), 'f', 2) + ']';
  for (const QByteArray &content : m_engine->pages()) {
    const int page = file.reserve();
    const int stream = file.reserve();
    file.write(page, "<< /Type /Page /Parent " + PdfFile::ref(pagesObject) + " /MediaBox " + mediaBox + " /Resources " +
                         PdfFile::ref(resources) + " /Contents " + PdfFile::ref(stream) + " >>");
    file.write(stream,
               "<< /Length " + QByteArray::number(content.size() + 2) + " >>\nstream\n" + content + "Q\n\nendstream");
    kids.append(PdfFile::ref(page) + ' ');
  }
  file.write(pagesObject,
             "<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(m_engine->pages().size()) + " >>");
  file.write(catalog, "<< /Type /Catalog /Pages " + PdfFile::ref(pagesObject) + " >>");
  file.write(info, "<< /Title " + pdfText(title) + " /Creator " + pdfText(creator) + " /Producer " +
                       pdfText(QStringLiteral("Packbench")) + " >>");
  return file.finish(catalog, info);
}

} // namespace pb::printing
