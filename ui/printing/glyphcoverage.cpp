// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/glyphcoverage.h"

#include <QGlyphRun>
#include <QStringView>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace Qt::StringLiterals;

namespace pb::printing {

namespace {

// Characters that draw nothing by design: a glyph 0 for them loses nothing.
bool drawsNothing(char32_t c)
{
  return c == QChar::ObjectReplacementCharacter || QChar::isSpace(c) || !QChar::isPrint(c) ||
         QChar::category(c) == QChar::Other_Format;
}

bool hasNotdef(const QList<QGlyphRun> &runs)
{
  for (const QGlyphRun &run : runs) {
    if (run.glyphIndexes().contains(0u))
      return true;
  }
  return false;
}

// `text` is the layout's own: a document block's layout keeps no copy of it (text() is empty there).
QList<char32_t> missingIn(const QTextLayout &layout, const QString &text)
{
  QList<char32_t> missing;
  // One pass over the whole laid-out text; only a block that has a .notdef glyph is looked at closer.
  if (layout.lineCount() == 0 || text.isEmpty() || !hasNotdef(layout.glyphRuns(0, static_cast<int>(text.size()))))
    return missing;
  for (qsizetype i = 0; i < text.size();) {
    const qsizetype length = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
    const char32_t c = length == 2 ? QChar::surrogateToUcs4(text.at(i), text.at(i + 1)) : text.at(i).unicode();
    if (!drawsNothing(c) && !missing.contains(c) &&
        hasNotdef(layout.glyphRuns(static_cast<int>(i), static_cast<int>(length))))
      missing.append(c);
    i += length;
  }
  return missing;
}

} // namespace

QList<char32_t> missingGlyphs(const QTextLayout &layout)
{
  return missingIn(layout, layout.text());
}

QList<char32_t> missingGlyphs(const QTextDocument &document)
{
  QList<char32_t> missing;
  for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
    if (const QTextLayout *layout = block.layout())
      mergeCodePoints(missing, missingIn(*layout, block.text()));
  }
  return missing;
}

QList<char32_t> missingGlyphs(const QString &text, const QFont &font)
{
  QTextLayout layout(text, font);
  layout.beginLayout();
  while (layout.createLine().isValid()) {
  }
  layout.endLayout();
  return missingGlyphs(layout);
}

void mergeCodePoints(QList<char32_t> &into, const QList<char32_t> &more)
{
  for (const char32_t c : more) {
    if (!into.contains(c))
      into.append(c);
  }
}

QString codePointList(const QList<char32_t> &codePoints)
{
  QStringList names;
  for (const char32_t c : codePoints)
    names << u"U+%1"_s.arg(static_cast<uint>(c), 4, 16, QChar(u'0')).toUpper();
  return names.join(u' ');
}

} // namespace pb::printing
