// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/webhookinbox.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>

#include <memory>
#include <optional>

namespace pb::db {
class StatementCache;
}

namespace pb::shopify {

// Turns stored webhook deliveries into orders and fulfillment work, several rows per transaction,
// each row in its own savepoint, through statements prepared once per connection.
// Authentic but unusable payloads become dead letters with the reason; nothing is dropped.
class InboxProcessor final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(InboxProcessor)

public:
  // batchSize: rows claimed and committed together, clamped to 1..kMaxBatchSize.
  explicit InboxProcessor(QSqlDatabase db, int batchSize = kDefaultBatchSize, QObject *parent = nullptr);
  ~InboxProcessor() override;

  // Processes up to maxRows pending rows; returns how many were settled (processed or dead).
  // Shopify's fulfillment orders are read (order.sync outbox rows) instead of one made at the first location.
  void setMirrorFulfillmentOrders(bool on) { m_mirror = on; }

  Result<int> processPending(int maxRows = 500);

  int batchSize() const { return m_batchSize; }

  // A transient failure this many times in a row makes a delivery a dead letter too.
  static constexpr int kMaxAttempts = 5;
  static constexpr int kDefaultBatchSize = 32;
  // PostgreSQL caches 64 subtransaction ids per backend (more overflow, slowing every session's snapshots);
  // one savepoint per row stays within it.
  static constexpr int kMaxBatchSize = 64;

Q_SIGNALS:
  void deadLettered(qint64 inboxId, const QString &reason);

private:
  struct DeadLetter {
    qint64 id = 0;
    QString topic;
    QString reason;
  };
  struct BatchOutcome {
    int claimed = 0;
    int settled = 0;
    std::optional<Error> transient; // a row that failed and stays pending: the pass stops there
  };

  Result<BatchOutcome> processBatch(int limit);
  // One row inside its savepoint: nullopt when settled, the error when it stays pending;
  // an error result when the transaction itself is unusable.
  Result<std::optional<Error>> settleRow(const InboxItem &item);
  // Reads the batch's shops, parses its order payloads once and locks their orders in one global order.
  Status prepareBatch(const QList<InboxItem> &items);
  Status dispatch(const InboxItem &item, QString *note);
  // products/create, products/update, products/delete into the catalogue.
  // customers/redact, shop/redact, customers/data_request: for the shop their signed body names.
  Status dispatchPrivacyRequest(const InboxItem &item, QString *note);
  Status applyProduct(const InboxItem &item, qint64 shopId, QString *note);

  QSqlDatabase m_db;
  std::unique_ptr<db::StatementCache> m_statements;
  int m_batchSize;
  // The open batch: announced (dead letters) or marked (processed) when it commits.
  QList<DeadLetter> m_dead;
  QList<webhookinbox::Processed> m_processed;
  QHash<qint64, ShopifyOrder> m_parsed; // order payloads by inbox id
  QHash<QString, qint64> m_shops;       // shop ids by domain, read at the batch's start
  QHash<qint64, qint64> m_locations;    // default location ids by shop id, read at the batch's start
  QSet<QString> m_locked;               // order lock keys taken at the batch's start
  QSet<qint64> m_settledByRedaction;    // pending rows of this batch a redaction settled
  bool m_mirror = false;
};

} // namespace pb::shopify
