// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace pb::shopify {
class GraphQlClient;
}

namespace pb::shopify::graphqlpaging {

// The cursor to continue a connection after, empty on its last page. A "next page" without a new
// cursor is an error (Unavailable): following it would loop.
Result<QString> nextCursor(const QJsonObject &connection, const QString &previous);

// Where a query's connection sits in the answer: `connection` under the object `parent`, or at the top of the
// data when parent is empty. A parent that is not there is the error `missing` (the order or fulfillment
// order is gone).
struct ConnectionPath {
  QString parent;
  QString connection;
  Error missing;
};

// Runs `document` with `variables` page by page, from `after` (empty: the first page) until Shopify says
// there is no next page, and hands each page's connection object to `onPage`; stops at the first error.
Status forEachPage(GraphQlClient &client, const QString &document, const QJsonObject &variables,
                   const ConnectionPath &path, const std::function<Status(const QJsonObject &connection)> &onPage,
                   QString after = {});

// forEachPage over an order's fulfillment orders: `document` takes $orderId (the numeric id here) and answers with
// order.fulfillmentOrders; an order Shopify does not have is NotFound.
Status forEachFulfillmentOrderPage(GraphQlClient &client, const QString &document, const QString &orderId,
                                   const std::function<Status(const QJsonObject &connection)> &onPage);

} // namespace pb::shopify::graphqlpaging
