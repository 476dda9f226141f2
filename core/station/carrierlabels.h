// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace pb::station {

// One box's carrier label as the station sees it (label_requests, migration 0019; the hub writes the rest).
struct BoxLabel {
  qint64 requestId = 0;
  int boxNo = 1;
  QString state;     // requested, bought, printed, void_pending, voided, failed
  QString format;    // zpl, pdf, png
  QByteArray bytes;  // the label itself, once bought
  QString errorKind; // carrier_unavailable, refused, needs_weight, configuration, cancelled, void_refused
  QString error;     // the hub's words for it
  QString trackingNumber;
  QString voidReason;
  qint64 claimId = 0;
};

// A bought label as it goes to the printer.
struct CarrierLabelPrint {
  qint64 fulfillmentOrderId = 0;
  qint64 requestId = 0;
  int boxNo = 1;
  QString format; // zpl, pdf, png
  QByteArray bytes;
  QString reference; // for the print journal: carrier-label:request=<id>
};

// The station's side of carrier labels, through the database's functions only (PostgreSQL).
namespace carrierlabels {

// The weight a box has on record (packages.weight_grams), if any.
Result<std::optional<int>> boxWeight(const QSqlDatabase &db, qint64 fulfillmentOrderId, int boxNo);
// Asks the hub for box boxNo's label under this station's claim (packbench_request_label); weightGrams 0: the
// weight on record. InvalidInput when the box has no weight. The request id (the same one when asked again).
Result<qint64> request(const QSqlDatabase &db, qint64 claimId, qint64 stationId, qint64 fulfillmentOrderId, int boxNo,
                       const QString &format, int weightGrams);
// The newest label of each box of the order, by box.
Result<QList<BoxLabel>> forOrder(const QSqlDatabase &db, qint64 fulfillmentOrderId);
// The label went to the printer as print job printJobId.
Status markPrinted(const QSqlDatabase &db, qint64 requestId, qint64 stationId, qint64 printJobId);

} // namespace carrierlabels

} // namespace pb::station
