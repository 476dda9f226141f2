// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/stationwindow.h"

#include "ui/benchscreen.h"
#include "ui/benchtable.h"
#include "ui/feedbacksounds.h"
#include "ui/leadapprovalpanel.h"
#include "ui/packview.h"
#include "ui/printjobsmodel.h"
#include "ui/printjobsview.h"
#include "ui/queuetablemodel.h"
#include "ui/scannerinputfilter.h"
#include "ui/serialscannersource.h"
#include "ui/signinview.h"
#include "ui/statusbanner.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace pb::ui {

namespace {
station::StationSettings settingsFor(const StationIdentity &identity, const StationOptions &options)
{
  station::StationSettings settings;
  settings.workflow = options.workflow;
  settings.decoder = options.decoder;
  settings.pack = options.pack;
  settings.shopId = identity.shopId;
  settings.locationId = identity.locationId;
  settings.locationCode = identity.locationCode;
  settings.idleLockMinutes = options.idleLockMinutes;
  settings.idleRelease = options.idleRelease;
  settings.stationId = options.stationId;
  settings.stationName = identity.stationName;
  settings.keepAliveInterval = options.keepAliveInterval;
  settings.printer = options.printer;
  settings.autoPrint = options.autoPrint;
  settings.slipPrinter = options.slipPrinter;
  settings.labelPrinter = options.labelPrinter;
  settings.supervisor = options.supervisor;
  settings.offlineJournal = options.offlineJournal;
  settings.prefetch = options.prefetch;
  settings.carrierLabelFormat = options.carrierLabelFormat;
  settings.labelPdfPrinter = options.labelPdfPrinter;
  return settings;
}

StatusBanner::Tone toneOf(station::Tone tone)
{
  switch (tone) {
  case station::Tone::Neutral: return StatusBanner::Tone::Neutral;
  case station::Tone::Good: return StatusBanner::Tone::Good;
  case station::Tone::Warning: return StatusBanner::Tone::Warning;
  case station::Tone::Error: return StatusBanner::Tone::Error;
  }
  return StatusBanner::Tone::Neutral;
}

FeedbackSounds::Cue cueOf(station::Cue cue)
{
  switch (cue) {
  case station::Cue::None: return FeedbackSounds::Cue::None;
  case station::Cue::Good: return FeedbackSounds::Cue::Good;
  case station::Cue::WrongItem: return FeedbackSounds::Cue::WrongItem;
  case station::Cue::OverScan: return FeedbackSounds::Cue::OverScan;
  case station::Cue::Unknown: return FeedbackSounds::Cue::Unknown;
  case station::Cue::Complete: return FeedbackSounds::Cue::Complete;
  case station::Cue::Notice: return FeedbackSounds::Cue::Notice;
  }
  return FeedbackSounds::Cue::None;
}
// Something a lead must fix at this bench, white on red (the setup-warning strip, an unplugged serial scanner).
QString warningStyle(const QString &extra)
{
  return QStringLiteral("QLabel { color: white; background: #a51d2d; font-weight: bold; %1 }").arg(extra);
}

} // namespace

StationWindow::StationWindow(QSqlDatabase db, const Clock &clock, StationIdentity identity, StationOptions options,
                             QWidget *parent)
    : QMainWindow(parent)
    , m_clock(clock)
    , m_identity(std::move(identity))
{
  setObjectName(QStringLiteral("stationWindow"));
  m_controller = new station::StationController(std::move(db), clock, settingsFor(m_identity, options), this);
  m_sounds = new FeedbackSounds(options.sounds, this);
  buildUi();
  connectController();
  m_controller->refreshQueue();
  m_scanner = new ScannerInputFilter(m_inputClock, options.wedge, this);
  connect(m_scanner, &ScannerInputFilter::scanned, m_controller, &station::StationController::handleScan);
  connect(m_scanner, &ScannerInputFilter::activity, m_controller, &station::StationController::noteActivity);
  m_scanner->install();
}

