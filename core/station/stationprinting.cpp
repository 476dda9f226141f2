// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: the slip and label printed when an order is finished, and PB*REPRINT, which prints the
// last slip and label of the last finished order again as new jobs of the print journal. The printer never
// makes the bench wait: each job is handed over at once and its outcome is said when it comes.
#include "core/station/stationcontroller.h"

#include "core/station/carrierlabels.h"

#include <QLoggingCategory>

#include <algorithm>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcPrinting, "packbench.core.station.stationprinting")

// The newest job of each kind and reference (each box's label has its own): a moved job's copy, or a reprint, is
// newer than the job it replaced and keeps its reference. A print made offline carries its event too
// (";offline=<id>"), which does not make it another document.
QList<documents::PrintJob> newest(const QList<documents::PrintJob> &jobs, documents::PrintKind kind)
{
  QHash<QString, documents::PrintJob> found;
  for (const documents::PrintJob &job : jobs) {
    const QString document = documents::printedDocument(job.reference);
    if (job.kind == kind && (!found.contains(document) || job.id > found.value(document).id))
      found.insert(document, job);
  }
  QList<documents::PrintJob> all = found.values();
  std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
  return all;
}

QString boxNumbers(const QList<int> &boxes) // "1, 3"
{
  QStringList numbers;
  for (const int box : boxes)
    numbers << QString::number(box);
  return numbers.join(QStringLiteral(", "));
}
} // namespace

void StationController::connectPrinter()
{
  documents::PrintService *printer = m_settings.printer;
  if (!printer)
    return;
  connect(printer, &documents::PrintService::jobPrinted, this,
          [this](qint64 jobId) { printOutcome(jobId, true, {}, false); });
  connect(printer, &documents::PrintService::jobFailed, this,
          [this](qint64 jobId, const QString &error, bool) { printOutcome(jobId, false, error, false); });
  connect(printer, &documents::PrintService::jobIncomplete, this,
          [this](qint64 jobId, const QString &what) { printOutcome(jobId, false, what, true); });
  connect(printer, &documents::PrintService::systemPrintersListed, this, &StationController::printersListed);
}

void StationController::printDocumentsOf(const packing::ClaimedOrder &order, int boxes)
{
  // Only warnings: the order is packed; the journal keeps a failed job for a reprint.
  m_autoPrinted = {};
  m_autoPrinted.fulfillmentOrderId = order.fulfillmentOrderId;
  if (auto slip = m_settings.printer->printSlip(order.fulfillmentOrderId, m_settings.slipPrinter); slip) {
    m_autoPrinted.slipJob = *slip;
  } else {
    qCWarning(lcPrinting).noquote() << "slip not journaled:" << slip.error().message;
    m_autoPrinted.slipFailed = true;
  }
  if (printsHouseLabels()) { // else the hub buys them
    for (int box = 1; box <= boxes; ++box) {
      auto label = m_settings.printer->printHouseLabel(order.fulfillmentOrderId, m_settings.labelPrinter, box, boxes);
      if (label) {
        m_autoPrinted.labelJobs.insert(*label, box);
      } else {
        qCWarning(lcPrinting).noquote() << "label of box" << box << "not journaled:" << label.error().message;
        m_autoPrinted.labelFailed = true;
      }
    }
  }
  Q_EMIT printJobsChanged();
  if (m_autoPrinted.slipFailed || m_autoPrinted.labelFailed)
    warnAboutAutoPrint();
}

