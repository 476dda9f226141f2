// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/webhookinbox.h"

#include <QObject>
#include <QSqlDatabase>

namespace pb::shopify {

// Turns stored webhook deliveries into orders and fulfillment work, one row per transaction.
// Authentic but unusable payloads become dead letters with the reason; nothing is dropped.
class InboxProcessor final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(InboxProcessor)

public:
  explicit InboxProcessor(QSqlDatabase db, QObject *parent = nullptr);
  ~InboxProcessor() override;

  // Processes up to maxRows pending rows; returns how many were settled (processed or dead).
  Result<int> processPending(int maxRows = 500);

  // A transient failure this many times in a row makes a delivery a dead letter too.
  static constexpr int kMaxAttempts = 5;

Q_SIGNALS:
  void deadLettered(qint64 inboxId, const QString &reason);

private:
  Status dispatch(const InboxItem &item, QString *note);

  QSqlDatabase m_db;
};

} // namespace pb::shopify
