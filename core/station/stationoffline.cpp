// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController packing on without the central database (issue #15): the held order's snapshot is kept in the
// offline journal, scans of it are checked against it and journaled, and when the database is back the journal is
// replayed through the same station functions, all of it or none of it.
#include "core/audit/auditlog.h"
#include "core/db/connectionsupervisor.h"
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/documents/sliprepository.h"
#include "core/queue/queuelisting.h"
#include "core/station/offlinejournal.h"
#include "core/station/offlineprint.h"
#include "core/station/orderstanding.h"
#include "core/station/stationcontroller.h"

#include <QLoggingCategory>

#include <algorithm>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcOffline, "packbench.core.station.stationoffline")

using State = packing::PackSession::State;

// The lead's record of a journal the database refused: the audit log, through the station function on PostgreSQL.
Status recordReplayRefusal(const QSqlDatabase &db, const packing::ClaimedOrder &order, std::optional<qint64> station,
                           const packing::Packer &packer, int events, const QString &reason, const QDateTime &at)
{
  if (db::isPostgres(db)) {
    auto done = db::exec(db,
                         QStringLiteral("SELECT packbench_offline_replay_refused(?::bigint, ?::bigint, ?::bigint, "
                                        "?::integer, ?::text, ?::text, ?::timestamptz)"),
                         {db::orNull(station), order.fulfillmentOrderId, db::orNull(order.claimId), events, reason,
                          db::textOrNull(packer.signInToken), db::isoUtc(at)});
    if (!done)
      return done.error();
    return {};
  }
  audit::Entry entry;
  entry.actor = audit::Actor::atBench(station, packer.id);
  entry.action = QStringLiteral("offline_replay_refused");
  entry.subject = audit::Subject::fulfillmentOrder(order.fulfillmentOrderId);
  entry.details = {{QStringLiteral("claim_id"), order.claimId ? QJsonValue(*order.claimId) : QJsonValue()},
                   {QStringLiteral("events"), events},
                   {QStringLiteral("reason"), reason.left(500)}};
  entry.at = at;
  return audit::write(db, entry);
}

bool completedOffline(const QList<JournalEvent> &events)
{
  return std::any_of(events.begin(), events.end(),
                     [](const JournalEvent &event) { return event.kind == packing::kJournalComplete; });
}

// Conflict when the order is no longer the one packed offline: cancelled, packed elsewhere, or edited.
Status orderUnchangedSince(const QSqlDatabase &db, const packing::ClaimedOrder &journaled)
{
  auto now = orderStanding(db, journaled);
  if (!now)
    return now.error();
  switch (now->kind) {
  case OrderStanding::Kind::Unchanged: return {};
  case OrderStanding::Kind::Edited:
    return makeError(ErrorKind::Conflict, QStringLiteral("the order was edited (version %1, packed against %2)")
                                              .arg(now->version)
                                              .arg(journaled.orderVersion));
  case OrderStanding::Kind::Cancelled:
  case OrderStanding::Kind::Moved:
    return makeError(ErrorKind::Conflict, now->packState.isEmpty()
                                              ? QStringLiteral("the order is gone")
                                              : QStringLiteral("the order is %1").arg(now->packState));
  }
  return {};
}

} // namespace

bool StationController::packsOffline() const
{
  return m_offline && m_session && m_session->isOffline();
}

void StationController::snapshotHeldOrder()
{
  OfflineJournal *journal = m_settings.offlineJournal;
  if (!journal || !m_session || !m_order || !m_order->claimId || !m_packer)
    return;
  // The slip's data is read now, while the database is here: offline it prints from this copy.
  auto slip = documents::SlipRepository(m_db).load(m_order->fulfillmentOrderId);
  if (!slip)
    qCWarning(lcOffline).noquote() << "slip data not kept for offline printing:" << slip.error().message;
  const HeldOrder held{*m_order->claimId, m_settings.stationId.value_or(0),    m_packer->id, m_session->order(),
                       m_clock.nowUtc(),  slip ? *slip : documents::SlipData{}};
  if (Status saved = journal->saveHeldOrder(held); !saved) // the bench packs on; only offline packing is lost
    qCWarning(lcOffline).noquote() << "held order not saved to the offline journal:" << saved.error().message;
}

bool StationController::startPackingOffline()
{
  OfflineJournal *journal = m_settings.offlineJournal;
  if (!journal || !hasOpenSession() || !m_order || !m_order->claimId || m_unrecordedFinish || m_unrecordedHold ||
      m_labelWait || m_leaseLapsed)
    return false;
  const State state = m_session->state();
  if (state != State::Packing && state != State::Blocked)
    return false;
  auto held = journal->heldOrder();
  if (!held || !held->has_value() || (*held)->claimId != *m_order->claimId)
    return false; // no snapshot of this very attempt: nothing to pack against safely
  m_session->setOfflineJournal(journal);
  qCWarning(lcOffline) << "packing on offline; events go to" << journal->path();
  return true;
}

