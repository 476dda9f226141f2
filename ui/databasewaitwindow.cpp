// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/databasewaitwindow.h"

#include "core/db/migrations.h"
#include "core/db/reachcheck.h"
#include "ui/benchscreen.h"
#include "ui/statusbanner.h"

#include <QAction>
#include <QCloseEvent>
#include <QEventLoop>
#include <QLabel>
#include <QLoggingCategory>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcWait, "packbench.ui.databasewait")
constexpr int kFirstRetryMs = 1'000;
constexpr int kLongestRetryMs = 10'000; // a bench that comes up within ten seconds of the server is soon enough

int retryDelayMs(int failedTries)
{
  return std::min(kLongestRetryMs, kFirstRetryMs << std::min(failedTries - 1, 4));
}
} // namespace

DatabaseWaitWindow::DatabaseWaitWindow(db::ConnectionSettings settings, const WaitingBench &bench,
                                       const Error &firstError, QWidget *parent)
    : QWidget(parent)
    , m_settings(std::move(settings))
    , m_retry(new QTimer(this))
    , m_countdown(new QTimer(this))
    , m_reach(new db::ReachCheck(this))
    , m_lastError(firstError.message)
    , m_schemaBehind(db::isSchemaBehind(firstError))
    , m_failedTries(1) // the start's own try
{
  setObjectName(QStringLiteral("databaseWaitWindow"));
  setWindowTitle(tr("Packbench — %1 (waiting for the database)").arg(bench.stationName));
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(16, 12, 16, 12);
  layout->setSpacing(12);
  layout->addWidget(stationTitle(bench.stationName, this));
  m_banner = new StatusBanner(this);
  m_banner->setObjectName(QStringLiteral("waitBanner"));
  layout->addWidget(m_banner);
  if (!bench.heldOrderName.isEmpty()) { // a restart with an order on the bench: its box stays, nothing of it is lost
    auto *held = new QLabel(this);
    held->setObjectName(QStringLiteral("waitHeldOrder"));
    held->setTextFormat(Qt::PlainText);
    held->setWordWrap(true);
    held->setStyleSheet(QStringLiteral("QLabel { background: #fff3e0; border: 2px solid #b5650d; border-radius: 6px; "
                                       "padding: 10px; font-size: 17pt; }"));
    held->setText(bench.eventsKept > 0
                      ? tr("Order %1 is on this bench: keep its box here. %n step(s) done offline are kept and are "
                           "recorded when the database is back.",
                           nullptr, bench.eventsKept)
                            .arg(bench.heldOrderName)
                      : tr("Order %1 is on this bench: keep its box here. It opens again when you sign in.")
                            .arg(bench.heldOrderName));
    layout->addWidget(held);
  }
  m_details = new QLabel(this);
  m_details->setObjectName(QStringLiteral("waitDetails"));
  m_details->setTextFormat(Qt::PlainText); // libpq's words, which name hosts and users
  m_details->setWordWrap(true);
  m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont detailsFont = m_details->font();
  detailsFont.setPointSize(13);
  m_details->setFont(detailsFont);
  layout->addWidget(m_details);
  layout->addStretch(1);
  auto *keys = new QLabel(tr("Ctrl+Q closes Packbench"), this);
  layout->addWidget(keys);

  auto *quit = new QAction(tr("&Quit"), this);
  quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  connect(quit, &QAction::triggered, this, &DatabaseWaitWindow::quitRequested);
  addAction(quit);

  m_retry->setSingleShot(true);
  connect(m_retry, &QTimer::timeout, this, &DatabaseWaitWindow::tryNow);
  m_countdown->setInterval(1'000);
  connect(m_countdown, &QTimer::timeout, this, &DatabaseWaitWindow::showState);
  connect(m_reach, &db::ReachCheck::finished, this, &DatabaseWaitWindow::tried);
  m_retry->start(retryDelayMs(m_failedTries));
  m_countdown->start();
  showState();
  resize(1180, 760);
}

DatabaseWaitWindow::~DatabaseWaitWindow() = default;

void DatabaseWaitWindow::closeEvent(QCloseEvent *event)
{
  event->ignore(); // whoever waits decides; the window goes with them
  Q_EMIT quitRequested();
}

void DatabaseWaitWindow::tryNow()
{
  m_reach->start(m_settings, true);
  showState();
}

void DatabaseWaitWindow::tried(bool reached, const QString &error, bool schemaBehind)
{
  if (reached) {
    qCInfo(lcWait) << "database answered after" << m_failedTries << "failed tries";
    m_handedOver = true;
    m_countdown->stop();
    m_banner->show(StatusBanner::Tone::Good, tr("The database answered"), tr("Starting the station…"));
    Q_EMIT reachable();
    return;
  }
  ++m_failedTries;
  if (error != m_lastError || m_failedTries % 30 == 0) // the reason when it changes, and now and then that it stands
    qCWarning(lcWait).noquote() << "database still not answering (try" << m_failedTries << "):" << error;
  m_lastError = error;
  m_schemaBehind = schemaBehind;
  m_retry->start(retryDelayMs(m_failedTries));
  showState();
}

void DatabaseWaitWindow::showState()
{
  if (m_handedOver)
    return;
  const bool refused = !m_schemaBehind && db::isLoginRefusal(m_lastError);
  if (m_schemaBehind)
    m_banner->show(StatusBanner::Tone::Warning, tr("The central database is being upgraded"),
                   tr("This bench starts by itself once the upgrade is done (packbench-hub migrate). Nothing is "
                      "lost; if it takes more than a few minutes, tell the lead."));
  else if (refused)
    m_banner->show(StatusBanner::Tone::Error, tr("The database refused this station's login"),
                   tr("Tell the lead: the station login or its password needs fixing. This bench starts by itself "
                      "once it is fixed."));
  else
    m_banner->show(StatusBanner::Tone::Warning, tr("Waiting for the central database"),
                   tr("This bench starts by itself as soon as the database answers. Nothing is lost; if it takes "
                      "more than a few minutes, tell the lead."));
  const QString when = m_reach->isRunning() ? tr("Trying now (try %1)").arg(m_failedTries + 1)
                                            : tr("Trying again in %n s (try %1)", nullptr,
                                                 std::max(1, (m_retry->remainingTime() + 999) / 1000))
                                                  .arg(m_failedTries + 1);
  m_details->setText(when + QLatin1Char('\n') + m_lastError.simplified());
}

bool waitForCentralDatabase(const db::ConnectionSettings &settings, const WaitingBench &bench, const Error &firstError)
{
  DatabaseWaitWindow window(settings, bench, firstError);
  showOnWholeScreen(window);
  QEventLoop loop;
  QObject::connect(&window, &DatabaseWaitWindow::reachable, &loop, [&loop]() { loop.exit(1); });
  QObject::connect(&window, &DatabaseWaitWindow::quitRequested, &loop, [&loop]() { loop.exit(0); });
  return loop.exec() == 1;
}

} // namespace pb::ui
