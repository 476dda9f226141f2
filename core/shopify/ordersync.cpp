// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/ordersync.h"

#include "core/shopify/cataloguefetch.h"
#include "core/shopify/fulfillmentordermirror.h"
#include "core/shopify/graphqlclient.h"

#include <QLoggingCategory>

namespace pb::shopify::ordersync {

namespace {
Q_LOGGING_CATEGORY(lcOrderSync, "packbench.core.shopify.ordersync")
} // namespace

Status run(GraphQlClient &client, QSqlDatabase &db, const outbox::OrderSync &message, const LocationCodes &codes)
{
  const qint64 shopId = message.shopId;
  const QString &orderId = message.orderId;
  auto remote = fulfillmentordermirror::fetch(client, orderId);
  if (!remote) {
    if (remote.error().kind == ErrorKind::NotFound)
      return makeError(ErrorKind::InvalidInput, remote.error().message); // deleted in Shopify: nothing to mirror
    return remote.error();
  }
  auto unknown = fulfillmentordermirror::unknownLocations(db, shopId, *remote);
  if (!unknown)
    return unknown.error();
  if (!unknown->isEmpty()) {
    qCInfo(lcOrderSync) << "order" << orderId << "names" << unknown->size() << "unsynced location(s); syncing them";
    if (auto synced = locationsync::sync(client, db, shopId, codes); !synced)
      return synced.error();
  }
  // Every line a station will scan must know its barcodes before the order is queued.
  auto variants = fulfillmentordermirror::unknownVariants(db, shopId, *remote);
  if (!variants)
    return variants.error();
  if (!variants->isEmpty()) {
    qCInfo(lcOrderSync) << "order" << orderId << "names" << variants->size()
                        << "variant(s) not in the catalogue; fetching";
    if (Status fetched = catalogue::ensureVariants(client, db, shopId, *variants); !fetched)
      return fetched;
  }
  auto applied = fulfillmentordermirror::apply(db, shopId, orderId, *remote);
  return applied ? Status{} : Status{applied.error()};
}

} // namespace pb::shopify::ordersync