packing::EventJournal *StationController::keepScanThroughLostLink()
{
  // Called from inside the session's write: only the session's journal is set here; the outage is declared to the
  // supervisor, whose (queued) signal shows it, and whose reconnect round brings the replay even if the link was
  // only gone for that one write.
  if (!m_settings.supervisor || !startPackingOffline())
    return nullptr;
  m_settings.supervisor->declareLost(QStringLiteral("a scan's write lost the database"));
  return m_settings.offlineJournal;
}

int StationController::offlineEventsWaiting() const
{
  if (!m_settings.offlineJournal)
    return 0;
  auto waiting = m_settings.offlineJournal->pendingCount();
  return waiting ? *waiting : 0;
}

void StationController::showOfflineProgress()
{
  const int count = offlineEventsWaiting();
  const QString headline = tr("Offline — %n event(s) waiting", nullptr, count);
  say(Notice::Where::Database, Tone::Warning, headline,
      m_heldOffline ? tr("Order %1 is set aside for the lead and put on hold when the database is back.")
                          .arg(m_session->header().orderName)
      : m_finishedOffline
          ? tr("Order %1 is packed at this bench and recorded when the database is back.")
                .arg(m_session->header().orderName)
          : tr("Order %1: %2 of %3 items scanned. Keep packing: it is recorded when the database is back.")
                .arg(m_session->header().orderName)
                .arg(m_session->verifiedTotal())
                .arg(m_session->expectedTotal()));
  Q_EMIT statusMessage(headline);
}

bool StationController::refusedOffline()
{
  if (!m_session || !m_session->isOffline())
    return false;
  say(Notice::Where::Pack, Tone::Warning, tr("This needs the database — keep scanning"),
      tr("Signing out, and reprints of earlier orders, work again once it is back"), Cue::Notice);
  return true;
}

QList<JournalEvent> StationController::journaledFor(const packing::ClaimedOrder &order)
{
  OfflineJournal *journal = m_settings.offlineJournal;
  if (!journal)
    return {};
  auto pending = journal->pending();
  if (!pending) {
    qCWarning(lcOffline).noquote() << "offline journal unreadable:" << pending.error().message;
    return {};
  }
  // Another claim's events wait for their own order (one finished offline, the one claimed ahead) while this station
  // still holds that claim; those of a claim that has ended are left from an earlier attempt. Unknown: none is stale.
  const QList<qint64> atBench = claimsAtBench();
  QList<JournalEvent> mine;
  QList<JournalEvent> others; // neither this order's nor held at the bench: stale unless still open in the database
  for (const JournalEvent &event : *pending) {
    if (order.claimId && claimOf(event) == *order.claimId)
      mine.append(event);
    else if (!atBench.contains(claimOf(event)))
      others.append(event);
  }
  QList<QUuid> stale;
  if (!others.isEmpty() && m_settings.stationId) { // asked only then: opening an order stays one query shorter
    auto open = queue::openClaimsOfStation(m_db, *m_settings.stationId);
    for (const JournalEvent &event : std::as_const(others))
      if (open && !open->contains(claimOf(event)))
        stale.append(event.id);
  } else {
    for (const JournalEvent &event : std::as_const(others))
      stale.append(event.id);
  }
  if (!stale.isEmpty()) {
    qCWarning(lcOffline) << stale.size() << "journaled events of another claim set aside for the lead";
    (void)journal->setAside(stale, QStringLiteral("left from an earlier attempt at this bench"), m_clock.nowUtc());
  }
  return mine;
}

