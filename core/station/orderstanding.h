// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/packing/packworkflow.h"

#include <QSqlDatabase>
#include <QString>

namespace pb::station {

// Where an order a bench was packing stands now, as the database has it: what a refusal to record the bench's work
// on it means for the packer (a cancelled order's items go back to the shelf; an edited one is packed afresh).
struct OrderStanding {
  enum class Kind {
    Unchanged, // claimed, at the version packed against: a refused claim means it was taken back from this bench
    Edited,    // claimed, but changed at Shopify since it was opened
    Cancelled,
    Moved, // back in the queue, on hold, packed, or gone
  };
  Kind kind = Kind::Moved;
  QString packState; // fulfillment_orders.pack_state; empty when the order is gone
  int version = 0;
};

Result<OrderStanding> orderStanding(const QSqlDatabase &db, const packing::ClaimedOrder &order);

} // namespace pb::station
