// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/parser.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace pb::documents::liquid {

namespace {

using TK = Token::Kind;

// Cursor over the tokens of one tag or output; records the first error.
class TokenStream final {
public:
  explicit TokenStream(std::vector<Token> tokens)
      : m_tokens(std::move(tokens))
  {}
  const Token &peek(size_t ahead = 0) const { return m_tokens[std::min(m_index + ahead, m_tokens.size() - 1)]; }
  const Token &next()
  {
    const Token &t = peek();
    if (m_index < m_tokens.size() - 1)
      ++m_index;
    return t;
  }
  bool accept(TK kind)
  {
    if (peek().kind != kind)
      return false;
    next();
    return true;
  }
  bool acceptWord(const QString &word)
  {
    if (peek().kind != TK::Ident || peek().text != word)
      return false;
    next();
    return true;
  }
  bool atEnd() const { return peek().kind == TK::End; }

private:
  std::vector<Token> m_tokens;
  size_t m_index = 0;
};

constexpr int kMaxNesting = 100;
// Ranges, brackets and and/or chains parse (and evaluate, and free) by recursion too.
constexpr int kMaxExpressionNesting = 100;

struct NestingGuard {
  explicit NestingGuard(int *depth)
      : m_depth(depth)
  {
    ++*m_depth;
  }
  ~NestingGuard() { --*m_depth; }
  Q_DISABLE_COPY_MOVE(NestingGuard)
  int *m_depth;
};

class Parser final {
public:
  explicit Parser(std::vector<Segment> segments)
      : m_segments(std::move(segments))
  {}

  std::optional<Error> error;

  // Parses until one of `terminators` (returned through `end`) or the end of input.
  NodeList parseBody(const QSet<QString> &terminators, Segment *end)
  {
    NodeList nodes;
    // Blocks nest by recursion: a template of thousands of nested ifs must not overflow the stack.
    const NestingGuard nesting(&m_nesting);
    if (m_nesting > kMaxNesting) {
      fail(m_index < m_segments.size() ? m_segments[m_index].pos : SourcePos{},
           u"blocks nested deeper than %1"_s.arg(kMaxNesting));
      return nodes;
    }
    while (!error && m_index < m_segments.size()) {
      const Segment &seg = m_segments[m_index++];
      if (seg.kind == Segment::Kind::Text) {
        nodes.push_back(std::make_unique<TextNode>(seg.pos, seg.text));
        continue;
      }
      auto ts = stream(seg);
      if (!ts)
        return nodes;
      if (seg.kind == Segment::Kind::Output) {
        FilteredExpression expr = parseFiltered(*ts);
        expectEnd(*ts);
        nodes.push_back(std::make_unique<OutputNode>(seg.pos, std::move(expr)));
        continue;
      }
      const Token name = ts->next();
      if (name.kind != TK::Ident) {
        fail(seg.markupPos, u"tag name expected"_s);
        return nodes;
      }
      if (terminators.contains(name.text)) {
        if (end)
          *end = seg;
        return nodes;
      }
      if (auto node = parseTag(name.text, seg, *ts))
        nodes.push_back(std::move(node));
    }
    if (!error && end)
      *end = Segment{Segment::Kind::Text, QString(), {}, {}};
    return nodes;
  }

private:
  void fail(SourcePos pos, const QString &message)
  {
    if (!error)
      error = makeError(ErrorKind::InvalidInput, describe(pos, message));
  }

  std::optional<TokenStream> stream(const Segment &seg)
  {
    auto tokens = tokenize(seg.text, seg.markupPos);
    if (!tokens) {
      if (!error)
        error = tokens.error();
      return std::nullopt;
    }
    return TokenStream(std::move(tokens).value());
  }

  void expectEnd(TokenStream &ts)
  {
    if (!ts.atEnd())
      fail(ts.peek().pos, u"syntax error: unexpected '%1'"_s.arg(ts.peek().text));
  }