StationWindow::~StationWindow()
{
  m_packView->setSession(nullptr); // the controller's session goes with it
}

void StationWindow::buildUi()
{
  setWindowTitle(tr("Packbench — %1").arg(m_identity.stationName));
  auto *central = new QWidget(this);
  auto *layout = new QVBoxLayout(central);
  layout->setContentsMargins(16, 12, 16, 12);
  layout->setSpacing(12);

  auto *header = new QHBoxLayout;
  auto *title = stationTitle(m_identity.stationName, central);
  header->addWidget(title);
  header->addStretch();
  m_packerLabel = new QLabel(central);
  m_packerLabel->setObjectName(QStringLiteral("packerLabel"));
  m_packerLabel->setFont(title->font());
  header->addWidget(m_packerLabel);
  layout->addLayout(header);

  m_databaseBanner = new StatusBanner(central);
  m_databaseBanner->setObjectName(QStringLiteral("databaseBanner"));
  m_databaseBanner->setFocusPolicy(Qt::StrongFocus); // holds focus while the pages are disabled, so scans arrive
  m_databaseBanner->setVisible(false);
  layout->addWidget(m_databaseBanner);

  m_pages = new QStackedWidget(central);
  m_signIn = new SignInView(m_pages);
  connect(m_signIn, &SignInView::signInRequested, m_controller, &station::StationController::signIn);
  m_pages->addWidget(m_signIn);
  m_queuePage = buildQueuePage();
  m_pages->addWidget(m_queuePage);
  m_packView = new PackView(m_clock, *m_sounds, *m_controller, m_pages);
  m_pages->addWidget(m_packView);
  layout->addWidget(m_pages, 1);
  // Above the status bar, not in it: a printer or journal problem needs the room to be read whole, in any language.
  m_setupWarnings = new QLabel(central);
  m_setupWarnings->setObjectName(QStringLiteral("setupWarnings"));
  m_setupWarnings->setTextFormat(Qt::PlainText);
  m_setupWarnings->setWordWrap(true);
  m_setupWarnings->setStyleSheet(
      warningStyle(QStringLiteral("font-size: 12pt; padding: 6px 10px; border-radius: 4px;")));
  m_setupWarnings->setVisible(false);
  layout->addWidget(m_setupWarnings);
  setCentralWidget(central);

  auto *refresh = new QAction(tr("&Refresh queue"), this);
  refresh->setShortcut(QKeySequence::Refresh);
  connect(refresh, &QAction::triggered, this, [this]() {
    m_controller->refreshQueueAsked(); // the packer asked: a standing notice has been read
    if (isShowingPrintJobs())
      m_printJobs->refresh();
  });
  addAction(refresh);
  auto *next = new QAction(tr("Take &next order"), this);
  next->setShortcut(Qt::Key_F8);
  connect(next, &QAction::triggered, this, &StationWindow::takeNextOrder);
  addAction(next);
  auto *signOutAction = new QAction(tr("Sign &out"), this);
  signOutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  connect(signOutAction, &QAction::triggered, this, &StationWindow::signOut);
  addAction(signOutAction);
  auto *printJobs = new QAction(tr("&Print jobs"), this);
  printJobs->setShortcut(Qt::Key_F4);
  connect(printJobs, &QAction::triggered, this, [this]() { showPrintJobs(!isShowingPrintJobs()); });
  // Only on the queue page: on the pack screen F4 is "hold" (a window-wide shortcut would swallow it).
  printJobs->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  m_queuePage->addAction(printJobs);
  // The end of day: a lead's approval, then the carrier manifests and the driver hand-off sheet print here.
  auto *endOfDay = new QAction(tr("&End of day"), this);
  endOfDay->setShortcut(Qt::Key_F10);
  endOfDay->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  connect(endOfDay, &QAction::triggered, m_controller, &station::StationController::requestEndOfDay);
  m_queuePage->addAction(endOfDay);

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
  m_banner->setObjectName(QStringLiteral("queueBanner"));
  layout->addWidget(m_banner);

  auto *row = new QHBoxLayout;
  m_countLabel = new QLabel(page);
  m_countLabel->setTextFormat(Qt::PlainText); // it names the warehouse as Shopify does
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
  setUpBenchTable(m_table, QStringLiteral("queueTable"), tr("Orders waiting"), m_model);
  connect(m_table, &QTableView::activated, this, &StationWindow::takeSelectedOrder);
  m_queueLists = new QStackedWidget(page);
  m_queueLists->addWidget(m_table);
  m_printJobs = new PrintJobsView(*m_controller, m_queueLists);
  connect(m_printJobs, &PrintJobsView::closeRequested, this, [this]() { showPrintJobs(false); });
  m_queueLists->addWidget(m_printJobs);
  layout->addWidget(m_queueLists, 1);

  m_leadPanel = new LeadApprovalPanel(page);
  connect(m_leadPanel, &LeadApprovalPanel::approvalGiven, m_controller, &station::StationController::approveAsLead);
  connect(m_leadPanel, &LeadApprovalPanel::cancelled, m_controller, &station::StationController::cancelLeadApproval);
  layout->addWidget(m_leadPanel);

  m_keysLabel = new QLabel(tr("F8 take the next order · Enter pack the selected order · F5 refresh · "
                              "F4 print jobs · F10 end of day · Ctrl+Q or scan SIGN OUT to sign out"),
                           page);
  m_keysLabel->setObjectName(QStringLiteral("queueKeysLabel"));
  m_keysLabel->setWordWrap(true); // one line in English at 1280 px, two in German or on a 1024 px bench screen
  QFont keysFont = m_keysLabel->font();
  keysFont.setPointSize(13);
  m_keysLabel->setFont(keysFont);
  layout->addWidget(m_keysLabel);

  connect(m_locationCombo, &QComboBox::currentIndexChanged, m_controller, &station::StationController::selectLocation);
  setTabOrder(m_table, m_locationCombo);
  return page;
}

