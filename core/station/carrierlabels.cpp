// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/station/carrierlabels.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

namespace pb::station::carrierlabels {

QString printReference(qint64 requestId)
{
  return QStringLiteral("carrier-label:request=%1").arg(requestId);
}

Result<std::optional<int>> boxWeight(const QSqlDatabase &db, qint64 fulfillmentOrderId, int boxNo)
{
  auto weight =
      db::exec(db, QStringLiteral("SELECT weight_grams FROM packages WHERE fulfillment_order_id = ? AND box_no = ?"),
               {fulfillmentOrderId, boxNo});
  if (!weight)
    return weight.error();
  if (!weight.value().next() || weight->value(0).isNull())
    return std::optional<int>();
  return std::optional<int>(weight->value(0).toInt());
}

Result<qint64> request(const QSqlDatabase &db, qint64 claimId, qint64 stationId, qint64 fulfillmentOrderId, int boxNo,
                       const QString &format, int weightGrams, const QString &signInToken)
{
  auto id = db::exec(db, QStringLiteral("SELECT packbench_request_label(?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL)"),
                     {claimId, stationId, fulfillmentOrderId, boxNo, format,
                      weightGrams > 0 ? QVariant(weightGrams) : QVariant(QMetaType::fromType<int>()),
                      db::textOrNull(signInToken)});
  if (!id)
    return id.error();
  if (!id.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("packbench_request_label answered nothing"));
  return id->value(0).toLongLong();
}

Result<QList<BoxLabel>> forOrder(const QSqlDatabase &db, qint64 fulfillmentOrderId)
{
  auto rows = db::exec(db,
                       QStringLiteral("SELECT DISTINCT ON (box_no) id, box_no, state, label_format, label_bytes, "
                                      "coalesce(error_kind, ''), coalesce(error, ''), coalesce(tracking_number, ''), "
                                      "coalesce(void_reason, ''), coalesce(claim_id, 0) FROM label_requests WHERE "
                                      "fulfillment_order_id = ? ORDER BY box_no, id DESC"),
                       {fulfillmentOrderId});
  if (!rows)
    return rows.error();
  QList<BoxLabel> labels;
  while (rows.value().next()) {
    const QSqlQuery &q = rows.value();
    BoxLabel label;
    label.requestId = q.value(0).toLongLong();
    label.boxNo = q.value(1).toInt();
    label.state = q.value(2).toString();
    label.format = q.value(3).toString();
    label.bytes = q.value(4).toByteArray();
    label.errorKind = q.value(5).toString();
    label.error = q.value(6).toString();
    label.trackingNumber = q.value(7).toString();
    label.voidReason = q.value(8).toString();
    label.claimId = q.value(9).toLongLong();
    labels.append(label);
  }
  return labels;
}

Status markPrinted(const QSqlDatabase &db, qint64 requestId, qint64 stationId, qint64 printJobId,
                   const QString &signInToken)
{
  auto done = db::exec(db, QStringLiteral("SELECT packbench_label_printed(?, ?, ?, ?, NULL)"),
                       {requestId, stationId, db::idOrNull(printJobId), db::textOrNull(signInToken)});
  return done ? Status{} : Status{done.error()};
}

} // namespace pb::station::carrierlabels
