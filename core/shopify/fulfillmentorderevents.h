// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QJsonObject>
#include <QString>

namespace pb::db {
class StatementCache;
}

namespace pb::shopify {

// fulfillment_orders/* webhooks (moved, split, merged, placed_on_hold, hold_released, cancelled,
// order_routing_complete, …): their payloads name fulfillment orders, not always the order, and never
// carry the lines. Each queues a fresh read (order.sync) of every order whose fulfillment orders it names.
namespace fulfillmentorderevents {

bool isTopic(const QString &topic);

// Returns how many orders were queued for a read; reason keys the read once per delivery.
Result<int> apply(db::StatementCache &statements, qint64 shopId, const QJsonObject &payload, const QString &reason);

} // namespace fulfillmentorderevents
} // namespace pb::shopify