void StationWindow::connectController()
{
  using station::StationController;
  connect(m_controller, &StationController::screenChanged, this, &StationWindow::showScreen);
  connect(m_controller, &StationController::notice, this, &StationWindow::showNotice);
  connect(m_controller, &StationController::queueChanged, this, &StationWindow::showQueueChanged);
  connect(m_controller, &StationController::databaseAvailabilityChanged, this,
          &StationWindow::showDatabaseAvailability);
  connect(m_controller, &StationController::statusMessage, this,
          [this](const QString &text) { statusBar()->showMessage(text.isEmpty() ? m_identity.databaseLabel : text); });
  connect(m_controller, &StationController::signInRequired, m_signIn, &SignInView::reset);
  connect(m_controller, &StationController::badgeSelected, m_signIn, &SignInView::badgeScanned);
  connect(m_controller, &StationController::signInRefused, m_signIn, &SignInView::refuse);
  connect(m_controller, &StationController::packerChanged, this, [this]() {
    const auto &packer = m_controller->packer();
    m_packerLabel->setText(packer ? tr("Packer: <b>%1</b>").arg(packer->name.toHtmlEscaped()) : QString());
  });
  connect(m_controller, &StationController::sessionChanged, m_packView, &PackView::setSession);
  connect(m_controller, &StationController::manualEntryRequested, m_packView, &PackView::showManualEntry);
  connect(m_controller, &StationController::leadApprovalRequested, m_leadPanel, &LeadApprovalPanel::ask);
  connect(m_controller, &StationController::leadApprovalRefused, m_leadPanel, &LeadApprovalPanel::refuse);
  connect(m_controller, &StationController::leadBadgeScanned, this, [this](const QString &badge) {
    if (m_leadPanel->isVisible())
      m_leadPanel->badgeScanned(badge);
    else
      m_packView->leadBadgeScanned(badge);
  });
  connect(m_controller, &StationController::leadApprovalClosed, this, [this]() {
    m_leadPanel->hide();
    if (m_pages->currentWidget() == m_queuePage && isShowingPrintJobs())
      m_printJobs->focusList();
    else if (m_pages->currentWidget() == m_queuePage)
      m_table->setFocus();
  });
  connect(m_controller, &StationController::printJobsChanged, this, [this]() {
    if (isShowingPrintJobs())
      m_printJobs->refresh();
  });
  connect(m_controller, &StationController::orderFinished, this, &StationWindow::orderFinished);
}

