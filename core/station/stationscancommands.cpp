// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: where a scan goes, and the one table of what each command barcode (PB*…) does. The
// pack screen's keys (F6, F9, Enter on an error) and panels (hold, partial, manual) run the same actions.
#include "core/station/stationcontroller.h"

#include "core/scanning/scannerlayout.h"

#include <QLoggingCategory>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcCommands, "packbench.core.station.stationscancommands")

using packing::Outcome;
using State = packing::PackSession::State;
using scanning::ScanCommand;
using scanning::ScanKind;
} // namespace

struct StationController::CommandRoute {
  ScanCommand command;
  bool needsOrder; // only with the pack screen showing; elsewhere "No order open"
  void (*run)(StationController &station, const scanning::DecodedScan &scan);
};

QString StationController::layoutHint(const QString &raw) const
{
  const QString foreign = scanning::charactersNoBarcodeHas(raw);
  return foreign.isEmpty() ? QString()
                           : tr("It came with %1, which no barcode has: the scanner may be set to another keyboard "
                                "layout (a lead sets scanning.scanner_layout)")
                                 .arg(foreign);
}

void StationController::handleScan(const QString &raw)
{
  const scanning::DecodedScan scan = m_decoder.decode(raw);
  const bool offlineItem =
      packsOffline() && m_screen == Screen::Pack && !m_locked && (scan.kind != ScanKind::Badge || awaitsLeadApproval());
  if (m_offline && !offlineItem) { // refused outright: nothing is half-written, and the packer hears it did not count
    showOutage(tr("✖ NOT COUNTED — database unavailable, reconnecting…"), Cue::Unknown);
    return;
  }
  if (m_screen == Screen::SignIn) {
    if (scan.kind == ScanKind::Badge)
      Q_EMIT badgeSelected(scan.argument); // the PIN signs in, not the badge
    else if (const QString hint = layoutHint(raw); !hint.isEmpty())
      Q_EMIT signInRequired(tr("That was not a badge.") + QLatin1Char(' ') + hint);
    else
      Q_EMIT signInRequired(tr("That was not a badge"));
    return;
  }
  if (scan.kind == ScanKind::Command) {
    runCommand(scan);
    return;
  }
  if (scan.kind == ScanKind::Badge && awaitsLeadApproval()) {
    Q_EMIT leadBadgeScanned(scan.argument); // the lead's badge; their PIN approves
    return;
  }
  if (m_screen == Screen::Pack && m_session) {
    const packing::ScanFeedback feedback = m_session->handleScan(scan);
    if (feedback.outcome != Outcome::Refused)
      return; // the pack view shows the session's own feedback
    const State state = m_session->state();
    if (state == State::Completed || state == State::HoldRequested)
      refuse(tr("This order is finished — press F8 for the next one"));
    else
      refuse(scan.kind == ScanKind::Sscc ? tr("That is a carton label, not an item")
                                         : tr("That barcode is not an item"),
             layoutHint(raw));
    return;
  }
  if (scan.kind == ScanKind::Badge && (!m_packer || scan.argument != m_packer->badgeId)) {
    lock(); // another packer takes over the bench once their PIN is in
    Q_EMIT badgeSelected(scan.argument);
    return;
  }
  sayNoOrderOpen();
}

void StationController::sayNoOrderOpen()
{
  if (m_standingNotice) { // most likely an item of the order that just left the bench: say again why it left
    say(m_standingNotice->where, m_standingNotice->tone, m_standingNotice->headline, m_standingNotice->hint,
        Cue::Unknown);
    return;
  }
  say(Notice::Where::Queue, Tone::Warning, tr("No order open"), tr("Press F8 to take the next order"), Cue::Notice);
}

void StationController::runCommand(const scanning::DecodedScan &scan)
{
  // The one table: every command barcode on the printed sheet (ui/commandsheet.cpp) has its row here.
  static const CommandRoute routes[] = {
      {ScanCommand::SignOut, false, [](StationController &s, const scanning::DecodedScan &) { s.signOut(); }},
      {ScanCommand::Reprint, false, [](StationController &s, const scanning::DecodedScan &) { s.reprintLast(); }},
      {ScanCommand::Ack, false, [](StationController &s, const scanning::DecodedScan &) { s.acknowledge(); }},
      {ScanCommand::NextBox, true, [](StationController &s, const scanning::DecodedScan &) { s.nextBox(); }},
      {ScanCommand::Complete, true, [](StationController &s, const scanning::DecodedScan &) { s.complete(); }},
      {ScanCommand::Hold, true,
       [](StationController &s, const scanning::DecodedScan &c) {
         (void)s.hold(c.argument.isEmpty() ? QStringLiteral("held at the bench") : c.argument);
       }},
      {ScanCommand::Partial, true,
       [](StationController &s, const scanning::DecodedScan &c) {
         (void)s.completePartial(c.argument.isEmpty() ? QStringLiteral("partial at the bench") : c.argument);
       }},
      {ScanCommand::Manual, true,
       [](StationController &s, const scanning::DecodedScan &) { Q_EMIT s.manualEntryRequested(); }},
  };
  const bool offline = packsOffline();
  const bool worksOffline = scan.command == ScanCommand::Ack || scan.command == ScanCommand::NextBox ||
                            scan.command == ScanCommand::Complete || scan.command == ScanCommand::Hold ||
                            scan.command == ScanCommand::Partial ||
                            (scan.command == ScanCommand::Manual && m_offlineLeads) ||
                            (scan.command == ScanCommand::Reprint && canReprintOffline());
  if (offline && !worksOffline) { // items, boxes, completion, holds and partial shipments go on without the database
    (void)refusedOffline();
    return;
  }
  for (const CommandRoute &route : routes) {
    if (route.command != scan.command)
      continue;
    if (route.needsOrder && (m_screen != Screen::Pack || !m_session))
      break;
    qCDebug(lcCommands) << "command" << scan.raw;
    route.run(*this, scan);
    return;
  }
  sayNoOrderOpen();
}

