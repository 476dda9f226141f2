// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController while the central database is away and when it comes back (db::ConnectionSupervisor):
// input is refused, a finish or hold that did not land is recorded later, the open order is re-claimed. And after a
// restart (a crash, kill -9, a power cut): the order this station still holds opens again at the next sign-in.
#include "core/station/stationcontroller.h"

#include "core/db/connectionsupervisor.h"
#include "core/station/offlinejournal.h"

#include <QLoggingCategory>
#include <QTimer>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcRecovery, "packbench.core.station.stationrecovery")
} // namespace

void StationController::noteDatabaseError(const Error &error)
{
  if (!m_settings.supervisor || error.kind != ErrorKind::Unavailable)
    return;
  // Queued: the caller may be deep inside a pack session that a restore would replace.
  QMetaObject::invokeMethod(m_settings.supervisor, &db::ConnectionSupervisor::checkNow, Qt::QueuedConnection);
}

void StationController::showOutage(const QString &headline, Cue cue)
{
  QString hint;
  if (m_session && m_unrecordedFinish)
    hint = tr("Order %1 is complete and is recorded as packed when the database is back. Keep the box on the bench.")
               .arg(m_session->header().orderName);
  else if (m_session && m_unrecordedHold)
    hint = tr("Order %1 is put on hold when the database is back. Keep the box on the bench.")
               .arg(m_session->header().orderName);
  else if (m_session && hasOpenSession())
    hint = tr("Order %1: %2 of %3 items are saved. Keep the box on the bench; scans count again once the database "
              "is back.")
               .arg(m_session->header().orderName)
               .arg(m_session->verifiedTotal())
               .arg(m_session->expectedTotal());
  else
    hint = tr("Scans do not count until the database is back. Nothing already saved is lost.");
  say(Notice::Where::Database, Tone::Error, headline, hint, cue);
}

void StationController::databaseUnavailable()
{
  if (m_offline)
    return;
  m_offline = true;
  m_keepAlive->stop();
  if (startPackingOffline()) { // not an error: the packer goes on, and hears how much waits to be recorded
    say(Notice::Where::Pack, Tone::Warning, tr("Offline — keep packing"),
        tr("Scans and new boxes are kept at this bench and recorded when the database is back"));
    Q_EMIT databaseAvailabilityChanged(false);
    showOfflineProgress();
    return;
  }
  if (canOpenPrefetchedOffline()) { // nothing open at the bench, but the next order was kept for it
    say(Notice::Where::Database, Tone::Warning, tr("Offline — press F8 for the next order"),
        tr("Order %1 was kept for this bench: pack it as usual, it is recorded when the database is back")
            .arg(m_prefetchedName));
    Q_EMIT databaseAvailabilityChanged(false);
    Q_EMIT statusMessage(tr("Offline · F8 takes the order kept for this bench"));
    return;
  }
  qCWarning(lcRecovery) << "central database unavailable; input is refused until it is back";
  if (hasOpenSession()) // replaces a "scan it again" that cannot work now
    say(Notice::Where::Pack, Tone::Warning, tr("Paused — waiting for the database"),
        tr("Scans count again once it is back"));
  Q_EMIT databaseAvailabilityChanged(false);
  showOutage(tr("Database unavailable — reconnecting…"), Cue::Unknown);
  Q_EMIT statusMessage(tr("Database unavailable · reconnecting"));
}

void StationController::databaseRestored()
{
  const bool wasOffline = m_offline;
  m_offline = false;
  Q_EMIT databaseAvailabilityChanged(true);
  qCInfo(lcRecovery) << "central database back" << (wasOffline ? "after an outage" : "after a reconnect");
  if (landFinishedOffline()) // an order finished offline before the one claimed ahead was opened lands first
    recoverOrder();
  if (m_prefetched) { // its lease was not renewed while the database was away
    keepPrefetchAlive();
    if (m_prefetched && !m_keepAlive->isActive())
      m_keepAlive->start();
  }
  refreshQueue(); // work that arrived while nobody was listening
}

void StationController::recoverOrder()
{
  if (!m_order || !m_settings.workflow || !m_packer)
    return;
  if (settleUnrecorded(tr("The database is back · F8 takes the next order")))
    return;
  const packing::ClaimedOrder order = *m_order;
  if ((!hasOpenSession() && !m_finishedOffline) || m_leaseLapsed)
    return; // a lapsed lease is settled when someone signs in again
  packing::ClaimedOrder resumed = order;
  if (Status alive = m_settings.workflow->keepAlive(order); !alive) {
    if (alive.error().kind == ErrorKind::Unavailable)
      return noteDatabaseError(alive.error());
    // The lease ran out during the outage: take the order again unless another station has it.
    auto retaken = m_settings.workflow->take(order.fulfillmentOrderId, *m_packer);
    if (!retaken && endedSignIn(retaken.error()))
      return; // the order is settled when someone signs in again
    if (!retaken) {
      qCWarning(lcRecovery).noquote() << "order not re-claimed after reconnect:" << retaken.error().message;
      if (retaken.error().kind == ErrorKind::Unavailable)
        return noteDatabaseError(retaken.error());
      if (m_session->isOffline()) // the order was taken over or cancelled: the journal is the lead's now
        refuseJournal(order, journaledFor(order), retaken.error().message);
      const auto [text, hint] = refusalWording(
          Refused::Work, tr("This order was taken back while the database was away"), tr("Stop packing it; press F8"));
      abandonOrder(text, hint);
      return;
    }
    resumed = *retaken;
  }
  const Replayed replayed = replayJournal(resumed, order);
  if (!replayed.goOn)
    return;
  if (m_finishedOffline && resumed.claimId == order.claimId) {
    settleFinishedOffline(resumed, replayed);
    return;
  }
  // Reload from scan_events: a scan whose answer was lost with the connection may have been saved after all.
  const int before = m_session->verifiedTotal();
  const bool locked = m_locked;
  if (!openOrder(resumed))
    return;
  if (locked)
    setScreen(Screen::SignIn);            // still locked: the next sign-in shows the order
  if (resumed.claimId != order.claimId) { // a new attempt: the scans made before the outage no longer count
    say(Notice::Where::Pack, Tone::Warning, tr("The order went back to the queue while the database was away"),
        tr("It is yours again, from the first item: put what is in the box back and scan everything again"));
    return;
  }
  const int saved = m_session->verifiedTotal() - before;
  say(Notice::Where::Pack, Tone::Neutral,
      tr("Database back · %n item(s) to go", nullptr, m_session->expectedTotal() - m_session->verifiedTotal()),
      saved > 0 ? tr("%n scan(s) made as it went away were saved after all — check the count", nullptr, saved)
                : tr("Continue scanning"));
}

