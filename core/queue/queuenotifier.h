// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlDriver>

namespace pb::queue {

// Wakes a station when work appears or its claimed order changes, from PostgreSQL LISTEN/NOTIFY
// (channels packbench_queue and packbench_order_changed, fired by triggers from migration 0002, and
// packbench_label from 0018, packbench_manifest from 0019).
// Give it a connection of its own on a thread with an event loop. On SQLite it does nothing.
class QueueNotifier final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(QueueNotifier)

public:
  static inline const QString kQueueChannel = QStringLiteral("packbench_queue");
  static inline const QString kOrderChangedChannel = QStringLiteral("packbench_order_changed");
  static inline const QString kLabelChannel = QStringLiteral("packbench_label");       // migration 0018
  static inline const QString kManifestChannel = QStringLiteral("packbench_manifest"); // migration 0019

  explicit QueueNotifier(QSqlDatabase db, QObject *parent = nullptr);
  ~QueueNotifier() override;

  // Subscribes (again, after a reconnect); work may have arrived meanwhile, so poll once afterwards.
  Status start();
  void stop();
  bool isListening() const { return m_listening; }

Q_SIGNALS:
  void workAvailable(qint64 locationId);
  void orderChanged(qint64 fulfillmentOrderId);
  // A carrier label of this order changed at the hub (bought, waiting, refused, voided).
  void labelChanged(qint64 fulfillmentOrderId);
  // An end of day (manifest_requests row) was done or failed at the hub.
  void manifestChanged(qint64 requestId);

private:
  void onNotification(const QString &channel, QSqlDriver::NotificationSource source, const QVariant &payload);

  QSqlDatabase m_db;
  bool m_listening = false;
};

} // namespace pb::queue
