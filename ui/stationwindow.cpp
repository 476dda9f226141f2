// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/stationwindow.h"

#include "core/db/connectionsupervisor.h"
#include "ui/feedbacksounds.h"
#include "ui/leadapprovalpanel.h"
#include "ui/packview.h"
#include "ui/queuetablemodel.h"
#include "ui/scannerinputfilter.h"
#include "ui/signinview.h"
#include "ui/statusbanner.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLoggingCategory>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcStationWindow, "packbench.ui.stationwindow")
constexpr int kFallbackPollMs = 30'000; // LISTEN/NOTIFY does the fast path; this catches anything missed
} // namespace

StationWindow::StationWindow(QSqlDatabase db, const Clock &clock, StationIdentity identity, StationOptions options,
                             QWidget *parent)
    : QMainWindow(parent)
    , m_db(std::move(db))
    , m_clock(clock)
    , m_identity(std::move(identity))
    , m_options(std::move(options))
    , m_decoder(m_options.decoder)
{
  setObjectName(QStringLiteral("stationWindow"));
  m_sounds = new FeedbackSounds(m_options.sounds, this);
  buildUi();
  refreshQueue();
  m_fallbackPoll = new QTimer(this);
  m_fallbackPoll->setInterval(kFallbackPollMs);
  connect(m_fallbackPoll, &QTimer::timeout, this, &StationWindow::refreshQueue);
  m_fallbackPoll->start();
  m_keepAlive = new QTimer(this);
  m_keepAlive->setInterval(m_options.keepAliveInterval);
  connect(m_keepAlive, &QTimer::timeout, this, &StationWindow::keepLeaseAlive);

  m_scanner = new ScannerInputFilter(m_inputClock, m_options.wedge, this);
  connect(m_scanner, &ScannerInputFilter::scanned, this, &StationWindow::handleScan);
  m_scanner->install();
  m_idleTimer = new QTimer(this);
  m_idleTimer->setSingleShot(true);
  m_idleTimer->setInterval(std::max(1, m_options.idleLockMinutes) * 60'000);
  connect(m_idleTimer, &QTimer::timeout, this, &StationWindow::lock);
  m_idleRelease = new QTimer(this);
  m_idleRelease->setSingleShot(true);
  connect(m_idleRelease, &QTimer::timeout, this, &StationWindow::letLeaseLapse);
  connect(m_scanner, &ScannerInputFilter::activity, this, [this]() {
    if (m_options.idleLockMinutes > 0 && m_packer && !m_locked)
      m_idleTimer->start();
  });
  if (db::ConnectionSupervisor *supervisor = m_options.supervisor) {
    // Queued: an outage is often noticed inside a pack session's own signal, which must not be torn down there.
    connect(supervisor, &db::ConnectionSupervisor::unavailable, this, &StationWindow::databaseUnavailable,
            Qt::QueuedConnection);
    connect(supervisor, &db::ConnectionSupervisor::restored, this, &StationWindow::databaseRestored,
            Qt::QueuedConnection);
    connect(supervisor, &db::ConnectionSupervisor::reconnectFailed, this, [this](int rounds, qint64 nextMs) {
      if (m_offline)
        statusBar()->showMessage(tr("Database unavailable · reconnect attempt %1 failed · next attempt in %2 s")
                                     .arg(rounds)
                                     .arg(double(nextMs) / 1000.0, 0, 'f', 1));
    });
  }
}

StationWindow::~StationWindow() = default;

void StationWindow::buildUi()
{
  setWindowTitle(tr("Packbench — %1").arg(m_identity.stationName));
  auto *central = new QWidget(this);
  auto *layout = new QVBoxLayout(central);
  layout->setContentsMargins(16, 12, 16, 12);
  layout->setSpacing(12);

  auto *header = new QHBoxLayout;
  auto *title = new QLabel(tr("<b>Packbench</b> · station %1").arg(m_identity.stationName.toHtmlEscaped()), central);
  QFont titleFont = title->font();
  titleFont.setPointSize(16);
  title->setFont(titleFont);
  header->addWidget(title);
  header->addStretch();
  m_packerLabel = new QLabel(central);
  m_packerLabel->setObjectName(QStringLiteral("packerLabel"));
  m_packerLabel->setFont(titleFont);
  header->addWidget(m_packerLabel);
  layout->addLayout(header);

  m_databaseBanner = new StatusBanner(central);
  m_databaseBanner->setObjectName(QStringLiteral("databaseBanner"));
  m_databaseBanner->setFocusPolicy(Qt::StrongFocus); // holds focus while the pages are disabled, so scans arrive
  m_databaseBanner->setVisible(false);
  layout->addWidget(m_databaseBanner);

  m_pages = new QStackedWidget(central);
  m_signIn = new SignInView(m_db, m_pages);
  connect(m_signIn, &SignInView::signedIn, this, &StationWindow::signedIn);
  m_pages->addWidget(m_signIn);
  m_queuePage = buildQueuePage();
  m_pages->addWidget(m_queuePage);
  m_packView = new PackView(m_clock, *m_sounds, m_pages);
  connect(m_packView, &PackView::finished, this, &StationWindow::sessionFinished);
  connect(m_packView, &PackView::holdRequested, this, &StationWindow::sessionHeld);
  m_pages->addWidget(m_packView);
  layout->addWidget(m_pages, 1);
  setCentralWidget(central);

  auto *refresh = new QAction(tr("&Refresh queue"), this);
  refresh->setShortcut(QKeySequence::Refresh);
  connect(refresh, &QAction::triggered, this, &StationWindow::refreshQueue);
  addAction(refresh);
  auto *next = new QAction(tr("Take &next order"), this);
  next->setShortcut(Qt::Key_F8);
  connect(next, &QAction::triggered, this, &StationWindow::takeNextOrder);
  addAction(next);
  auto *signOutAction = new QAction(tr("Sign &out"), this);
  signOutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  connect(signOutAction, &QAction::triggered, this, &StationWindow::signOut);
  addAction(signOutAction);

  statusBar()->showMessage(m_identity.databaseLabel);
  m_pages->setCurrentWidget(m_signIn);
  resize(1180, 760);
}

QWidget *StationWindow::buildQueuePage()
{
  auto *page = new QWidget(m_pages);
  auto *layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(12);
  m_banner = new StatusBanner(page);
  layout->addWidget(m_banner);

  auto *row = new QHBoxLayout;
  m_countLabel = new QLabel(page);
  m_countLabel->setObjectName(QStringLiteral("queueCountLabel"));
  QFont countFont = m_countLabel->font();
  countFont.setPointSize(13);
  m_countLabel->setFont(countFont);
  row->addWidget(m_countLabel, 1);
  auto *locationLabel = new QLabel(tr("&Warehouse:"), page);
  m_locationCombo = new QComboBox(page);
  m_locationCombo->setObjectName(QStringLiteral("locationCombo"));
  m_locationCombo->setAccessibleName(tr("Warehouse"));
  m_locationCombo->setMinimumWidth(260);
  locationLabel->setBuddy(m_locationCombo);
  row->addWidget(locationLabel);
  row->addWidget(m_locationCombo);
  layout->addLayout(row);

  m_model = new QueueTableModel(m_clock, this);
  m_table = new QTableView(page);
  m_table->setObjectName(QStringLiteral("queueTable"));
  m_table->setAccessibleName(tr("Orders waiting"));
  m_table->setModel(m_model);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setAlternatingRowColors(true);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  QFont tableFont = m_table->font();
  tableFont.setPointSize(13);
  m_table->setFont(tableFont);
  m_table->verticalHeader()->setDefaultSectionSize(34);
  connect(m_table, &QTableView::activated, this, &StationWindow::takeSelectedOrder);
  layout->addWidget(m_table, 1);

  m_leadPanel = new LeadApprovalPanel(page);
  connect(m_leadPanel, &LeadApprovalPanel::approvalGiven, this, &StationWindow::leadApproved);
  connect(m_leadPanel, &LeadApprovalPanel::cancelled, this, &StationWindow::closeLeadPanel);
  layout->addWidget(m_leadPanel);

  auto *keys = new QLabel(tr("F8 take the next order · Enter pack the selected order · F5 refresh · "
                             "Ctrl+Q or scan SIGN OUT to sign out"),
                          page);
  keys->setObjectName(QStringLiteral("queueKeysLabel"));
  QFont keysFont = keys->font();
  keysFont.setPointSize(13);
  keys->setFont(keysFont);
  layout->addWidget(keys);

  connect(m_locationCombo, &QComboBox::currentIndexChanged, this, &StationWindow::refreshQueue);
  setTabOrder(m_table, m_locationCombo);
  return page;
}

bool StationWindow::loadLocations()
{
  auto locations = queue::listLocations(m_db, m_identity.shopId);
  if (!locations) {
    noteDatabaseError(locations.error());
    m_banner->show(StatusBanner::Tone::Error, tr("Database problem: cannot read warehouses"));
    qCWarning(lcStationWindow).noquote() << locations.error().message;
    return false;
  }
  m_locations = *locations;
  const QSignalBlocker blocker(m_locationCombo);
  m_locationCombo->clear();
  int selected = 0;
  for (int i = 0; i < m_locations.size(); ++i) {
    const queue::Location &l = m_locations.at(i);
    m_locationCombo->addItem(QStringLiteral("%1 — %2").arg(l.code, l.name), l.id);
    if (m_identity.locationId ? l.id == *m_identity.locationId : l.code == m_identity.locationCode)
      selected = i;
  }
  m_locationCombo->setCurrentIndex(selected);
  return true;
}

qint64 StationWindow::currentLocationId() const
{
  return m_locationCombo->currentData().toLongLong();
}

void StationWindow::refreshQueue()
{
  if (m_offline)
    return; // the list stays as it was; it is read again once the database is back
  if (m_locations.isEmpty()) {
    if (!loadLocations())
      return; // the banner already says why
    if (m_locations.isEmpty()) {
      m_banner->show(StatusBanner::Tone::Warning, tr("No warehouses configured"));
      return;
    }
  }
  auto orders = queue::listWaitingOrders(m_db, currentLocationId());
  if (!orders) {
    noteDatabaseError(orders.error());
    m_banner->show(StatusBanner::Tone::Error, tr("Database problem: the queue could not be read"));
    qCWarning(lcStationWindow).noquote() << orders.error().message;
    return;
  }
  m_model->setOrders(*orders);
  const int count = static_cast<int>(orders->size());
  m_countLabel->setText(tr("%n order(s) waiting at %1", nullptr, count).arg(m_locationCombo->currentText()));
  if (count == 0)
    m_banner->show(StatusBanner::Tone::Good, tr("All caught up — nothing to pack"));
  else
    m_banner->show(StatusBanner::Tone::Neutral, tr("Ready · next: %1").arg(orders->first().orderName),
                   tr("Press F8 to take it"));
}

void StationWindow::handleScan(const QString &raw)
{
  const scanning::DecodedScan scan = m_decoder.decode(raw);
  using scanning::ScanKind;
  if (m_offline) { // refused outright: nothing is half-written, and the packer hears it did not count
    showOutage(tr("✖ NOT COUNTED — database unavailable, reconnecting…"));
    m_sounds->play(FeedbackSounds::Cue::Unknown);
    return;
  }
  if (m_pages->currentWidget() == m_signIn) {
    if (scan.kind == ScanKind::Badge)
      m_signIn->badgeScanned(scan.argument);
    else
      m_signIn->reset(tr("That was not a badge"));
    return;
  }
  if (scan.kind == ScanKind::Command && scan.command == scanning::ScanCommand::SignOut) {
    signOut();
    return;
  }
  if (m_pages->currentWidget() == m_packView) {
    if (scan.kind == ScanKind::Command && scan.command == scanning::ScanCommand::Reprint) {
      if (m_order)
        Q_EMIT reprintRequested(m_order->fulfillmentOrderId);
      return;
    }
    if (scan.kind == ScanKind::Command && scan.command == scanning::ScanCommand::Manual) {
      m_packView->showManualEntry();
      return;
    }
    m_packView->handleScan(scan);
    return;
  }
  if (scan.kind == ScanKind::Badge && m_leadPanel->isVisible()) {
    m_leadPanel->badgeScanned(scan.argument); // the lead approves a take-over or a released hold
    return;
  }
  if (scan.kind == ScanKind::Badge && (!m_packer || scan.argument != m_packer->badgeId)) {
    m_signIn->badgeScanned(scan.argument); // another packer takes over the bench
    return;
  }
  m_banner->show(StatusBanner::Tone::Warning, tr("No order open"), tr("Press F8 to take the next order"));
  m_sounds->play(FeedbackSounds::Cue::Notice);
}

void StationWindow::signedIn(const packing::Packer &packer)
{
  const bool samePacker = m_packer && m_packer->id == packer.id;
  m_packer = packer;
  m_locked = false;
  m_idleRelease->stop();
  m_packerLabel->setText(tr("Packer: <b>%1</b>").arg(packer.name.toHtmlEscaped()));
  qCInfo(lcStationWindow) << "packer" << packer.id << "signed in";
  if (m_options.idleLockMinutes > 0)
    m_idleTimer->start();
  if (m_leaseLapsed && !reclaimLapsedLease())
    return; // the order went back to the queue while the station was locked
  if (hasOpenSession() && !samePacker && m_order) {
    // The next packer continues the order under their own name, from the recorded scans.
    m_packView->takeSession();
    openOrder(*m_order);
    return;
  }
  if (hasOpenSession()) {
    m_pages->setCurrentWidget(m_packView);
    m_packView->setFocus();
    return;
  }
  showQueue();
}

void StationWindow::showQueue()
{
  refreshQueue();
  m_pages->setCurrentWidget(m_queuePage);
  m_table->setFocus();
  if (m_model->rowCount() > 0 && !m_table->currentIndex().isValid())
    m_table->selectRow(0);
}

bool StationWindow::hasOpenSession() const
{
  const packing::PackSession *session = m_packView->session();
  return session && (session->state() == packing::PackSession::State::Packing ||
                     session->state() == packing::PackSession::State::Blocked);
}

bool StationWindow::openOrder(const packing::ClaimedOrder &order)
{
  if (!m_packer)
    return false;
  auto session = packing::PackSession::open(m_db, m_clock, order.fulfillmentOrderId,
                                            {m_packer->id, order.claimId, m_options.stationId}, m_options.pack);
  if (!session) {
    qCWarning(lcStationWindow).noquote() << "cannot open order:" << session.error().message;
    noteDatabaseError(session.error());
    m_banner->show(StatusBanner::Tone::Error, tr("This order cannot be packed now"),
                   session.error().kind == ErrorKind::Conflict ? tr("It was packed or cancelled meanwhile")
                                                               : tr("Database problem — call the lead"));
    m_sounds->play(FeedbackSounds::Cue::Unknown);
    showQueue();
    return false;
  }
  m_order = order;
  m_order->orderVersion = (*session)->header().version; // what the packer is shown is what they pack against
  m_leaseLapsed = false;
  connect(session->get(), &packing::PackSession::feedbackGiven, this, [this](const packing::ScanFeedback &feedback) {
    if (feedback.outcome == packing::Outcome::Failed) // not saved: find out now whether the database is gone
      noteDatabaseError(makeError(ErrorKind::Unavailable, feedback.detail));
  });
  if (m_options.workflow && order.claimId)
    m_keepAlive->start();
  m_packView->setSession(std::move(session).value());
  m_pages->setCurrentWidget(m_packView);
  m_packView->setFocus();
  return true;
}

void StationWindow::takeNextOrder()
{
  if (!m_packer || m_locked || m_offline || m_stopping || hasOpenSession())
    return;
  if (!m_options.workflow) {
    if (m_model->rowCount() > 0)
      openOrder({m_model->orders().first().fulfillmentOrderId, std::nullopt});
    return;
  }
  auto taken = m_options.workflow->takeNext(currentLocationId(), *m_packer);
  if (!taken) {
    noteDatabaseError(taken.error());
    showQueue();
    if (taken.error().kind == ErrorKind::NotFound)
      m_banner->show(StatusBanner::Tone::Good, tr("All caught up — nothing to pack"));
    else
      m_banner->show(StatusBanner::Tone::Error, tr("Could not take an order"), tr("Try again or call the lead"));
    return;
  }
  openOrder(*taken);
}

void StationWindow::takeSelectedOrder()
{
  const QModelIndex current = m_table->currentIndex();
  if (!m_packer || m_offline || m_stopping || !current.isValid() || hasOpenSession())
    return;
  const queue::WaitingOrder selected = m_model->orders().at(current.row());
  const qint64 id = selected.fulfillmentOrderId;
  if (!m_options.workflow) {
    openOrder({id, std::nullopt});
    return;
  }
  auto taken = m_options.workflow->take(id, *m_packer);
  if (!taken && taken.error().kind == ErrorKind::Conflict &&
      (selected.packState == u"claimed" || selected.packState == u"held")) {
    offerLeadAction(selected, taken.error()); // held, or another bench still has it: a lead may step in
    return;
  }
  if (!taken) {
    noteDatabaseError(taken.error());
    m_banner->show(StatusBanner::Tone::Warning, tr("Another station has this order"), tr("Press F8 for the next one"));
    refreshQueue();
    return;
  }
  openOrder(*taken);
}

void StationWindow::sessionFinished(bool partial)
{
  if (!m_order)
    return;
  m_keepAlive->stop();
  const packing::ClaimedOrder order = *m_order;
  if (m_options.workflow) {
    Status done = m_options.workflow->finish(order, partial);
    if (!done && done.error().kind == ErrorKind::Unavailable && m_options.supervisor) {
      // The finish is one transaction, so nothing of it was kept: record it once the database is back.
      qCWarning(lcStationWindow).noquote() << "finish not recorded yet:" << done.error().message;
      m_unrecordedFinish = partial;
      // Later: the session's own COMPLETE feedback follows this signal and would cover the warning.
      QTimer::singleShot(0, this, [this]() {
        if (m_unrecordedFinish)
          m_packView->banner()->show(StatusBanner::Tone::Error, tr("Complete — but NOT recorded yet"),
                                     tr("The database is unavailable; the order is recorded as packed as soon as "
                                        "it is back. Keep the box on the bench."));
      });
      noteDatabaseError(done.error());
      return;
    }
    if (!done) {
      qCWarning(lcStationWindow).noquote() << "finish not recorded:" << done.error().message;
      // Conflict messages say what changed and that the items go back (translated where they are made).
      const QString hint =
          done.error().kind == ErrorKind::Conflict ? done.error().message : tr("Database problem — call the lead");
      // Later: the session that emitted this is still on the stack and must not be destroyed under it.
      QTimer::singleShot(0, this, [this, order, hint]() {
        if (!m_order || m_order->fulfillmentOrderId != order.fulfillmentOrderId)
          return;
        if (Status released = m_options.workflow->release(order); !released) // a lost lease has nothing to release
          qCInfo(lcStationWindow).noquote() << "release after refused finish:" << released.error().message;
        abandonOrder(tr("This order was NOT recorded as packed"), hint);
      });
      return;
    }
  }
  orderRecorded(order, partial);
}

void StationWindow::orderRecorded(const packing::ClaimedOrder &order, bool partial)
{
  Q_EMIT orderFinished(order, partial);
  refreshQueue();
  if (m_options.autoPrint || m_options.autoPrintLabel) // after the pack view shows COMPLETE; the pack is committed
    QTimer::singleShot(0, this, [this, order]() { printDocumentsOf(order); });
}

void StationWindow::printDocumentsOf(const packing::ClaimedOrder &order)
{
  // Only warnings: the order is packed; the journal keeps a failed job for a reprint.
  bool slipFailed = false;
  bool labelFailed = false;
  QString slipProblem; // a slip that printed with characters missing: the packer must know what
  if (m_options.autoPrint) {
    if (auto slip = m_options.autoPrint(order.fulfillmentOrderId); !slip) {
      slipFailed = true;
      if (slip.error().kind == ErrorKind::InvalidInput) // its message names characters of the order: not logged
        slipProblem = slip.error().message;
      else
        qCWarning(lcStationWindow).noquote() << "slip not printed:" << slip.error().message;
    }
  }
  if (m_options.autoPrintLabel) {
    if (auto label = m_options.autoPrintLabel(order.fulfillmentOrderId); !label) {
      qCWarning(lcStationWindow).noquote() << "label not printed:" << label.error().message;
      labelFailed = true;
    }
  }
  if (!slipFailed && !labelFailed)
    return;
  QString headline = slipFailed && labelFailed ? tr("Packed — but the slip and the label did not print")
                     : slipFailed              ? tr("Packed — but the slip did not print")
                                               : tr("Packed — but the label did not print");
  QString hint = tr("The job is in the print journal; reprint it from there");
  if (!slipProblem.isEmpty()) {
    headline = labelFailed ? tr("Packed — but the slip is missing characters and the label did not print")
                           : tr("Packed — but the slip is missing characters");
    hint = slipProblem;
  }
  if (m_packView->session() && m_packView->session()->header().fulfillmentOrderId == order.fulfillmentOrderId)
    m_packView->banner()->show(StatusBanner::Tone::Warning, headline, hint);
  else
    m_banner->show(StatusBanner::Tone::Warning, headline, hint);
}

void StationWindow::abandonOrder(const QString &text, const QString &hint)
{
  m_keepAlive->stop();
  m_idleRelease->stop();
  m_leaseLapsed = false;
  m_packView->takeSession();
  m_order.reset();
  showQueue();
  m_banner->show(StatusBanner::Tone::Error, text, hint);
  m_sounds->play(FeedbackSounds::Cue::Unknown);
}

void StationWindow::keepLeaseAlive()
{
  if (!m_order || !m_options.workflow || !hasOpenSession()) {
    m_keepAlive->stop();
    return;
  }
  if (m_offline)
    return; // renewed as soon as the database is back
  if (m_leaseLapsed) {
    m_keepAlive->stop();
    return;
  }
  Status alive = m_options.workflow->keepAlive(*m_order);
  if (alive)
    return;
  qCWarning(lcStationWindow).noquote() << "lease not renewed:" << alive.error().message;
  noteDatabaseError(alive.error());
  if (alive.error().kind == ErrorKind::Conflict) // a database hiccup retries on the next tick
    abandonOrder(tr("This order was taken back — stop packing it"),
                 tr("Put its items back on the shelf: it went back to the queue and is packed again from the start"));
}

void StationWindow::orderChanged(qint64 fulfillmentOrderId)
{
  refreshQueue();
  if (!m_order || m_order->fulfillmentOrderId != fulfillmentOrderId || !hasOpenSession())
    return;
  if (m_options.workflow) { // a changed order goes back to be packed afresh; a cancelled one stays cancelled
    if (Status released = m_options.workflow->release(*m_order); !released)
      qCWarning(lcStationWindow).noquote() << "release after change failed:" << released.error().message;
  }
  abandonOrder(tr("Order changed or cancelled — stop packing"), tr("Put the items back and press F8"));
}

void StationWindow::sessionHeld(const QString &reason)
{
  if (m_order && m_options.workflow) {
    if (Status held = m_options.workflow->hold(*m_order, reason); !held) {
      qCWarning(lcStationWindow).noquote() << "hold not recorded:" << held.error().message;
      if (held.error().kind == ErrorKind::Unavailable && m_options.supervisor)
        m_unrecordedHold = reason; // put on hold once the database is back
      noteDatabaseError(held.error());
    }
  }
  refreshQueue();
}

void StationWindow::signOut()
{
  if (!m_packer)
    return;
  QString released;
  if (hasOpenSession() && m_order && m_options.workflow) {
    // The attempt ends here: whoever packs the order next starts from zero, so the box is emptied now.
    released = m_packView->session()->header().orderName;
    if (Status done = m_options.workflow->release(*m_order); !done)
      qCWarning(lcStationWindow).noquote() << "release failed:" << done.error().message;
  }
  closeLeadPanel();
  m_idleRelease->stop();
  m_leaseLapsed = false;
  m_keepAlive->stop();
  m_packView->takeSession();
  m_order.reset();
  m_unrecordedFinish.reset();
  m_unrecordedHold.reset();
  m_packer.reset();
  m_idleTimer->stop();
  m_packerLabel->clear();
  m_pages->setCurrentWidget(m_signIn);
  m_signIn->reset(
      released.isEmpty()
          ? tr("Signed out")
          : tr("Signed out · order %1 went back to the queue: put its items back on the shelf").arg(released));
}

void StationWindow::lock()
{
  if (!m_packer || m_locked)
    return;
  m_locked = true;
  closeLeadPanel();
  if (hasOpenSession() && m_options.workflow && m_order && m_order->claimId) {
    m_idleRelease->setInterval(int(std::max<qint64>(0, m_options.idleRelease.count())));
    m_idleRelease->start(); // renewing the lease for a bench nobody is at would keep the order forever
  }
  m_pages->setCurrentWidget(m_signIn);
  m_signIn->reset(tr("Locked after %n minute(s) without activity", nullptr, m_options.idleLockMinutes));
}

QString StationWindow::stopForShutdown()
{
  m_keepAlive->stop();
  m_idleTimer->stop();
  m_stopping = true;
  if (!m_order)
    return QStringLiteral("no order open");
  const packing::ClaimedOrder order = *m_order;
  const packing::PackSession *session = m_packView->session();
  const QString which = QStringLiteral("order (fulfillment order %1)").arg(order.fulfillmentOrderId);
  if (m_unrecordedFinish || m_unrecordedHold)
    return which + QStringLiteral(" was finished or held while the database was away and is NOT recorded; "
                                  "its claim stays until its lease runs out");
  if (!hasOpenSession() || !order.claimId || !m_options.workflow)
    return which + QStringLiteral(" is not claimed by this station");
  if (session && session->verifiedTotal() > 0)
    return which + QStringLiteral(" has scans: its claim stays, to be resumed here or to expire with its lease");
  if (Status released = m_options.workflow->release(order); !released)
    return which + QStringLiteral(" could not be released (%1); its lease runs out").arg(released.error().message);
  m_packView->takeSession();
  m_order.reset();
  return which + QStringLiteral(" had no scans and went back to the queue");
}

} // namespace pb::ui
