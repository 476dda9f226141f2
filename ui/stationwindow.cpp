// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/stationwindow.h"

#include "ui/queuetablemodel.h"
#include "ui/statusbanner.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLoggingCategory>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcStationWindow, "packbench.ui.stationwindow")
constexpr int kFallbackPollMs = 30'000; // LISTEN/NOTIFY does the fast path; this catches anything missed
} // namespace

StationWindow::StationWindow(QSqlDatabase db, const Clock &clock, StationIdentity identity, QWidget *parent)
    : QMainWindow(parent)
    , m_db(std::move(db))
    , m_clock(clock)
    , m_identity(std::move(identity))
{
  setObjectName(QStringLiteral("stationWindow"));
  buildUi();
  refreshQueue();
  m_fallbackPoll = new QTimer(this);
  m_fallbackPoll->setInterval(kFallbackPollMs);
  connect(m_fallbackPoll, &QTimer::timeout, this, &StationWindow::refreshQueue);
  m_fallbackPoll->start();
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
  auto *locationLabel = new QLabel(tr("&Warehouse:"), central);
  m_locationCombo = new QComboBox(central);
  m_locationCombo->setObjectName(QStringLiteral("locationCombo"));
  m_locationCombo->setAccessibleName(tr("Warehouse"));
  m_locationCombo->setMinimumWidth(260);
  locationLabel->setBuddy(m_locationCombo);
  header->addWidget(locationLabel);
  header->addWidget(m_locationCombo);
  layout->addLayout(header);

  m_banner = new StatusBanner(central);
  layout->addWidget(m_banner);

  m_countLabel = new QLabel(central);
  m_countLabel->setObjectName(QStringLiteral("queueCountLabel"));
  QFont countFont = m_countLabel->font();
  countFont.setPointSize(13);
  m_countLabel->setFont(countFont);
  layout->addWidget(m_countLabel);

  m_model = new QueueTableModel(m_clock, this);
  m_table = new QTableView(central);
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
  layout->addWidget(m_table, 1);
  setCentralWidget(central);

  auto *refresh = new QAction(tr("&Refresh queue"), this);
  refresh->setShortcut(QKeySequence::Refresh);
  connect(refresh, &QAction::triggered, this, &StationWindow::refreshQueue);
  addAction(refresh);

  statusBar()->showMessage(m_identity.databaseLabel);
  connect(m_locationCombo, &QComboBox::currentIndexChanged, this, &StationWindow::refreshQueue);
  setTabOrder(m_locationCombo, m_table);
  resize(1180, 760);
}

bool StationWindow::loadLocations()
{
  auto locations = queue::listLocations(m_db);
  if (!locations) {
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
    if (l.code == m_identity.locationCode)
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
    m_banner->show(StatusBanner::Tone::Neutral, tr("Ready · next: %1").arg(orders->first().orderName));
}

} // namespace pb::ui