  // False (and the parse fails) when expressions nest deeper than kMaxExpressionNesting.
  bool expressionDepthOk(SourcePos pos)
  {
    if (m_expressionNesting <= kMaxExpressionNesting)
      return true;
    fail(pos, u"expression nested deeper than %1"_s.arg(kMaxExpressionNesting));
    return false;
  }

  Expression parseExpression(TokenStream &ts)
  {
    Expression e;
    const NestingGuard nesting(&m_expressionNesting);
    if (error || !expressionDepthOk(ts.peek().pos))
      return e;
    const Token t = ts.next();
    e.pos = t.pos;
    switch (t.kind) {
    case TK::String:
      e.literal = QVariant(t.text);
      parsePath(ts, e);
      return e;
    case TK::Integer: e.literal = QVariant(t.text.toLongLong()); return e;
    case TK::Float: e.literal = QVariant(t.text.toDouble()); return e;
    case TK::LParen: {
      e.kind = Expression::Kind::Range;
      e.from = std::make_unique<Expression>(parseExpression(ts));
      if (!ts.accept(TK::DotDot))
        fail(ts.peek().pos, u"syntax error: '..' expected in range"_s);
      e.to = std::make_unique<Expression>(parseExpression(ts));
      if (!ts.accept(TK::RParen))
        fail(ts.peek().pos, u"syntax error: ')' expected"_s);
      return e;
    }
    case TK::Ident: break;
    case TK::LBracket: {
      e.kind = Expression::Kind::Variable;
      Expression key = parseExpression(ts);
      if (!ts.accept(TK::RBracket))
        fail(ts.peek().pos, u"syntax error: ']' expected"_s);
      e.root = key.literal.toString();
      parsePath(ts, e);
      return e;
    }
    default:
      fail(t.pos,
           t.kind == TK::End ? u"syntax error: value expected"_s : u"syntax error: unexpected '%1'"_s.arg(t.text));
      return e;
    }
    if (t.text == u"true"_s || t.text == u"false"_s) {
      e.literal = QVariant(t.text == u"true"_s);
      parsePath(ts, e);
      return e;
    }
    if (t.text == u"nil"_s || t.text == u"null"_s) {
      parsePath(ts, e);
      return e;
    }
    if (t.text == u"empty"_s && ts.peek().kind != TK::Dot) {
      e.kind = Expression::Kind::Empty;
      return e;
    }
    if (t.text == u"blank"_s && ts.peek().kind != TK::Dot) {
      e.kind = Expression::Kind::Blank;
      return e;
    }
    e.kind = Expression::Kind::Variable;
    e.root = t.text;
    parsePath(ts, e);
    return e;
  }

  void parsePath(TokenStream &ts, Expression &e)
  {
    while (!error) {
      if (ts.accept(TK::Dot)) {
        const Token name = ts.next();
        if (name.kind != TK::Ident) {
          fail(name.pos, u"syntax error: property name expected after '.'"_s);
          return;
        }
        Expression step;
        step.literal = QVariant(name.text);
        step.pos = name.pos;
        e.path.push_back(std::move(step));
      } else if (ts.accept(TK::LBracket)) {
        e.path.push_back(parseExpression(ts));
        if (!ts.accept(TK::RBracket))
          fail(ts.peek().pos, u"syntax error: ']' expected"_s);
      } else {
        return;
      }
    }
  }

