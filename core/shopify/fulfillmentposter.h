// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/outboxprogress.h"
#include "core/shopify/outboxrow.h"

#include <QSqlDatabase>

#include <optional>

namespace pb::shopify {

class GraphQlClient;
class OutboxLease;
struct LocalFulfillmentOrder;
struct RemoteFulfillmentOrder;

// Posts one fulfillment.create row. What to send: the row's wanted quantities (wantedQuantities) less what
// this row already posted (its OutboxProgress), never more than Shopify still has open. Shopify is read
// first on a retry, after a call without an answer, or while ids are unknown; then unanswered calls are
// found among the fulfillment order's fulfillments. Each call is recorded as sent (lease checked) before
// it goes out, and goes out once. A refusal is reconciled with what Shopify shows before it is final.
class FulfillmentPoster final {
  Q_DISABLE_COPY_MOVE(FulfillmentPoster)

public:
  FulfillmentPoster(QSqlDatabase db, GraphQlClient &client, OutboxLease &lease);

  Result<OutboxOutcome> post(const OutboxRow &row);

private:
  struct PlannedLine {
    qint64 lineId = 0;
    QString fulfillmentOrderLineItemId;
    int quantity = 0;
    bool operator==(const PlannedLine &) const = default;
  };
  using Plan = QList<PlannedLine>;

  Result<RemoteFulfillmentOrder> readShopify(LocalFulfillmentOrder &local, OutboxProgress &progress);
  static Plan plan(const LocalFulfillmentOrder &local, const LineQuantities &wanted, const OutboxProgress &progress,
                   const std::optional<RemoteFulfillmentOrder> &remote);
  Result<OutboxOutcome> send(const OutboxRow &row, LocalFulfillmentOrder &local, const LineQuantities &wanted,
                             OutboxProgress &progress, const std::optional<RemoteFulfillmentOrder> &remote);
  Result<OutboxOutcome> reconcileRefusal(const OutboxRow &row, LocalFulfillmentOrder &local,
                                         const LineQuantities &wanted, OutboxProgress &progress, const Plan &refused,
                                         const Error &refusal);
  static Result<OutboxOutcome> nothingToSend(const LocalFulfillmentOrder &local, const OutboxProgress &progress,
                                             const std::optional<RemoteFulfillmentOrder> &remote);

  QSqlDatabase m_db;
  GraphQlClient &m_client;
  OutboxLease &m_lease;
};

} // namespace pb::shopify
