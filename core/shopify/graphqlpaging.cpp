// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/graphqlpaging.h"

namespace pb::shopify::graphqlpaging {

Result<QString> nextCursor(const QJsonObject &connection, const QString &previous)
{
  const QJsonObject pageInfo = connection.value(u"pageInfo").toObject();
  if (!pageInfo.value(u"hasNextPage").toBool())
    return QString();
  const QString cursor = pageInfo.value(u"endCursor").toString();
  if (cursor.isEmpty() || cursor == previous)
    return makeError(ErrorKind::Unavailable, QStringLiteral("Shopify announced a next page without a new cursor"));
  return cursor;
}

} // namespace pb::shopify::graphqlpaging