void StationWindow::showScreen(station::Screen screen)
{
  switch (screen) {
  case station::Screen::SignIn:
    showPrintJobs(false);
    m_pages->setCurrentWidget(m_signIn);
    break;
  case station::Screen::Queue:
    m_pages->setCurrentWidget(m_queuePage);
    if (isShowingPrintJobs()) {
      m_printJobs->focusList();
      break;
    }
    m_table->setFocus();
    if (m_model->rowCount() > 0 && !m_table->currentIndex().isValid())
      m_table->selectRow(0);
    break;
  case station::Screen::Pack:
    showPrintJobs(false);
    m_pages->setCurrentWidget(m_packView);
    m_packView->setFocus();
    break;
  }
}

void StationWindow::showNotice(const station::Notice &notice)
{
  if (!notice.headline.isEmpty()) {
    StatusBanner *banner = notice.where == station::Notice::Where::Pack       ? m_packView->banner()
                           : notice.where == station::Notice::Where::Database ? m_databaseBanner
                                                                              : m_banner;
    banner->show(toneOf(notice.tone), notice.headline, notice.hint);
  }
  if (notice.cue != station::Cue::None)
    m_sounds->play(cueOf(notice.cue));
}

void StationWindow::showQueueChanged()
{
  const QList<queue::Location> &locations = m_controller->locations();
  if (m_locationCombo->count() != locations.size()) {
    const QSignalBlocker blocker(m_locationCombo);
    m_locationCombo->clear();
    for (const queue::Location &l : locations)
      m_locationCombo->addItem(QStringLiteral("%1 — %2").arg(l.code, l.name), l.id);
  }
  if (m_locationCombo->currentIndex() != m_controller->currentLocationIndex()) {
    const QSignalBlocker blocker(m_locationCombo);
    m_locationCombo->setCurrentIndex(m_controller->currentLocationIndex());
  }
  m_model->setOrders(m_controller->waitingOrders());
  if (isShowingPrintJobs())
    return; // the label names the print jobs
  const int count = static_cast<int>(m_controller->waitingOrders().size());
  m_countLabel->setText(tr("%n order(s) waiting at %1", nullptr, count).arg(m_locationCombo->currentText()));
}

void StationWindow::showDatabaseAvailability(bool available)
{
  const bool packingOffline = !available && m_controller->canPackOffline(); // the pack screen keeps working
  m_pages->setEnabled(available || packingOffline);
  m_databaseBanner->setVisible(!available);
  if (!available && !packingOffline) {
    m_databaseBanner->setFocus(); // holds focus while the pages are disabled, so scans arrive
    return;
  }
  if (available)
    statusBar()->showMessage(m_identity.databaseLabel);
  if (m_pages->currentWidget() == m_queuePage)
    m_table->setFocus();
  else if (m_pages->currentWidget())
    m_pages->currentWidget()->setFocus();
}

bool StationWindow::isShowingPrintJobs() const
{
  return m_queueLists->currentWidget() == m_printJobs;
}