void StationController::refuse(const QString &text, const QString &why)
{
  const QString next =
      m_session && m_session->state() == State::Blocked ? tr("Scan ACK or press Enter to continue") : QString();
  say(Notice::Where::Pack, Tone::Warning, text,
      why.isEmpty()    ? next
      : next.isEmpty() ? why
                       : why + QStringLiteral(" · ") + next,
      Cue::Notice);
}

void StationController::acknowledge()
{
  if (m_screen == Screen::Pack && m_session) {
    if (m_session->state() == State::Blocked)
      m_session->acknowledge();
    return;
  }
  if (!m_standingNotice) {
    sayNoOrderOpen();
    return;
  }
  queueNoticeRead(); // read: the queue says what is next again
  refreshQueue();
}

void StationController::nextBox()
{
  if (!m_session)
    return;
  if (m_session->nextBox().outcome != Outcome::Refused)
    return;
  const State state = m_session->state();
  refuse(state == State::Completed || state == State::HoldRequested
             ? tr("This order is finished — press F8 for the next one")
         : m_session->allVerified() ? tr("Every item is in a box — F9 completes the order")
                                    : tr("Box %1 is still empty").arg(m_session->boxNo()));
}

void StationController::complete()
{
  if (m_labelWait) { // F9 again while a label waits: ask again for a refused one, print a bought one again
    continueLabels(true);
    return;
  }
  if (!m_session)
    return;
  const packing::ScanFeedback result = m_session->complete(); // offline too: journaled, with the same refusals
  if (result.outcome != Outcome::Refused)
    return;
  const State state = m_session->state();
  refuse(state == State::Completed || state == State::HoldRequested
             ? tr("This order is finished — press F8 for the next one")
         : state == State::Packing ? tr("Not complete: %n item(s) still to scan", nullptr, result.remaining)
                                   : tr("Cannot complete now"));
}

packing::ScanFeedback StationController::hold(const QString &reason)
{
  if (m_labelWait && m_order && m_settings.workflow) { // the label cannot be had now: the order waits for the lead
    if (reason.trimmed().isEmpty())
      return {};
    if (Status held = m_settings.workflow->hold(*m_order, reason.trimmed()); !held) {
      noteDatabaseError(held.error());
      if (held.error().kind == ErrorKind::Conflict) { // cancelled or taken back: the box goes back, not to the lead
        const auto [text, hint] =
            refusalWording(Refused::Hold, tr("This order was NOT put on hold"), held.error().message);
        releaseAndAbandon(*m_order, text, hint);
      } else {
        refuse(tr("Not put on hold: %1").arg(held.error().message));
      }
      return {};
    }
    abandonOrder(tr("On hold — waiting for the lead"),
                 tr("Any label already bought is voided by the hub; keep the box aside with its slip"));
    return {packing::Outcome::HoldRequested, -1, {}, {}, {}, {}, 0};
  }
  if (!m_session) // offline too: journaled, and the order is put on hold when the database is back
    return {};
  const packing::ScanFeedback result = m_session->requestHold(reason);
  if (result.outcome == Outcome::Refused)
    refuse(tr("This order is finished — press F8 for the next one"));
  return result;
}

packing::ScanFeedback StationController::completePartial(const QString &reason)
{
  if (!m_session) // offline too: journaled, and recorded as a partial shipment when the database is back
    return {};
  const packing::ScanFeedback result = m_session->completePartial(reason);
  if (result.outcome != Outcome::Refused)
    return result;
  const State state = m_session->state();
  refuse(state == State::Completed || state == State::HoldRequested
             ? tr("This order is finished — press F8 for the next one")
         : m_session->verifiedTotal() == 0 ? tr("Nothing verified yet to ship")
                                           : tr("Cannot ship partial now"));
  return result;
}

packing::ScanFeedback StationController::enterManual(int row, int quantity, const QString &reason,
                                                     const QString &leadBadge, const QString &leadPin)
{
  if (!m_session || (!m_offlineLeads && refusedOffline()))
    return {};
  const packing::ScanFeedback result = m_session->enterManual(row, quantity, reason, leadBadge, leadPin);
  if (result.outcome != Outcome::Refused)
    return result;
  if (result.approvalRefused) // the reason as the check gives it: a lockout says for how long
    say(Notice::Where::Pack, Tone::Warning, tr("Not approved: a lead's badge and PIN are needed"), result.detail,
        Cue::Notice);
  else
    refuse(tr("Manual quantity refused: check quantity and reason"));
  return result;
}

void StationController::setManualApprovalOpen(bool open)
{
  m_manualApprovalOpen = open;
}

} // namespace pb::station
