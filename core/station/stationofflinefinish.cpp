// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController finishing the held order while the central database is away (issue #15): the completion is
// journaled after the scans and lands with them in the replay's one transaction, through the same finish as online;
// the slip (and the house label) print at once from the snapshot, and their print jobs are journaled by that replay.
#include "core/db/sql.h"
#include "core/documents/zpl.h"
#include "core/station/offlinejournal.h"
#include "core/station/offlineprint.h"
#include "core/station/stationcontroller.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcOfflineFinish, "packbench.core.station.stationofflinefinish")

// What is in the box: what this attempt verified of each line (the slip counts the same once the pack is recorded).
documents::SlipData boxedSlip(documents::SlipData slip, const QList<packing::PackLine> &verified)
{
  QList<documents::SlipLine> boxed;
  for (documents::SlipLine line : slip.lines) {
    for (const packing::PackLine &packed : verified)
      if (packed.lineId == line.lineId)
        line.quantity = std::min(packed.verified, packed.expected);
    if (line.quantity > 0)
      boxed.append(line);
  }
  slip.lines = boxed;
  return slip;
}
} // namespace

bool StationController::journalLeavingBench(const QString &kind, QJsonObject event, const QString &notKept)
{
  event.insert(QStringLiteral("fo"), m_order->fulfillmentOrderId);
  event.insert(QStringLiteral("claim"), *m_order->claimId);
  event.insert(QStringLiteral("version"), m_order->orderVersion);
  if (Status kept = m_settings.offlineJournal->append(QUuid::createUuid(), kind, event, m_clock.nowUtc()); !kept) {
    qCWarning(lcOfflineFinish).noquote() << kind << "not journaled:" << kept.error().message;
    // Later: the session's own feedback follows this signal and would cover it.
    QTimer::singleShot(0, this, [this, notKept]() {
      say(Notice::Where::Pack, Tone::Error, notKept, tr("Keep the box on the bench and call the lead"), Cue::Unknown);
    });
    return false;
  }
  return true;
}

void StationController::finishOffline(bool partial)
{
  const bool labels = carrierLabelsOn();
  const QString orderName = m_session->header().orderName;
  if (!journalLeavingBench(packing::kJournalComplete,
                           {{QStringLiteral("labels"), labels}, {QStringLiteral("partial"), partial}},
                           tr("Complete — but NOT kept at this bench")))
    return;
  m_finishedOffline = true;
  qCInfo(lcOfflineFinish) << "fulfillment order" << m_order->fulfillmentOrderId << "completed offline"
                          << (partial ? "(a partial shipment)" : "")
                          << (labels ? "(carrier labels once it has landed)" : "");
  if (m_settings.printer && m_settings.autoPrint)
    printOffline();
  // Later: the session's own COMPLETE feedback follows this signal and would cover it.
  QTimer::singleShot(0, this, [this, orderName, labels]() {
    if (!m_finishedOffline)
      return;
    say(Notice::Where::Pack, Tone::Warning, tr("Packed offline — will be sent when the database is back"),
        labels ? tr("Order %1: its carrier label is bought and printed once the database is back. Keep the box on "
                    "the bench.")
                     .arg(orderName)
        : canOpenPrefetchedOffline()
            ? tr("Order %1: keep the box with its slip. F8 takes the next order, kept for this bench.").arg(orderName)
            : tr("Order %1: keep the box with its slip. The next order is taken once the database is back.")
                  .arg(orderName));
  });
}

void StationController::holdOffline(const QString &reason)
{
  const QString orderName = m_session->header().orderName;
  if (!journalLeavingBench(packing::kJournalHold, {{QStringLiteral("reason"), reason}},
                           tr("On hold — but NOT kept at this bench")))
    return;
  m_finishedOffline = true;
  m_heldOffline = true;
  qCInfo(lcOfflineFinish) << "fulfillment order" << m_order->fulfillmentOrderId << "put on hold offline";
  // Later: the session's own HOLD feedback follows this signal and would cover it.
  QTimer::singleShot(0, this, [this, orderName]() {
    if (!m_heldOffline)
      return;
    say(Notice::Where::Pack, Tone::Warning, tr("On hold offline — recorded when the database is back"),
        canOpenPrefetchedOffline()
            ? tr("Order %1: set the box aside for the lead. F8 takes the next order, kept for this bench.")
                  .arg(orderName)
            : tr("Order %1: set the box aside for the lead. The next order is taken once the database is back.")
                  .arg(orderName));
  });
}

