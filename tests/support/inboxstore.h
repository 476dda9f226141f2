// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/webhookinbox.h"

#include <QSqlDatabase>

namespace pb::hub {
class InboxWriter;
}

// Puts webhook deliveries into webhook_inbox the way the hub does, for tests that need stored rows.
namespace pb::test {

// One delivery through the hub's batch statement (webhookinbox::storeBatch) on this connection: committed at
// once, or with the caller's open transaction.
Result<shopify::StoreOutcome> storeWebhook(QSqlDatabase &db, const shopify::WebhookDelivery &delivery);

// InboxWriter::storeAsync, waiting for the outcome an ingest thread would be called back with.
Result<shopify::StoreOutcome> storeAndWait(hub::InboxWriter &writer, const shopify::WebhookDelivery &delivery);

} // namespace pb::test
