// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/ast.h"

#include "core/documents/liquid/filtersupport.h"
#include "core/documents/liquid/value.h"

using namespace Qt::StringLiterals;

namespace pb::documents::liquid {

QVariant Expression::evaluate(Context &ctx) const
{
  switch (kind) {
  case Kind::Literal:
    if (path.empty())
      return literal;
    break;
  case Kind::Empty: return QVariant(QString());
  case Kind::Blank: return QVariant(QString());
  case Kind::Range: {
    const auto low = toInteger(from->evaluate(ctx));
    const auto high = toInteger(to->evaluate(ctx));
    if (!low || !high) {
      ctx.fail(pos, u"invalid integer in range"_s);
      return {};
    }
    if (*high < *low)
      return QVariant(QVariantList());
    // (1..9223372036854775807) overflows high - low + 1: compare the span without overflowing.
    qint64 span = 0;
    if (__builtin_sub_overflow(*high, *low, &span) || span >= ctx.options().maxIterations) {
      ctx.fail(pos, u"range %1..%2 exceeds the loop budget of %3 items"_s.arg(*low).arg(*high).arg(
                        ctx.options().maxIterations));
      return {};
    }
    QVariantList items;
    items.reserve(static_cast<qsizetype>(span) + 1);
    for (qint64 i = 0; i <= span; ++i)
      items.append(QVariant(*low + i));
    return QVariant(items);
  }
  case Kind::Variable: break;
  }
  QVariant value = kind == Kind::Literal ? literal : ctx.find(root);
  for (const Expression &step : path) {
    if (isNil(value))
      return {};
    value = lookup(value, step.evaluate(ctx));
  }
  return value;
}

QVariant FilteredExpression::evaluate(Context &ctx) const
{
  QVariant value = base.evaluate(ctx);
  for (const FilterCall &call : filters) {
    if (ctx.failed() || !ctx.withinTime(call.pos))
      return {};
    QVariantList args;
    args.reserve(static_cast<qsizetype>(call.args.size()));
    for (const Expression &arg : call.args)
      args.append(arg.evaluate(ctx));
    QVariantMap kwargs;
    for (const auto &[key, arg] : call.kwargs)
      kwargs.insert(key, arg.evaluate(ctx));
    Result<QVariant> result = call.fn(ctx, value, args, kwargs);
    if (!result) {
      ctx.fail(call.pos, result.error().message);
      return {};
    }
    value = std::move(result).value();
    // Any filter's string or list stays within the output budget too (escape, upcase, split, flatten…).
    const Status fits = value.typeId() == QMetaType::QString ? filtersupport::fitsBudget(ctx, value.toString().size())
                        : isList(value) ? filtersupport::fitsBudget(ctx, value.toList().size(), "list", "items")
                                        : Status{};
    if (!fits) {
      ctx.fail(call.pos, fits.error().message);
      return {};
    }
  }
  return value;
}

namespace {

bool equalsOperand(const Expression &special, const QVariant &other)
{
  return special.kind == Expression::Kind::Empty ? isEmptyValue(other) : isBlankValue(other);
}

bool isSpecial(const Expression &e)
{
  return e.kind == Expression::Kind::Empty || e.kind == Expression::Kind::Blank;
}

} // namespace

bool Condition::evaluate(Context &ctx) const
{
  switch (op) {
  case Op::And: return lhs->evaluate(ctx) && rhs->evaluate(ctx);
  case Op::Or: return lhs->evaluate(ctx) || rhs->evaluate(ctx);
  case Op::Truthy: return isTruthy(left.evaluate(ctx));
  default: break;
  }
  if (op == Op::Eq || op == Op::Ne) {
    bool equal = false;
    if (isSpecial(left) && isSpecial(right))
      equal = left.kind == right.kind;
    else if (isSpecial(right))
      equal = equalsOperand(right, left.evaluate(ctx));
    else if (isSpecial(left))
      equal = equalsOperand(left, right.evaluate(ctx));
    else
      equal = liquidEquals(left.evaluate(ctx), right.evaluate(ctx));
    return op == Op::Eq ? equal : !equal;
  }
  const QVariant a = left.evaluate(ctx);
  const QVariant b = right.evaluate(ctx);
  if (op == Op::Contains)
    return liquidContains(a, b);
  if (isNil(a) || isNil(b))
    return false;
  const auto order = liquidCompare(a, b);
  if (!order) {
    ctx.fail(pos, u"comparison of %1 with %2 failed"_s.arg(QString::fromLatin1(a.typeName()),
                                                           QString::fromLatin1(b.typeName())));
    return false;
  }
  switch (op) {
  case Op::Lt: return *order < 0;
  case Op::Gt: return *order > 0;
  case Op::Le: return *order <= 0;
  case Op::Ge: return *order >= 0;
  default: return false;
  }
}

Node::~Node() = default;

void renderNodes(const NodeList &nodes, Context &ctx, QString &out)
{
  for (const auto &node : nodes) {
    node->render(ctx, out);
    if (ctx.failed() && !ctx.takeInlineError(out))
      return;
    if (ctx.interrupt != Context::Interrupt::None)
      return;
  }
}

TextNode::TextNode(SourcePos pos, QString text)
    : Node(pos)
    , m_text(std::move(text))
{}

void TextNode::render(Context &ctx, QString &out) const
{
  ctx.write(out, m_text);
}

OutputNode::OutputNode(SourcePos pos, FilteredExpression expr)
    : Node(pos)
    , m_expr(std::move(expr))
{}

void OutputNode::render(Context &ctx, QString &out) const
{
  const QVariant value = m_expr.evaluate(ctx);
  if (!ctx.failed())
    ctx.write(out, toOutput(value));
}

IfNode::IfNode(SourcePos pos, bool unless, std::vector<Branch> branches)
    : Node(pos)
    , m_unless(unless)
    , m_branches(std::move(branches))
{}

void IfNode::render(Context &ctx, QString &out) const
{
  bool first = true;
  for (const Branch &branch : m_branches) {
    bool taken = true;
    if (branch.condition) {
      taken = branch.condition->evaluate(ctx);
      if (ctx.failed())
        return;
      if (first && m_unless)
        taken = !taken;
    }
    first = false;
    if (taken) {
      renderNodes(branch.body, ctx, out);
      return;
    }
  }
}

CaseNode::CaseNode(SourcePos pos, Expression subject, std::vector<When> whens)
    : Node(pos)
    , m_subject(std::move(subject))
    , m_whens(std::move(whens))
{}

void CaseNode::render(Context &ctx, QString &out) const
{
  const QVariant subject = m_subject.evaluate(ctx);
  bool matched = false;
  for (const When &when : m_whens) {
    if (when.values.empty()) {
      if (!matched)
        renderNodes(when.body, ctx, out);
      return;
    }
    for (const Expression &value : when.values) {
      if (liquidEquals(subject, value.evaluate(ctx))) {
        matched = true;
        renderNodes(when.body, ctx, out);
        break;
      }
    }
    if (ctx.failed())
      return;
  }
}

ForNode::ForNode(SourcePos pos, LoopSpec spec, NodeList body, NodeList elseBody, bool tablerow)
    : Node(pos)
    , m_spec(std::move(spec))
    , m_body(std::move(body))
    , m_else(std::move(elseBody))
    , m_tablerow(tablerow)
{}

void ForNode::render(Context &ctx, QString &out) const
{
  const QVariant source = m_spec.collection.evaluate(ctx);
  QVariantList items = isString(source) && source.toString().isEmpty() ? QVariantList() : toList(source);
  qint64 start = 0;
  if (m_spec.offsetContinue) {
    start = ctx.loopOffsets().value(m_spec.registerKey);
    items = items.mid(std::clamp<qint64>(start, 0, items.size()));
  } else if (m_spec.offset) {
    const auto offset = toInteger(m_spec.offset->evaluate(ctx));
    if (!offset) {
      ctx.fail(pos(), u"invalid integer for offset"_s);
      return;
    }
    start = std::clamp<qint64>(*offset, 0, items.size());
    items = items.mid(start);
  }
  if (m_spec.limit) {
    const auto limit = toInteger(m_spec.limit->evaluate(ctx));
    if (!limit) {
      ctx.fail(pos(), u"invalid integer for limit"_s);
      return;
    }
    items = items.mid(0, std::clamp<qint64>(*limit, 0, items.size()));
  }
  ctx.loopOffsets()[m_spec.registerKey] = start + items.size();
  if (m_spec.reversed)
    std::reverse(items.begin(), items.end());
  if (ctx.failed())
    return;
  if (m_tablerow) {
    renderTableRow(ctx, out, items);
    return;
  }
  if (items.isEmpty()) {
    renderNodes(m_else, ctx, out);
    return;
  }
  const QVariant parent = ctx.find(u"forloop"_s);
  ctx.pushScope();
  const qint64 length = items.size();
  for (qint64 i = 0; i < length; ++i) {
    if (!ctx.tickIteration(pos()))
      break;
    QVariantMap loop{{u"index"_s, i + 1},       {u"index0"_s, i},
                     {u"rindex"_s, length - i}, {u"rindex0"_s, length - i - 1},
                     {u"first"_s, i == 0},      {u"last"_s, i == length - 1},
                     {u"length"_s, length},     {u"name"_s, m_spec.variable}};
    if (!isNil(parent))
      loop.insert(u"parentloop"_s, parent);
    ctx.setLocal(u"forloop"_s, QVariant(loop));
    ctx.setLocal(m_spec.variable, items.at(i));
    renderNodes(m_body, ctx, out);
    if (ctx.failed())
      break;
    const bool stop = ctx.interrupt == Context::Interrupt::Break;
    ctx.interrupt = Context::Interrupt::None;
    if (stop)
      break;
  }
  ctx.popScope();
}

void ForNode::renderTableRow(Context &ctx, QString &out, const QVariantList &items) const
{
  qint64 cols = items.size();
  if (m_spec.cols)
    cols = toInteger(m_spec.cols->evaluate(ctx)).value_or(items.size());
  cols = std::max<qint64>(cols, 1);
  ctx.pushScope();
  qint64 row = 1;
  ctx.write(out, u"<tr class=\"row1\">\n"_s);
  const qint64 length = items.size();
  for (qint64 i = 0; i < length; ++i) {
    if (!ctx.tickIteration(pos()))
      break;
    const qint64 col = i % cols;
    if (i > 0 && col == 0) {
      ++row;
      ctx.write(out, u"</tr>\n<tr class=\"row%1\">"_s.arg(row));
    }
    ctx.setLocal(m_spec.variable, items.at(i));
    ctx.setLocal(u"tablerowloop"_s, QVariant(QVariantMap{{u"index"_s, i + 1},
                                                         {u"col"_s, col + 1},
                                                         {u"row"_s, row},
                                                         {u"first"_s, i == 0},
                                                         {u"last"_s, i == length - 1},
                                                         {u"length"_s, length}}));
    ctx.write(out, u"<td class=\"col%1\">"_s.arg(col + 1));
    renderNodes(m_body, ctx, out);
    ctx.write(out, u"</td>"_s);
    ctx.interrupt = Context::Interrupt::None;
    if (ctx.failed())
      break;
  }
  ctx.write(out, u"</tr>\n"_s);
  ctx.popScope();
}

InterruptNode::InterruptNode(SourcePos pos, Context::Interrupt kind)
    : Node(pos)
    , m_kind(kind)
{}

void InterruptNode::render(Context &ctx, QString &) const
{
  ctx.interrupt = m_kind;
}

AssignNode::AssignNode(SourcePos pos, QString name, FilteredExpression expr)
    : Node(pos)
    , m_name(std::move(name))
    , m_expr(std::move(expr))
{}

void AssignNode::render(Context &ctx, QString &) const
{
  const QVariant value = m_expr.evaluate(ctx);
  if (!ctx.failed())
    ctx.assign(m_name, value);
}

CaptureNode::CaptureNode(SourcePos pos, QString name, NodeList body)
    : Node(pos)
    , m_name(std::move(name))
    , m_body(std::move(body))
{}

void CaptureNode::render(Context &ctx, QString &) const
{
  QString captured;
  renderNodes(m_body, ctx, captured);
  if (!ctx.failed())
    ctx.assign(m_name, QVariant(captured));
}

CounterNode::CounterNode(SourcePos pos, QString name, int step)
    : Node(pos)
    , m_name(std::move(name))
    , m_step(step)
{}

void CounterNode::render(Context &ctx, QString &out) const
{
  qint64 &counter = ctx.counters()[m_name];
  if (m_step < 0)
    counter += m_step;
  ctx.write(out, QString::number(counter));
  if (m_step > 0)
    counter += m_step;
}

CycleNode::CycleNode(SourcePos pos, QString key, std::optional<Expression> group, std::vector<Expression> values)
    : Node(pos)
    , m_key(std::move(key))
    , m_group(std::move(group))
    , m_values(std::move(values))
{}

void CycleNode::render(Context &ctx, QString &out) const
{
  const QString key = m_group ? toOutput(m_group->evaluate(ctx)) : m_key;
  qint64 &position = ctx.cycles()[key];
  const auto index = static_cast<size_t>(position % static_cast<qint64>(m_values.size()));
  ++position;
  ctx.write(out, toOutput(m_values[index].evaluate(ctx)));
}

} // namespace pb::documents::liquid
