// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace pb::test {

// Shopify's calculated query cost for the GraphQL subset Packbench sends (named fragments, read where they are
// spread; no inline fragments, no aliases),
// after shopify.dev "GraphQL Admin API rate limits": scalars and enums 0, objects 1, a connection or
// paginated list 2 plus `first` items (each an object of 1 plus its own selection), a mutation 10.
// The requested cost is computed before running, from `first`; the actual cost after, from what came back.
struct GraphQlField {
  QString name;
  int first = -1; // the literal `first:` argument, -1 when absent
  QList<GraphQlField> children;
};

struct GraphQlOperation {
  bool valid = false;
  bool mutation = false;
  QString name;
  QList<GraphQlField> fields;

  static GraphQlOperation parse(const QString &document);
  int requestedCost() const;
  int actualCost(const QJsonObject &data) const;
  const GraphQlField *find(const QString &fieldName) const; // depth-first, first match
};

constexpr int kMutationCost = 10;
constexpr int kSingleQueryMaxCost = 1000;

} // namespace pb::test
