// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: what keeps an order from getting stuck at a bench. A lead takes over an order another
// station holds or lifts a hold (badge + PIN; reprints and moves from the print-jobs list are in
// stationprintjobs.cpp), and a locked station lets its open order's lease run out.
#include "core/station/stationcontroller.h"

#include "core/db/sql.h"

#include <QLoggingCategory>
#include <QTimer>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcLead, "packbench.core.station.stationleadactions")
// Typed quantities a lead can approve at one bench in one outage (the database's cap is 10).
constexpr int kOfflineApprovalsPerLead = 10;
} // namespace

void StationController::letLeaseLapse()
{
  if (m_locked) // nobody is at the bench: the order kept ahead goes to a bench that packs
    dropPrefetched(true, QStringLiteral("the station stayed locked"));
  if (!m_locked || !hasOpenSession() || !m_order)
    return;
  m_keepAlive->stop();
  m_leaseLapsed = true;
  qCInfo(lcLead) << "station locked too long: lease of fulfillment order" << m_order->fulfillmentOrderId
                 << "is no longer renewed";
}

bool StationController::reclaimLapsedLease()
{
  m_leaseLapsed = false;
  if (!hasOpenSession() || !m_order || !m_settings.workflow)
    return true;
  const Status alive = m_settings.workflow->keepAlive(*m_order);
  if (alive) { // nobody took it meanwhile: the order (and its scans) are still this bench's
    m_keepAlive->start();
    return true;
  }
  noteDatabaseError(alive.error());
  if (alive.error().kind != ErrorKind::Conflict) {
    m_keepAlive->start(); // a database hiccup: the next renewal or the outage recovery decides
    return true;
  }
  const QString name = m_session->header().orderName;
  qCInfo(lcLead) << "fulfillment order" << m_order->fulfillmentOrderId << "went back to the queue while locked";
  abandonOrder(tr("Order %1 went back to the queue while the station was locked").arg(name),
               tr("Put its items back on the shelf; press F8 for the next order"));
  return false;
}

void StationController::offerLeadAction(const queue::WaitingOrder &order, const Error &refusal)
{
  const bool takeOver = order.packState == u"claimed";
  LeadAction action;
  action.kind = takeOver ? LeadAction::Kind::TakeOver : LeadAction::Kind::ReleaseHold;
  action.fulfillmentOrderId = order.fulfillmentOrderId;
  action.orderName = order.orderName;
  m_leadAction = action;
  say(Notice::Where::Queue, Tone::Warning, takeOver ? tr("Another station has this order") : refusal.message,
      tr("A lead can approve with badge and PIN · Esc cancels"), Cue::Notice);
  Q_EMIT leadApprovalRequested(
      takeOver ? tr("Take order %1 over from the other station? Packing starts again from the first item here.")
                     .arg(order.orderName)
               : tr("Release the hold on order %1? It goes back to the queue.").arg(order.orderName));
}

void StationController::closeLeadApproval()
{
  if (!m_leadAction)
    return;
  m_leadAction.reset();
  Q_EMIT leadApprovalClosed();
}

void StationController::cancelLeadApproval()
{
  closeLeadApproval();
}

void StationController::approveAsLead(const QString &badgeId, const QString &pin)
{
  // Reprints, moves and the end of day need the printer, not the queue workflow.
  const bool printAction = m_leadAction && (m_leadAction->kind == LeadAction::Kind::Reprint ||
                                            m_leadAction->kind == LeadAction::Kind::Move ||
                                            m_leadAction->kind == LeadAction::Kind::EndOfDay);
  if (!m_leadAction || !m_packer || (!printAction && !m_settings.workflow) || (printAction && !m_settings.printer) ||
      m_offline) {
    closeLeadApproval();
    return;
  }
  // The bench is named in the database's audit of the approval (packbench_approve_as_lead).
  auto lead = approveLead(badgeId, pin);
  if (!lead) {
    noteDatabaseError(lead.error());
    const ErrorKind kind = lead.error().kind;
    // A wrong badge or PIN in the lead's language; a lockout in its own words (how long to wait).
    Q_EMIT leadApprovalRefused(isDatabaseFault(kind) ? tr("Database problem — try again")
                               : kind == ErrorKind::Permission
                                   ? tr("Not approved: that is not an active lead's badge and PIN")
                                   : tr("Not approved: %1").arg(lead.error().message));
    say(Notice::Where::Queue, Tone::Warning, {}, {}, Cue::Unknown);
    return;
  }
  const LeadAction action = *m_leadAction;
  closeLeadApproval();
  if (action.kind == LeadAction::Kind::EndOfDay) {
    startEndOfDay(action, *lead);
    return;
  }
  if (printAction) {
    runApprovedPrintAction(action, lead->id);
    return;
  }
  if (action.kind == LeadAction::Kind::TakeOver) {
    auto taken = m_settings.workflow->takeOver(action.fulfillmentOrderId, *m_packer, *lead);
    if (!taken && endedSignIn(taken.error()))
      return;
    if (!taken) {
      noteDatabaseError(taken.error());
      refreshQueue();
      say(Notice::Where::Queue, Tone::Error, tr("Order %1 was not taken over").arg(action.orderName),
          taken.error().message, Cue::Unknown);
      return;
    }
    qCInfo(lcLead) << "lead" << lead->id << "approved taking over fulfillment order" << action.fulfillmentOrderId;
    if (openOrder(*taken))
      say(Notice::Where::Pack, Tone::Warning,
          tr("Order %1 taken over · scan every item from the first").arg(action.orderName),
          tr("Anything picked for it at the other bench goes back to the shelf"));
    return;
  }
  const Status released = m_settings.workflow->releaseHold(action.fulfillmentOrderId, *m_packer, *lead);
  if (!released && endedSignIn(released.error()))
    return;
  refreshQueue();
  if (!released) {
    noteDatabaseError(released.error());
    say(Notice::Where::Queue, Tone::Error, tr("The hold on order %1 was not released").arg(action.orderName),
        released.error().message, Cue::Unknown);
    return;
  }
  qCInfo(lcLead) << "lead" << lead->id << "released the hold on fulfillment order" << action.fulfillmentOrderId;
  say(Notice::Where::Queue, Tone::Good, tr("Hold released · order %1 is back in the queue").arg(action.orderName),
      tr("Press Enter on it to pack it now"), Cue::Notice);
}

Result<packing::Packer> StationController::approveLead(const QString &badgeId, const QString &pin)
{
  if (m_session && m_session->isOffline()) {
    if (!m_offlineLeads)
      return makeError(ErrorKind::Unavailable, tr("Approvals need the database"));
    return m_offlineLeads->approve(badgeId, pin, db::isPostgres(m_db), m_clock.nowUtc());
  }
  auto lead = packing::approveAsLead(m_db, badgeId, pin, m_settings.stationId);
  if (!lead || !m_offlineLeads)
    return lead;
  // Issued before the approval is spent: its token vouches for the lead (packbench_issue_offline_approvals).
  auto offline = packing::issueOfflineApprovals(m_db, *lead, kOfflineApprovalsPerLead);
  if (!offline)
    qCWarning(lcLead) << "no offline approvals for lead" << lead->id << ":" << offline.error().message;
  if (Status kept = m_offlineLeads->remember(badgeId, pin, *lead,
                                             offline ? *offline : QList<packing::OfflineApproval>{}, m_clock.nowUtc());
      !kept)
    qCWarning(lcLead) << "lead" << lead->id << "not kept for approvals offline:" << kept.error().message;
  return lead;
}

} // namespace pb::station
