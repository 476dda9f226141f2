// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/documents/printjournal.h"
#include "core/documents/printservice.h"
#include "core/packing/packers.h"
#include "core/packing/packsession.h"
#include "core/packing/packworkflow.h"
#include "core/queue/queuelisting.h"
#include "core/scanning/scandecoder.h"
#include "core/station/carrierlabels.h"
#include "core/station/carriermanifests.h"
#include "core/station/offlineleadapprovals.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QUuid>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

class QTimer;

namespace pb::db {
class ConnectionSupervisor;
}

namespace pb::station {

class OfflineJournal;
struct JournalEvent;

// Which screen the station shows; the view renders it.
enum class Screen { SignIn, Queue, Pack };

// What a message looks and sounds like (the view maps these onto its banner colours and sound files).
enum class Tone { Neutral, Good, Warning, Error };
enum class Cue { None, Good, WrongItem, OverScan, Unknown, Complete, Notice };

// A message for the packer: where it shows, how it looks, what it says and which sound goes with it. One with
// no headline only plays its cue (the banner keeps what it says).
struct Notice {
  enum class Where { Queue, Pack, Database };
  Where where = Where::Queue;
  Tone tone = Tone::Neutral;
  QString headline;
  QString hint;
  Cue cue = Cue::None;
};

// Unavailable, Internal, SchemaMismatch: the database could not answer, so the packer reads "database problem";
// any other kind (Permission, LockedOut, ...) is an answer whose own words the packer reads.
bool isDatabaseFault(ErrorKind kind);

// What the composition root decides for this station.
struct StationSettings {
  packing::PackWorkflow *workflow = nullptr; // not owned; null: orders are opened without claiming
  scanning::ScanDecoderOptions decoder;
  packing::PackOptions pack;
  std::optional<qint64> shopId;     // only this shop's warehouses are listed (codes repeat across shops)
  std::optional<qint64> locationId; // preferred over locationCode when set
  QString locationCode;             // empty: first location
  int idleLockMinutes = 10;         // 0: never
  // How long a locked station keeps renewing its open order's lease; then the lease runs out and the
  // hub's reaper gives the order back to the queue (station.idle_release_minutes).
  std::chrono::milliseconds idleRelease = std::chrono::minutes(15);
  std::optional<qint64> stationId;
  QString stationName; // on the driver hand-off sheet
  // How often an open order's lease is renewed (PackWorkflow::keepAlive): a third of the lease.
  std::chrono::milliseconds keepAliveInterval = std::chrono::seconds(40);
  // The station's printer (not owned; printing::JournaledPrinter): every slip and label is journaled and sent
  // without waiting for the printer, and its outcome arrives as the printer's signals. Null: nothing prints.
  documents::PrintService *printer = nullptr;
  bool autoPrint = false; // printing.auto_print: a finished order's slip (and label) print by themselves
  QString slipPrinter;    // empty: the system default
  QString labelPrinter;   // tcp://host:9100 or a CUPS queue; empty: no label
  // Carrier labels bought by the hub before an order is recorded (printing.carrier_labels, PostgreSQL): the format
  // asked for (zpl, pdf, png; empty: off). A ZPL label prints raw on labelPrinter, a PDF/PNG one on
  // labelPdfPrinter (empty: the system default), both through the printer's printLabel (journaled).
  QString carrierLabelFormat;
  QString labelPdfPrinter;
  // How often a waiting label is looked at when no notification came (NOTIFY packbench_label is the fast path).
  std::chrono::milliseconds labelPollInterval = std::chrono::seconds(3);
  // Watches the central database (not owned); null on the embedded SQLite, which cannot go away.
  db::ConnectionSupervisor *supervisor = nullptr;
  // Offline packing (not owned; stationoffline.cpp): the held order is kept here, and while the database is away
  // its scans are checked against it and journaled, then replayed once it is back. Null: input is refused meanwhile.
  OfflineJournal *offlineJournal = nullptr;
  // station.prefetch: once an order is open, the next one is claimed ahead, its lease kept and its snapshot put in
  // the offline journal, so F8 opens it at once and a second order can be packed while the database is away
  // (stationprefetch.cpp). Needs the workflow and the offline journal.
  bool prefetch = false;
};

// The pack station without its widgets: who is signed in, the order open at the bench and its claim
// (taken, kept alive, finished, held, released, recovered after an outage), automatic printing and
// reprints, lead approvals, and the one table that says what each scanned command does on each screen.
// StationWindow forwards input to it and renders its state and signals.
class StationController final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(StationController)

public:
  StationController(QSqlDatabase db, const Clock &clock, StationSettings settings, QObject *parent = nullptr);
  ~StationController() override;