  FilteredExpression parseFiltered(TokenStream &ts)
  {
    FilteredExpression fe{parseExpression(ts), {}};
    while (!error && ts.accept(TK::Pipe)) {
      const Token name = ts.next();
      if (name.kind != TK::Ident) {
        fail(name.pos, u"syntax error: filter name expected after '|'"_s);
        break;
      }
      FilterCall call;
      call.name = name.text;
      call.pos = name.pos;
      call.fn = findFilter(name.text);
      if (!call.fn) {
        fail(name.pos, u"unknown filter '%1'"_s.arg(name.text));
        break;
      }
      if (ts.accept(TK::Colon)) {
        do {
          if (ts.peek().kind == TK::Ident && ts.peek(1).kind == TK::Colon) {
            const QString key = ts.next().text;
            ts.next();
            call.kwargs.emplace_back(key, parseExpression(ts));
          } else {
            call.args.push_back(parseExpression(ts));
          }
        } while (!error && ts.accept(TK::Comma));
      }
      fe.filters.push_back(std::move(call));
    }
    return fe;
  }

  std::unique_ptr<Condition> parseComparison(TokenStream &ts)
  {
    auto c = std::make_unique<Condition>();
    c->pos = ts.peek().pos;
    c->left = parseExpression(ts);
    const Token op = ts.peek();
    if (op.kind == TK::Compare || (op.kind == TK::Ident && op.text == u"contains"_s)) {
      ts.next();
      static const QHash<QString, Condition::Op> ops{
          {u"=="_s, Condition::Op::Eq}, {u"!="_s, Condition::Op::Ne},
          {u"<>"_s, Condition::Op::Ne}, {u"<"_s, Condition::Op::Lt},
          {u">"_s, Condition::Op::Gt},  {u"<="_s, Condition::Op::Le},
          {u">="_s, Condition::Op::Ge}, {u"contains"_s, Condition::Op::Contains}};
      const auto found = ops.constFind(op.text);
      if (found == ops.cend())
        fail(op.pos, u"syntax error: unknown operator '%1'"_s.arg(op.text));
      else
        c->op = found.value();
      c->right = parseExpression(ts);
    }
    return c;
  }

  // Liquid has no precedence: `a and b or c` is `a and (b or c)`, evaluated right to left.
  std::unique_ptr<Condition> parseCondition(TokenStream &ts)
  {
    const NestingGuard nesting(&m_expressionNesting);
    if (!expressionDepthOk(ts.peek().pos))
      return std::make_unique<Condition>();
    auto left = parseComparison(ts);
    if (ts.peek().kind == TK::Ident && (ts.peek().text == u"and"_s || ts.peek().text == u"or"_s)) {
      const Token op = ts.next();
      auto joined = std::make_unique<Condition>();
      joined->op = op.text == u"and"_s ? Condition::Op::And : Condition::Op::Or;
      joined->pos = op.pos;
      joined->lhs = std::move(left);
      joined->rhs = parseCondition(ts);
      return joined;
    }
    expectEnd(ts);
    return left;
  }

  QString parseName(TokenStream &ts, const Segment &seg, const QString &tag)
  {
    const Token name = ts.next();
    if (name.kind != TK::Ident && name.kind != TK::String) {
      fail(seg.markupPos, u"'%1' needs a variable name"_s.arg(tag));
      return {};
    }
    return name.text;
  }

  std::unique_ptr<Node> parseTag(const QString &tag, const Segment &seg, TokenStream &ts)
  {
    if (tag == u"if"_s || tag == u"unless"_s)
      return parseIf(tag, seg, ts);
    if (tag == u"for"_s || tag == u"tablerow"_s)
      return parseFor(tag, seg, ts);
    if (tag == u"case"_s)
      return parseCase(seg, ts);
    if (tag == u"assign"_s) {
      const QString name = parseName(ts, seg, tag);
      if (ts.peek().kind == TK::Compare && ts.peek().text == u"="_s)
        ts.next();
      else
        fail(ts.peek().pos, u"syntax error: '=' expected in assign"_s);
      FilteredExpression expr = parseFiltered(ts);
      expectEnd(ts);
      return std::make_unique<AssignNode>(seg.pos, name, std::move(expr));
    }
    if (tag == u"echo"_s) {
      FilteredExpression expr = parseFiltered(ts);
      expectEnd(ts);
      return std::make_unique<OutputNode>(seg.pos, std::move(expr));
    }
    if (tag == u"capture"_s) {
      const QString name = parseName(ts, seg, tag);
      Segment end;
      NodeList body = parseBody({u"endcapture"_s}, &end);
      requireClosed(end, tag, seg);
      return std::make_unique<CaptureNode>(seg.pos, name, std::move(body));
    }
    if (tag == u"increment"_s || tag == u"decrement"_s)
      return std::make_unique<CounterNode>(seg.pos, parseName(ts, seg, tag), tag == u"increment"_s ? 1 : -1);
    if (tag == u"break"_s || tag == u"continue"_s)
      return std::make_unique<InterruptNode>(seg.pos, tag == u"break"_s ? Context::Interrupt::Break
                                                                        : Context::Interrupt::Continue);
    if (tag == u"cycle"_s)
      return parseCycle(seg, ts);
    if (tag == u"comment"_s) {
      skipComment(seg);
      return nullptr;
    }
    fail(seg.pos, u"unknown tag '%1'"_s.arg(tag));
    return nullptr;
  }

