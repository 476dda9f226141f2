// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/graphqlcost.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace pb::test {

namespace {

// Tokens: names, punctuation, and whole argument lists "( … )" kept as one token.
QStringList tokenize(const QString &document)
{
  QStringList tokens;
  int i = 0;
  const int n = static_cast<int>(document.size());
  while (i < n) {
    const QChar c = document.at(i);
    if (c == u'#') {
      while (i < n && document.at(i) != u'\n')
        ++i;
    } else if (c.isSpace() || c == u',') {
      ++i;
    } else if (c == u'(') {
      int depth = 0;
      const int start = i;
      do {
        if (document.at(i) == u'(')
          ++depth;
        else if (document.at(i) == u')')
          --depth;
        ++i;
      } while (i < n && depth > 0);
      tokens.append(document.mid(start, i - start));
    } else if (c == u'{' || c == u'}') {
      tokens.append(QString(c));
      ++i;
    } else {
      const int start = i;
      while (i < n && !document.at(i).isSpace() && document.at(i) != u'{' && document.at(i) != u'}' &&
             document.at(i) != u'(' && document.at(i) != u',' && document.at(i) != u'#')
        ++i;
      tokens.append(document.mid(start, i - start));
    }
  }
  return tokens;
}

bool parseSelection(const QStringList &tokens, int &at, QList<GraphQlField> *out)
{
  static const QRegularExpression firstArg(QStringLiteral(R"(\bfirst\s*:\s*(\d+))"));
  while (at < tokens.size()) {
    const QString token = tokens.at(at++);
    if (token == u"}")
      return true;
    if (token == u"{" || token.startsWith(u'(') || token.startsWith(u"..."))
      return false; // not in the subset we model
    GraphQlField field;
    field.name = token;
    if (at < tokens.size() && tokens.at(at).startsWith(u'(')) {
      const auto match = firstArg.match(tokens.at(at++));
      if (match.hasMatch())
        field.first = match.captured(1).toInt();
    }
    if (at < tokens.size() && tokens.at(at) == u"{") {
      ++at;
      if (!parseSelection(tokens, at, &field.children))
        return false;
    }
    out->append(field);
  }
  return false;
}

bool isPassThrough(const QString &name)
{
  return name == u"nodes" || name == u"edges" || name == u"node";
}

int requested(const GraphQlField &field);

int selectionRequested(const QList<GraphQlField> &fields)
{
  int sum = 0;
  for (const GraphQlField &f : fields)
    sum += isPassThrough(f.name) ? selectionRequested(f.children) : requested(f);
  return sum;
}

int requested(const GraphQlField &field)
{
  if (field.children.isEmpty())
    return 0; // scalar or enum
  if (field.first < 0)
    return 1 + selectionRequested(field.children);
  // A connection: each of `first` items pays for what nodes/edges select; pageInfo and such once.
  int perItem = 0;
  int once = 0;
  bool connection = false;
  for (const GraphQlField &child : field.children) {
    if (isPassThrough(child.name)) {
      connection = true;
      perItem += selectionRequested(child.children);
    } else {
      once += requested(child);
    }
  }
  if (!connection) // a paginated list: its selection is the item's
    return 2 + field.first * (1 + once);
  return 2 + field.first * (1 + perItem) + once;
}

int actual(const GraphQlField &field, const QJsonValue &value);

int selectionActual(const QList<GraphQlField> &fields, const QJsonObject &object)
{
  int sum = 0;
  for (const GraphQlField &f : fields) {
    if (!isPassThrough(f.name)) {
      sum += actual(f, object.value(f.name));
      continue;
    }
    const QJsonValue inner = object.value(f.name);
    if (inner.isArray()) { // nodes / edges: each item already paid for by its connection
      for (const QJsonValue &item : inner.toArray())
        sum += selectionActual(f.children, item.toObject());
    } else {
      sum += selectionActual(f.children, inner.toObject());
    }
  }
  return sum;
}

int actual(const GraphQlField &field, const QJsonValue &value)
{
  if (field.children.isEmpty() || value.isNull() || value.isUndefined())
    return 0;
  if (field.first >= 0) {
    int items = 0;
    int inner = 0;
    if (value.isArray()) {
      for (const QJsonValue &item : value.toArray()) {
        ++items;
        inner += selectionActual(field.children, item.toObject());
      }
    } else {
      const QJsonObject connection = value.toObject();
      const QJsonArray list =
          connection.contains(u"nodes") ? connection.value(u"nodes").toArray() : connection.value(u"edges").toArray();
      items = static_cast<int>(list.size());
      inner = selectionActual(field.children, connection);
    }
    return 2 + items + inner;
  }
  if (value.isArray()) {
    int sum = 0;
    for (const QJsonValue &item : value.toArray())
      sum += 1 + selectionActual(field.children, item.toObject());
    return sum;
  }
  return 1 + selectionActual(field.children, value.toObject());
}

const GraphQlField *findIn(const QList<GraphQlField> &fields, const QString &name)
{
  for (const GraphQlField &f : fields) {
    if (f.name == name)
      return &f;
    if (const GraphQlField *inner = findIn(f.children, name))
      return inner;
  }
  return nullptr;
}

} // namespace

GraphQlOperation GraphQlOperation::parse(const QString &document)
{
  GraphQlOperation op;
  const QStringList tokens = tokenize(document);
  int at = 0;
  if (at < tokens.size() && (tokens.at(at) == u"query" || tokens.at(at) == u"mutation")) {
    op.mutation = tokens.at(at++) == u"mutation";
    if (at < tokens.size() && tokens.at(at) != u"{" && !tokens.at(at).startsWith(u'('))
      op.name = tokens.at(at++);
    if (at < tokens.size() && tokens.at(at).startsWith(u'('))
      ++at;
  }
  if (at >= tokens.size() || tokens.at(at) != u"{")
    return op;
  ++at;
  op.valid = parseSelection(tokens, at, &op.fields) && at == tokens.size();
  return op;
}

int GraphQlOperation::requestedCost() const
{
  if (mutation)
    return kMutationCost * static_cast<int>(fields.size());
  return selectionRequested(fields);
}

int GraphQlOperation::actualCost(const QJsonObject &data) const
{
  if (mutation)
    return kMutationCost * static_cast<int>(fields.size());
  return selectionActual(fields, data);
}

const GraphQlField *GraphQlOperation::find(const QString &fieldName) const
{
  return findIn(fields, fieldName);
}

} // namespace pb::test
