// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/lexer.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace pb::documents::liquid {

QString describe(SourcePos pos, const QString &message)
{
  return u"line %1, column %2: %3"_s.arg(pos.line).arg(pos.column).arg(message);
}

namespace {

// Advances a line/column position over text.
SourcePos advance(SourcePos pos, QStringView text)
{
  for (const QChar c : text) {
    if (c == u'\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

bool isSpace(QChar c)
{
  return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f' || c == u'\v';
}

void trimRight(QString &text)
{
  qsizetype n = text.size();
  while (n > 0 && isSpace(text[n - 1]))
    --n;
  text.truncate(n);
}

void trimLeft(QString &text)
{
  qsizetype n = 0;
  while (n < text.size() && isSpace(text[n]))
    ++n;
  text.remove(0, n);
}

QString firstWord(const QString &markup)
{
  const QString t = markup.trimmed();
  qsizetype n = 0;
  while (n < t.size() && !isSpace(t[n]))
    ++n;
  return t.left(n);
}

// Expands the body of {% liquid %}: each non-empty line is one tag.
void expandLiquidTag(const QString &body, SourcePos bodyPos, std::vector<Segment> &out)
{
  SourcePos pos = bodyPos;
  const QStringList lines = body.split(u'\n');
  for (const QString &line : lines) {
    const QString tag = line.trimmed();
    if (!tag.isEmpty() && !tag.startsWith(u'#')) {
      SourcePos at = pos;
      at.column += static_cast<int>(line.indexOf(tag.at(0)));
      out.push_back({Segment::Kind::Tag, tag, at, at});
    }
    ++pos.line;
    pos.column = 1;
  }
}

} // namespace

Result<std::vector<Segment>> splitTemplate(const QString &source)
{
  static const QRegularExpression endRaw(u"\\{%(-?)\\s*endraw\\s*(-?)%\\}"_s);
  std::vector<Segment> segments;
  bool trimNext = false;
  qsizetype at = 0;
  SourcePos pos;
  auto addText = [&](QString text, SourcePos textPos, bool trimEnd) {
    if (trimNext)
      trimLeft(text);
    if (trimEnd)
      trimRight(text);
    trimNext = false;
    if (!text.isEmpty())
      segments.push_back({Segment::Kind::Text, std::move(text), textPos, textPos});
  };
  while (at < source.size()) {
    const qsizetype open = source.indexOf(u'{', at);
    qsizetype start = open;
    while (start >= 0 && start + 1 < source.size() && source[start + 1] != u'{' && source[start + 1] != u'%')
      start = source.indexOf(u'{', start + 1);
    if (start < 0 || start + 1 >= source.size()) {
      addText(source.mid(at), pos, false);
      break;
    }
    const bool isOutput = source[start + 1] == u'{';
    const bool trimBefore = start + 2 < source.size() && source[start + 2] == u'-';
    const SourcePos openPos = advance(pos, QStringView(source).mid(at, start - at));
    addText(source.mid(at, start - at), pos, trimBefore);
    const QString closer = isOutput ? u"}}"_s : u"%}"_s;
    const qsizetype markupStart = start + 2 + (trimBefore ? 1 : 0);
    const qsizetype close = source.indexOf(closer, markupStart);
    if (close < 0)
      return makeError(ErrorKind::InvalidInput, describe(openPos, isOutput ? u"'{{' is not closed with '}}'"_s
                                                                           : u"'{%' is not closed with '%}'"_s));
    const bool trimAfter = close > markupStart && source[close - 1] == u'-';
    const QString markup = source.mid(markupStart, close - markupStart - (trimAfter ? 1 : 0));
    const SourcePos markupPos = advance(openPos, QStringView(source).mid(start, markupStart - start));
    at = close + 2;
    pos = advance(openPos, QStringView(source).mid(start, at - start));
    trimNext = trimAfter;
    if (isOutput) {
      segments.push_back({Segment::Kind::Output, markup, openPos, markupPos});
      continue;
    }
    const QString word = firstWord(markup);
    if (word == u"raw"_s) {
      const QRegularExpressionMatch m = endRaw.match(source, at);
      if (!m.hasMatch())
        return makeError(ErrorKind::InvalidInput, describe(openPos, u"'raw' tag was never closed"_s));
      QString raw = source.mid(at, m.capturedStart() - at);
      const SourcePos rawPos = pos;
      pos = advance(pos, QStringView(source).mid(at, m.capturedEnd() - at));
      at = m.capturedEnd();
      if (!m.captured(1).isEmpty())
        trimRight(raw);
      addText(raw, rawPos, false);
      trimNext = !m.captured(2).isEmpty();
      continue;
    }
    if (word == u"liquid"_s) {
      const qsizetype bodyAt = markup.indexOf(u"liquid"_s) + 6;
      expandLiquidTag(markup.mid(bodyAt), advance(markupPos, QStringView(markup).left(bodyAt)), segments);
      continue;
    }
    if (word.startsWith(u'#'))
      continue; // inline comment
    segments.push_back({Segment::Kind::Tag, markup, openPos, markupPos});
  }
  return segments;
}

Result<std::vector<Token>> tokenize(const QString &markup, SourcePos start)
{
  std::vector<Token> tokens;
  qsizetype i = 0;
  SourcePos pos = start;
  auto step = [&](qsizetype n) {
    pos = advance(pos, QStringView(markup).mid(i, n));
    i += n;
  };
  const qsizetype n = markup.size();
  while (i < n) {
    const QChar c = markup[i];
    if (isSpace(c)) {
      step(1);
      continue;
    }
    const SourcePos here = pos;
    const QChar next = i + 1 < n ? markup[i + 1] : QChar();
    if (c == u'\'' || c == u'"') {
      const qsizetype end = markup.indexOf(c, i + 1);
      if (end < 0)
        return makeError(ErrorKind::InvalidInput, describe(here, u"syntax error: string is not closed"_s));
      tokens.push_back({Token::Kind::String, markup.mid(i + 1, end - i - 1), here});
      step(end - i + 1);
      continue;
    }
    if (c.isDigit() || (c == u'-' && next.isDigit())) {
      qsizetype j = i + 1;
      while (j < n && markup[j].isDigit())
        ++j;
      bool isFloat = false;
      if (j + 1 < n && markup[j] == u'.' && markup[j + 1].isDigit()) {
        isFloat = true;
        ++j;
        while (j < n && markup[j].isDigit())
          ++j;
      }
      tokens.push_back({isFloat ? Token::Kind::Float : Token::Kind::Integer, markup.mid(i, j - i), here});
      step(j - i);
      continue;
    }
    if (c.isLetter() || c == u'_') {
      qsizetype j = i + 1;
      while (j < n && (markup[j].isLetterOrNumber() || markup[j] == u'_' || markup[j] == u'-'))
        ++j;
      if (j < n && markup[j] == u'?')
        ++j;
      tokens.push_back({Token::Kind::Ident, markup.mid(i, j - i), here});
      step(j - i);
      continue;
    }
    const QString two = markup.mid(i, 2);
    if (two == u"=="_s || two == u"!="_s || two == u"<>"_s || two == u"<="_s || two == u">="_s) {
      tokens.push_back({Token::Kind::Compare, two, here});
      step(2);
      continue;
    }
    if (two == u".."_s) {
      tokens.push_back({Token::Kind::DotDot, two, here});
      step(2);
      continue;
    }
    Token::Kind kind = Token::Kind::End;
    switch (c.unicode()) {
    case '<':
    case '>':
    case '=': kind = Token::Kind::Compare; break;
    case '.': kind = Token::Kind::Dot; break;
    case ',': kind = Token::Kind::Comma; break;
    case ':': kind = Token::Kind::Colon; break;
    case '|': kind = Token::Kind::Pipe; break;
    case '[': kind = Token::Kind::LBracket; break;
    case ']': kind = Token::Kind::RBracket; break;
    case '(': kind = Token::Kind::LParen; break;
    case ')': kind = Token::Kind::RParen; break;
    default:
      return makeError(ErrorKind::InvalidInput, describe(here, u"syntax error: unexpected character '%1'"_s.arg(c)));
    }
    tokens.push_back({kind, QString(c), here});
    step(1);
  }
  tokens.push_back({Token::Kind::End, QString(), pos});
  return tokens;
}

} // namespace pb::documents::liquid
