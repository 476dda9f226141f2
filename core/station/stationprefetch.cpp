// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController claiming the next order ahead (station.prefetch, issue #15): as soon as an order is open, the
// next one is claimed for this bench, its lease kept and its snapshot put in the offline journal. F8 opens it at once;
// while the database is away it is packed from that snapshot, and the order finished offline before it lands first.
#include "core/documents/sliprepository.h"
#include "core/queue/queuelisting.h"
#include "core/station/offlinejournal.h"
#include "core/station/stationcontroller.h"

#include <QLoggingCategory>
#include <QTimer>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcPrefetch, "packbench.core.station.stationprefetch")
} // namespace

bool StationController::prefetchOn() const
{
  return m_settings.prefetch && m_settings.workflow && m_settings.offlineJournal;
}

QList<qint64> StationController::claimsAtBench() const
{
  QList<qint64> claims;
  for (const auto *order : {&m_order, &m_prefetched, &m_landing})
    if (order->has_value() && (*order)->claimId)
      claims.append(*(*order)->claimId);
  return claims;
}

void StationController::prefetchNext()
{
  if (!prefetchOn() || m_prefetched || !m_packer || m_locked || m_offline || m_stopping || !holdsOrder())
    return;
  // After a restart this station may still hold a second claim: that order is the one claimed ahead again.
  std::optional<qint64> ownClaim;
  if (m_settings.stationId) {
    if (auto held = queue::ordersHeldByStation(m_db, *m_settings.stationId); held) {
      for (const qint64 id : std::as_const(*held))
        if (!m_order || id != m_order->fulfillmentOrderId)
          ownClaim = id;
    }
  }
  auto taken = ownClaim ? m_settings.workflow->take(*ownClaim, *m_packer)
                        : m_settings.workflow->takeNext(currentLocationId(), *m_packer);
  if (!taken) {
    if (taken.error().kind != ErrorKind::NotFound) { // nothing waiting: tried again when the queue changes
      qCWarning(lcPrefetch).noquote() << "next order not claimed ahead:" << taken.error().message;
      noteDatabaseError(taken.error());
    }
    return;
  }
  packing::ClaimedOrder next = *taken;
  next.signInToken = m_packer->signInToken;
  auto order = packing::loadPackOrder(m_db, next.fulfillmentOrderId);
  Status kept;
  if (order) {
    next.orderVersion = order->header.version;
    auto slip = documents::SlipRepository(m_db).load(next.fulfillmentOrderId);
    if (!slip) // it packs offline all the same; its slip prints by REPRINT once the database is back
      qCWarning(lcPrefetch).noquote() << "slip data of the order claimed ahead not kept:" << slip.error().message;
    const HeldOrder held{*next.claimId,    m_settings.stationId.value_or(0),    m_packer->id, *order,
                         m_clock.nowUtc(), slip ? *slip : documents::SlipData{}};
    kept = m_settings.offlineJournal->saveHeldOrder(held, OfflineJournal::Slot::Prefetched);
  } else {
    kept = order.error();
  }
  if (!kept) { // without its snapshot it cannot be packed offline: give it back rather than hold it for nothing
    qCWarning(lcPrefetch).noquote() << "order claimed ahead given back:" << kept.error().message;
    if (Status released = m_settings.workflow->release(next); !released)
      qCWarning(lcPrefetch).noquote() << "release failed:" << released.error().message;
    return;
  }
  m_prefetched = next;
  m_prefetchedName = order->header.orderName;
  if (!m_keepAlive->isActive())
    m_keepAlive->start();
  qCInfo(lcPrefetch) << "fulfillment order" << next.fulfillmentOrderId << "claimed ahead, claim"
                     << next.claimId.value_or(0);
  Q_EMIT statusMessage(tr("Next order %1 is kept for this bench").arg(order->header.orderName));
}

bool StationController::canOpenPrefetchedOffline() const
{
  // Carrier labels need the hub, so an order finished offline with them waits at the bench for the database.
  return m_prefetched.has_value() && !m_landing && m_packer && !m_locked && !m_stopping && !carrierLabelsOn() &&
         !m_unrecordedFinish && !m_unrecordedHold && !m_labelWait && !hasOpenSession();
}

