// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/outbox/claimedrow.h"
#include "core/outbox/lease.h"
#include "core/outbox/progress.h"
#include "core/shopify/outboxoutcome.h"

#include <QSqlDatabase>

#include <optional>

namespace pb::shopify {

class GraphQlClient;
struct LocalFulfillmentOrder;
struct RemoteFulfillmentOrder;

// Posts one fulfillment.create row. What to send: the row's wanted quantities (wantedQuantities) less what
// this row already posted (its outbox::FulfillmentProgress), never more than Shopify still has open. Shopify is read
// first on a retry, after a call without an answer, or while ids are unknown; then unanswered calls are
// found among the fulfillment order's fulfillments. Each call is recorded as sent (lease checked) before
// it goes out, and goes out once. A refusal is reconciled with what Shopify shows before it is final.
class FulfillmentPoster final {
  Q_DISABLE_COPY_MOVE(FulfillmentPoster)

public:
  FulfillmentPoster(QSqlDatabase db, GraphQlClient &client, outbox::Lease &lease);

  Result<OutboxOutcome> post(const outbox::ClaimedRow &row, const outbox::FulfillmentCreate &message);

private:
  struct PlannedLine {
    qint64 lineId = 0;
    QString fulfillmentOrderLineItemId;
    int quantity = 0;
    bool operator==(const PlannedLine &) const = default;
  };
  using Plan = QList<PlannedLine>;

  Result<RemoteFulfillmentOrder> readShopify(LocalFulfillmentOrder &local, outbox::FulfillmentProgress &progress);
  static Plan plan(const LocalFulfillmentOrder &local, const outbox::LineQuantities &wanted,
                   const outbox::FulfillmentProgress &progress, const std::optional<RemoteFulfillmentOrder> &remote);
  Result<OutboxOutcome> send(const outbox::ClaimedRow &row, LocalFulfillmentOrder &local,
                             const outbox::LineQuantities &wanted, outbox::FulfillmentProgress &progress,
                             const std::optional<RemoteFulfillmentOrder> &remote, bool notify);
  Result<OutboxOutcome> reconcileRefusal(const outbox::ClaimedRow &row, LocalFulfillmentOrder &local,
                                         const outbox::LineQuantities &wanted, outbox::FulfillmentProgress &progress,
                                         const Plan &refused, const Error &refusal);
  static Result<OutboxOutcome> nothingToSend(const LocalFulfillmentOrder &local,
                                             const outbox::FulfillmentProgress &progress,
                                             const std::optional<RemoteFulfillmentOrder> &remote);

  QSqlDatabase m_db;
  GraphQlClient &m_client;
  outbox::Lease &m_lease;
};

} // namespace pb::shopify