  Screen screen() const { return m_screen; }
  const std::optional<packing::Packer> &packer() const { return m_packer; }
  bool isLocked() const { return m_locked; }
  bool isDatabaseAvailable() const { return !m_offline; }
  // The database is away and the open order is packed on against the offline journal (stationoffline.cpp).
  bool isPackingOffline() const { return packsOffline(); }
  // Packing offline, or able to at F8: the database is away and the order claimed ahead can be opened from its
  // snapshot.
  bool canPackOffline() const { return packsOffline() || (m_offline && canOpenPrefetchedOffline()); }
  // The pack session on the bench (owned here), or null.
  packing::PackSession *session() const { return m_session.get(); }
  const std::optional<packing::ClaimedOrder> &order() const { return m_order; }
  // The next order, claimed ahead for this bench (station.prefetch), or none.
  const std::optional<packing::ClaimedOrder> &prefetchedOrder() const { return m_prefetched; }
  bool hasOpenSession() const;
  const QList<queue::Location> &locations() const { return m_locations; }
  int currentLocationIndex() const { return m_locationIndex; }
  const QList<queue::WaitingOrder> &waitingOrders() const { return m_orders; }
  // A lead's badge and PIN are awaited (take-over, lifted hold, or a manual count the view asked for).
  bool awaitsLeadApproval() const { return m_leadAction.has_value() || m_manualApprovalOpen; }
  // The order is complete at the bench and waits for its boxes' carrier labels before it is recorded.
  bool awaitsLabels() const { return m_labelWait.has_value(); }
  // A lead's end of day is under way: the hub makes the carrier manifests (stationendofday.cpp).
  bool awaitsEndOfDay() const { return m_endOfDay.has_value(); }
  // The last order this station finished and printed for (what PB*REPRINT reprints), or 0.
  qint64 lastFinishedOrder() const { return m_lastFinished; }
  // The lead's print-jobs list: this bench's recent jobs, newest first (stationprintjobs.cpp).
  Result<QList<documents::PrintJobSummary>> recentPrintJobs(int limit = 50) const;
  // Where a job may go instead of its own printer: the label printer for labels, printers this bench used lately
  // for the same format, and the system's printers.
  QStringList printersFor(const documents::PrintJobSummary &job) const;

  // Signs in with badge and PIN (both needed; a scanned badge only selects the packer). On PostgreSQL the database
  // hands out the sign-in token every later call carries; when it refuses one (expired after hours without work,
  // signed out elsewhere) the bench goes back to the sign-in screen and says so, and the order stays open.
  void signIn(const QString &badgeId, const QString &pin);
  // Why a refused scan may have been mangled on its way in (characters no barcode has), for the packer; or empty.
  QString layoutHint(const QString &raw) const;
  // Opens a pack session for an order the workflow has claimed (or, without one, an unclaimed order).
  bool openOrder(const packing::ClaimedOrder &order);
  // The station is stopping (SIGTERM, SIGINT): it takes no more work, and the open order goes back to the
  // queue if nothing of it was scanned, or keeps its claim if something was. Says what it did.
  QString stopForShutdown();

