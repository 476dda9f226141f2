// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/packing/packers.h"
#include "core/packing/packsession.h"
#include "core/packing/packworkflow.h"
#include "core/queue/queuelisting.h"
#include "core/scanning/scandecoder.h"
#include "core/scanning/wedgedetector.h"

#include <QMainWindow>
#include <QSqlDatabase>

#include <chrono>
#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace pb::db {
class ConnectionSupervisor;
}

namespace pb::ui {

class FeedbackSounds;
class LeadApprovalPanel;
class PackView;
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
  // How long a locked station keeps renewing its open order's lease; then the lease runs out and the
  // hub's reaper gives the order back to the queue (station.idle_release_minutes).
  std::chrono::milliseconds idleRelease = std::chrono::minutes(15);
  std::optional<qint64> stationId;
  // How often an open order's lease is renewed (PackWorkflow::keepAlive): a third of the lease.
  std::chrono::milliseconds keepAliveInterval = std::chrono::seconds(40);
  // Prints the packing slip of a finished order (printing.auto_print); empty: no automatic slip.
  std::function<Result<qint64>(qint64 fulfillmentOrderId)> autoPrint;
  // Prints the shipping label of a finished order to the label printer (printing.auto_print with
  // printing.label_printer set); empty: no automatic label.
  std::function<Result<qint64>(qint64 fulfillmentOrderId)> autoPrintLabel;
  // Watches the central database (not owned); null on the embedded SQLite, which cannot go away.
  db::ConnectionSupervisor *supervisor = nullptr;
};

// The station's main window: sign-in, the queue of waiting orders, and the pack view. Scans are
// caught application-wide (ScannerInputFilter) and routed to whichever screen is showing.
class StationWindow final : public QMainWindow {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(StationWindow)

public:
  StationWindow(QSqlDatabase db, const Clock &clock, StationIdentity identity, StationOptions options = {},
                QWidget *parent = nullptr);
  ~StationWindow() override;

  QueueTableModel *queueModel() const { return m_model; }
  StatusBanner *banner() const { return m_banner; }
  SignInView *signInView() const { return m_signIn; }
  PackView *packView() const { return m_packView; }
  FeedbackSounds *sounds() const { return m_sounds; }
  // The window-wide "database unavailable" banner; hidden while the database is reachable.
  StatusBanner *databaseBanner() const { return m_databaseBanner; }
  // Where a lead approves taking over another station's order or lifting a hold (badge + PIN).
  LeadApprovalPanel *leadPanel() const { return m_leadPanel; }
  bool isDatabaseAvailable() const { return !m_offline; }
  const std::optional<packing::Packer> &packer() const { return m_packer; }

  // Opens a pack session for an order the workflow has claimed (or, without one, an unclaimed order).
  bool openOrder(const packing::ClaimedOrder &order);
  // The station is stopping (SIGTERM, SIGINT): it takes no more work, and the open order goes back to the
  // queue if nothing of it was scanned, or keeps its claim if something was (the box is on this bench:
  // the station resumes it when it is back within the lease, or the lease runs out). Says what it did.
  QString stopForShutdown();

public Q_SLOTS:
  void refreshQueue();
  void handleScan(const QString &raw);
  void takeNextOrder();
  void signOut();
  void lock();
  // The hub changed or cancelled this order (QueueNotifier::orderChanged).
  void orderChanged(qint64 fulfillmentOrderId);
  // The central database went away / came back (db::ConnectionSupervisor).
  void databaseUnavailable();
  void databaseRestored();

Q_SIGNALS:
  void orderFinished(const pb::packing::ClaimedOrder &order, bool partial);
  void reprintRequested(qint64 fulfillmentOrderId);

private:
  void buildUi();
  QWidget *buildQueuePage();
  bool loadLocations();
  qint64 currentLocationId() const;
  void signedIn(const packing::Packer &packer);
  void takeSelectedOrder();
  void sessionFinished(bool partial);
  void sessionHeld(const QString &reason);
  bool hasOpenSession() const;
  void showQueue();
  void keepLeaseAlive();
  void printDocumentsOf(const packing::ClaimedOrder &order);
  void abandonOrder(const QString &text, const QString &hint);
  void noteDatabaseError(const Error &error);
  void showOutage(const QString &headline);
  void recoverOrder();
  // A locked station stops renewing the lease after idleRelease (stationleadactions.cpp).
  void letLeaseLapse();
  // Whether the open order is still this station's after the lease was let lapse; abandons it if not.
  bool reclaimLapsedLease();
  void offerLeadAction(const queue::WaitingOrder &order, const Error &refusal);
  void leadApproved(const QString &badge, const QString &pin);
  void closeLeadPanel();
  bool recordFinish(const packing::ClaimedOrder &order, bool partial);
  void orderRecorded(const packing::ClaimedOrder &order, bool partial);

  QSqlDatabase m_db;
  const Clock &m_clock;
  StationIdentity m_identity;
  StationOptions m_options;
  scanning::ScanDecoder m_decoder;
  SystemClock m_inputClock; // key gaps are real time even when tests freeze m_clock
  QList<queue::Location> m_locations;
  std::optional<packing::Packer> m_packer;
  std::optional<packing::ClaimedOrder> m_order;
  bool m_locked = false;
  bool m_stopping = false; // stopForShutdown(): no more orders are taken
  bool m_offline = false;
  // A completed order whose pack result the database has not taken yet (it went away); retried on restore.
  std::optional<bool> m_unrecordedFinish;
  std::optional<QString> m_unrecordedHold;
  bool m_leaseLapsed = false; // locked too long: the open order's lease is no longer renewed
  struct LeadAction {
    bool takeOver = true; // else: lift a hold
    qint64 fulfillmentOrderId = 0;
    QString orderName;
  };
  std::optional<LeadAction> m_leadAction;

  QStackedWidget *m_pages = nullptr;
  SignInView *m_signIn = nullptr;
  QWidget *m_queuePage = nullptr;
  PackView *m_packView = nullptr;
  StatusBanner *m_banner = nullptr;
  StatusBanner *m_databaseBanner = nullptr;
  QLabel *m_packerLabel = nullptr;
  QComboBox *m_locationCombo = nullptr;
  QLabel *m_countLabel = nullptr;
  QTableView *m_table = nullptr;
  QueueTableModel *m_model = nullptr;
  QTimer *m_fallbackPoll = nullptr;
  QTimer *m_idleTimer = nullptr;
  QTimer *m_keepAlive = nullptr;
  QTimer *m_idleRelease = nullptr;
  LeadApprovalPanel *m_leadPanel = nullptr;
  ScannerInputFilter *m_scanner = nullptr;
  FeedbackSounds *m_sounds = nullptr;
};

} // namespace pb::ui

Q_DECLARE_METATYPE(pb::packing::ClaimedOrder)
