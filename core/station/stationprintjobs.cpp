// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: the lead's print-jobs list. It shows this bench's recent jobs with their state; a lead
// reprints one or sends it to another printer, approving with badge and PIN like every other lead action.
#include "core/station/stationcontroller.h"

#include <QLoggingCategory>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcPrintJobs, "packbench.core.station.stationprintjobs")

// Why a job the lead picked cannot be sent again, before any lead is asked: it was not read, or its label's bytes are
// gone; empty when it can.
QString whyNotAgain(const Result<documents::PrintJob> &job)
{
  if (!job)
    return job.error().message;
  const Status kept = documents::refuseIfLabelGone(*job);
  return kept ? QString() : kept.error().message;
}

// Where a job went, in a question to a lead: a job for the default printer is journaled without its name until a
// send found it.
QString where(const QString &printer)
{
  return printer.isEmpty() ? StationController::tr("the default printer") : printer;
}
} // namespace

Result<QList<documents::PrintJobSummary>> StationController::recentPrintJobs(int limit) const
{
  return documents::PrintJournal(m_db).recentJobs(limit);
}

QStringList StationController::printersFor(const documents::PrintJobSummary &job) const
{
  QStringList printers;
  // A raw ZPL label only makes sense on a label printer: the configured one, or a CUPS queue sent raw.
  if (job.format == documents::PrintFormat::Zpl && !m_settings.labelPrinter.isEmpty())
    printers << m_settings.labelPrinter;
  // Printers this bench used lately for the same kind of document (a second label printer, say).
  if (auto recent = documents::PrintJournal(m_db).recentJobs(100); recent) {
    for (const documents::PrintJobSummary &other : *recent)
      if (other.format == job.format && !other.printer.isEmpty())
        printers << other.printer;
  }
  if (m_settings.printer)
    printers << m_settings.printer->systemPrinters();
  printers.removeAll(job.printer);
  printers.removeDuplicates();
  return printers;
}

void StationController::requestReprint(qint64 printJobId)
{
  auto job = documents::PrintJournal(m_db).get(printJobId);
  const QString whyNot = whyNotAgain(job);
  if (!whyNot.isEmpty() || !m_settings.printer) {
    say(Notice::Where::Queue, Tone::Warning, tr("Print job %1 cannot be reprinted").arg(printJobId),
        whyNot.isEmpty() ? tr("This station has no printer") : whyNot, Cue::Notice);
    return;
  }
  LeadAction action;
  action.kind = LeadAction::Kind::Reprint;
  action.printJobId = printJobId;
  askLeadAboutJob(action,
                  job->kind == documents::PrintKind::Slip
                      ? tr("Reprint the slip of print job %1 on %2?").arg(printJobId).arg(where(job->printer))
                      : tr("Reprint the label of print job %1 on %2?").arg(printJobId).arg(where(job->printer)));
}

void StationController::requestMove(qint64 printJobId, const QString &printer)
{
  auto job = documents::PrintJournal(m_db).get(printJobId);
  const QString whyNot = whyNotAgain(job);
  if (!whyNot.isEmpty() || !m_settings.printer || printer.isEmpty()) {
    say(Notice::Where::Queue, Tone::Warning, tr("Print job %1 cannot be moved").arg(printJobId),
        whyNot.isEmpty() ? tr("Choose another printer") : whyNot, Cue::Notice);
    return;
  }
  LeadAction action;
  action.kind = LeadAction::Kind::Move;
  action.printJobId = printJobId;
  action.printer = printer;
  askLeadAboutJob(
      action,
      job->kind == documents::PrintKind::Slip
          ? tr("Send the slip of print job %1 to %2 instead of %3?").arg(printJobId).arg(printer, where(job->printer))
          : tr("Send the label of print job %1 to %2 instead of %3?")
                .arg(printJobId)
                .arg(printer, where(job->printer)));
}

void StationController::askLeadAboutJob(LeadAction action, const QString &question)
{
  if (!m_packer || m_offline)
    return;
  m_leadAction = std::move(action);
  say(Notice::Where::Queue, Tone::Neutral, tr("A lead approves with badge and PIN"), tr("Esc cancels"), Cue::Notice);
  Q_EMIT leadApprovalRequested(question);
}

void StationController::runApprovedPrintAction(const LeadAction &action, qint64 leadId)
{
  auto job = documents::PrintJournal(m_db).get(action.printJobId);
  if (!job) {
    noteDatabaseError(job.error());
    say(Notice::Where::Queue, Tone::Error, tr("Print job %1 was not found").arg(action.printJobId), job.error().message,
        Cue::Unknown);
    return;
  }
  const bool closed = job->status == documents::PrintStatus::Done || job->status == documents::PrintStatus::Moved;
  // A job already printed (or moved on) stays as it is: the lead's copy is a new job on the chosen printer.
  Result<qint64> sent = action.kind == LeadAction::Kind::Move && !closed
                            ? m_settings.printer->move(action.printJobId, action.printer)
                            : m_settings.printer->reprint(action.printJobId, action.printer);
  Q_EMIT printJobsChanged();
  if (!sent) {
    noteDatabaseError(sent.error());
    say(Notice::Where::Queue, Tone::Error, tr("Print job %1 was not sent again").arg(action.printJobId),
        sent.error().message, Cue::Unknown);
    return;
  }
  qCInfo(lcPrintJobs) << "lead" << leadId << (action.kind == LeadAction::Kind::Move ? "moved" : "reprinted")
                      << "print job" << action.printJobId << "as job" << *sent;
  say(Notice::Where::Queue, Tone::Good,
      action.kind == LeadAction::Kind::Move
          ? tr("Print job %1 sent to %2 as job %3").arg(action.printJobId).arg(action.printer).arg(*sent)
          : tr("Print job %1 reprinted as job %2").arg(action.printJobId).arg(*sent),
      tr("The list shows how it goes"), Cue::Notice);
}

} // namespace pb::station
