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

// One box's carrier label as the station sees it (label_requests, migration 0018; the hub writes the rest).
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

// The station's side of carrier labels, through the database's functions only (PostgreSQL). Each call carries the
// packer's sign-in token (migration 0016); an ended sign-in answers ErrorKind::SignedOut.
namespace carrierlabels {

// The print journal's reference of every job made of one label (the first send and each reprint; migration 0030).
QString printReference(qint64 requestId);
// The weight a box has on record (packages.weight_grams), if any.
Result<std::optional<int>> boxWeight(const QSqlDatabase &db, qint64 fulfillmentOrderId, int boxNo);
// Asks the hub for box boxNo's label under this station's claim (packbench_request_label); weightGrams 0: the
// weight on record. InvalidInput when the box has no weight. The request id (the same one when asked again).
Result<qint64> request(const QSqlDatabase &db, qint64 claimId, qint64 stationId, qint64 fulfillmentOrderId, int boxNo,
                       const QString &format, int weightGrams, const QString &signInToken);
// The newest label of each box of the order, by box.
Result<QList<BoxLabel>> forOrder(const QSqlDatabase &db, qint64 fulfillmentOrderId);
// The label went to the printer as print job printJobId.
Status markPrinted(const QSqlDatabase &db, qint64 requestId, qint64 stationId, qint64 printJobId,
                   const QString &signInToken);

} // namespace carrierlabels

} // namespace pb::station
