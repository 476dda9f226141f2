// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>

#include <vector>

namespace pb::documents::liquid {

// Where something is in the template, 1-based; every error message names it.
struct SourcePos {
  int line = 1;
  int column = 1;
};

QString describe(SourcePos pos, const QString &message);

// One piece of a template: literal text, an output `{{ }}` or a tag `{% %}` (markup without delimiters).
struct Segment {
  enum class Kind { Text, Output, Tag };
  Kind kind = Kind::Text;
  QString text;
  SourcePos pos;       // of the opening delimiter (or first character of text)
  SourcePos markupPos; // of the first character inside the delimiters
};

// Splits a template into segments, applies {%- -%} / {{- -}} whitespace control, keeps raw blocks
// verbatim and expands `{% liquid %}` into one tag per line.
Result<std::vector<Segment>> splitTemplate(const QString &source);

// A token of markup inside {{ }} or {% %}.
struct Token {
  enum class Kind {
    Ident,
    String,
    Integer,
    Float,
    Compare,
    Dot,
    DotDot,
    Comma,
    Colon,
    Pipe,
    LBracket,
    RBracket,
    LParen,
    RParen,
    End
  };
  Kind kind = Kind::End;
  QString text;
  SourcePos pos;
};

Result<std::vector<Token>> tokenize(const QString &markup, SourcePos start);

} // namespace pb::documents::liquid
