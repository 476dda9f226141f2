// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/outbox/message.h"
#include "core/shopify/locationsync.h"

#include <QSqlDatabase>

namespace pb::shopify {

class GraphQlClient;

// The outbox kind order.sync: read one order's fulfillment orders from Shopify and mirror them, after
// syncing any location and fetching any catalogue variant they name that the hub has not seen yet.
namespace ordersync {

// Unavailable: try again later.
Status run(GraphQlClient &client, QSqlDatabase &db, const outbox::OrderSync &message, const LocationCodes &codes);

} // namespace ordersync
} // namespace pb::shopify
