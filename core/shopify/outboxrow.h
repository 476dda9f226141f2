// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace pb::shopify {

// One claimed outbox row.
struct OutboxRow {
  qint64 id = 0;
  QString kind;
  QJsonObject payload;
  int attempts = 0;     // this attempt included
  QJsonObject progress; // outbox.progress as claimed
  QString shopDomain;   // the shop of the order the row acts on; its credentials post it
  QString shopProblem;  // set when the row's shop cannot be trusted (it waits with this error)
};

// What handling a row came to, for OutboxWorker::settle to write (an error is written as failed/dead).
struct OutboxOutcome {
  bool leaseLost = false;              // another worker owns the row now: write nothing
  qint64 fulfillmentOrderId = 0;       // with fulfillmentId: record this Shopify fulfillment on it
  QString fulfillmentId;               // the last one made (fulfillment_orders.shopify_fulfillment_id)
  QStringList fulfillmentIds;          // every one this row made, oldest first (shopify_fulfillments)
  std::optional<QJsonObject> progress; // stored with the row's done state

  static OutboxOutcome lost()
  {
    OutboxOutcome outcome;
    outcome.leaseLost = true;
    return outcome;
  }
};

} // namespace pb::shopify
