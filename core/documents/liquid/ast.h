// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/documents/liquid/context.h"
#include "core/documents/liquid/filters.h"
#include "core/documents/liquid/lexer.h"

#include <QString>
#include <QVariant>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

// The parsed form of a template: expressions, conditions and the nodes that render them.
namespace pb::documents::liquid {

struct Expression {
  enum class Kind { Literal, Variable, Range, Empty, Blank };
  Kind kind = Kind::Literal;
  QVariant literal;
  QString root;
  std::vector<Expression> path; // .name is a string literal, [x] any expression
  std::unique_ptr<Expression> from;
  std::unique_ptr<Expression> to;
  SourcePos pos;

  QVariant evaluate(Context &ctx) const;
};

struct FilterCall {
  QString name;
  FilterFn fn = nullptr;
  std::vector<Expression> args;
  std::vector<std::pair<QString, Expression>> kwargs;
  SourcePos pos;
};

struct FilteredExpression {
  Expression base;
  std::vector<FilterCall> filters;

  QVariant evaluate(Context &ctx) const;
};

struct Condition {
  enum class Op { Truthy, Eq, Ne, Lt, Gt, Le, Ge, Contains, And, Or };
  Op op = Op::Truthy;
  Expression left;
  Expression right;
  std::unique_ptr<Condition> lhs;
  std::unique_ptr<Condition> rhs;
  SourcePos pos;

  bool evaluate(Context &ctx) const;
};

class Node {
public:
  explicit Node(SourcePos pos)
      : m_pos(pos)
  {}
  virtual ~Node();
  Q_DISABLE_COPY_MOVE(Node)
  virtual void render(Context &ctx, QString &out) const = 0;
  SourcePos pos() const { return m_pos; }

private:
  SourcePos m_pos;
};

using NodeList = std::vector<std::unique_ptr<Node>>;

// Renders nodes in order; stops at an error (unless inline errors are on) or a break/continue.
void renderNodes(const NodeList &nodes, Context &ctx, QString &out);

class TextNode final : public Node {
public:
  TextNode(SourcePos pos, QString text);
  void render(Context &ctx, QString &out) const override;

private:
  QString m_text;
};

class OutputNode final : public Node {
public:
  OutputNode(SourcePos pos, FilteredExpression expr);
  void render(Context &ctx, QString &out) const override;

private:
  FilteredExpression m_expr;
};

class IfNode final : public Node {
public:
  struct Branch {
    std::unique_ptr<Condition> condition; // null = else
    NodeList body;
  };
  IfNode(SourcePos pos, bool unless, std::vector<Branch> branches);
  void render(Context &ctx, QString &out) const override;

private:
  bool m_unless;
  std::vector<Branch> m_branches;
};

class CaseNode final : public Node {
public:
  struct When {
    std::vector<Expression> values; // empty = else
    NodeList body;
  };
  CaseNode(SourcePos pos, Expression subject, std::vector<When> whens);
  void render(Context &ctx, QString &out) const override;

private:
  Expression m_subject;
  std::vector<When> m_whens;
};

struct LoopSpec {
  QString variable;
  Expression collection;
  std::optional<Expression> limit;
  std::optional<Expression> offset;
  std::optional<Expression> cols; // tablerow
  bool reversed = false;
  bool offsetContinue = false; // offset:continue resumes where the last loop over this collection stopped
  QString registerKey;
};

class ForNode final : public Node {
public:
  ForNode(SourcePos pos, LoopSpec spec, NodeList body, NodeList elseBody, bool tablerow);
  void render(Context &ctx, QString &out) const override;

private:
  void renderTableRow(Context &ctx, QString &out, const QVariantList &items) const;
  LoopSpec m_spec;
  NodeList m_body;
  NodeList m_else;
  bool m_tablerow;
};

class InterruptNode final : public Node {
public:
  InterruptNode(SourcePos pos, Context::Interrupt kind);
  void render(Context &ctx, QString &out) const override;

private:
  Context::Interrupt m_kind;
};

class AssignNode final : public Node {
public:
  AssignNode(SourcePos pos, QString name, FilteredExpression expr);
  void render(Context &ctx, QString &out) const override;

private:
  QString m_name;
  FilteredExpression m_expr;
};

class CaptureNode final : public Node {
public:
  CaptureNode(SourcePos pos, QString name, NodeList body);
  void render(Context &ctx, QString &out) const override;

private:
  QString m_name;
  NodeList m_body;
};

class CounterNode final : public Node {
public:
  CounterNode(SourcePos pos, QString name, int step);
  void render(Context &ctx, QString &out) const override;

private:
  QString m_name;
  int m_step;
};

class CycleNode final : public Node {
public:
  CycleNode(SourcePos pos, QString key, std::optional<Expression> group, std::vector<Expression> values);
  void render(Context &ctx, QString &out) const override;

private:
  QString m_key;
  std::optional<Expression> m_group;
  std::vector<Expression> m_values;
};

} // namespace pb::documents::liquid
