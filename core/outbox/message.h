// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace pb::outbox {

// The one definition of what an outbox row carries: each kind's payload as a type, its JSON (outbox.payload)
// and its idempotency key. Writers build a Message and enqueue it; the worker parses rows back into one.
// PL/pgSQL that writes a row (packbench_complete, migration 0012) must keep to toJson's shape:
// tests/core/outbox/outbox_enqueue_test proves its row parses to the message C++ would write.

// The names of outbox.payload fields that SQL reads (the claim routes a row to its shop by them).
namespace field {
inline constexpr auto kFulfillmentOrderId = "fulfillment_order_id";
inline constexpr auto kShopId = "shop_id";
inline constexpr auto kShipmentTrackingId = "shipment_tracking_id"; // a shipment's events go out in order
} // namespace field

enum class Kind { FulfillmentCreate, TrackingUpdate, Hold, ReleaseHold, OrderSync, TrackingEvent };

// What outbox.kind stores for a kind, and back (nullopt: not a kind this build knows).
QString kindName(Kind kind);
std::optional<Kind> kindNamed(QStringView name);
// Every kind, in enum order: what the Shopify worker claims.
const QList<Kind> &allKinds();

// One line a station verified: fulfillment_order_lines.id and the units of it this pack sends.
struct VerifiedLine {
  qint64 lineId = 0;
  int quantity = 0;
  bool operator==(const VerifiedLine &) const = default;
};

// fulfillment.create: post the units a station verified as one (or more) Shopify fulfillments.
struct FulfillmentCreate {
  qint64 fulfillmentOrderId = 0;
  bool notifyCustomer = true;
  bool partial = false;
  std::optional<qint64> claimId; // absent in rows from stations older than claims
  std::optional<int> version;    // the order version packed against
  // The units this claim verified (quantity > 0), full and partial packs alike; absent in rows from older
  // stations, whose quantities the worker works out (shopify::wantedQuantities).
  std::optional<QList<VerifiedLine>> lines;
  bool operator==(const FulfillmentCreate &) const = default;
};

// fulfillment.tracking_update: send the packages' tracking numbers to the fulfillment already posted.
struct TrackingUpdate {
  qint64 fulfillmentOrderId = 0;
  bool notifyCustomer = true;
  bool operator==(const TrackingUpdate &) const = default;
};

// fulfillment_order.hold: put Shopify's fulfillment order on hold.
struct Hold {
  qint64 fulfillmentOrderId = 0;
  QString reason = QStringLiteral("OTHER"); // Shopify's FulfillmentHoldReason
  QString notes;
  bool operator==(const Hold &) const = default;
};

// fulfillment_order.release_hold: release it again.
struct ReleaseHold {
  qint64 fulfillmentOrderId = 0;
  bool operator==(const ReleaseHold &) const = default;
};

// order.sync: read one order's fulfillment orders from Shopify (core/shopify/ordersync.h).
struct OrderSync {
  qint64 shopId = 0;
  QString orderId; // numeric Shopify order id
  bool operator==(const OrderSync &) const = default;
};

// fulfillment.tracking_event: what the carrier said about a shipment, as a fulfillmentEventCreate on every Shopify
// fulfillment of the fulfillment order (written by core/hub's TrackingFollower, one per shipment and status).
struct TrackingEvent {
  qint64 fulfillmentOrderId = 0;
  qint64 shipmentTrackingId = 0; // shipment_tracking.id (migration 0017)
  QString status;                // Shopify's FulfillmentEventStatus (isFulfillmentEventStatus)
  QDateTime happenedAt;          // UTC
  QString message;               // empty: none; the rest likewise, only what the carrier said
  QString city;
  QString province;
  QString zip;
  QString country;
  QDateTime estimatedDeliveryAt; // invalid: not known
  bool operator==(const TrackingEvent &) const = default;
};

// FulfillmentEventStatus of the Admin API 2026-01 (tests/data/shopify/admin-2026-01.graphql).
bool isFulfillmentEventStatus(QStringView status);

using Body = std::variant<FulfillmentCreate, TrackingUpdate, Hold, ReleaseHold, OrderSync, TrackingEvent>;

Kind kindOf(const Body &body);
QJsonObject toJson(const Body &body);
// A row's kind and payload as a typed body; a kind not known or a payload not of its shape: InvalidInput.
Result<Body> parse(QStringView kind, const QJsonObject &payload);

// One row to enqueue: the body, the key that makes a second enqueue of the same thing a duplicate, the
// aggregate it acts on, and its shop (unset: the shop of the order of the fulfillment order the body names).
struct Message {
  Body body;
  QString idempotencyKey;
  QString aggregateId;
  std::optional<qint64> shopId;

  // The fulfillment of one fulfillment order: one per fulfillment order, ever ("fulfillment.create:<id>").
  static Message fulfillmentCreate(FulfillmentCreate body);
  // One read per order and reason (an order version, or a change that is not one).
  static Message orderSync(OrderSync body, const QString &reason);
  // One per shipment and status, ever: a status the carrier reports again adds nothing
  // ("fulfillment.tracking_event:<shipment>:<status>").
  static Message trackingEvent(TrackingEvent body);
  // Any other body, keyed by the caller; the aggregate and shop follow from the body.
  static Message withKey(Body body, QString idempotencyKey);

  Kind kind() const { return kindOf(body); }
  bool operator==(const Message &) const = default;
};

} // namespace pb::outbox
