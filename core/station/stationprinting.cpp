// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: the slip and label printed when an order is finished, and PB*REPRINT, which prints the
// last slip and label of the last finished order again as new jobs of the print journal.
#include "core/station/stationcontroller.h"

#include "core/documents/printjournal.h"

#include <QLoggingCategory>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcPrinting, "packbench.core.station.stationprinting")

// The newest job of each kind: a moved job's copy is newer than the job it replaced.
std::optional<documents::PrintJob> newest(const QList<documents::PrintJob> &jobs, documents::PrintKind kind)
{
  std::optional<documents::PrintJob> found;
  for (const documents::PrintJob &job : jobs) {
    if (job.kind == kind && (!found || job.id > found->id))
      found = job;
  }
  return found;
}
} // namespace

void StationController::printDocumentsOf(const packing::ClaimedOrder &order)
{
  // Only warnings: the order is packed; the journal keeps a failed job for a reprint.
  bool slipFailed = false;
  bool labelFailed = false;
  QString slipProblem; // a slip that printed with characters missing: the packer must know what
  if (m_settings.autoPrint) {
    if (auto slip = m_settings.autoPrint(order.fulfillmentOrderId); !slip) {
      slipFailed = true;
      if (slip.error().kind == ErrorKind::InvalidInput) // its message names characters of the order: not logged
        slipProblem = slip.error().message;
      else
        qCWarning(lcPrinting).noquote() << "slip not printed:" << slip.error().message;
    }
  }
  if (m_settings.autoPrintLabel) {
    if (auto label = m_settings.autoPrintLabel(order.fulfillmentOrderId); !label) {
      qCWarning(lcPrinting).noquote() << "label not printed:" << label.error().message;
      labelFailed = true;
    }
  }
  if (!slipFailed && !labelFailed)
    return;
  QString headline = slipFailed && labelFailed ? tr("Packed — but the slip and the label did not print")
                     : slipFailed              ? tr("Packed — but the slip did not print")
                                               : tr("Packed — but the label did not print");
  QString hint = tr("The job is in the print journal; scan REPRINT to print it again");
  if (!slipProblem.isEmpty()) {
    headline = labelFailed ? tr("Packed — but the slip is missing characters and the label did not print")
                           : tr("Packed — but the slip is missing characters");
    hint = slipProblem;
  }
  const bool onScreen = m_session && m_session->header().fulfillmentOrderId == order.fulfillmentOrderId;
  say(onScreen ? Notice::Where::Pack : Notice::Where::Queue, Tone::Warning, headline, hint);
}

void StationController::reprintLast()
{
  const Notice::Where where = m_screen == Screen::Pack ? Notice::Where::Pack : Notice::Where::Queue;
  if (m_lastFinished == 0) {
    say(where, Tone::Warning, tr("Nothing to reprint"), tr("REPRINT prints the last finished order's slip and label"),
        Cue::Notice);
    return;
  }
  auto jobs = documents::PrintJournal(m_db).forFulfillmentOrder(m_lastFinished);
  if (!jobs) {
    noteDatabaseError(jobs.error());
    qCWarning(lcPrinting).noquote() << "print journal not read:" << jobs.error().message;
    say(where, Tone::Error, tr("Not reprinted: the print journal could not be read"), tr("Try again or call the lead"),
        Cue::Unknown);
    return;
  }
  const std::optional<documents::PrintJob> slip = newest(*jobs, documents::PrintKind::Slip);
  const std::optional<documents::PrintJob> label = newest(*jobs, documents::PrintKind::Label);
  QStringList printed;
  QStringList failed;
  if (slip && m_settings.reprintSlip) {
    if (auto again = m_settings.reprintSlip(slip->id); again)
      printed << tr("slip");
    else
      failed << tr("slip");
  }
  if (label && m_settings.reprintLabel) {
    if (auto again = m_settings.reprintLabel(label->id); again)
      printed << tr("label");
    else
      failed << tr("label");
  }
  qCInfo(lcPrinting) << "reprint of fulfillment order" << m_lastFinished << "printed" << printed.size() << "failed"
                     << failed.size();
  if (printed.isEmpty() && failed.isEmpty())
    say(where, Tone::Warning, tr("Nothing to reprint"), tr("Nothing was printed for the last order at this station"),
        Cue::Notice);
  else if (failed.isEmpty())
    say(where, Tone::Good, tr("Reprinted: %1").arg(printed.join(tr(" and "))), {}, Cue::Notice);
  else
    say(where, Tone::Error, tr("Not reprinted: %1").arg(failed.join(tr(" and "))),
        tr("The printer refused it; the job is in the print journal"), Cue::Unknown);
}

} // namespace pb::station
