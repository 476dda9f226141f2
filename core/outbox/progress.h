// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pb::outbox {

// Quantities by our fulfillment_order_lines.id.
using LineQuantities = QHash<qint64, int>;

// What one fulfillment.create row has done at Shopify, kept in outbox.progress (migration 0008): the
// fulfillments it posted, and the calls that went out with no answer (they may be at Shopify). A retry
// decides by these, not by everything Shopify shows fulfilled: the merchant may ship units elsewhere.
// Stored as {"posted": [{"fulfillment_id", "lines": {"<line id>": n}}], "sent": [{"lines", "sent_at"}]}.
struct FulfillmentProgress {
  struct Posted {
    QString fulfillmentId;
    LineQuantities lines;
    bool operator==(const Posted &) const = default;
  };
  struct Sent {
    LineQuantities lines;
    QDateTime sentAt;
    bool operator==(const Sent &) const = default;
  };
  QList<Posted> posted;
  QList<Sent> sent;

  static FulfillmentProgress fromJson(const QJsonObject &json);
  QJsonObject toJson() const;
  bool isEmpty() const { return posted.isEmpty() && sent.isEmpty(); }
  LineQuantities postedQuantities() const;
  bool operator==(const FulfillmentProgress &) const = default;
};

} // namespace pb::outbox
