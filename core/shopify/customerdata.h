// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace pb::shopify::customerdata {

// Whom a redaction or an export is about: one customer of a shop, or the whole shop.
struct Subject {
  qint64 shopId = 0;
  QString shopDomain;
  bool wholeShop = false;
  QString customerId;   // Shopify's numeric customer id (may be empty: orders named alone)
  QStringList orderIds; // Shopify order ids the request names
  QString email;        // only to recognise stored bodies that are not JSON
  QString phone;
};

// Reads a compliance payload ({customer:{id,email,phone}, orders_to_redact | orders_requested:[…]}).
Subject fromPayload(qint64 shopId, const QString &shopDomain, const QJsonObject &payload, const QString &ordersKey);

// What a redaction changed, by place (counts only: the audit log records these, never data).
struct Scrubbed {
  int orders = 0;
  int inboxRows = 0;
  int printJobs = 0;
  int scanReasons = 0;
  int holdReasons = 0;
  int packages = 0;
  int carrierLabels = 0; // label_requests: label bytes and tracking
  int outboxRows = 0;
  int auditEntries = 0;
  int exports = 0;
  int credentials = 0;
  QList<qint64> settledInboxIds; // pending deliveries settled as redacted: the processor must not map them
  QJsonObject counts() const;
};

// Whether one stored delivery carries the subject's data, decided by its JSON structure (the order's own
// id, a customer object's id, an order_id field, an email or phone field equal to the subject's), never by
// a substring: a short customer id also occurs in prices and zip codes. A body that is not JSON belongs to
// the subject only if it contains the subject's email or phone verbatim.
bool deliveryBelongsTo(const QString &topic, const QByteArray &body, const Subject &subject);

// Removes the subject's data from every table that holds it, in the caller's transaction: order contact
// columns, stored webhook bodies and errors (pending ones are settled as redacted), print-job payloads and
// errors, scan and hold reasons, tracking numbers, outbox notes and errors, reasons in the audit log,
// data-request exports; for a whole shop also its Admin credentials.
Result<Scrubbed> scrub(QSqlDatabase &db, const Subject &subject);

// customers/data_request: gathers what we hold on the customer (orders with contact data and addresses,
// fulfillment orders, lines, parcels and tracking, packing notes, print history) into a
// customer_data_exports row for the merchant; returns its id and sets *orders.
Result<qint64> exportCustomer(QSqlDatabase &db, const Subject &subject, int *orders);

struct ExportSummary {
  qint64 id = 0;
  QString shopDomain;
  QString customerId;
  QDateTime requestedAt;
  int orders = 0;
  QDateTime deliveredAt;
};
Result<QList<ExportSummary>> listExports(QSqlDatabase &db);
// The export's JSON for the merchant; marks it delivered and audits that it left.
Result<QJsonObject> deliverExport(QSqlDatabase &db, qint64 exportId, const QString &actor);

} // namespace pb::shopify::customerdata
