// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pb::shopify {

struct RemoteFulfillment;

// Quantities by our fulfillment_order_lines.id.
using LineQuantities = QHash<qint64, int>;

// How far a fulfillment's createdAt (Shopify's clock) may be before the sentAt of the call that made it
// (the hub's clock) and still be that call's.
constexpr qint64 kClockSkewSeconds = 300;

// What one fulfillment.create row has done at Shopify, kept in outbox.progress (migration 0008): the
// fulfillments it posted, and the calls that went out with no answer (they may be at Shopify). A retry
// decides by these, not by everything Shopify shows fulfilled: the merchant may ship units elsewhere.
struct OutboxProgress {
  struct Posted {
    QString fulfillmentId;
    LineQuantities lines;
  };
  struct Sent {
    LineQuantities lines;
    QDateTime sentAt;
  };
  QList<Posted> posted;
  QList<Sent> sent;

  static OutboxProgress fromJson(const QJsonObject &json);
  QJsonObject toJson() const;
  bool isEmpty() const { return posted.isEmpty() && sent.isEmpty(); }
  LineQuantities postedQuantities() const;

  // Moves each sent call that Shopify shows as a fulfillment into posted, oldest first: a fulfillment no
  // posted entry names, made no earlier than the call (less kClockSkewSeconds), holding exactly the call's
  // lines and quantities. lineItemOf maps our line id to its numeric LineItem id. Returns how many.
  int confirmSent(const QList<RemoteFulfillment> &atShopify, const QHash<qint64, QString> &lineItemOf);
};

} // namespace pb::shopify