StationController::Replayed StationController::replayJournal(const packing::ClaimedOrder &current,
                                                             const packing::ClaimedOrder &journaled, bool onBench)
{
  if (!m_settings.offlineJournal || !m_packer)
    return {};
  const QList<JournalEvent> pending = journaledFor(journaled);
  if (pending.isEmpty())
    return {};
  if (current.claimId != journaled.claimId) { // the lease ran out and the order went back to the queue meanwhile
    refuseJournal(journaled, pending, QStringLiteral("the claim ended while the station was offline"));
    return {}; // packs on under the new claim, from the first item (recoverOrder says so)
  }
  QList<QUuid> ids;
  Replayed landed;
  if (m_settings.workflow) { // a replay that committed with the completion before its events were marked
    auto finished = m_settings.workflow->wasFinished(current);
    if (finished && *finished) {
      for (const JournalEvent &event : pending) {
        ids.append(event.id);
        landed.completed = landed.completed || event.kind == packing::kJournalComplete;
      }
      (void)m_settings.offlineJournal->markReplayed(ids, m_clock.nowUtc());
      return landed;
    }
  }
  const QDateTime at = m_clock.nowUtc();
  const auto replayAll = [&]() -> Status {
    ids.clear();
    landed = {};
    // Read inside the transaction: the order as the replay finds it decides for all of the journal.
    if (Status unchanged = orderUnchangedSince(m_db, journaled); !unchanged)
      return unchanged;
    for (const JournalEvent &event : pending) {
      const Status one =
          event.kind == packing::kJournalComplete ? replayCompletion(current, event, &landed)
          : event.kind == packing::kJournalHold   ? replayHold(current, event, &landed)
          : event.kind == packing::kJournalPrint
              ? recordOfflinePrint(m_db, event.payload)
              : packing::replayJournaledEvent(m_db, event.id, event.kind, event.payload, m_packer->signInToken, at);
      if (!one)
        return one;
      ids.append(event.id);
    }
    return {};
  };
  const Status replayed = db::inTransaction(m_db, replayAll);
  if (replayed) {
    // Marked after the commit: a crash in between replays again, and the client event ids keep it single.
    if (Status marked = m_settings.offlineJournal->markReplayed(ids, m_clock.nowUtc()); !marked)
      qCWarning(lcOffline).noquote() << "replayed, but not marked in the journal:" << marked.error().message;
    qCInfo(lcOffline) << "offline journal replayed:" << pending.size() << "events of fulfillment order"
                      << journaled.fulfillmentOrderId << (landed.completed ? "(completed)" : "");
    return landed;
  }
  const ErrorKind kind = replayed.error().kind;
  if (kind == ErrorKind::Unavailable || kind == ErrorKind::Internal) { // not an answer: try again when it is back
    qCWarning(lcOffline).noquote() << "offline journal not replayed yet:" << replayed.error().message;
    noteDatabaseError(replayed.error());
    return {false};
  }
  if (endedSignIn(replayed.error()))
    return {false}; // replayed once the packer signs in again
  refuseJournal(journaled, pending, replayed.error().message);
  const int scans = int(std::count_if(pending.begin(), pending.end(),
                                      [](const JournalEvent &event) { return event.kind == packing::kJournalScan; }));
  // Worded before the release below puts an edited order back in the queue (where it no longer reads as edited).
  QString headline = tr("Offline scans NOT recorded — the order changed meanwhile");
  QString hint =
      tr("%n scan(s) are kept at this bench for the lead. Set the box aside with the order.", nullptr, scans);
  if (!onBench) {
    hint = whyOfflinePackRefused(journaled, m_landingName, hint);
  } else if (const auto stopped = whyNoLongerOurs(journaled, m_session ? m_session->header().orderName : QString(),
                                                  completedOffline(pending) ? Refused::Finish : Refused::Work)) {
    // Cancelled or edited: the items' fate first; the lead has the scans' record (refuseJournal).
    headline = stopped->first;
    hint = tr("%1. %n scan(s) made offline are kept for the lead.", nullptr, scans).arg(stopped->second);
  }
  // Given back at once, as online: an edited order is packed afresh without waiting out the lease; a cancelled one
  // stays cancelled. (A claim already gone has nothing to give back.)
  if (m_settings.workflow) {
    if (Status released = m_settings.workflow->release(current); !released)
      qCInfo(lcOffline).noquote() << "release after a refused replay:" << released.error().message;
  }
  if (onBench)
    abandonOrder(headline, hint);
  else
    say(Notice::Where::Pack, Tone::Error, headline, hint, Cue::Unknown);
  Replayed refused{false};
  refused.refused = true;
  return refused;
}

Status StationController::replayCompletion(const packing::ClaimedOrder &current, const JournalEvent &event,
                                           Replayed *replayed)
{
  replayed->partial = event.payload.value(QStringLiteral("partial")).toBool();
  if (event.payload.value(QStringLiteral("labels")).toBool()) {
    replayed->labelsFirst = true; // as online: the pack is recorded once every box's carrier label has printed
    return {};
  }
  if (!m_settings.workflow)
    return makeError(ErrorKind::InvalidInput, QStringLiteral("a completion journaled without a workflow"));
  Status done = m_settings.workflow->finishWithin(current, replayed->partial);
  replayed->completed = done.ok();
  return done;
}

Status StationController::replayHold(const packing::ClaimedOrder &current, const JournalEvent &event,
                                     Replayed *replayed)
{
  if (!m_settings.workflow)
    return makeError(ErrorKind::InvalidInput, QStringLiteral("a hold journaled without a workflow"));
  Status done = m_settings.workflow->holdWithin(current, event.payload.value(QStringLiteral("reason")).toString());
  replayed->held = done.ok();
  return done;
}

void StationController::refuseJournal(const packing::ClaimedOrder &order, const QList<JournalEvent> &events,
                                      const QString &reason)
{
  qCWarning(lcOffline).noquote() << "offline journal refused for fulfillment order" << order.fulfillmentOrderId << "("
                                 << events.size() << "events):" << reason;
  if (Status recorded = recordReplayRefusal(m_db, order, m_settings.stationId, *m_packer, int(events.size()), reason,
                                            m_clock.nowUtc());
      !recorded)
    qCWarning(lcOffline).noquote() << "refusal not in the audit log (still in the journal):"
                                   << recorded.error().message;
  QList<QUuid> ids;
  for (const JournalEvent &event : events)
    ids.append(event.id);
  if (Status aside = m_settings.offlineJournal->setAside(ids, reason, m_clock.nowUtc()); !aside)
    qCWarning(lcOffline).noquote() << "journal not set aside:" << aside.error().message;
}

} // namespace pb::station
