// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QList>
#include <QString>

class QTextDocument;
class QTextLayout;

namespace pb::printing {

// Characters that would print as blanks because no installed font has a glyph for them. Checked on
// the glyphs Qt really chose after font fallback (QTextLayout::glyphRuns), not guessed from scripts.
// Each list holds distinct code points, in order of first appearance; spaces and format
// characters (which draw nothing anyway) never count.
QList<char32_t> missingGlyphs(const QTextLayout &layout);
QList<char32_t> missingGlyphs(const QTextDocument &document);
QList<char32_t> missingGlyphs(const QString &text, const QFont &font);

// Adds the code points of `more` not yet in `into`.
void mergeCodePoints(QList<char32_t> &into, const QList<char32_t> &more);
// "U+5C71 U+7530" (for the journal and the packer: no customer text in logs, only code points).
QString codePointList(const QList<char32_t> &codePoints);

} // namespace pb::printing