void StationController::printOutcome(qint64 jobId, bool printed, const QString &error, bool incomplete)
{
  if (m_unjournaledPrints.contains(jobId)) // printed offline: journaled now, or by the replay
    journalPrintOutcome(jobId, printed, error);
  Q_EMIT printJobsChanged();
  if (m_reprinting.pending.contains(jobId)) {
    (printed ? m_reprinting.printed : m_reprinting.failed) << m_reprinting.pending.take(jobId);
    if (m_reprinting.pending.isEmpty())
      sayReprintOutcome();
    return;
  }
  const Notice::Where where = screenArea();
  if (m_carrierLabelJobs.contains(jobId)) {
    const int box = m_carrierLabelJobs.take(jobId);
    if (!printed) { // the first failure: the packer hears it while the journaled printer's retries go on
      m_unprintedLabels.insert(jobId, {m_order ? m_order->fulfillmentOrderId : 0, box,
                                       m_session ? m_session->header().orderName : QString()});
      say(where, Tone::Warning, tr("The carrier label of box %1 did not print").arg(box),
          tr("Check the label printer, then scan REPRINT: the order is packed and its label bought (nothing is bought "
             "again)"),
          Cue::Notice);
    }
    labelJobEnded(jobId, printed); // the bytes are out (or the printer said no): the bookkeeping that waited goes on
    return;
  }
  if (m_unprintedLabels.contains(jobId)) {
    if (printed) { // one of the journaled printer's own retries got through
      const int box = m_unprintedLabels.take(jobId).box;
      qCInfo(lcPrinting) << "label of box" << box << "printed on the printer's own retry";
      say(where, Tone::Good,
          m_settings.carrierLabelFormat.isEmpty() ? tr("The label of box %1 printed after all").arg(box)
                                                  : tr("The carrier label of box %1 printed after all").arg(box),
          tr("Put the label on the box · F8 takes the next order"), Cue::Notice);
    }
    return;
  }
  if (printed) {
    forgetLabelPrintedElsewhere(jobId);
    return;
  }
  if (jobId == m_autoPrinted.slipJob && !m_autoPrinted.slipFailed) {
    m_autoPrinted.slipFailed = true;
    if (incomplete) // its message names characters of the order: not logged
      m_autoPrinted.slipProblem = error;
    warnAboutAutoPrint();
  } else if (m_autoPrinted.labelJobs.contains(jobId)) { // its first failure (m_unprintedLabels has the rest)
    m_autoPrinted.labelFailed = true;                   // the packer hears it while the retries go on
    // The box has no label yet: the next F8 holds back once, as for a carrier label.
    m_unprintedLabels.insert(jobId, {m_autoPrinted.fulfillmentOrderId, m_autoPrinted.labelJobs.value(jobId),
                                     m_session ? m_session->header().orderName : QString()});
    warnAboutAutoPrint();
  }
}

void StationController::warnAboutAutoPrint()
{
  const AutoPrinted &a = m_autoPrinted;
  QString headline = a.slipFailed && a.labelFailed ? tr("Packed — but the slip and the label did not print")
                     : a.slipFailed                ? tr("Packed — but the slip did not print")
                                                   : tr("Packed — but the label did not print");
  QString hint = packsOffline() ? tr("Scan REPRINT to print it again: it works offline too")
                                : tr("The job is in the print journal; scan REPRINT to print it again");
  if (const QList<int> boxes = unprintedBoxes(); a.labelJobs.size() > 1 && !boxes.isEmpty()) // which box waits
    hint = tr("No label on box %1 yet: scan REPRINT to print the order's labels again", nullptr, int(boxes.size()))
               .arg(boxNumbers(boxes));
  if (!a.slipProblem.isEmpty()) {
    headline = a.labelFailed ? tr("Packed — but the slip is missing characters and the label did not print")
                             : tr("Packed — but the slip is missing characters");
    hint = a.slipProblem;
  }
  const bool onScreen = m_session && m_session->header().fulfillmentOrderId == a.fulfillmentOrderId;
  say(onScreen ? Notice::Where::Pack : Notice::Where::Queue, Tone::Warning, headline, hint);
}

void StationController::reprintLast()
{
  if (packsOffline() && canReprintOffline()) { // the order finished offline, still on the bench
    reprintOffline();
    return;
  }
  const Notice::Where where = screenArea();
  if (m_lastFinished == 0 || !m_settings.printer) {
    say(where, Tone::Warning, tr("Nothing to reprint"), tr("REPRINT prints the last finished order's slip and label"),
        Cue::Notice);
    return;
  }
  auto jobs = jobsToReprint();
  if (!jobs) {
    noteDatabaseError(jobs.error());
    qCWarning(lcPrinting).noquote() << "print journal not read:" << jobs.error().message;
    say(where, Tone::Error, tr("Not reprinted: the print journal could not be read"), tr("Try again or call the lead"),
        Cue::Unknown);
    return;
  }
  m_reprinting = {};
  QStringList started;
  for (const auto &[jobId, name] : std::as_const(*jobs)) {
    if (auto again = m_settings.printer->reprint(jobId); again) {
      m_reprinting.pending.insert(*again, name);
      started << name;
    } else {
      qCWarning(lcPrinting).noquote() << "reprint not journaled:" << again.error().message;
      noteDatabaseError(again.error());
      m_reprinting.failed << name;
      m_reprinting.notJournaled = isDatabaseFault(again.error().kind)
                                      ? tr("The database did not answer: scan REPRINT again in a moment")
                                      : again.error().message;
    }
  }
  qCInfo(lcPrinting) << "reprint of fulfillment order" << m_lastFinished << "sent" << started.size() << "refused"
                     << m_reprinting.failed.size();
  Q_EMIT printJobsChanged();
  if (started.isEmpty() && m_reprinting.failed.isEmpty())
    say(where, Tone::Warning, tr("Nothing to reprint"), tr("Nothing was printed for the last order at this station"),
        Cue::Notice);
  else if (!started.isEmpty())
    say(where, Tone::Neutral, tr("Reprinting: %1").arg(documentsNamed(started)));
  else
    sayReprintOutcome();
}