bool StationController::openPrefetched()
{
  if (!m_prefetched || !m_packer)
    return false;
  const packing::ClaimedOrder next = *m_prefetched;
  if (!m_offline) {
    if (Status alive = m_settings.workflow->keepAlive(next); !alive) {
      qCWarning(lcPrefetch).noquote() << "order claimed ahead is gone:" << alive.error().message;
      noteDatabaseError(alive.error());
      if (alive.error().kind == ErrorKind::Conflict)
        dropPrefetched(false, QStringLiteral("its lease was lost"));
      return false;
    }
    m_prefetched.reset();
    Q_EMIT statusMessage(QString()); // "Next order … is kept" no longer holds
    (void)m_settings.offlineJournal->clearHeldOrder(OfflineJournal::Slot::Prefetched); // openOrder keeps it as held
    return openOrder(next);
  }
  if (!canOpenPrefetchedOffline())
    return false;
  auto held = m_settings.offlineJournal->heldOrder(OfflineJournal::Slot::Prefetched);
  if (!held || !held->has_value() || (*held)->claimId != next.claimId.value_or(0)) {
    qCWarning(lcPrefetch) << "no snapshot of the order claimed ahead: it waits for the database";
    return false;
  }
  if (m_finishedOffline && m_order) { // its journal lands first once the database is back
    m_landing = *m_order;
    m_landingName = m_session ? m_session->header().orderName : QString();
  }
  // The bench's snapshot is now this order's: the slip printed offline and the checks of offline packing read it.
  if (Status saved = m_settings.offlineJournal->saveHeldOrder(**held); !saved) {
    qCWarning(lcPrefetch).noquote() << "order claimed ahead not opened offline:" << saved.error().message;
    m_landing.reset();
    return false;
  }
  (void)m_settings.offlineJournal->clearHeldOrder(OfflineJournal::Slot::Prefetched);
  m_prefetched.reset();
  packing::ClaimedOrder order = next;
  order.orderVersion = (*held)->order.header.version;
  adoptSession(
      packing::PackSession::openOffline(m_db, m_clock, (*held)->order,
                                        {m_packer->id, order.claimId, m_settings.stationId, m_packer->signInToken},
                                        m_settings.offlineJournal, m_settings.pack),
      order);
  m_keepAlive->stop(); // renewed once the database is back
  qCInfo(lcPrefetch) << "order claimed ahead opened offline: fulfillment order" << order.fulfillmentOrderId;
  setScreen(Screen::Pack);
  Q_EMIT databaseAvailabilityChanged(false); // the view enables the pack screen for offline packing
  say(Notice::Where::Pack, Tone::Warning, tr("Offline — next order %1").arg((*held)->order.header.orderName),
      tr("It was kept for this bench: pack it as usual, it is recorded when the database is back"), Cue::Notice);
  showOfflineProgress();
  return true;
}

void StationController::keepPrefetchAlive()
{
  if (!m_prefetched || m_offline || !m_settings.workflow)
    return;
  const Status alive = m_settings.workflow->keepAlive(*m_prefetched);
  if (alive)
    return;
  qCWarning(lcPrefetch).noquote() << "lease of the order claimed ahead not renewed:" << alive.error().message;
  noteDatabaseError(alive.error());
  if (alive.error().kind == ErrorKind::Conflict)
    dropPrefetched(false, QStringLiteral("its lease was lost"));
}

void StationController::dropPrefetched(bool release, const QString &why)
{
  if (!m_prefetched)
    return;
  const packing::ClaimedOrder next = *m_prefetched;
  m_prefetched.reset();
  Q_EMIT statusMessage(QString());
  qCInfo(lcPrefetch).noquote() << "order claimed ahead let go (" << why << "): fulfillment order"
                               << next.fulfillmentOrderId;
  if (release && m_settings.workflow) {
    if (Status released = m_settings.workflow->release(next); !released) // its lease runs out instead
      qCWarning(lcPrefetch).noquote() << "release of the order claimed ahead failed:" << released.error().message;
  }
  if (m_settings.offlineJournal)
    (void)m_settings.offlineJournal->clearHeldOrder(OfflineJournal::Slot::Prefetched);
}

bool StationController::landFinishedOffline()
{
  if (!m_landing || !m_settings.workflow || !m_packer)
    return true;
  const packing::ClaimedOrder landing = *m_landing;
  packing::ClaimedOrder resumed = landing;
  if (Status alive = m_settings.workflow->keepAlive(landing); !alive) {
    if (alive.error().kind == ErrorKind::Unavailable) {
      noteDatabaseError(alive.error());
      return false;
    }
    // The lease ran out during the outage: take the order again unless another station has it.
    auto retaken = m_settings.workflow->take(landing.fulfillmentOrderId, *m_packer);
    if (!retaken && (retaken.error().kind == ErrorKind::Unavailable || endedSignIn(retaken.error()))) {
      noteDatabaseError(retaken.error());
      return false;
    }
    if (!retaken) {
      refuseJournal(landing, journaledFor(landing), retaken.error().message);
      m_landing.reset();
      say(Notice::Where::Pack, Tone::Error, tr("An order packed offline was NOT recorded"),
          whyOfflinePackRefused(landing, m_landingName,
                                // boxes of two orders may stand on the bench after an outage: say whose it is
                                m_landingName.isEmpty()
                                    ? tr("It was taken back or cancelled meanwhile: set its box aside for the lead")
                                    : tr("Order %1 was taken back meanwhile (another bench or a lead has it): set its "
                                         "box aside for the lead")
                                          .arg(m_landingName)),
          Cue::Unknown);
      return true;
    }
    resumed = *retaken;
  }
  const Replayed replayed = replayJournal(resumed, landing, false);
  if (!replayed.goOn && !replayed.refused)
    return false; // not replayed yet: the next reconnect tries again
  m_landing.reset();
  if (replayed.held) {
    qCInfo(lcPrefetch) << "order held offline recorded: fulfillment order" << landing.fulfillmentOrderId;
  } else if (replayed.completed) {
    qCInfo(lcPrefetch) << "order finished offline recorded: fulfillment order" << landing.fulfillmentOrderId;
    Q_EMIT orderFinished(resumed, replayed.partial);
  } else if (!replayed.refused) { // its claim ended and was taken again: nothing of the offline pack counts
    qCWarning(lcPrefetch) << "order finished offline not recorded: fulfillment order" << landing.fulfillmentOrderId;
    say(Notice::Where::Pack, Tone::Error, tr("An order packed offline was NOT recorded"),
        tr("It went back to the queue while the database was away: set its box aside for the lead"), Cue::Unknown);
  }
  return true;
}

} // namespace pb::station