  // What the pack screen's keys and panels ask for (the same actions as the scanned commands). A refusal is
  // said in a notice; the panels read the returned feedback to know whether to close.
  void acknowledge();
  void nextBox();
  void complete();
  packing::ScanFeedback hold(const QString &reason);
  packing::ScanFeedback completePartial(const QString &reason);
  packing::ScanFeedback enterManual(int row, int quantity, const QString &reason, const QString &leadBadge,
                                    const QString &leadPin);
  // The weight of a box the station asked for (weightRequested), in grams: the label is asked for with it.
  void enterBoxWeight(int boxNo, int grams);
  // The view opened or closed its manual-quantity panel: a badge scanned meanwhile is the approving lead's.
  void setManualApprovalOpen(bool open);

public Q_SLOTS:
  void handleScan(const QString &raw);
  void refreshQueue();
  // F5: as refreshQueue, and the packer has read why the last order left the bench (the queue says "Ready" again).
  void refreshQueueAsked();
  void selectLocation(int index);
  void takeNextOrder();
  // Enter on an order in the queue: takes it, or offers a lead's take-over / release of its hold.
  void takeOrder(qint64 fulfillmentOrderId);
  void signOut();
  void lock();
  // Someone used the keyboard or the scanner: the idle lock starts over.
  void noteActivity();
  void approveAsLead(const QString &badgeId, const QString &pin);
  void cancelLeadApproval();
  // PB*REPRINT: the last slip and label of the last finished order again, through the print journal.
  void reprintLast();
  // From the print-jobs list: a lead's badge and PIN are asked for, then the job is printed again as a new job
  // (reprint) or sent to `printer` instead (move; a job already printed is printed there as a new job).
  void requestReprint(qint64 printJobId);
  void requestMove(qint64 printJobId, const QString &printer);
  // F10 on the queue: a lead's badge and PIN, then the carrier manifests of this warehouse are made at the hub and
  // printed here with the driver hand-off sheet (docs/carriers.md "End of day").
  void requestEndOfDay();
  // An end of day changed at the hub (QueueNotifier::manifestChanged): done or failed.
  void manifestChanged(qint64 requestId);
  // The hub changed or cancelled this order (QueueNotifier::orderChanged).
  void orderChanged(qint64 fulfillmentOrderId);
  // A label of this order changed at the hub (QueueNotifier::labelChanged): bought, waiting, refused, voided.
  void labelChanged(qint64 fulfillmentOrderId);
  // The central database went away / came back (db::ConnectionSupervisor).
  void databaseUnavailable();
  void databaseRestored();

Q_SIGNALS:
  void screenChanged(pb::station::Screen screen);
  // The sign-in screen shows, with why (signed out, locked …); empty: nothing to add.
  void signInRequired(const QString &reason);
  // A badge was scanned at the sign-in screen: it fills the badge field and the PIN is asked for.
  void badgeSelected(const QString &badgeId);
  void signInRefused(const QString &headline, const QString &detail);
  void packerChanged();
  // The pack session on the bench changed (null: none); the controller owns it.
  void sessionChanged(pb::packing::PackSession *session);
  void queueChanged();
  void notice(const pb::station::Notice &notice);
  void databaseAvailabilityChanged(bool available);
  void statusMessage(const QString &text); // empty: nothing to say beyond the database the station uses
  void manualEntryRequested();
  void leadApprovalRequested(const QString &question);
  void leadBadgeScanned(const QString &badgeId);
  void leadApprovalRefused(const QString &why);
  void leadApprovalClosed();
  void orderFinished(const pb::packing::ClaimedOrder &order, bool partial);
  // A carrier label needs the box's weight first (the hub never guesses one): the view asks for it in grams.
  void weightRequested(int boxNo);
  // The order is complete at the bench and now waits for its carrier labels.
  void labelsAwaited();
  // A print job of this bench was journaled, printed, failed or moved: the print-jobs list is stale.
  void printJobsChanged();
  // The system's printers were listed again: printersFor() may offer more (or fewer) now.
  void printersListed();

private:
  struct LeadAction {
    enum class Kind { TakeOver, ReleaseHold, Reprint, Move, EndOfDay };
    Kind kind = Kind::TakeOver;
    qint64 fulfillmentOrderId = 0;
    qint64 locationId = 0; // EndOfDay: the warehouse
    QString orderName;
    qint64 printJobId = 0;
    QString printer; // Move: where to
  };
  // The slip and label printed by themselves for the last finished order, and how they went.
  struct AutoPrinted {
    qint64 fulfillmentOrderId = 0;
    qint64 slipJob = 0;
    QHash<qint64, int> labelJobs; // house labels: job id → box
    bool slipFailed = false;
    bool labelFailed = false; // one of them at least
    QString slipProblem;      // printed with characters missing: what the packer must know
  };
  // A PB*REPRINT under way: the jobs not heard from yet, by what they are ("slip", "label").
  struct Reprinting {
    QHash<qint64, QString> pending;
    QStringList printed;
    QStringList failed;
    QString notJournaled; // why a reprint was refused before it reached a printer (its label is gone …)
  };
  // One row of the scan-command table (stationscancommands.cpp).
  struct CommandRoute;
  // What a replay of the offline journal came to (stationoffline.cpp).
  struct Replayed {
    bool goOn = true;         // false: stop recovering (not replayed yet, or refused and the order given up)
    bool completed = false;   // the journal held the order's completion, and it is recorded now
    bool labelsFirst = false; // it held a completion that waits for carrier labels: asked for now, as online
    bool refused = false;     // the database refused it: set aside for the lead, nothing of it landed
    bool partial = false;     // the completion journaled was a partial shipment (PB*PARTIAL, F10)
    bool held = false;        // the journal held the order's hold (F4, PB*HOLD): it is on hold now
  };
  // A slip or label printed while the database was away, journaled once it is back.
  struct UnjournaledPrint {
    documents::PrintJob job;
    qint64 claimId = 0;
    QUuid eventId; // its journal event, and the print job's reference: what keeps a replay single
  };
  // A carrier label handed to the printer (stationlabels.cpp): marked printed once the printer has answered.
  struct SentLabel {
    qint64 jobId = 0;
    QElapsedTimer since;
    bool answered = false; // the printer's first outcome came
    bool printed = false;  // and it was "printed" (not a failure)
    bool marked = false;   // packbench_label_printed asked (done, or failed and not asked again)
  };
  // A complete order waiting for its carrier labels (stationlabels.cpp).
  struct LabelWait {
    bool partial = false;
    int boxes = 1;
    int weighing = 0;              // the box whose weight was asked for, or 0
    QHash<qint64, SentLabel> sent; // by label request
  };

