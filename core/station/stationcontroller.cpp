// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: sign-in, the queue, and the life of an order at the bench from claim to finish.
#include "core/station/stationcontroller.h"

#include "core/db/connectionsupervisor.h"
#include "core/station/offlinejournal.h"
#include "core/station/orderstanding.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcController, "packbench.core.station.stationcontroller")
constexpr int kFallbackPollMs = 30'000; // LISTEN/NOTIFY does the fast path; this catches anything missed
} // namespace

bool isDatabaseFault(ErrorKind kind)
{
  return kind == ErrorKind::Unavailable || kind == ErrorKind::Internal || kind == ErrorKind::SchemaMismatch;
}

StationController::StationController(QSqlDatabase db, const Clock &clock, StationSettings settings, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_clock(clock)
    , m_settings(std::move(settings))
    , m_decoder(m_settings.decoder)
{
  qRegisterMetaType<pb::station::Notice>();
  m_fallbackPoll = new QTimer(this);
  m_fallbackPoll->setInterval(kFallbackPollMs);
  connect(m_fallbackPoll, &QTimer::timeout, this, &StationController::refreshQueue);
  m_fallbackPoll->start();
  m_keepAlive = new QTimer(this);
  m_keepAlive->setInterval(m_settings.keepAliveInterval);
  connect(m_keepAlive, &QTimer::timeout, this, &StationController::keepLeaseAlive);
  m_idleTimer = new QTimer(this);
  m_idleTimer->setSingleShot(true);
  m_idleTimer->setInterval(std::max(1, m_settings.idleLockMinutes) * 60'000);
  connect(m_idleTimer, &QTimer::timeout, this, &StationController::lock);
  m_idleRelease = new QTimer(this);
  m_idleRelease->setSingleShot(true);
  connect(m_idleRelease, &QTimer::timeout, this, &StationController::letLeaseLapse);
  m_labelPoll = new QTimer(this);
  m_labelPoll->setInterval(m_settings.labelPollInterval);
  connect(m_labelPoll, &QTimer::timeout, this, [this]() { continueLabels(false); });
  m_endOfDayPoll = new QTimer(this);
  m_endOfDayPoll->setInterval(m_settings.labelPollInterval);
  connect(m_endOfDayPoll, &QTimer::timeout, this, &StationController::continueEndOfDay);
  connectPrinter();
  if (m_settings.offlineJournal)
    m_offlineLeads = std::make_unique<OfflineLeadApprovals>(m_settings.offlineJournal->database());
  if (db::ConnectionSupervisor *supervisor = m_settings.supervisor) {
    // Queued: an outage is often noticed inside a pack session's own signal, which must not be torn down there.
    connect(supervisor, &db::ConnectionSupervisor::unavailable, this, &StationController::databaseUnavailable,
            Qt::QueuedConnection);
    connect(supervisor, &db::ConnectionSupervisor::restored, this, &StationController::databaseRestored,
            Qt::QueuedConnection);
    connect(supervisor, &db::ConnectionSupervisor::reconnectFailed, this, [this](int rounds, qint64 nextMs) {
      if (m_offline)
        Q_EMIT statusMessage(tr("Database unavailable · reconnect attempt %1 failed · next attempt in %2 s")
                                 .arg(rounds)
                                 .arg(double(nextMs) / 1000.0, 0, 'f', 1));
    });
  }
}

StationController::~StationController()
{
  m_session.reset(); // before the timers and the rest: its signals reach this object
}

void StationController::setScreen(Screen screen)
{
  m_screen = screen;
  Q_EMIT screenChanged(screen);
}

void StationController::say(Notice::Where where, Tone tone, const QString &headline, const QString &hint, Cue cue)
{
  Q_EMIT notice(Notice{where, tone, headline, hint, cue});
}

bool StationController::hasOpenSession() const
{
  return m_session && (m_session->state() == packing::PackSession::State::Packing ||
                       m_session->state() == packing::PackSession::State::Blocked);
}

bool StationController::loadLocations()
{
  auto locations = queue::listLocations(m_db, m_settings.shopId);
  if (!locations) {
    noteDatabaseError(locations.error());
    say(Notice::Where::Queue, Tone::Error, tr("Database problem: cannot read warehouses"));
    qCWarning(lcController).noquote() << locations.error().message;
    return false;
  }
  m_locations = *locations;
  m_locationIndex = 0;
  for (int i = 0; i < m_locations.size(); ++i) {
    const queue::Location &l = m_locations.at(i);
    if (m_settings.locationId ? l.id == *m_settings.locationId : l.code == m_settings.locationCode)
      m_locationIndex = i;
  }
  return true;
}

qint64 StationController::currentLocationId() const
{
  return m_locationIndex < m_locations.size() ? m_locations.at(m_locationIndex).id : 0;
}

void StationController::selectLocation(int index)
{
  if (index < 0 || index >= m_locations.size() || index == m_locationIndex)
    return;
  m_locationIndex = index;
  queueNoticeRead();
  // Its items are on the other warehouse's shelves: F8 here must open this warehouse's next order.
  dropPrefetched(true, QStringLiteral("the packer chose another warehouse"));
  refreshQueue();
}

void StationController::refreshQueue()
{
  if (m_offline)
    return; // the list stays as it was; it is read again once the database is back
  if (m_locations.isEmpty()) {
    if (!loadLocations())
      return; // the notice already says why
    if (m_locations.isEmpty()) {
      say(Notice::Where::Queue, Tone::Warning, tr("No warehouses configured"));
      return;
    }
  }
  auto orders = queue::listWaitingOrders(m_db, currentLocationId());
  if (!orders) {
    noteDatabaseError(orders.error());
    say(Notice::Where::Queue, Tone::Error, tr("Database problem: the queue could not be read"));
    qCWarning(lcController).noquote() << orders.error().message;
    return;
  }
  m_orders = *orders;
  Q_EMIT queueChanged();
  if (m_standingNotice) {
    // The list is new; the banner keeps why the last order left the bench.
  } else if (m_prefetched)
    say(Notice::Where::Queue, Tone::Neutral, tr("Ready · next: %1").arg(m_prefetchedName),
        tr("Press F8 to take it (kept for this bench)"));
  else if (m_orders.isEmpty())
    say(Notice::Where::Queue, Tone::Good, tr("All caught up — nothing to pack"));
  else
    say(Notice::Where::Queue, Tone::Neutral, tr("Ready · next: %1").arg(m_orders.first().orderName),
        tr("Press F8 to take it"));
  if (!m_prefetched && !m_orders.isEmpty() && holdsOrder() && prefetchOn()) // new work while none is kept ahead
    QTimer::singleShot(0, this, &StationController::prefetchNext);
}

void StationController::refreshQueueAsked()
{
  queueNoticeRead();
  refreshQueue();
}

void StationController::signIn(const QString &badgeId, const QString &pin)
{
  auto packer = packing::signInWithPin(m_db, badgeId.trimmed(), pin, m_settings.stationId);
  if (!packer) {
    const bool fault = isDatabaseFault(packer.error().kind);
    if (fault) {
      qCWarning(lcController).noquote() << "sign-in failed:" << packer.error().message;
      noteDatabaseError(packer.error());
    }
    // A wrong badge or PIN in the packer's language; a lockout in its own words (how long to wait); a database
    // fault in plain words.
    const ErrorKind kind = packer.error().kind;
    Q_EMIT signInRefused(fault ? tr("Database problem: cannot sign in") : tr("Not signed in"),
                         fault                           ? QString()
                         : kind == ErrorKind::Permission ? tr("Badge or PIN not accepted")
                                                         : packer.error().message);
    return;
  }
  signedIn(*packer);
}

void StationController::signedIn(const packing::Packer &packer)
{
  const bool samePacker = m_packer && m_packer->id == packer.id;
  if (m_packer && !samePacker)
    endSignIn(); // one packer per bench
  m_packer = packer;
  m_locked = false;
  m_idleRelease->stop();
  if (prefetchOn()) // once the bench holds an order again (the order claimed ahead went back while it was locked)
    QTimer::singleShot(0, this, &StationController::prefetchNext);
  // What is open at the bench goes on under the new sign-in.
  if (m_order)
    m_order->signInToken = packer.signInToken;
  if (m_session)
    m_session->renewSignIn(packer.signInToken);
  Q_EMIT packerChanged();
  qCInfo(lcController) << "packer" << packer.id << "signed in";
  if (m_settings.idleLockMinutes > 0)
    m_idleTimer->start();
  if ((m_unrecordedFinish || m_unrecordedHold) && m_order && m_session && m_settings.workflow && !m_offline) {
    // Refused only because the sign-in had ended: recorded now, under this one.
    const bool finishing = m_unrecordedFinish.has_value();
    setScreen(Screen::Pack);
    settleUnrecorded(tr("Signed in again · F8 takes the next order"));
    if (!m_locked && m_screen == Screen::Pack && !finishing)
      showQueue();
    return;
  }
  if (m_leaseLapsed && !reclaimLapsedLease())
    return;                     // the order went back to the queue while the station was locked
  if (m_labelWait && m_order) { // complete and waiting for its labels: asked for again under this sign-in
    setScreen(Screen::Pack);
    continueLabels(false);
    return;
  }
  if (hasOpenSession() && m_session->isOffline() && !m_offline && m_order) {
    // The database came back while the sign-in had run out, so its journal was refused: it lands now, under this one.
    setScreen(Screen::Pack);
    recoverOrder();
    return;
  }
  if (hasOpenSession() && !samePacker && m_order) {
    // The next packer continues the order under their own name, from the recorded scans.
    closeSession();
    openOrder(*m_order);
    return;
  }
  if (hasOpenSession()) {
    setScreen(Screen::Pack);
    return;
  }
  if (resumeHeldOrder())
    return;
  showQueue();
  recallLastOrder(); // after a restart or a sign-out: REPRINT, and a box left without its label
}

void StationController::noteActivity()
{
  if (m_settings.idleLockMinutes > 0 && m_packer && !m_locked)
    m_idleTimer->start();
}

void StationController::showQueue()
{
  refreshQueue();
  setScreen(Screen::Queue);
}

void StationController::closeSession()
{
  if (!m_session)
    return;
  Q_EMIT sessionChanged(nullptr); // the view lets go before the session is destroyed
  m_session.reset();
  if (OfflineJournal *journal = m_settings.offlineJournal) { // the order left the bench; a refused journal stays
    auto waiting = journal->pendingCount();
    if (waiting && *waiting == 0)
      (void)journal->clearHeldOrder();
  }
}

bool StationController::openOrder(const packing::ClaimedOrder &order)
{
  if (!m_packer)
    return false;
  // Events journaled offline for this claim and not recorded yet (the station stopped meanwhile) land first.
  const Replayed replayed = order.claimId ? replayJournal(order, order) : Replayed{};
  if (!replayed.goOn)
    return false;
  if (replayed.held) { // it was put on hold offline before the station stopped: on hold now
    m_finishedOffline = false;
    m_heldOffline = false;
    m_lastLanded = order.fulfillmentOrderId;
    showQueue();
    say(Notice::Where::Queue, Tone::Neutral, tr("An order put on hold offline is recorded now"),
        tr("Press F8 to take the next order"));
    return false;
  }
  if (replayed.completed) { // it was finished offline before the station stopped: recorded now
    m_finishedOffline = false;
    m_heldOffline = false;
    m_lastFinished = order.fulfillmentOrderId;
    m_lastLanded = order.fulfillmentOrderId;
    Q_EMIT orderFinished(order, replayed.partial);
    showQueue();
    say(Notice::Where::Queue, Tone::Good, tr("An order packed offline is recorded now"),
        tr("Press F8 to take the next order"));
    return false;
  }
  auto opened = packing::PackSession::open(m_db, m_clock, order.fulfillmentOrderId,
                                           {m_packer->id, order.claimId, m_settings.stationId, m_packer->signInToken},
                                           m_settings.pack);
  if (!opened) {
    qCWarning(lcController).noquote() << "cannot open order:" << opened.error().message;
    noteDatabaseError(opened.error());
    showQueue();
    say(Notice::Where::Queue, Tone::Error, tr("This order cannot be packed now"),
        opened.error().kind == ErrorKind::Conflict ? tr("It was packed or cancelled meanwhile")
                                                   : tr("Database problem — call the lead"),
        Cue::Unknown);
    return false;
  }
  adoptSession(std::move(opened).value(), order);
  qCInfo(lcController) << "opened fulfillment order" << order.fulfillmentOrderId << "at the bench, claim"
                       << order.claimId.value_or(0);
  snapshotHeldOrder();
  setScreen(Screen::Pack);
  if (prefetchOn()) // after the screen shows the order: claiming ahead must not delay the first scan
    QTimer::singleShot(0, this, &StationController::prefetchNext);
  return true;
}

void StationController::adoptSession(std::unique_ptr<packing::PackSession> session, const packing::ClaimedOrder &order)
{
  m_order = order;
  m_order->orderVersion = session->header().version; // what the packer is shown is what they pack against
  m_order->signInToken = m_packer->signInToken;
  m_leaseLapsed = false;
  m_finishedOffline = false;
  m_heldOffline = false;
  m_unprintedLabels.clear(); // the packer was warned (unlabelledBoxStopsNextOrder); the print-jobs list keeps them
  m_unprintedLabelsWarned = false;
  packing::PackSession *s = session.get();
  connect(s, &packing::PackSession::feedbackGiven, this, [this](const packing::ScanFeedback &feedback) {
    if (feedback.signInEnded) // not saved because the database no longer takes this sign-in
      signInEnded();
    else if (feedback.outcome == packing::Outcome::Failed) // not saved: find out now whether the database is gone
      noteDatabaseError(makeError(ErrorKind::Unavailable, feedback.detail));
    if (packsOffline())
      showOfflineProgress();
  });
  s->setLostLinkFallback([this]() -> packing::EventJournal * { return keepScanThroughLostLink(); });
  s->setLeadApprover([this](const QString &badge, const QString &pin) { return approveLead(badge, pin); });
  connect(s, &packing::PackSession::holdRequested, this, &StationController::sessionHeld);
  connect(s, &packing::PackSession::completed, this, &StationController::sessionFinished);
  if (m_settings.workflow && order.claimId)
    m_keepAlive->start();
  std::unique_ptr<packing::PackSession> previous = std::move(m_session);
  m_session = std::move(session);
  Q_EMIT sessionChanged(s);
  previous.reset();
}

void StationController::takeNextOrder()
{
  queueNoticeRead();
  if (unlabelledBoxStopsNextOrder())
    return;
  if (m_offline && (m_finishedOffline || !holdsOrder()) && canOpenPrefetchedOffline()) {
    openPrefetched(); // the order claimed ahead is packed offline too
    return;
  }
  if (m_offline && m_finishedOffline) {
    say(Notice::Where::Pack, Tone::Warning, tr("The next order waits for the database"),
        m_heldOffline ? tr("This one is set aside for the lead; press F8 again once the database is back")
                      : tr("This one is packed and kept at this bench; press F8 again once the database is back"),
        Cue::Notice);
    return;
  }
  if (!m_packer || m_locked || m_offline || m_stopping || holdsOrder())
    return;
  if (!m_settings.workflow) {
    if (!m_orders.isEmpty())
      openOrder({m_orders.first().fulfillmentOrderId, std::nullopt});
    return;
  }
  if (m_prefetched && openPrefetched())
    return;
  auto taken = m_settings.workflow->takeNext(currentLocationId(), *m_packer);
  if (!taken && endedSignIn(taken.error()))
    return;
  if (!taken) {
    noteDatabaseError(taken.error());
    showQueue();
    if (taken.error().kind == ErrorKind::NotFound)
      say(Notice::Where::Queue, Tone::Good, tr("All caught up — nothing to pack"));
    else if (taken.error().kind == ErrorKind::Unavailable)
      sayDatabaseDidNotAnswer();
    else
      say(Notice::Where::Queue, Tone::Error, tr("Could not take an order"), tr("Try again or call the lead"));
    return;
  }
  openOrder(*taken);
}

void StationController::takeOrder(qint64 fulfillmentOrderId)
{
  queueNoticeRead();
  if (!m_packer || m_locked || m_offline || m_stopping || holdsOrder() || unlabelledBoxStopsNextOrder())
    return;
  const auto selected = std::find_if(m_orders.cbegin(), m_orders.cend(), [&](const queue::WaitingOrder &o) {
    return o.fulfillmentOrderId == fulfillmentOrderId;
  });
  if (selected == m_orders.cend())
    return;
  if (!m_settings.workflow) {
    openOrder({fulfillmentOrderId, std::nullopt});
    return;
  }
  if (m_prefetched && m_prefetched->fulfillmentOrderId == fulfillmentOrderId && openPrefetched())
    return; // the order kept for this bench, under its claim
  auto taken = m_settings.workflow->take(fulfillmentOrderId, *m_packer);
  if (!taken && endedSignIn(taken.error()))
    return;
  if (!taken && taken.error().kind == ErrorKind::Conflict &&
      (selected->packState == u"claimed" || selected->packState == u"held")) {
    offerLeadAction(*selected, taken.error()); // held, or another bench still has it: a lead may step in
    return;
  }
  if (!taken) {
    noteDatabaseError(taken.error());
    refreshQueue(); // the list was a moment old; the banner then says what became of the order
    if (taken.error().kind == ErrorKind::Unavailable)
      sayDatabaseDidNotAnswer();
    else // packed, cancelled, held or at another bench meanwhile
      say(Notice::Where::Queue, Tone::Warning, taken.error().message, tr("Press F8 for the next one"));
    return;
  }
  openOrder(*taken);
}

void StationController::sayDatabaseDidNotAnswer()
{
  say(Notice::Where::Queue, Tone::Warning, tr("The database did not answer"),
      tr("No order was taken. Try again in a moment"));
}

void StationController::sessionFinished(bool partial)
{
  if (!m_order)
    return;
  if (packsOffline()) { // journaled; recorded when the database is back (stationofflinefinish.cpp)
    finishOffline(partial);
    return;
  }
  if (carrierLabelsOn()) { // recorded once every box's label has printed
    startLabels(partial);
    return;
  }
  recordFinish(partial);
}

bool StationController::recordFinish(bool partial)
{
  if (!m_order)
    return false;
  m_keepAlive->stop();
  const packing::ClaimedOrder order = *m_order;
  if (m_settings.workflow) {
    Status done = m_settings.workflow->finish(order, partial);
    if (!done && done.error().kind == ErrorKind::Unavailable && m_settings.supervisor) {
      // The finish is one transaction, so nothing of it was kept: record it once the database is back.
      qCWarning(lcController).noquote() << "finish not recorded yet:" << done.error().message;
      m_unrecordedFinish = partial;
      // Later: the session's own COMPLETE feedback follows this signal and would cover the warning.
      QTimer::singleShot(0, this, [this]() {
        if (m_unrecordedFinish)
          say(Notice::Where::Pack, Tone::Error, tr("Complete — but NOT recorded yet"),
              tr("The database is unavailable; the order is recorded as packed as soon as it is back. Keep the "
                 "box on the bench."));
      });
      noteDatabaseError(done.error());
      return false;
    }
    if (!done && done.error().kind == ErrorKind::SignedOut) {
      // Nothing of the finish was kept: it is recorded once someone signs in again at the bench.
      qCWarning(lcController).noquote() << "finish not recorded yet:" << done.error().message;
      m_unrecordedFinish = partial;
      signInEnded();
      return false;
    }
    if (!done) {
      qCWarning(lcController).noquote() << "finish not recorded:" << done.error().message;
      // Conflict messages say what changed and that the items go back (translated where they are made).
      const auto [text, hint] =
          done.error().kind == ErrorKind::Conflict
              ? refusalWording(Refused::Finish, tr("This order was NOT recorded as packed"), done.error().message)
              : std::pair{tr("This order was NOT recorded as packed"), tr("Database problem — call the lead")};
      abandonLater(order, text, hint);
      return false;
    }
  }
  orderRecorded(order, partial);
  return true;
}

void StationController::orderRecorded(const packing::ClaimedOrder &order, bool partial)
{
  m_lastFinished = order.fulfillmentOrderId;
  Q_EMIT orderFinished(order, partial);
  refreshQueue();
  if (m_settings.printer && m_settings.autoPrint) { // after the pack view shows COMPLETE; the pack is committed
    const int boxes = m_session ? std::max(1, m_session->boxesWithItems()) : 1;
    QTimer::singleShot(0, this, [this, order, boxes]() { printDocumentsOf(order, boxes); });
  }
}

void StationController::abandonLater(const packing::ClaimedOrder &order, const QString &text, const QString &hint)
{
  // Later: the session that emitted the refused finish or hold is still on the stack; it must outlive this call.
  QTimer::singleShot(0, this, [this, order, text, hint]() {
    if (m_order && m_order->fulfillmentOrderId == order.fulfillmentOrderId)
      releaseAndAbandon(order, text, hint);
  });
}

void StationController::releaseAndAbandon(const packing::ClaimedOrder &order, const QString &text, const QString &hint)
{
  if (Status released = m_settings.workflow->release(order); !released) // a lost lease has nothing to release
    qCInfo(lcController).noquote() << "release after a refusal:" << released.error().message;
  abandonOrder(text, hint);
}

void StationController::abandonOrder(const QString &text, const QString &hint)
{
  stopWaitingForLabels();
  m_keepAlive->stop();
  m_idleRelease->stop();
  m_leaseLapsed = false;
  m_finishedOffline = false;
  m_heldOffline = false;
  closeSession();
  m_order.reset();
  showQueue();
  m_standingNotice = Notice{Notice::Where::Queue, Tone::Error, text, hint, Cue::Unknown};
  Q_EMIT notice(*m_standingNotice);
}

void StationController::keepLeaseAlive()
{
  keepPrefetchAlive();
  if (!m_order || !m_settings.workflow || !holdsOrder()) {
    if (!m_prefetched)
      m_keepAlive->stop();
    return;
  }
  if (m_offline)
    return; // renewed as soon as the database is back
  if (m_leaseLapsed) {
    m_keepAlive->stop();
    return;
  }
  Status alive = m_settings.workflow->keepAlive(*m_order);
  if (alive)
    return;
  qCWarning(lcController).noquote() << "lease not renewed:" << alive.error().message;
  noteDatabaseError(alive.error());
  if (alive.error().kind == ErrorKind::Conflict) { // a database hiccup retries on the next tick
    const auto [text, hint] = refusalWording(
        Refused::Work, tr("This order was taken back — stop packing it"),
        tr("Put its items back on the shelf: it went back to the queue and is packed again from the start"));
    abandonOrder(text, hint);
  }
}

void StationController::orderChanged(qint64 fulfillmentOrderId)
{
  if (m_prefetched && m_prefetched->fulfillmentOrderId == fulfillmentOrderId && !m_offline) {
    // Claimed ahead and changed or cancelled: given back as it is (a changed order is packed afresh), another taken.
    dropPrefetched(true, QStringLiteral("the order changed at the hub"));
    QTimer::singleShot(0, this, &StationController::prefetchNext);
  }
  refreshQueue();
  if (!m_order || m_order->fulfillmentOrderId != fulfillmentOrderId || !holdsOrder())
    return;
  const auto stopped = whyNoLongerOurs(); // before the release below puts a changed order back in the queue
  if (m_settings.workflow) { // a changed order goes back to be packed afresh; a cancelled one stays cancelled
    if (Status released = m_settings.workflow->release(*m_order); !released)
      qCWarning(lcController).noquote() << "release after change failed:" << released.error().message;
  }
  if (stopped) {
    abandonOrder(stopped->first, stopped->second);
    return;
  }
  const QString name = m_session ? m_session->header().orderName : QString();
  abandonOrder(name.isEmpty() ? tr("Order changed or cancelled — stop packing")
                              : tr("Order %1 changed or cancelled — stop packing").arg(name),
               tr("Put the items back and press F8"));
}

void StationController::sessionHeld(const QString &reason)
{
  if (packsOffline()) { // journaled; recorded when the database is back (stationofflinefinish.cpp)
    holdOffline(reason);
    return;
  }
  if (m_order && m_settings.workflow) {
    if (Status held = m_settings.workflow->hold(*m_order, reason); !held) {
      qCWarning(lcController).noquote() << "hold not recorded:" << held.error().message;
      if ((held.error().kind == ErrorKind::Unavailable && m_settings.supervisor) ||
          held.error().kind == ErrorKind::SignedOut)
        m_unrecordedHold = reason; // put on hold once the database is back or someone signs in again
      if (m_unrecordedHold && held.error().kind == ErrorKind::Unavailable)
        // Later: the session's own ON HOLD feedback follows this signal and would cover the warning.
        QTimer::singleShot(0, this, [this]() {
          if (m_unrecordedHold)
            say(Notice::Where::Pack, Tone::Error, tr("On hold — but NOT recorded yet"),
                tr("The database is unavailable; the order is put on hold as soon as it is back. Keep the box on "
                   "the bench."));
        });
      noteDatabaseError(held.error());
      endedSignIn(held.error());
      if (held.error().kind == ErrorKind::Conflict) { // cancelled or taken back: the items go back, not on the shelf
        const auto [text, hint] =
            refusalWording(Refused::Hold, tr("This order was NOT put on hold"), held.error().message);
        abandonLater(*m_order, text, hint);
      }
    }
  }
  refreshQueue();
}

void StationController::signOut()
{
  if (!m_packer)
    return;
  QString released;
  if (holdsOrder() && m_order && m_settings.workflow) {
    // The attempt ends here: whoever packs the order next starts from zero, so the box is emptied now.
    released = m_session->header().orderName;
    if (Status done = m_settings.workflow->release(*m_order); !done)
      qCWarning(lcController).noquote() << "release failed:" << done.error().message;
  }
  dropPrefetched(true, QStringLiteral("the packer signed out"));
  endSignIn();
  closeLeadApproval();
  stopWaitingForLabels();
  m_idleRelease->stop();
  m_leaseLapsed = false;
  m_keepAlive->stop();
  closeSession();
  m_order.reset();
  m_unrecordedFinish.reset();
  m_unrecordedHold.reset();
  m_finishedOffline = false;
  m_heldOffline = false;
  m_landing.reset(); // its journal lands when this station's claim on it is resumed at the next sign-in
  m_packer.reset();
  m_lastFinished = 0;
  m_standingNotice.reset();
  m_idleTimer->stop();
  Q_EMIT packerChanged();
  setScreen(Screen::SignIn);
  Q_EMIT signInRequired(
      released.isEmpty()
          ? tr("Signed out")
          : tr("Signed out · order %1 went back to the queue: put its items back on the shelf").arg(released));
}

void StationController::lock()
{
  if (!m_packer || m_locked)
    return;
  lockBench();
  Q_EMIT signInRequired(tr("Locked after %n minute(s) without activity", nullptr, m_settings.idleLockMinutes));
}

void StationController::lockBench()
{
  m_locked = true;
  closeLeadApproval();
  if (((holdsOrder() && m_order && m_order->claimId) || m_prefetched) && m_settings.workflow) {
    m_idleRelease->setInterval(int(std::max<qint64>(0, m_settings.idleRelease.count())));
    m_idleRelease->start(); // renewing the lease for a bench nobody is at would keep the order forever
  }
  setScreen(Screen::SignIn);
}

QString StationController::stopForShutdown()
{
  m_keepAlive->stop();
  m_idleTimer->stop();
  m_stopping = true;
  const QString settled = settleOrderForShutdown();
  dropPrefetched(true, QStringLiteral("the station is stopping")); // never scanned: back to the queue at once
  endSignIn(); // the token dies with the process; the database forgets it too
  return settled;
}

QString StationController::settleOrderForShutdown()
{
  if (!m_order)
    return QStringLiteral("no order open");
  const packing::ClaimedOrder order = *m_order;
  const QString which = QStringLiteral("order (fulfillment order %1)").arg(order.fulfillmentOrderId);
  if (m_unrecordedFinish || m_unrecordedHold)
    return which + QStringLiteral(" was finished or held while the database was away and is NOT recorded; "
                                  "its claim stays until its lease runs out");
  if (m_finishedOffline)
    return which + QStringLiteral(" was finished offline: its journal lands when the order is opened here again");
  if (!hasOpenSession() || !order.claimId || !m_settings.workflow)
    return which + QStringLiteral(" is not claimed by this station");
  if (m_session->verifiedTotal() > 0)
    return which + QStringLiteral(" has scans: its claim stays, to be resumed here or to expire with its lease");
  if (Status released = m_settings.workflow->release(order); !released)
    return which + QStringLiteral(" could not be released (%1); its lease runs out").arg(released.error().message);
  closeSession();
  m_order.reset();
  return which + QStringLiteral(" had no scans and went back to the queue");
}

} // namespace pb::station
