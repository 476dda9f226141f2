// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationWindow: what keeps an order from getting stuck at a bench. A lead takes over an order another
// station holds or lifts a hold (badge + PIN), and a locked station lets its open order's lease run out.
#include "ui/stationwindow.h"

#include "ui/feedbacksounds.h"
#include "ui/leadapprovalpanel.h"
#include "ui/packview.h"
#include "ui/statusbanner.h"

#include <QLoggingCategory>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcLead, "packbench.ui.stationleadactions")
} // namespace

void StationWindow::letLeaseLapse()
{
  if (!m_locked || !hasOpenSession() || !m_order)
    return;
  m_keepAlive->stop();
  m_leaseLapsed = true;
  qCInfo(lcLead) << "station locked too long: lease of fulfillment order" << m_order->fulfillmentOrderId
                 << "is no longer renewed";
}

bool StationWindow::reclaimLapsedLease()
{
  m_leaseLapsed = false;
  if (!hasOpenSession() || !m_order || !m_options.workflow)
    return true;
  const Status alive = m_options.workflow->keepAlive(*m_order);
  if (alive) { // nobody took it meanwhile: the order (and its scans) are still this bench's
    m_keepAlive->start();
    return true;
  }
  noteDatabaseError(alive.error());
  if (alive.error().kind != ErrorKind::Conflict) {
    m_keepAlive->start(); // a database hiccup: the next renewal or the outage recovery decides
    return true;
  }
  const QString name = m_packView->session()->header().orderName;
  qCInfo(lcLead) << "fulfillment order" << m_order->fulfillmentOrderId << "went back to the queue while locked";
  abandonOrder(tr("Order %1 went back to the queue while the station was locked").arg(name),
               tr("Put its items back on the shelf; press F8 for the next order"));
  return false;
}

void StationWindow::offerLeadAction(const queue::WaitingOrder &order, const Error &refusal)
{
  const bool takeOver = order.packState == u"claimed";
  m_leadAction = LeadAction{takeOver, order.fulfillmentOrderId, order.orderName};
  m_banner->show(StatusBanner::Tone::Warning, takeOver ? tr("Another station has this order") : refusal.message,
                 tr("A lead can approve with badge and PIN · Esc cancels"));
  m_leadPanel->ask(takeOver ? tr("Take order %1 over from the other station? Packing starts again from the first "
                                 "item here.")
                                  .arg(order.orderName)
                            : tr("Release the hold on order %1? It goes back to the queue.").arg(order.orderName));
  m_sounds->play(FeedbackSounds::Cue::Notice);
}

void StationWindow::closeLeadPanel()
{
  m_leadAction.reset();
  if (!m_leadPanel->isVisible())
    return;
  m_leadPanel->hide();
  if (m_pages->currentWidget() == m_queuePage)
    m_table->setFocus();
}

void StationWindow::leadApproved(const QString &badge, const QString &pin)
{
  if (!m_leadAction || !m_packer || !m_options.workflow || m_offline) {
    closeLeadPanel();
    return;
  }
  auto lead = packing::approveAsLead(m_db, badge, pin, m_options.stationId);
  if (!lead) {
    noteDatabaseError(lead.error());
    m_leadPanel->refuse(lead.error().kind == ErrorKind::Permission
                            ? tr("Not approved: that is not an active lead's badge and PIN")
                        : lead.error().kind == ErrorKind::LockedOut ? lead.error().message
                                                                    : tr("Database problem — try again"));
    m_sounds->play(FeedbackSounds::Cue::Unknown);
    return;
  }
  const LeadAction action = *m_leadAction;
  closeLeadPanel();
  if (action.takeOver) {
    auto taken = m_options.workflow->takeOver(action.fulfillmentOrderId, *m_packer, *lead);
    if (!taken) {
      noteDatabaseError(taken.error());
      refreshQueue();
      m_banner->show(StatusBanner::Tone::Error, tr("Order %1 was not taken over").arg(action.orderName),
                     taken.error().message);
      m_sounds->play(FeedbackSounds::Cue::Unknown);
      return;
    }
    qCInfo(lcLead) << "lead" << lead->id << "approved taking over fulfillment order" << action.fulfillmentOrderId;
    if (openOrder(*taken))
      m_packView->banner()->show(StatusBanner::Tone::Warning,
                                 tr("Order %1 taken over · scan every item from the first").arg(action.orderName),
                                 tr("Anything picked for it at the other bench goes back to the shelf"));
    return;
  }
  const Status released = m_options.workflow->releaseHold(action.fulfillmentOrderId, *lead);
  refreshQueue();
  if (!released) {
    noteDatabaseError(released.error());
    m_banner->show(StatusBanner::Tone::Error, tr("The hold on order %1 was not released").arg(action.orderName),
                   released.error().message);
    m_sounds->play(FeedbackSounds::Cue::Unknown);
    return;
  }
  qCInfo(lcLead) << "lead" << lead->id << "released the hold on fulfillment order" << action.fulfillmentOrderId;
  m_banner->show(StatusBanner::Tone::Good, tr("Hold released · order %1 is back in the queue").arg(action.orderName),
                 tr("Press Enter on it to pack it now"));
  m_sounds->play(FeedbackSounds::Cue::Notice);
}

} // namespace pb::ui