  void requireClosed(const Segment &end, const QString &tag, const Segment &open)
  {
    if (!error && end.kind == Segment::Kind::Text)
      fail(open.pos, u"'%1' tag was never closed"_s.arg(tag));
  }

  QString endName(const Segment &end)
  {
    const QString t = end.text.trimmed();
    qsizetype n = 0;
    while (n < t.size() && !t[n].isSpace())
      ++n;
    return t.left(n);
  }

  std::unique_ptr<Node> parseIf(const QString &tag, const Segment &seg, TokenStream &ts)
  {
    const QString endTag = u"end"_s + tag;
    std::vector<IfNode::Branch> branches;
    std::unique_ptr<Condition> condition = parseCondition(ts);
    bool sawElse = false;
    while (!error) {
      Segment end;
      NodeList body = parseBody({u"elsif"_s, u"else"_s, endTag}, &end);
      branches.push_back({std::move(condition), std::move(body)});
      requireClosed(end, tag, seg);
      if (error)
        break;
      const QString name = endName(end);
      if (name == endTag)
        break;
      if (sawElse) {
        fail(end.pos, u"'%1' after 'else'"_s.arg(name));
        break;
      }
      if (name == u"else"_s) {
        sawElse = true;
        condition = nullptr;
      } else {
        auto next = stream(end);
        if (!next)
          break;
        next->next();
        condition = parseCondition(*next);
      }
    }
    return std::make_unique<IfNode>(seg.pos, tag == u"unless"_s, std::move(branches));
  }

  std::unique_ptr<Node> parseCase(const Segment &seg, TokenStream &ts)
  {
    Expression subject = parseExpression(ts);
    expectEnd(ts);
    std::vector<CaseNode::When> whens;
    Segment end;
    parseBody({u"when"_s, u"else"_s, u"endcase"_s}, &end); // text before the first when is dropped
    while (!error) {
      requireClosed(end, u"case"_s, seg);
      if (error || endName(end) == u"endcase"_s)
        break;
      CaseNode::When when;
      if (endName(end) == u"when"_s) {
        auto wts = stream(end);
        if (!wts)
          break;
        wts->next();
        do {
          when.values.push_back(parseExpression(*wts));
        } while (!error && (wts->accept(TK::Comma) || wts->acceptWord(u"or"_s)));
        expectEnd(*wts);
      }
      when.body = parseBody({u"when"_s, u"else"_s, u"endcase"_s}, &end);
      whens.push_back(std::move(when));
    }
    return std::make_unique<CaseNode>(seg.pos, std::move(subject), std::move(whens));
  }