void StationWindow::showPrintJobs(bool show)
{
  if (show && (m_pages->currentWidget() != m_queuePage || !m_controller->packer()))
    return; // only from the orders waiting, with someone signed in
  m_queueLists->setCurrentWidget(show ? static_cast<QWidget *>(m_printJobs) : m_table);
  m_keysLabel->setVisible(!show); // the list has its own keys line; two of them crowded a small screen
  if (show) {
    m_printJobs->refresh();
    if (m_printJobs->model()->rowCount() > 0) // opened afresh: the newest job first
      m_printJobs->table()->selectRow(0);
    m_printJobs->focusList();
    m_countLabel->setText(tr("Print jobs at this bench, newest first"));
  } else {
    showQueueChanged();
    if (m_pages->currentWidget() == m_queuePage)
      m_table->setFocus();
  }
}

void StationWindow::takeSelectedOrder()
{
  const QModelIndex current = m_table->currentIndex();
  if (current.isValid() && current.row() < m_model->orders().size())
    m_controller->takeOrder(m_model->orders().at(current.row()).fulfillmentOrderId);
}

bool StationWindow::isDatabaseAvailable() const
{
  return m_controller->isDatabaseAvailable();
}

const std::optional<packing::Packer> &StationWindow::packer() const
{
  return m_controller->packer();
}

bool StationWindow::openOrder(const packing::ClaimedOrder &order)
{
  return m_controller->openOrder(order);
}

void StationWindow::showSetupWarning(const QString &text)
{
  const QString shown = m_setupWarnings->text();
  m_setupWarnings->setText(shown.isEmpty() ? text : shown + QLatin1Char('\n') + text);
  m_setupWarnings->setVisible(true);
}

void StationWindow::attachSerialScanner(SerialScannerSource *scanner)
{
  connect(scanner, &SerialScannerSource::scanned, this, &StationWindow::handleScan);
  if (!m_scannerLabel) {
    m_scannerLabel = new QLabel(this);
    m_scannerLabel->setTextFormat(Qt::PlainText);
    m_scannerLabel->setObjectName(QStringLiteral("scannerState"));
    statusBar()->addPermanentWidget(m_scannerLabel);
  }
  // Until it says otherwise: a scanner that never answers is as good as unplugged.
  m_scannerLabel->setText(tr("Scanner: looking for it…"));
  connect(scanner, &SerialScannerSource::connectionChanged, this, [this](bool connected, const QString &port) {
    // Unplugged, it beeps at the packer as if all were well: the status bar says its codes go nowhere.
    m_scannerLabel->setText(connected ? tr("Scanner on %1").arg(port)
                                      : tr("Scanner on %1 NOT connected — check its cable").arg(port));
    m_scannerLabel->setStyleSheet(connected ? QString() : warningStyle(QStringLiteral("padding: 2px 8px;")));
  });
}

QString StationWindow::stopForShutdown()
{
  return m_controller->stopForShutdown();
}

void StationWindow::refreshQueue()
{
  m_controller->refreshQueue();
  if (isShowingPrintJobs())
    m_printJobs->refresh();
}

void StationWindow::handleScan(const QString &raw)
{
  m_controller->handleScan(raw);
}

void StationWindow::takeNextOrder()
{
  m_controller->takeNextOrder();
}

void StationWindow::signOut()
{
  m_controller->signOut();
}

void StationWindow::lock()
{
  m_controller->lock();
}

void StationWindow::orderChanged(qint64 fulfillmentOrderId)
{
  m_controller->orderChanged(fulfillmentOrderId);
}

void StationWindow::labelChanged(qint64 fulfillmentOrderId)
{
  m_controller->labelChanged(fulfillmentOrderId);
}

void StationWindow::manifestChanged(qint64 requestId)
{
  m_controller->manifestChanged(requestId);
}

void StationWindow::databaseUnavailable()
{
  m_controller->databaseUnavailable();
}

void StationWindow::databaseRestored()
{
  m_controller->databaseRestored();
}

} // namespace pb::ui
