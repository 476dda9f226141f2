// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/slipdocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <utility>

using namespace Qt::StringLiterals;

namespace pb::printing {

namespace {
Q_LOGGING_CATEGORY(lcSlipDocument, "packbench.ui.printing.slipdocument")

// data:[<mediatype>][;base64],<data>
QByteArray decodeDataUrl(const QUrl &url)
{
  const QByteArray whole = url.toEncoded(QUrl::RemoveScheme);
  const qsizetype comma = whole.indexOf(',');
  if (comma < 0)
    return {};
  const QByteArray header = whole.left(comma);
  const QByteArray data = QByteArray::fromPercentEncoding(whole.mid(comma + 1));
  if (header.endsWith(";base64")) {
    auto decoded = QByteArray::fromBase64Encoding(data);
    return decoded ? *decoded : QByteArray();
  }
  return data;
}

QByteArray readCapped(const QString &path)
{
  QFile file(path);
  if (file.size() > SlipDocument::kMaxResourceBytes || !file.open(QIODevice::ReadOnly))
    return {};
  return file.read(SlipDocument::kMaxResourceBytes);
}
} // namespace

SlipDocument::SlipDocument(const QString &templateFolder, QObject *parent)
    : QTextDocument(parent)
    , m_folder(templateFolder)
{}

SlipDocument::~SlipDocument() = default;

QByteArray SlipDocument::allowedResource(const QString &templateFolder, const QUrl &name)
{
  const QString scheme = name.scheme().toLower();
  if (scheme == u"data"_s)
    return decodeDataUrl(name);
  if (scheme == u"qrc"_s)
    return readCapped(u":"_s + name.path());
  if (name.toString().startsWith(u":/"_s))
    return readCapped(name.toString());
  if (templateFolder.isEmpty() || !(scheme.isEmpty() || scheme == u"file"_s))
    return {};
  // Relative names resolve against the template folder; whatever the name, the file must be inside it
  // after links and ".." are resolved.
  const QString folder = QFileInfo(templateFolder).canonicalFilePath();
  const QString path = name.isLocalFile() ? name.toLocalFile() : name.path();
  const QString resolved = QFileInfo(QDir(folder).filePath(path)).canonicalFilePath();
  if (folder.isEmpty() || resolved.isEmpty() || !resolved.startsWith(folder + u'/'))
    return {};
  return readCapped(resolved);
}

QVariant SlipDocument::loadResource(int type, const QUrl &name)
{
  if (name.scheme() == u"barcode"_s)
    return {}; // drawn by SlipImageHandler
  const QByteArray bytes = allowedResource(m_folder, name);
  if (bytes.isNull()) {
    if (!std::exchange(m_warned, true)) // Qt asks again at every layout pass: say it once per slip
      qCWarning(lcSlipDocument, "slip image refused or missing (only data:, the template folder and built-ins)");
    return {};
  }
  if (type == QTextDocument::StyleSheetResource)
    return QString::fromUtf8(bytes);
  return bytes;
}

} // namespace pb::printing