bool StationController::resumeHeldOrder()
{
  if (!m_packer || !m_settings.workflow || !m_settings.stationId || m_offline || m_stopping || m_locked || holdsOrder())
    return false;
  auto held = queue::ordersHeldByStation(m_db, *m_settings.stationId);
  if (!held) {
    qCWarning(lcRecovery).noquote() << "cannot look for this bench's open order:" << held.error().message;
    noteDatabaseError(held.error());
    return false;
  }
  // Oldest claim first: one finished offline lands (openOrder records it) and the next is opened; the order claimed
  // ahead (station.prefetch) is resumed as such once one is on the bench.
  for (const qint64 fulfillmentOrderId : std::as_const(*held)) {
    if (holdsOrder())
      break;
    // The station's own claim resumes with its lease renewed (packbench_claim_order); one lapsed and taken by another
    // bench meanwhile is refused, and the packer gets the queue.
    auto resumed = m_settings.workflow->take(fulfillmentOrderId, *m_packer);
    if (!resumed && endedSignIn(resumed.error()))
      return true;
    if (!resumed) {
      qCWarning(lcRecovery).noquote() << "this bench's open order not resumed:" << resumed.error().message;
      noteDatabaseError(resumed.error());
      continue;
    }
    if (!openOrder(*resumed)) {
      if (m_lastLanded == fulfillmentOrderId) // finished or held offline, recorded now: the next may be on the bench
        continue;
      if (m_screen == Screen::SignIn) // openOrder said why; the packer is signed in all the same
        showQueue();
      return true;
    }
    qCInfo(lcRecovery).noquote() << QStringLiteral("resumed this bench's open order: fulfillment order %1, claim %2, "
                                                   "%3 of %4 verified")
                                        .arg(resumed->fulfillmentOrderId)
                                        .arg(resumed->claimId.value_or(0))
                                        .arg(m_session->verifiedTotal())
                                        .arg(m_session->expectedTotal());
    say(Notice::Where::Pack, Tone::Warning,
        tr("Order %1 resumed · %2 of %3 items already scanned")
            .arg(m_session->header().orderName)
            .arg(m_session->verifiedTotal())
            .arg(m_session->expectedTotal()),
        tr("The station stopped while it was packed here: the box on the bench is this order's"));
    return true;
  }
  return holdsOrder() || m_screen != Screen::SignIn;
}

bool StationController::settleUnrecorded(const QString &recordedHint)
{
  const packing::ClaimedOrder order = *m_order;
  if (m_unrecordedFinish) {
    const bool partial = *m_unrecordedFinish;
    Status done = m_settings.workflow->finish(order, partial);
    if (!done && done.error().kind == ErrorKind::Conflict) {
      // The first attempt may have committed just as the connection went: then it is recorded already.
      if (auto landed = m_settings.workflow->wasFinished(order); landed && *landed)
        done = {};
    }
    if (!done && done.error().kind == ErrorKind::Unavailable) {
      noteDatabaseError(done.error());
      return true;
    }
    if (!done && endedSignIn(done.error()))
      return true;
    m_unrecordedFinish.reset();
    if (!done) {
      qCWarning(lcRecovery).noquote() << "finish refused after reconnect:" << done.error().message;
      const auto [text, hint] = refusalWording(Refused::Finish, tr("This order was NOT recorded as packed"),
                                               tr("It changed or was taken back — stop packing"));
      releaseAndAbandon(order, text, hint);
      return true;
    }
    say(Notice::Where::Pack, Tone::Good, tr("✔ ORDER %1 COMPLETE — recorded").arg(m_session->header().orderName),
        recordedHint);
    orderRecorded(order, partial);
    return true;
  }
  if (m_unrecordedHold) {
    const QString reason = *m_unrecordedHold;
    Status held = m_settings.workflow->hold(order, reason);
    if (!held && held.error().kind == ErrorKind::Unavailable) {
      noteDatabaseError(held.error());
      return true;
    }
    if (!held && endedSignIn(held.error()))
      return true;
    m_unrecordedHold.reset();
    if (!held) { // cancelled, edited or taken over meanwhile: the order is no longer this bench's to hold
      qCWarning(lcRecovery).noquote() << "hold refused after reconnect:" << held.error().message;
      const auto [text, hint] =
          refusalWording(Refused::Hold, tr("This order was NOT put on hold"), held.error().message);
      releaseAndAbandon(order, text, hint);
      return true;
    }
    say(Notice::Where::Pack, Tone::Warning, tr("ON HOLD: %1 — recorded").arg(reason),
        tr("Put the items on the hold shelf: they are scanned again when the hold is released"));
    refreshQueue();
    return true;
  }
  return false;
}

} // namespace pb::station