Result<QList<std::pair<qint64, QString>>> StationController::jobsToReprint()
{
  QList<std::pair<qint64, QString>> jobs;
  auto journaled = documents::PrintJournal(m_db).forFulfillmentOrder(m_lastFinished);
  if (!journaled)
    return journaled.error();
  // A box still without its label: only what did not print, so no spare label of a labelled box lies on the bench to
  // end up on another order's box.
  if (!m_unprintedLabels.isEmpty() && !boxesStillWithoutLabel().isEmpty()) {
    // A label that failed offline is known by its offline id only (negative): the replay journaled it, and its box's
    // newest house label (one a box: offline prints and their reprints are one document) is the one to print again.
    QHash<int, qint64> houseLabelOfBox;
    for (const documents::PrintJob &job : newest(*journaled, documents::PrintKind::Label))
      if (const int box = documents::houseLabelBox(job.reference, m_lastFinished); box > 0)
        houseLabelOfBox.insert(box, job.id);
    for (const qint64 jobId : m_unprintedLabels.keys()) {
      const UnprintedLabel label = m_unprintedLabels.value(jobId);
      const qint64 toPrint = jobId > 0 ? jobId : houseLabelOfBox.value(label.box);
      if (label.fulfillmentOrderId == m_lastFinished && toPrint > 0)
        jobs.append({toPrint, tr("label")});
    }
    if (!jobs.isEmpty()) {
      if (slipStillMissing(m_lastFinished)) // what did not print, all of it: the slip too
        for (const documents::PrintJob &slip : newest(*journaled, documents::PrintKind::Slip))
          jobs.append({slip.id, tr("slip")});
      std::sort(jobs.begin(), jobs.end());
      return jobs;
    }
  }
  const std::pair<documents::PrintKind, QString> kinds[] = {{documents::PrintKind::Slip, tr("slip")},
                                                            {documents::PrintKind::Label, tr("label")}};
  for (const auto &[kind, name] : kinds) {
    for (const documents::PrintJob &job : newest(*journaled, kind))
      jobs.append({job.id, name});
  }
  return jobs;
}

void StationController::sayReprintOutcome()
{
  const Notice::Where where = screenArea();
  const Reprinting &r = m_reprinting;
  // A label that had not printed is on paper now, and none failed again: the box can have it, and F8 need not warn.
  const bool labelAtLast =
      !m_unprintedLabels.isEmpty() && r.printed.contains(tr("label")) && !r.failed.contains(tr("label"));
  if (labelAtLast)
    m_unprintedLabels.clear();
  if (r.printed.contains(tr("slip")))
    m_autoPrinted.slipFailed = false;
  const QString why = !r.notJournaled.isEmpty() ? r.notJournaled
                      : packsOffline()          ? tr("The printer refused it; scan REPRINT again once it is ready")
                                                : tr("The printer refused it; the job is in the print journal");
  if (r.failed.isEmpty())
    say(where, Tone::Good, tr("Reprinted: %1").arg(documentsNamed(r.printed)),
        labelAtLast ? tr("Put the label on the box · F8 takes the next order") : QString(), Cue::Notice);
  else if (r.printed.isEmpty())
    say(where, Tone::Error, tr("Not reprinted: %1").arg(documentsNamed(r.failed)), why, Cue::Unknown);
  else // some of it: the packer must know which part is still missing
    say(where, Tone::Warning,
        tr("Reprinted: %1 — but not the %2").arg(documentsNamed(r.printed), documentsNamed(r.failed)),
        labelAtLast ? tr("Put the label on the box · %1").arg(why) : why, Cue::Notice);
}