void StationController::printOffline()
{
  m_autoPrinted = {};
  m_autoPrinted.fulfillmentOrderId = m_order->fulfillmentOrderId;
  auto held = m_settings.offlineJournal->heldOrder();
  const bool haveSlip = held && held->has_value() && (*held)->slip.fulfillmentOrderId == m_order->fulfillmentOrderId;
  if (!haveSlip) { // opened before this station kept slips: printed by REPRINT once the database is back
    qCWarning(lcOfflineFinish) << "no slip data kept for fulfillment order" << m_order->fulfillmentOrderId;
    m_autoPrinted.slipFailed = true;
    QTimer::singleShot(0, this, [this]() { warnAboutAutoPrint(); });
    return;
  }
  const documents::SlipData slip = boxedSlip((*held)->slip, m_session->lines());
  documents::PrintJob job;
  job.fulfillmentOrderId = m_order->fulfillmentOrderId;
  job.kind = documents::PrintKind::Slip;
  job.printer = m_settings.slipPrinter;
  job.format = documents::PrintFormat::Pdf;
  m_autoPrinted.slipJob = printWithoutJournal(job, slip);
  m_autoPrinted.slipFailed = m_autoPrinted.slipJob == 0;
  if (!m_settings.labelPrinter.isEmpty() && m_settings.carrierLabelFormat.isEmpty()) { // a house label for each box
    job.kind = documents::PrintKind::Label;
    job.printer = m_settings.labelPrinter;
    job.format = documents::PrintFormat::Zpl;
    const int boxes = std::max(1, m_session->boxesWithItems());
    for (int box = 1; box <= boxes; ++box) {
      job.payload = documents::houseLabelZpl(slip, box, boxes);
      job.reference = documents::houseLabelReference(m_order->fulfillmentOrderId, box);
      if (const qint64 sent = printWithoutJournal(job, slip); sent != 0)
        m_autoPrinted.labelJobs.insert(sent, box);
      else
        m_autoPrinted.labelFailed = true;
    }
  }
  if (m_autoPrinted.slipFailed || m_autoPrinted.labelFailed)
    QTimer::singleShot(0, this, [this]() { warnAboutAutoPrint(); });
}

qint64 StationController::printWithoutJournal(documents::PrintJob job, const documents::SlipData &slip)
{
  const QUuid eventId = QUuid::createUuid();
  // The print journal is in the database that is away: the job prints now and is journaled by the replay.
  const QString named =
      job.reference.isEmpty() ? QStringLiteral("slip:fulfillment_order=%1").arg(job.fulfillmentOrderId) : job.reference;
  job.reference = QStringLiteral("%1;offline=%2").arg(named, eventId.toString(QUuid::WithoutBraces));
  auto sent = m_settings.printer->printUnjournaled(job, slip);
  if (!sent) {
    qCWarning(lcOfflineFinish).noquote() << "offline print refused:" << sent.error().message;
    return 0;
  }
  m_unjournaledPrints.insert(sent->id, UnjournaledPrint{*sent, *m_order->claimId, eventId});
  return sent->id;
}

void StationController::journalPrintOutcome(qint64 jobId, bool printed, const QString &error)
{
  const UnjournaledPrint print = m_unjournaledPrints.take(jobId);
  const QJsonObject payload = offlinePrintToJson(print.job, print.claimId, printed, error);
  Status kept;
  if (m_offline || m_finishedOffline) // not replayed yet: it lands with the rest of the journal
    kept = m_settings.offlineJournal->append(print.eventId, packing::kJournalPrint, payload, m_clock.nowUtc());
  else // the journal landed before the printer answered
    kept = db::inTransaction(m_db, [&]() { return recordOfflinePrint(m_db, payload); });
  if (!kept)
    qCWarning(lcOfflineFinish).noquote() << "offline print job" << jobId << "not journaled:" << kept.error().message;
  else if (packsOffline())
    showOfflineProgress(); // one more event waiting
}

void StationController::settleFinishedOffline(const packing::ClaimedOrder &order, const Replayed &replayed)
{
  m_finishedOffline = false;
  m_heldOffline = false;
  m_session->setOfflineJournal(nullptr);
  if (replayed.held) { // on hold now: the box waits for the lead, the bench takes the next order
    const QString name = m_session->header().orderName;
    m_keepAlive->stop();
    closeSession();
    m_order.reset();
    showQueue();
    say(Notice::Where::Queue, Tone::Neutral, tr("Order %1 is on hold — recorded").arg(name),
        tr("Its box waits for the lead · F8 takes the next order"));
    return;
  }
  if (replayed.labelsFirst) { // the hub buys them now; the pack is recorded once they have printed
    m_keepAlive->start();
    startLabels(replayed.partial);
    return;
  }
  if (!replayed.completed) { // nothing of it was journaled: the packer completes it again, online
    openOrder(order);
    return;
  }
  if (auto waiting = m_settings.offlineJournal->pendingCount(); waiting && *waiting == 0)
    (void)m_settings.offlineJournal->clearHeldOrder();
  m_lastFinished = order.fulfillmentOrderId;
  say(Notice::Where::Pack, Tone::Good, tr("✔ ORDER %1 COMPLETE — recorded").arg(m_session->header().orderName),
      tr("Packed offline and recorded now that the database is back · F8 takes the next order"));
  Q_EMIT orderFinished(order, replayed.partial);
}

} // namespace pb::station
