// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/carriers/carriertypes.h"
#include "core/carriers/servicechoice.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace pb::hub {

// One label request as the carrier worker needs it (label_requests with its package, order and warehouse).
struct LabelJob {
  qint64 requestId = 0;
  qint64 packageId = 0;
  qint64 fulfillmentOrderId = 0;
  qint64 shopId = 0;
  qint64 locationId = 0;
  int boxNo = 1;
  int attempts = 0;
  QString state;
  QString externalShipmentId;
  QString format;    // zpl, pdf, png
  QString carrierId; // chosen on an earlier attempt: a retry buys the same service
  QString serviceCode;
  QString labelId; // void_pending: the label to void (empty: look it up by external_shipment_id)
  QString voidReason;
  std::optional<int> weightGrams;
  int lengthMm = 0;
  int widthMm = 0;
  int heightMm = 0;
  QString orderName;
  QString shippingTitle;
  QString shippingCode;
  QJsonObject shipTo;                  // Shopify's shipping address of the order
  std::optional<QJsonObject> shipFrom; // carrier_locations; none: the warehouse is not set up
  QDateTime shipBy;
  bool atBench = false; // its pack attempt is still open and the order not cancelled
};

// Why a request waits or failed, as label_requests.error_kind says it.
enum class LabelErrorKind { CarrierUnavailable, Refused, NeedsWeight, Configuration, Cancelled, VoidRefused };
QString labelErrorKindName(LabelErrorKind kind);

// The SQL of the carrier worker on label_requests (migration 0018). Every write of a worker names it
// (locked_by) and touches only rows it holds, so several hubs share the work.
namespace labelrequests {

// Frees the leases this worker still holds, at the start of a pass: none of its rows is being worked then, so they
// were left by a pass that ended early (its connection went) and would otherwise wait out the lease (10 minutes).
Status releaseOwnLeases(QSqlDatabase &db, const QString &workerId);
// Takes up to `batch` due rows of `state` (requested or void_pending) for leaseSeconds; their ids.
Result<QList<qint64>> claimDue(QSqlDatabase &db, const QString &state, const QString &workerId, int leaseSeconds,
                               int batch);
Result<LabelJob> load(QSqlDatabase &db, qint64 requestId);
// Milliseconds until the next request to buy or void falls due (0: one is due now); none when there is none.
Result<std::optional<qint64>> nextDueMs(QSqlDatabase &db);
// The service rules that match the order's shipping line (all priorities).
Result<QList<carriers::ServiceRule>> matchingRules(QSqlDatabase &db, qint64 shopId, const QString &title,
                                                   const QString &code);
// Keeps the chosen service before buying.
Status rememberService(QSqlDatabase &db, const LabelJob &job, const QString &workerId);
// An audit_log row about the request's order, as the hub (how the lead learns of voids and refusals).
Status audit(QSqlDatabase &db, const LabelJob &job, const QString &workerId, const QString &action,
             const QJsonObject &details);
// The bought label on the request and its tracking on the package, in one transaction; the station hears it.
// A request retired meanwhile keeps the label as void_pending (it is voided next). False: not ours any more.
Result<bool> storeBought(QSqlDatabase &db, const LabelJob &job, const carriers::Label &label, const QString &workerId);
// Back to waiting: the error the station shows, the next attempt after delayMs. uncount: nothing was sent.
Status waitAgain(QSqlDatabase &db, const LabelJob &job, const QString &workerId, LabelErrorKind kind,
                 const QString &message, qint64 delayMs, bool uncount = false);
// A final refusal (the station shows message; the packer fixes the box or the lead the order).
Status fail(QSqlDatabase &db, const LabelJob &job, const QString &workerId, LabelErrorKind kind,
            const QString &message);
// Labels of pack attempts that ended without shipping (released, held, expired, cancelled orders) become
// void_pending (or are cancelled when never sent); the lead is told through the audit log. How many.
Result<int> retireAbandoned(QSqlDatabase &db, const QString &workerId);
// The label is void at the carrier (or was never bought): voided, and the package forgets its tracking.
Status storeVoided(QSqlDatabase &db, const LabelJob &job, const QString &workerId, bool wasBought,
                   const QString &labelId);

} // namespace labelrequests

} // namespace pb::hub