  void setScreen(Screen screen);
  // Where a notice about printing shows: on the pack screen if the bench is there, else on the queue.
  Notice::Where screenArea() const { return m_screen == Screen::Pack ? Notice::Where::Pack : Notice::Where::Queue; }
  void say(Notice::Where where, Tone tone, const QString &headline, const QString &hint = {}, Cue cue = Cue::None);
  void signedIn(const packing::Packer &packer);
  // Ends the signed-in packer's sign-in in the database (sign-out, shutdown, another packer at the bench).
  void endSignIn();
  // The database refused the packer's sign-in (ErrorKind::SignedOut): back to the sign-in screen, order kept.
  void signInEnded();
  // signInEnded() when that is what the error says; true then.
  bool endedSignIn(const Error &error);
  // Locks the bench for whoever signs in next; the open order's lease lapses if nobody does.
  void lockBench();
  void showQueue();
  bool loadLocations();
  qint64 currentLocationId() const;
  void closeSession();
  void keepLeaseAlive();
  void sessionFinished(bool partial);
  bool recordFinish(bool partial); // true: recorded now
  // The order is at this bench: packing, complete and waiting for its labels, or finished offline.
  bool holdsOrder() const { return hasOpenSession() || m_labelWait.has_value() || m_finishedOffline; }
  // Carrier labels (stationlabels.cpp).
  bool carrierLabelsOn() const;
  void startLabels(bool partial);
  void continueLabels(bool retryFailed);
  // A carrier label's print job has its first outcome: the label is marked printed and the order goes on.
  void labelJobEnded(qint64 jobId, bool printed);
  bool markLabelPrinted(qint64 requestId); // false: the sign-in ended
  bool askForLabel(int boxNo, int grams);
  // The weight panel for a box, with why: none on record, or the carrier refused the one given (`refusal`).
  void askForWeight(int boxNo, const QString &refusal);
  void stopWaitingForLabels();
  // The end of day (stationendofday.cpp).
  void startEndOfDay(const LeadAction &action, const packing::Packer &lead);
  void continueEndOfDay();
  void printEndOfDay(const EndOfDay &done);
  void sessionHeld(const QString &reason);
  void orderRecorded(const packing::ClaimedOrder &order, bool partial);
  void printDocumentsOf(const packing::ClaimedOrder &order, int boxes);
  // Outcomes from the printer (stationprinting.cpp).
  void connectPrinter();
  void printOutcome(qint64 jobId, bool printed, const QString &error, bool incomplete);
  void warnAboutAutoPrint();
  // F8 (or a pick from the queue) while a box of the order just packed has no label: true after the first press, which
  // says so; the second goes on.
  bool unlabelledBoxStopsNextOrder();
  // The boxes of the last order whose label has not printed, carrier labels voided meanwhile dropped; sorted.
  QList<int> boxesStillWithoutLabel();
  // The boxes of m_unprintedLabels as they are, sorted (no database read).
  QList<int> unprintedBoxes() const;
  // "#9204: no label printed for box 1 yet".
  QString noLabelHeadline(const QList<int> &boxes) const;
  // After a restart or a sign-out, at sign-in (stationlastorder.cpp): the order finished at this bench a moment ago
  // is the last order again, for REPRINT (its own packer only) and for a box whose label never printed (anyone).
  void recallLastOrder();
  // m_unprintedLabels from the print journal: the order's labels none of whose jobs printed.
  void recallUnprintedLabels(qint64 fulfillmentOrderId, const QString &orderName);
  void sayReprintOutcome();
  // A label job printed that the station did not send itself (a lead's reprint from F4): if it is the label of a box
  // still without one, that box has its label now.
  void forgetLabelPrintedElsewhere(qint64 jobId);
  // What REPRINT sends again (job id, "slip" or "label"): the labels still missing if a box has none, else the newest
  // slip and every label of the last order.
  Result<QList<std::pair<qint64, QString>>> jobsToReprint();
  // The slip of this order failed when it was finished (not one printed with characters missing) and no reprint has
  // printed it since.
  bool slipStillMissing(qint64 fulfillmentOrderId) const;
  // "slip and 2 labels" for the names a reprint collected ("slip", "label", "label").
  QString documentsNamed(const QStringList &names) const;
  void askLeadAboutJob(LeadAction action, const QString &question);
  void runApprovedPrintAction(const LeadAction &action, qint64 leadId);
  void abandonOrder(const QString &text, const QString &hint);
  // Releases `order` and abandons it once the call stack that refused its finish or hold has unwound.
  void abandonLater(const packing::ClaimedOrder &order, const QString &text, const QString &hint);
  // A finish or hold refused for good: the order goes back (or its lost lease is let be) and the packer is told.
  void releaseAndAbandon(const packing::ClaimedOrder &order, const QString &text, const QString &hint);
  // The open order's work was refused (Conflict): releases it and tells the packer why, as the database has the
  // order now: cancelled (its items go back to the shelf), edited, or taken back (`refusal` says by what).
  void abandonRefused(const Error &refusal);
  // Why an order stopped being this bench's, in the packer's words (stationrefusals.cpp). What was refused: the
  // packing itself (a renewal, a label, the hub's notice), a hold, or a completion.
  enum class Refused { Work, Hold, Finish };
  // Headline and hint when `order` was cancelled or edited since it was opened, as the database has it now; nothing
  // when neither (or the database cannot say). `name` is its order name ("#9104"), or empty.
  std::optional<std::pair<QString, QString>> whyNoLongerOurs(const packing::ClaimedOrder &order, const QString &name,
                                                             Refused what = Refused::Work);
  std::optional<std::pair<QString, QString>> whyNoLongerOurs(Refused what = Refused::Work); // the open order's
  // What to tell the packer when the open order's `what` is refused for good (Conflict): that it was cancelled or
  // edited, when it was, else `text` and `hint`. Asked before a release puts a changed order back in the queue.
  std::pair<QString, QString> refusalWording(Refused what, const QString &text, const QString &hint);
  // For an order packed and closed offline whose journal was refused: what to do with its box if it was cancelled
  // or edited meanwhile, else `otherwise`.
  QString whyOfflinePackRefused(const packing::ClaimedOrder &order, const QString &name, const QString &otherwise);
  // stopForShutdown(): what becomes of the open order, said for the log.
  QString settleOrderForShutdown();
  // Scanned commands (stationscancommands.cpp).
  void runCommand(const scanning::DecodedScan &scan);
  void refuse(const QString &text, const QString &why = {});
  // The packer acted on the queue screen: its explanation of the last order taken off the bench has been read.
  void queueNoticeRead() { m_standingNotice.reset(); }
  // A scan with no order open: why the last order left the bench, while that stands; else "No order open".
  void sayNoOrderOpen();
  // Outage (stationrecovery.cpp).
  void noteDatabaseError(const Error &error);
  void showOutage(const QString &headline, Cue cue = Cue::None);
  void recoverOrder();
  // At sign-in on a bench holding no order: the order this station still has a claim on (it was stopped or crashed
  // mid-order) is opened again under that claim, with its scans. False when there is none or it cannot be taken.
  bool resumeHeldOrder();
  // Offline packing (stationoffline.cpp).
  bool packsOffline() const;
  void snapshotHeldOrder();
  bool startPackingOffline();
  // A scan's write lost the database: the offline journal to keep it in (and the outage declared), or null.
  packing::EventJournal *keepScanThroughLostLink();
  void showOfflineProgress();
  int offlineEventsWaiting() const;
  // What waits for the database (reprints, signing out; typed quantities without a bench copy of the lead): says
  // so; false when packing online.
  bool refusedOffline();
  // Replays the journal of `journaled` under `current` (the claim recoverOrder kept or took again), in one
  // transaction that first checks the order is still the one packed offline.
  // `onBench` false: the order is no longer at the bench (finished offline before the one claimed ahead), so a
  // refusal is only said, and the order on the bench stays.
  Replayed replayJournal(const packing::ClaimedOrder &current, const packing::ClaimedOrder &journaled,
                         bool onBench = true);
  // One journaled completion, inside the replay's transaction, through PackWorkflow::finishWithin.
  Status replayCompletion(const packing::ClaimedOrder &current, const JournalEvent &event, Replayed *replayed);
  // One journaled hold, inside the replay's transaction, through PackWorkflow::holdWithin.
  Status replayHold(const packing::ClaimedOrder &current, const JournalEvent &event, Replayed *replayed);
  // The waiting events of this order's claim; events of any other claim (left from an earlier run of the station)
  // are set aside first, so they can never be replayed under, or refuse, this one.
  QList<JournalEvent> journaledFor(const packing::ClaimedOrder &order);
  void refuseJournal(const packing::ClaimedOrder &order, const QList<JournalEvent> &events, const QString &reason);
  // Finishing offline (stationofflinefinish.cpp): the completion journaled, the slip (and house label) printed from
  // the snapshot, and what the bench does once the journal has landed.
  // Journals how the order leaves the bench offline (`kind`: complete or hold) with its claim and version; false,
  // and the packer told `notKept`, when the journal did not take it.
  bool journalLeavingBench(const QString &kind, QJsonObject event, const QString &notKept);
  void finishOffline(bool partial);
  // F4 offline: the hold is journaled and the box set aside; it lands with the scans when the database is back.
  void holdOffline(const QString &reason);
  // Offline printing (stationofflineprint.cpp): the slip and house labels of the order finished offline, from the
  // bench's snapshot, and PB*REPRINT of them while the database is still away.
  void printOffline();
  bool canReprintOffline() const;
  void reprintOffline();
  // The finished order's slip from the snapshot, counted from what was verified; none when no slip data was kept.
  std::optional<documents::SlipData> offlineSlip() const;
  qint64 printSlipOffline(const documents::SlipData &slip);
  qint64 printHouseLabelOffline(const documents::SlipData &slip, int box);
  bool printsHouseLabels() const; // a label printer and no carrier labels
  // Sends one job at once and remembers it for the journal; its id, or 0 when the printer refused it.
  qint64 printWithoutJournal(documents::PrintJob job, const documents::SlipData &slip);
  void journalPrintOutcome(qint64 jobId, bool printed, const QString &error);
  void settleFinishedOffline(const packing::ClaimedOrder &order, const Replayed &replayed);
  // A finish or hold the database did not take (outage, ended sign-in), recorded now; false when none was waiting.
  bool settleUnrecorded(const QString &recordedHint);
  // Prefetch (stationprefetch.cpp).
  bool prefetchOn() const;
  // Claims the next order ahead (or resumes this station's own second claim after a restart) and keeps its snapshot.
  void prefetchNext();
  // F8 with an order claimed ahead: opens it, from its snapshot while the database is away; false when there is none
  // or it can no longer be had (the caller then claims from the queue).
  bool openPrefetched();
  bool canOpenPrefetchedOffline() const;
  void keepPrefetchAlive();
  // Lets go of the order claimed ahead: given back to the queue (`release`) or only forgotten (its lease was lost).
  void dropPrefetched(bool release, const QString &why);
  // The order finished offline before the one claimed ahead was opened offline: its journal lands first when the
  // database is back; false when it could not land yet (try again on the next reconnect).
  bool landFinishedOffline();
  // The claims this bench holds: the open order, the one finished offline waiting to land, the one claimed ahead.
  QList<qint64> claimsAtBench() const;
  // Puts a session on the bench for `order` and wires its signals (openOrder, openPrefetched).
  void adoptSession(std::unique_ptr<packing::PackSession> session, const packing::ClaimedOrder &order);
  // Lead approvals and the lapsing lease of a locked bench (stationleadactions.cpp).
  void letLeaseLapse();
  bool reclaimLapsedLease();
  void offerLeadAction(const queue::WaitingOrder &order, const Error &refusal);
  // Taking an order failed because the database did not answer (the supervisor is told separately).
  void sayDatabaseDidNotAnswer();
  void closeLeadApproval();
  // Every lead approval at this bench: the database checks badge and PIN, and the bench keeps the lead (and, on
  // PostgreSQL, offline approvals the database issues) so the lead can approve typed quantities offline, where this
  // checks the bench's copy instead.
  Result<packing::Packer> approveLead(const QString &badgeId, const QString &pin);

