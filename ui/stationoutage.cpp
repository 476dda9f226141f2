// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationWindow while the central database is away and when it comes back (db::ConnectionSupervisor).
#include "ui/stationwindow.h"

#include "core/db/connectionsupervisor.h"
#include "ui/feedbacksounds.h"
#include "ui/packview.h"
#include "ui/signinview.h"
#include "ui/statusbanner.h"

#include <QLoggingCategory>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcOutage, "packbench.ui.stationoutage")
} // namespace

void StationWindow::noteDatabaseError(const Error &error)
{
  if (!m_options.supervisor || error.kind != ErrorKind::Unavailable)
    return;
  // Queued: the caller may be deep inside a pack session that a restore would replace.
  QMetaObject::invokeMethod(m_options.supervisor, &db::ConnectionSupervisor::checkNow, Qt::QueuedConnection);
}

void StationWindow::showOutage(const QString &headline)
{
  const packing::PackSession *session = m_packView->session();
  QString hint;
  if (session && m_unrecordedFinish)
    hint = tr("Order %1 is complete and is recorded as packed when the database is back. Keep the box on the bench.")
               .arg(session->header().orderName);
  else if (session && hasOpenSession())
    hint = tr("Order %1: %2 of %3 items are saved. Keep the box on the bench; scans count again once the database "
              "is back.")
               .arg(session->header().orderName)
               .arg(session->verifiedTotal())
               .arg(session->expectedTotal());
  else
    hint = tr("Scans do not count until the database is back. Nothing already saved is lost.");
  m_databaseBanner->show(StatusBanner::Tone::Error, headline, hint);
}

void StationWindow::databaseUnavailable()
{
  if (m_offline)
    return;
  m_offline = true;
  qCWarning(lcOutage) << "central database unavailable; input is refused until it is back";
  m_keepAlive->stop();
  m_pages->setEnabled(false);
  if (hasOpenSession()) // replaces a "scan it again" that cannot work now
    m_packView->banner()->show(StatusBanner::Tone::Warning, tr("Paused — waiting for the database"),
                               tr("Scans count again once it is back"));
  showOutage(tr("Database unavailable — reconnecting…"));
  m_databaseBanner->setVisible(true);
  m_databaseBanner->setFocus();
  statusBar()->showMessage(tr("Database unavailable · reconnecting"));
  m_sounds->play(FeedbackSounds::Cue::Unknown);
}

void StationWindow::databaseRestored()
{
  const bool wasOffline = m_offline;
  m_offline = false;
  m_databaseBanner->setVisible(false);
  m_pages->setEnabled(true);
  statusBar()->showMessage(m_identity.databaseLabel);
  qCInfo(lcOutage) << "central database back" << (wasOffline ? "after an outage" : "after a reconnect");
  recoverOrder();
  refreshQueue(); // work that arrived while nobody was listening
  if (m_pages->currentWidget() == m_queuePage)
    m_table->setFocus();
  else if (m_pages->currentWidget())
    m_pages->currentWidget()->setFocus();
}

void StationWindow::recoverOrder()
{
  if (!m_order || !m_options.workflow || !m_packer)
    return;
  const packing::ClaimedOrder order = *m_order;
  if (m_unrecordedFinish) {
    const bool partial = *m_unrecordedFinish;
    Status done = m_options.workflow->finish(order, partial);
    if (!done && done.error().kind == ErrorKind::Conflict) {
      // The first attempt may have committed just as the connection went: then it is recorded already.
      if (auto landed = m_options.workflow->wasFinished(order); landed && *landed)
        done = {};
    }
    if (!done && done.error().kind == ErrorKind::Unavailable) {
      noteDatabaseError(done.error());
      return;
    }
    m_unrecordedFinish.reset();
    if (!done) {
      qCWarning(lcOutage).noquote() << "finish refused after reconnect:" << done.error().message;
      (void)m_options.workflow->release(order);
      abandonOrder(tr("This order was NOT recorded as packed"), tr("It changed or was taken back — stop packing"));
      return;
    }
    m_packView->banner()->show(StatusBanner::Tone::Good,
                               tr("✔ ORDER %1 COMPLETE — recorded").arg(m_packView->session()->header().orderName),
                               tr("The database is back · F8 takes the next order"));
    orderRecorded(order, partial);
    return;
  }
  if (m_unrecordedHold) {
    const QString reason = *m_unrecordedHold;
    if (Status held = m_options.workflow->hold(order, reason); !held) {
      qCWarning(lcOutage).noquote() << "hold refused after reconnect:" << held.error().message;
      if (held.error().kind == ErrorKind::Unavailable)
        return noteDatabaseError(held.error());
    }
    m_unrecordedHold.reset();
    return;
  }
  if (!hasOpenSession() || m_leaseLapsed)
    return; // a lapsed lease is settled when someone signs in again
  packing::ClaimedOrder resumed = order;
  if (Status alive = m_options.workflow->keepAlive(order); !alive) {
    if (alive.error().kind == ErrorKind::Unavailable)
      return noteDatabaseError(alive.error());
    // The lease ran out during the outage: take the order again unless another station has it.
    auto retaken = m_options.workflow->take(order.fulfillmentOrderId, *m_packer);
    if (!retaken) {
      qCWarning(lcOutage).noquote() << "order not re-claimed after reconnect:" << retaken.error().message;
      if (retaken.error().kind == ErrorKind::Unavailable)
        return noteDatabaseError(retaken.error());
      abandonOrder(tr("This order was taken back while the database was away"), tr("Stop packing it; press F8"));
      return;
    }
    resumed = *retaken;
  }
  // Reload from scan_events: a scan whose answer was lost with the connection may have been saved after all.
  const int before = m_packView->session()->verifiedTotal();
  const bool locked = m_locked;
  m_packView->takeSession();
  if (!openOrder(resumed))
    return;
  if (locked)
    m_pages->setCurrentWidget(m_signIn); // still locked: the next sign-in shows the order
  const packing::PackSession *session = m_packView->session();
  if (resumed.claimId != order.claimId) { // a new attempt: the scans made before the outage no longer count
    m_packView->banner()->show(
        StatusBanner::Tone::Warning, tr("The order went back to the queue while the database was away"),
        tr("It is yours again, from the first item: put what is in the box back and scan everything again"));
    return;
  }
  const int saved = session->verifiedTotal() - before;
  m_packView->banner()->show(
      StatusBanner::Tone::Neutral,
      tr("Database back · %n item(s) to go", nullptr, session->expectedTotal() - session->verifiedTotal()),
      saved > 0 ? tr("%n scan(s) made as it went away were saved after all — check the count", nullptr, saved)
                : tr("Continue scanning"));
}

} // namespace pb::ui
