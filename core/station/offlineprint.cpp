// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/station/offlineprint.h"

using namespace Qt::StringLiterals;

namespace pb::station {

QJsonObject offlinePrintToJson(const documents::PrintJob &job, qint64 claimId, bool printed, const QString &error)
{
  return {{u"fo"_s, job.fulfillmentOrderId},
          {u"claim"_s, claimId},
          {u"kind"_s, documents::kindName(job.kind)},
          {u"printer"_s, job.printer},
          {u"format"_s, documents::formatName(job.format)},
          {u"payload"_s, QString::fromLatin1(job.payload.toBase64())},
          {u"reference"_s, job.reference},
          {u"printed"_s, printed},
          {u"error"_s, error}};
}

Status recordOfflinePrint(const QSqlDatabase &db, const QJsonObject &payload)
{
  documents::PrintJob job;
  job.fulfillmentOrderId = payload.value(u"fo"_s).toInteger();
  job.kind = payload.value(u"kind"_s).toString() == u"label" ? documents::PrintKind::Label : documents::PrintKind::Slip;
  job.printer = payload.value(u"printer"_s).toString();
  const QString format = payload.value(u"format"_s).toString();
  job.format = format == u"zpl"   ? documents::PrintFormat::Zpl
               : format == u"png" ? documents::PrintFormat::Png
                                  : documents::PrintFormat::Pdf;
  job.payload = QByteArray::fromBase64(payload.value(u"payload"_s).toString().toLatin1());
  job.reference = payload.value(u"reference"_s).toString();
  documents::PrintJournal journal(db);
  auto known = journal.forFulfillmentOrder(job.fulfillmentOrderId);
  if (!known)
    return known.error();
  for (const documents::PrintJob &other : *known)
    if (other.reference == job.reference)
      return {};
  auto id = journal.create(job);
  if (!id)
    return id.error();
  if (Status sent = journal.markSent(*id); !sent)
    return sent;
  return payload.value(u"printed"_s).toBool() ? journal.markDone(*id)
                                              : journal.markFailed(*id, payload.value(u"error"_s).toString());
}

} // namespace pb::station
