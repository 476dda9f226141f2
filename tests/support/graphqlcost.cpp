// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/graphqlcost.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace pb::test {

namespace {

// Past the balanced `open … close` that starts at `at` (characters of a document, or its tokens); false when it
// does not close.
template <typename Sequence, typename Item>
bool skipBalanced(const Sequence &items, int &at, const Item &open, const Item &close)
{
  int depth = 0;
  do {
    if (items.at(at) == open)
      ++depth;
    else if (items.at(at) == close)
      --depth;
    ++at;
  } while (at < items.size() && depth > 0);
  return depth == 0;
}

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
      const int start = i;
      skipBalanced(document, i, QChar(u'('), QChar(u')'));
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

// The document's fragment definitions: where each one's selection opens, for its spreads to be read in place.
struct Fragments {
  const QStringList &tokens;
  QHash<QString, int> openAt; // the index of the fragment's "{"
  QStringList expanding;      // a fragment spread inside itself is refused, as GraphQL refuses it
};

bool parseSelection(Fragments &fragments, int &at, QList<GraphQlField> *out);

// "...Name" or "... Name": the named fragment's fields, as if written here.
bool spreadFragment(Fragments &fragments, int &at, const QString &token, QList<GraphQlField> *out)
{
  QString name = token.mid(3);
  if (name.isEmpty() && at < fragments.tokens.size())
    name = fragments.tokens.at(at++);
  if (name.isEmpty() || name == u"on" || !fragments.openAt.contains(name) || fragments.expanding.contains(name))
    return false; // inline fragments are not in the subset we model; an unknown or cyclic spread is invalid
  fragments.expanding.append(name);
  int inner = fragments.openAt.value(name) + 1;
  const bool parsed = parseSelection(fragments, inner, out);
  fragments.expanding.removeLast();
  return parsed;
}

bool parseSelection(Fragments &fragments, int &at, QList<GraphQlField> *out)
{
  static const QRegularExpression firstArg(QStringLiteral(R"(\bfirst\s*:\s*(\d+))"));
  const QStringList &tokens = fragments.tokens;
  while (at < tokens.size()) {
    const QString token = tokens.at(at++);
    if (token == u"}")
      return true;
    if (token.startsWith(u"...")) {
      if (!spreadFragment(fragments, at, token, out))
        return false;
      continue;
    }
    if (token == u"{" || token.startsWith(u'('))
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
      if (!parseSelection(fragments, at, &field.children))
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
  Fragments fragments{tokens, {}, {}};
  // One operation and any number of fragment definitions, in any order.
  int operationAt = -1;
  for (int at = 0; at < tokens.size();) {
    if (tokens.at(at) == u"fragment") {
      if (at + 4 >= tokens.size() || tokens.at(at + 2) != u"on" || tokens.at(at + 4) != u"{")
        return op;
      fragments.openAt.insert(tokens.at(at + 1), at + 4);
      at += 4;
    } else {
      if (operationAt >= 0)
        return op; // a second operation
      operationAt = at;
      while (at < tokens.size() && tokens.at(at) != u"{")
        ++at;
      if (at == tokens.size())
        return op;
    }
    if (!skipBalanced(tokens, at, QStringLiteral("{"), QStringLiteral("}")))
      return op;
  }
  if (operationAt < 0)
    return op;
  int at = operationAt;
  if (tokens.at(at) == u"query" || tokens.at(at) == u"mutation") {
    op.mutation = tokens.at(at++) == u"mutation";
    if (at < tokens.size() && tokens.at(at) != u"{" && !tokens.at(at).startsWith(u'('))
      op.name = tokens.at(at++);
    if (at < tokens.size() && tokens.at(at).startsWith(u'('))
      ++at;
  }
  if (at >= tokens.size() || tokens.at(at) != u"{")
    return op;
  ++at;
  op.valid = parseSelection(fragments, at, &op.fields);
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