  QSqlDatabase m_db;
  const Clock &m_clock;
  StationSettings m_settings;
  scanning::ScanDecoder m_decoder;
  Screen m_screen = Screen::SignIn;
  QList<queue::Location> m_locations;
  int m_locationIndex = 0;
  QList<queue::WaitingOrder> m_orders;
  std::optional<packing::Packer> m_packer;
  std::optional<packing::ClaimedOrder> m_order;
  // station.prefetch: the next order, claimed ahead (its snapshot is in the offline journal).
  std::optional<packing::ClaimedOrder> m_prefetched;
  QString m_prefetchedName;
  // Finished offline and taken off the bench for the order claimed ahead: its journal lands when the database is back.
  std::optional<packing::ClaimedOrder> m_landing;
  QString m_landingName; // its order name, for what the packer is told if it is refused
  std::unique_ptr<packing::PackSession> m_session;
  // Leads who approved here lately (in the offline journal's file): approvals of typed quantities offline.
  std::unique_ptr<OfflineLeadApprovals> m_offlineLeads;
  qint64 m_lastFinished = 0;
  // An order was taken off the bench and the queue screen says why: the queue's own "Ready" waits until the packer
  // acts (F8, Enter, PB*ACK, another warehouse, sign-out), or a refresh would cover it before it is read.
  std::optional<Notice> m_standingNotice;
  bool m_locked = false;
  bool m_stopping = false; // stopForShutdown(): no more orders are taken
  bool m_offline = false;
  // A completed order whose pack result the database has not taken yet (it went away); retried on restore.
  std::optional<bool> m_unrecordedFinish;
  std::optional<QString> m_unrecordedHold;
  // Completed while the database was away: the completion waits in the offline journal.
  bool m_finishedOffline = false;
  bool m_heldOffline = false; // what finished it offline was a hold
  // The order whose journal landed when it was opened again (after a restart): recorded, not to be opened.
  qint64 m_lastLanded = 0;
  // Printed while the database was away and not heard from yet: job id (negative) → what to journal.
  QHash<qint64, UnjournaledPrint> m_unjournaledPrints;
  bool m_leaseLapsed = false; // locked too long: the open order's lease is no longer renewed
  std::optional<LeadAction> m_leadAction;
  bool m_manualApprovalOpen = false;
  AutoPrinted m_autoPrinted;
  Reprinting m_reprinting;
  std::optional<LabelWait> m_labelWait;
  // Carrier labels handed to the printer and not heard from yet: job id → box.
  QHash<qint64, int> m_carrierLabelJobs;
  // Labels of the order just packed whose send failed (job id → box): each box has its own, a carrier's or the house
  // label. The box is on the bench without its label, so the next F8 warns once before taking another order.
  struct UnprintedLabel {
    qint64 fulfillmentOrderId = 0;
    int box = 0;
    QString orderName;
  };
  QHash<qint64, UnprintedLabel> m_unprintedLabels;
  bool m_unprintedLabelsWarned = false;
  // The end of day asked for at this bench and not printed yet.
  struct EndOfDayWait {
    qint64 requestId = 0;
    QString warehouse;
  };
  std::optional<EndOfDayWait> m_endOfDay;

  QTimer *m_fallbackPoll = nullptr;
  QTimer *m_idleTimer = nullptr;
  QTimer *m_keepAlive = nullptr;
  QTimer *m_idleRelease = nullptr;
  QTimer *m_labelPoll = nullptr;
  QTimer *m_endOfDayPoll = nullptr;
};

} // namespace pb::station

Q_DECLARE_METATYPE(pb::station::Notice)
