// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <algorithm>

namespace pb::test {

// One page of a connection over count items, Shopify-style: the fake's cursors are item indexes.
struct FakePage {
  qsizetype from = 0;
  qsizetype to = 0;
  QJsonObject pageInfo;
};

inline FakePage fakePageOf(qsizetype count, const QString &after, int first)
{
  FakePage page;
  page.from = std::clamp<qsizetype>(after.isEmpty() ? 0 : after.toLongLong(), 0, count);
  page.to = std::min<qsizetype>(page.from + std::max(1, first), count);
  page.pageInfo = QJsonObject{
      {QStringLiteral("hasNextPage"), page.to < count},
      {QStringLiteral("endCursor"), page.to > page.from ? QJsonValue(QString::number(page.to)) : QJsonValue()}};
  return page;
}

} // namespace pb::test
