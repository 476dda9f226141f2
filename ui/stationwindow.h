// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/scanning/wedgedetector.h"
#include "core/station/stationcontroller.h"

#include <QMainWindow>
#include <QSqlDatabase>

#include <chrono>
#include <optional>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;

namespace pb::db {
class ConnectionSupervisor;
}

namespace pb::ui {

class FeedbackSounds;
class LeadApprovalPanel;
class PackView;
class SerialScannerSource;
class PrintJobsView;
class QueueTableModel;
class ScannerInputFilter;
class SignInView;
class StatusBanner;

struct StationIdentity {
  QString stationName;
  QString locationCode;                            // empty: first location
  QString databaseLabel;                           // e.g. "Embedded demo database"
  std::optional<qint64> shopId = std::nullopt;     // only this shop's warehouses are listed (codes repeat across shops)
  std::optional<qint64> locationId = std::nullopt; // preferred over locationCode when set
};

// What the composition root decides for this station.
struct StationOptions {
  packing::PackWorkflow *workflow = nullptr; // not owned; null: orders are opened without claiming
  scanning::ScanDecoderOptions decoder;
  scanning::WedgeSettings wedge;
  packing::PackOptions pack;
  bool sounds = true;
  int idleLockMinutes = 10; // 0: never
  // How long a locked station keeps renewing its open order's lease (station.idle_release_minutes).
  std::chrono::milliseconds idleRelease = std::chrono::minutes(15);
  std::optional<qint64> stationId;
  // How often an open order's lease is renewed (PackWorkflow::keepAlive): a third of the lease.
  std::chrono::milliseconds keepAliveInterval = std::chrono::seconds(40);
  // The journaled printer (not owned), automatic printing and the printers (see station::StationSettings).
  documents::PrintService *printer = nullptr;
  bool autoPrint = false;
  QString slipPrinter;
  QString labelPrinter;
  // Carrier labels bought by the hub (see station::StationSettings); empty format: off.
  QString carrierLabelFormat;
  QString labelPdfPrinter;
  // Watches the central database (not owned); null on the embedded SQLite, which cannot go away.
  db::ConnectionSupervisor *supervisor = nullptr;
  // The offline journal (not owned; see station::StationSettings); null: input waits for the database.
  station::OfflineJournal *offlineJournal = nullptr;
  bool prefetch = false; // station.prefetch (see station::StationSettings)
};

// The station's main window: a view of station::StationController. It shows the sign-in screen, the queue
// of waiting orders or the pack view, and forwards scans (caught application-wide by ScannerInputFilter),
// keys and panel input to the controller.
class StationWindow final : public QMainWindow {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(StationWindow)

public:
  StationWindow(QSqlDatabase db, const Clock &clock, StationIdentity identity, StationOptions options = {},
                QWidget *parent = nullptr);
  ~StationWindow() override;

  station::StationController *controller() const { return m_controller; }
  QueueTableModel *queueModel() const { return m_model; }
  StatusBanner *banner() const { return m_banner; }
  SignInView *signInView() const { return m_signIn; }
  PackView *packView() const { return m_packView; }
  FeedbackSounds *sounds() const { return m_sounds; }
  // The window-wide "database unavailable" banner; hidden while the database is reachable.
  StatusBanner *databaseBanner() const { return m_databaseBanner; }
  StatusBanner *queueBanner() const { return m_banner; }
  // Where a lead approves taking over another station's order or lifting a hold (badge + PIN).
  LeadApprovalPanel *leadPanel() const { return m_leadPanel; }
  // The lead's print-jobs list (F4 on the queue screen, Esc back).
  PrintJobsView *printJobsView() const { return m_printJobs; }
  bool isShowingPrintJobs() const;
  bool isDatabaseAvailable() const;
  const std::optional<packing::Packer> &packer() const;

  bool openOrder(const packing::ClaimedOrder &order);
  QString stopForShutdown();
  // A serial scanner's codes go where the keyboard's do, and the status bar says whether it is connected.
  void attachSerialScanner(SerialScannerSource *scanner);
  // Something of the bench's set-up that will fail later (a printer not installed), in red under the pages; each
  // warning adds a line.
  void showSetupWarning(const QString &text);

public Q_SLOTS:
  void refreshQueue();
  void handleScan(const QString &raw);
  void takeNextOrder();
  void signOut();
  void lock();
  void showPrintJobs(bool show);
  void orderChanged(qint64 fulfillmentOrderId);
  void labelChanged(qint64 fulfillmentOrderId);
  void manifestChanged(qint64 requestId);
  void databaseUnavailable();
  void databaseRestored();

Q_SIGNALS:
  void orderFinished(const pb::packing::ClaimedOrder &order, bool partial);

private:
  void buildUi();
  QWidget *buildQueuePage();
  void connectController();
  void showScreen(station::Screen screen);
  void showNotice(const station::Notice &notice);
  void showQueueChanged();
  void showDatabaseAvailability(bool available);
  void takeSelectedOrder();

  const Clock &m_clock;
  StationIdentity m_identity;
  SystemClock m_inputClock; // key gaps are real time even when tests freeze m_clock
  station::StationController *m_controller = nullptr;

  QStackedWidget *m_pages = nullptr;
  SignInView *m_signIn = nullptr;
  QWidget *m_queuePage = nullptr;
  PackView *m_packView = nullptr;
  StatusBanner *m_banner = nullptr;
  StatusBanner *m_databaseBanner = nullptr;
  QLabel *m_setupWarnings = nullptr; // what the lead must fix at this bench, one line each (hidden when none)
  QLabel *m_packerLabel = nullptr;
  QComboBox *m_locationCombo = nullptr;
  QLabel *m_countLabel = nullptr;
  QTableView *m_table = nullptr;
  QueueTableModel *m_model = nullptr;
  QStackedWidget *m_queueLists = nullptr; // the orders waiting, or the print jobs
  PrintJobsView *m_printJobs = nullptr;
  QLabel *m_keysLabel = nullptr;
  QLabel *m_scannerLabel = nullptr; // a serial scanner's state, in the status bar; none without one
  LeadApprovalPanel *m_leadPanel = nullptr;
  ScannerInputFilter *m_scanner = nullptr;
  FeedbackSounds *m_sounds = nullptr;
};

} // namespace pb::ui

Q_DECLARE_METATYPE(pb::packing::ClaimedOrder)
