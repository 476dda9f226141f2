// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: the last order finished at this bench, recalled when the packer signs in after a restart (a
// crash, a power cut) or a sign-out. Its box may still be on the bench without its label (the printer was off
// and the station went down before anyone printed it): the packer is told at sign-in, F8 holds the next order back
// once as it would have before the restart, and REPRINT prints it. Only a moment after the finish, and (unless a label
// is missing) only for the packer who finished it: a REPRINT scanned by mistake must not put an old label on a box.
#include "core/queue/queuelisting.h"
#include "core/station/carrierlabels.h"
#include "core/station/stationcontroller.h"

#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcLastOrder, "packbench.core.station.stationlastorder")

constexpr qint64 kRecalledWithinSecs = 15 * 60; // a restart or a short break, not a shift change
} // namespace

void StationController::recallLastOrder()
{
  if (m_lastFinished != 0 || !m_packer || !m_settings.stationId || m_offline)
    return;
  auto last = queue::lastPackedAtStation(m_db, *m_settings.stationId);
  if (!last) {
    qCWarning(lcLastOrder).noquote() << "last order packed here not read:" << last.error().message;
    noteDatabaseError(last.error());
    return;
  }
  if (!*last || (*last)->packedAt.secsTo(m_clock.nowUtc()) > kRecalledWithinSecs)
    return;
  const queue::PackedOrder &order = **last;
  if (m_settings.printer)
    recallUnprintedLabels(order.fulfillmentOrderId, order.orderName);
  const QList<int> boxes = unprintedBoxes(); // voided carrier labels were left out as they were read
  // Another packer's order is theirs to reprint, unless its box is still here without its label.
  if (order.packerId != m_packer->id && boxes.isEmpty())
    return;
  m_lastFinished = order.fulfillmentOrderId;
  qCInfo(lcLastOrder) << "fulfillment order" << order.fulfillmentOrderId << "packed here"
                      << order.packedAt.secsTo(m_clock.nowUtc()) << "s ago is the last order again";
  if (boxes.isEmpty())
    return;
  qCInfo(lcLastOrder) << boxes.size() << "label(s) of fulfillment order" << order.fulfillmentOrderId
                      << "not printed before the restart";
  // Not yet the warning F8 gives: the packer may sign in and press F8 without reading the queue screen.
  say(Notice::Where::Queue, Tone::Warning, noLabelHeadline(boxes),
      m_settings.carrierLabelFormat.isEmpty()
          ? tr("Scan REPRINT once the label printer is ready: the order is packed")
          : tr("Scan REPRINT once the label printer is ready: the order is packed and its label bought"),
      Cue::Unknown);
}

void StationController::recallUnprintedLabels(qint64 fulfillmentOrderId, const QString &orderName)
{
  auto jobs = documents::PrintJournal(m_db).forFulfillmentOrder(fulfillmentOrderId);
  if (!jobs) {
    qCWarning(lcLastOrder).noquote() << "print jobs of the last order not read:" << jobs.error().message;
    return;
  }
  m_unprintedLabels.clear();
  m_unprintedLabelsWarned = false;
  // Unprinted: a label none of whose jobs (the first send, retries, reprints, moves) reached a printer.
  const auto noteIfUnprinted = [&](const QString &reference, int box) {
    qint64 newestJob = 0;
    bool onPaper = false;
    for (const documents::PrintJob &job : std::as_const(*jobs)) {
      if (job.kind != documents::PrintKind::Label || documents::printedDocument(job.reference) != reference)
        continue;
      newestJob = std::max(newestJob, job.id);
      onPaper = onPaper || job.status == documents::PrintStatus::Done;
    }
    if (newestJob != 0 && !onPaper)
      m_unprintedLabels.insert(newestJob, {fulfillmentOrderId, box, orderName});
  };
  if (m_settings.carrierLabelFormat.isEmpty()) { // the bench prints its own label for each box
    QSet<QString> houseLabels;                   // those journaled, offline ones included: one a box
    for (const documents::PrintJob &job : std::as_const(*jobs)) {
      if (documents::houseLabelBox(job.reference, fulfillmentOrderId) > 0)
        houseLabels.insert(documents::printedDocument(job.reference));
    }
    for (const QString &reference : std::as_const(houseLabels))
      noteIfUnprinted(reference, documents::houseLabelBox(reference, fulfillmentOrderId));
    return;
  }
  auto labels = carrierlabels::forOrder(m_db, fulfillmentOrderId);
  if (!labels) {
    qCWarning(lcLastOrder).noquote() << "carrier labels of the last order not read:" << labels.error().message;
    return;
  }
  for (const BoxLabel &label : std::as_const(*labels)) {
    if (label.state == u"bought" || label.state == u"printed") // "printed": sent, whatever the printer said
      noteIfUnprinted(carrierlabels::printReference(label.requestId), label.boxNo);
  }
}

} // namespace pb::station