  std::unique_ptr<Node> parseFor(const QString &tag, const Segment &seg, TokenStream &ts)
  {
    LoopSpec spec;
    spec.variable = parseName(ts, seg, tag);
    if (!ts.acceptWord(u"in"_s))
      fail(ts.peek().pos, u"syntax error: 'in' expected in '%1'"_s.arg(tag));
    const qsizetype collectionAt = ts.peek().pos.column;
    spec.collection = parseExpression(ts);
    spec.registerKey = spec.variable + u'-' + seg.text.mid(collectionAt - seg.markupPos.column).section(u' ', 0, 0);
    while (!error && !ts.atEnd()) {
      ts.accept(TK::Comma);
      const Token word = ts.next();
      if (word.kind == TK::Ident && word.text == u"reversed"_s) {
        spec.reversed = true;
        continue;
      }
      if (word.kind == TK::Ident && ts.accept(TK::Colon)) {
        if (word.text == u"limit"_s)
          spec.limit = parseExpression(ts);
        else if (word.text == u"offset"_s && ts.acceptWord(u"continue"_s))
          spec.offsetContinue = true;
        else if (word.text == u"offset"_s)
          spec.offset = parseExpression(ts);
        else if (word.text == u"cols"_s && tag == u"tablerow"_s)
          spec.cols = parseExpression(ts);
        else
          fail(word.pos, u"unknown loop option '%1'"_s.arg(word.text));
        continue;
      }
      fail(word.pos, u"syntax error: unexpected '%1'"_s.arg(word.text));
    }
    const QString endTag = u"end"_s + tag;
    Segment end;
    NodeList body = parseBody({u"else"_s, endTag}, &end);
    NodeList elseBody;
    requireClosed(end, tag, seg);
    if (!error && endName(end) == u"else"_s) {
      elseBody = parseBody({endTag}, &end);
      requireClosed(end, tag, seg);
    }
    return std::make_unique<ForNode>(seg.pos, std::move(spec), std::move(body), std::move(elseBody),
                                     tag == u"tablerow"_s);
  }

  std::unique_ptr<Node> parseCycle(const Segment &seg, TokenStream &ts)
  {
    std::optional<Expression> group;
    std::vector<Expression> values;
    Expression first = parseExpression(ts);
    if (ts.accept(TK::Colon))
      group = std::move(first);
    else
      values.push_back(std::move(first));
    if (group || ts.accept(TK::Comma)) {
      do {
        values.push_back(parseExpression(ts));
      } while (!error && ts.accept(TK::Comma));
    }
    expectEnd(ts);
    // Cycles over literals share a counter; ones naming variables count on their own, as in Ruby Liquid.
    QString key = seg.text.trimmed();
    if (std::any_of(values.cbegin(), values.cend(),
                    [](const Expression &v) { return v.kind == Expression::Kind::Variable; }))
      key += u"@%1:%2"_s.arg(seg.pos.line).arg(seg.pos.column);
    return std::make_unique<CycleNode>(seg.pos, key, std::move(group), std::move(values));
  }

  void skipComment(const Segment &seg)
  {
    int depth = 1;
    while (m_index < m_segments.size()) {
      const Segment &s = m_segments[m_index++];
      if (s.kind != Segment::Kind::Tag)
        continue;
      const QString name = endName(s);
      if (name == u"comment"_s)
        ++depth;
      else if (name == u"endcomment"_s && --depth == 0)
        return;
    }
    fail(seg.pos, u"'comment' tag was never closed"_s);
  }

  std::vector<Segment> m_segments;
  size_t m_index = 0;
  int m_nesting = 0;           // parseBody calls open (blocks inside blocks)
  int m_expressionNesting = 0; // parseExpression / parseCondition calls open
};

} // namespace

Result<std::shared_ptr<const NodeList>> parseTemplate(const QString &source)
{
  auto segments = splitTemplate(source);
  if (!segments)
    return segments.error();
  Parser parser(std::move(segments).value());
  auto nodes = std::make_shared<NodeList>(parser.parseBody({}, nullptr));
  if (parser.error)
    return *parser.error;
  return std::shared_ptr<const NodeList>(std::move(nodes));
}

} // namespace pb::documents::liquid
