// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController printing while the central database is away (issue #15): the slip and a house label for each box
// of an order finished offline print at once from the bench's snapshot, and so does PB*REPRINT of that order. The
// print journal is in the database, so each job prints first and is journaled by the replay (a `print` event).
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
Q_LOGGING_CATEGORY(lcOfflinePrint, "packbench.core.station.stationofflineprint")

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

std::optional<documents::SlipData> StationController::offlineSlip() const
{
  auto held = m_settings.offlineJournal->heldOrder();
  if (!held || !held->has_value() || (*held)->slip.fulfillmentOrderId != m_order->fulfillmentOrderId)
    return std::nullopt; // opened before this station kept slips: printed by REPRINT once the database is back
  return boxedSlip((*held)->slip, m_session->lines());
}

qint64 StationController::printSlipOffline(const documents::SlipData &slip)
{
  documents::PrintJob job;
  job.fulfillmentOrderId = m_order->fulfillmentOrderId;
  job.kind = documents::PrintKind::Slip;
  job.printer = m_settings.slipPrinter;
  job.format = documents::PrintFormat::Pdf;
  return printWithoutJournal(job, slip);
}

qint64 StationController::printHouseLabelOffline(const documents::SlipData &slip, int box)
{
  documents::PrintJob job;
  job.fulfillmentOrderId = m_order->fulfillmentOrderId;
  job.kind = documents::PrintKind::Label;
  job.printer = m_settings.labelPrinter;
  job.format = documents::PrintFormat::Zpl;
  const int boxes = std::max(1, m_session->boxesWithItems());
  job.payload = documents::houseLabelZpl(slip, box, boxes);
  job.reference = documents::houseLabelReference(m_order->fulfillmentOrderId, box);
  return printWithoutJournal(job, slip);
}

bool StationController::printsHouseLabels() const
{
  return !m_settings.labelPrinter.isEmpty() && m_settings.carrierLabelFormat.isEmpty();
}

void StationController::printOffline()
{
  m_autoPrinted = {};
  m_autoPrinted.fulfillmentOrderId = m_order->fulfillmentOrderId;
  const std::optional<documents::SlipData> slip = offlineSlip();
  if (!slip) {
    qCWarning(lcOfflinePrint) << "no slip data kept for fulfillment order" << m_order->fulfillmentOrderId;
    m_autoPrinted.slipFailed = true;
    QTimer::singleShot(0, this, [this]() { warnAboutAutoPrint(); });
    return;
  }
  m_autoPrinted.slipJob = printSlipOffline(*slip);
  m_autoPrinted.slipFailed = m_autoPrinted.slipJob == 0;
  if (printsHouseLabels()) { // a house label for each box
    for (int box = 1; box <= std::max(1, m_session->boxesWithItems()); ++box) {
      if (const qint64 sent = printHouseLabelOffline(*slip, box); sent != 0)
        m_autoPrinted.labelJobs.insert(sent, box);
      else
        m_autoPrinted.labelFailed = true;
    }
  }
  if (m_autoPrinted.slipFailed || m_autoPrinted.labelFailed)
    QTimer::singleShot(0, this, [this]() { warnAboutAutoPrint(); });
}

bool StationController::canReprintOffline() const
{
  return m_finishedOffline && !m_heldOffline && m_session && m_order && m_settings.printer &&
         m_settings.offlineJournal && m_autoPrinted.fulfillmentOrderId == m_order->fulfillmentOrderId;
}

void StationController::reprintOffline()
{
  const std::optional<documents::SlipData> slip = offlineSlip();
  if (!slip) {
    (void)refusedOffline();
    return;
  }
  // As online: while a box has no label, only what did not print, so no spare label lies on the bench.
  QList<int> boxes = unprintedBoxes();
  m_reprinting = {};
  const auto sent = [this](qint64 jobId, const QString &name) {
    if (jobId != 0)
      m_reprinting.pending.insert(jobId, name);
    else
      m_reprinting.failed << name;
  };
  if (boxes.isEmpty() || slipStillMissing(m_order->fulfillmentOrderId))
    sent(printSlipOffline(*slip), tr("slip"));
  if (boxes.isEmpty()) {
    for (int box = 1; printsHouseLabels() && box <= std::max(1, m_session->boxesWithItems()); ++box)
      boxes << box;
  }
  for (const int box : std::as_const(boxes))
    sent(printHouseLabelOffline(*slip, box), tr("label"));
  qCInfo(lcOfflinePrint) << "offline reprint of fulfillment order" << m_order->fulfillmentOrderId << "sent"
                         << m_reprinting.pending.size() << "refused" << m_reprinting.failed.size();
  if (m_reprinting.pending.isEmpty())
    sayReprintOutcome();
  else
    say(screenArea(), Tone::Neutral, tr("Reprinting: %1").arg(documentsNamed(m_reprinting.pending.values())));
}

qint64 StationController::printWithoutJournal(documents::PrintJob job, const documents::SlipData &slip)
{
  const QUuid eventId = QUuid::createUuid();
  // The print journal is in the database that is away: the job prints now and is journaled by the replay.
  const QString named =
      job.reference.isEmpty() ? QStringLiteral("slip:fulfillment_order=%1").arg(job.fulfillmentOrderId) : job.reference;
  job.reference = documents::offlinePrintReference(named, eventId);
  auto sent = m_settings.printer->printUnjournaled(job, slip);
  if (!sent) {
    qCWarning(lcOfflinePrint).noquote() << "offline print refused:" << sent.error().message;
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
    qCWarning(lcOfflinePrint).noquote() << "offline print job" << jobId << "not journaled:" << kept.error().message;
  else if (packsOffline())
    showOfflineProgress(); // one more event waiting
}

} // namespace pb::station