void StationController::forgetLabelPrintedElsewhere(qint64 jobId)
{
  if (m_unprintedLabels.isEmpty() || jobId <= 0) // nothing missing, or printed offline (not journaled yet)
    return;
  documents::PrintJournal journal(m_db);
  const auto printed = journal.get(jobId);
  if (!printed || printed->kind != documents::PrintKind::Label)
    return;
  // A lead's reprint from the print-jobs list (F4) keeps the label's reference: that box has its label now. One that
  // failed offline is known here by its offline id only (no journal row): its box's house label is the same document.
  const QString document = documents::printedDocument(printed->reference);
  m_unprintedLabels.removeIf([&](const auto &unprinted) {
    if (unprinted.key() < 0)
      return documents::houseLabelBox(document, unprinted.value().fulfillmentOrderId) == unprinted.value().box;
    const auto job = journal.get(unprinted.key());
    return job && documents::printedDocument(job->reference) == document;
  });
}

QString StationController::documentsNamed(const QStringList &names) const
{
  QStringList parts;
  if (names.contains(tr("slip")))
    parts << tr("slip");
  if (const int labels = int(names.count(tr("label"))); labels > 0) // a label for each box
    parts << (labels == 1 ? tr("label") : tr("%n labels", nullptr, labels));
  return parts.join(tr(" and "));
}

bool StationController::slipStillMissing(qint64 fulfillmentOrderId) const
{
  // Not one printed with characters missing: printed again, it would miss them again.
  return m_autoPrinted.fulfillmentOrderId == fulfillmentOrderId && m_autoPrinted.slipFailed &&
         m_autoPrinted.slipProblem.isEmpty();
}

QList<int> StationController::boxesStillWithoutLabel()
{
  qint64 fo = 0; // they are all of one order: the one packed last (read in a loop: GCC 12 -O2 -Wnull-dereference)
  for (const UnprintedLabel &label : std::as_const(m_unprintedLabels))
    fo = label.fulfillmentOrderId;
  // A carrier label voided meanwhile (the order cancelled, held or repacked) must not be printed: that box does not
  // ship.
  if (fo != 0 && !m_settings.carrierLabelFormat.isEmpty()) {
    const auto labels = carrierlabels::forOrder(m_db, fo);
    for (const BoxLabel &label : labels ? *labels : QList<BoxLabel>()) {
      if (label.state == u"void_pending" || label.state == u"voided")
        m_unprintedLabels.removeIf([&](const auto &unprinted) { return unprinted.value().box == label.boxNo; });
    }
  }
  return unprintedBoxes();
}

QList<int> StationController::unprintedBoxes() const
{
  QList<int> boxes;
  for (const UnprintedLabel &label : std::as_const(m_unprintedLabels))
    boxes << label.box;
  std::sort(boxes.begin(), boxes.end());
  return boxes;
}

QString StationController::noLabelHeadline(const QList<int> &boxes) const
{
  QString order;
  for (const UnprintedLabel &label : std::as_const(m_unprintedLabels))
    order = label.orderName;
  return tr("%1: no label printed for box %2 yet", nullptr, int(boxes.size())).arg(order, boxNumbers(boxes));
}

bool StationController::unlabelledBoxStopsNextOrder()
{
  if (m_unprintedLabels.isEmpty() || !m_packer || m_locked)
    return false;
  const QList<int> boxes = boxesStillWithoutLabel();
  if (boxes.isEmpty())
    return false;
  if (m_unprintedLabelsWarned) {
    qCWarning(lcPrinting) << "next order taken with" << boxes.size() << "label(s) of fulfillment order"
                          << m_lastFinished << "not printed";
    return false;
  }
  m_unprintedLabelsWarned = true;
  qCInfo(lcPrinting) << "next order held back once:" << boxes.size() << "label(s) of fulfillment order"
                     << m_lastFinished << "not printed yet";
  say(screenArea(), Tone::Warning, noLabelHeadline(boxes),
      tr("Scan REPRINT once the label printer is ready · F8 again takes the next order anyway"), Cue::Unknown);
  return true;
}

} // namespace pb::station
