// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/graphqlpaging.h"

#include "core/shopify/graphqlclient.h"

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

Status forEachPage(GraphQlClient &client, const QString &document, const QJsonObject &variables,
                   const ConnectionPath &path, const std::function<Status(const QJsonObject &connection)> &onPage,
                   QString after)
{
  do {
    QJsonObject pageVariables = variables;
    if (!after.isEmpty())
      pageVariables.insert(QStringLiteral("after"), after);
    auto data = client.execute(document, pageVariables);
    if (!data)
      return data.error();
    QJsonObject holder = *data;
    if (!path.parent.isEmpty()) {
      const QJsonValue parent = data->value(path.parent);
      if (!parent.isObject())
        return path.missing;
      holder = parent.toObject();
    }
    const QJsonObject connection = holder.value(path.connection).toObject();
    if (Status handled = onPage(connection); !handled)
      return handled;
    auto cursor = nextCursor(connection, after);
    if (!cursor)
      return cursor.error();
    after = *cursor;
  } while (!after.isEmpty());
  return {};
}

Status forEachFulfillmentOrderPage(GraphQlClient &client, const QString &document, const QString &orderId,
                                   const std::function<Status(const QJsonObject &connection)> &onPage)
{
  return forEachPage(
      client, document,
      QJsonObject{{QStringLiteral("orderId"), QString(QStringLiteral("gid://shopify/Order/") + orderId)}},
      {QStringLiteral("order"), QStringLiteral("fulfillmentOrders"),
       makeError(ErrorKind::NotFound, QStringLiteral("Shopify has no order %1").arg(orderId))},
      onPage);
}

} // namespace pb::shopify::graphqlpaging
