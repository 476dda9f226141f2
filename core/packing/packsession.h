// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/carriers/trackingnumber.h"
#include "core/db/sql.h"
#include "core/packing/packers.h"
#include "core/packing/packevents.h"
#include "core/packing/packorder.h"
#include "core/scanning/scandecoder.h"

#include <QMap>
#include <QObject>
#include <QSqlDatabase>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

namespace pb::packing {

// Who is packing, and under which claim (from pb::queue::OrderQueue) and station, if any. On PostgreSQL the
// packer's sign-in token (Packer::signInToken) goes with every scan: the database records the packer it names.
struct PackContext {
  qint64 packerId = 0;
  std::optional<qint64> claimId;
  std::optional<qint64> stationId;
  QString signInToken{};
};

struct PackOptions {
  bool autoComplete = false;   // complete on the last good scan
  bool manualNeedsLead = true; // typed quantities need a lead's badge
};

// What happened to one input; the UI turns it into words, colour and sound.
enum class Outcome {
  Counted,        // good scan or manual entry, persisted
  WrongItem,      // a catalogue item not on this order: blocks until acknowledged
  UnknownBarcode, // nothing in the catalogue: blocks
  OverScan,       // this line is already complete: blocks
  Unreadable,     // the scan could not be decoded (bad check digit, garbage): blocks
  StillBlocked,   // an error is waiting for acknowledgement; the input was ignored
  Duplicate,      // this event id was already recorded (replayed input); nothing counted twice
  Acknowledged,
  BoxStarted,
  HoldRequested,
  Completed,
  Refused,          // not allowed now (complete with items missing, empty box, no lead approval …)
  Failed,           // the database did not take it: nothing was counted
  TrackingAttached, // a carrier label's tracking number is on the current box (or already was)
  TrackingRefused,  // a tracking number that cannot go on this box (it has another; another carrier …)
};

// The tracking number on one box (packages row), as the pack screen shows it.
struct BoxTracking {
  int boxNo = 0;
  QString number;
  QString company; // Shopify's tracking company ("UPS")
  QString url;     // computed by the database from the company; empty when it has no page for it
};

struct ScanFeedback {
  Outcome outcome = Outcome::Refused;
  int row = -1;                 // the line it concerned
  QString code;                 // what was scanned (for the banner: which barcode)
  QString itemTitle;            // the matched item (wrong item: what it actually is)
  QString itemVariant;          // its variant: often all that tells two items apart
  QString detail;               // why it was refused or failed, in English for logs
  int remaining = 0;            // items still to verify after this input
  bool approvalRefused = false; // a lead's badge and PIN were needed and not accepted (detail: the reason)
  int box = 0;                  // tracking outcomes: the box concerned
  QString company{};            // tracking outcomes (and an unknown barcode that reads as one): the company
  bool signInEnded = false;     // Failed because the packer's sign-in ended (ErrorKind::SignedOut): sign in again
  QList<int> sameCodeRows{};    // Counted: lines of other variants with the same code (Shopify allows it): check which
};

// Verifies one fulfillment order by scan, within one pack attempt (the claim in PackContext). Every input
// is written to scan_events under that claim before it counts, so reopening a session on the same claim
// (after a crash) restores counts, box and any unacknowledged error exactly; a new claim starts from zero.
// Claiming, holding and marking packed belong to the queue: this class only records and signals.
class PackSession final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(PackSession)

public:
  enum class State { Packing, Blocked, HoldRequested, Completed };

  static Result<std::unique_ptr<PackSession>> open(QSqlDatabase db, const Clock &clock, qint64 fulfillmentOrderId,
                                                   PackContext context, PackOptions options = {},
                                                   QObject *parent = nullptr);
  // An order claimed ahead (station.prefetch) and never scanned, opened while the central database is away: from
  // its snapshot, reading nothing, with every event going to `journal` until the database is back.
  static std::unique_ptr<PackSession> openOffline(QSqlDatabase db, const Clock &clock, PackOrder order,
                                                  PackContext context, EventJournal *journal, PackOptions options = {},
                                                  QObject *parent = nullptr);
  ~PackSession() override;

  const PackHeader &header() const { return m_order.header; }
  const QList<PackLine> &lines() const { return m_order.lines; }
  const PackOrder &order() const { return m_order; }
  const PackContext &context() const { return m_context; }
  // The central database is away (journal set) or back (null): events go to the journal meanwhile, to be
  // replayed through the same calls. Offline, an item not on the order is a wrong item (no catalogue to ask), a
  // tracking label is read as one only by its courier's check digit, and the last item does not complete the order
  // by itself.
  void setOfflineJournal(EventJournal *journal) { m_journal = journal; }
  bool isOffline() const { return m_journal != nullptr; }
  // Asked when a scan's write finds the database gone mid-write (a cut link): the journal to keep that very scan in
  // (the session is then offline), or null to refuse it as before. The station decides whether it can pack offline.
  using LostLinkFallback = std::function<EventJournal *()>;
  void setLostLinkFallback(LostLinkFallback fallback) { m_lostLinkFallback = std::move(fallback); }
  // Who checks a lead's badge and PIN for a typed quantity: approveAsLead against the database unless the station
  // sets its own (which also keeps the lead for approvals offline, and checks that copy while the database is away).
  using LeadApprover = std::function<Result<Packer>(const QString &badge, const QString &pin)>;
  void setLeadApprover(LeadApprover approver) { m_leadApprover = std::move(approver); }
  // The same packer signed in again (after a lock or an expired sign-in): their new token goes with what follows.
  void renewSignIn(const QString &signInToken) { m_context.signInToken = signInToken; }
  bool needsLeadForManual() const { return m_options.manualNeedsLead; }
  State state() const { return m_state; }
  int boxNo() const { return m_boxNo; }
  // The boxes that hold items: the last one left out while it is empty (a partial shipment after PB*NEXTBOX), so no
  // label is bought or printed for a box that does not ship.
  int boxesWithItems() const { return m_itemsInBox == 0 && m_boxNo > 1 ? m_boxNo - 1 : m_boxNo; }
  int expectedTotal() const;
  int verifiedTotal() const;
  bool allVerified() const { return verifiedTotal() >= expectedTotal(); }
  // The error that blocks scanning until acknowledged, if any.
  const std::optional<ScanFeedback> &pendingError() const { return m_pendingError; }
  // The tracking numbers attached to this order's boxes, by box.
  const QMap<int, BoxTracking> &boxTracking() const { return m_tracking; }

  // An item scan (or an unreadable one), or a carrier label's tracking barcode (packtracking.cpp says which
  // is which). Command barcodes are refused: StationController's table runs them.
  ScanFeedback handleScan(const scanning::DecodedScan &scan, QUuid eventId = {});
  // Attaches a recognised tracking number to the current box (a scanned label printed elsewhere).
  ScanFeedback attachTracking(const carriers::TrackingNumber &tracking);
  ScanFeedback acknowledge();
  // A typed quantity for an item whose barcode will not scan. With manualNeedsLead, an active lead approves
  // with badge and PIN (approveAsLead; on PostgreSQL the database consumes the approval and records the lead's
  // packer id); a refusal then says so in `approvalRefused` and why in `detail` (a lockout's wait included).
  ScanFeedback enterManual(int row, int quantity, const QString &reason, const QString &approverBadge = {},
                           const QString &approverPin = {});
  ScanFeedback nextBox();
  ScanFeedback requestHold(const QString &reason);
  ScanFeedback complete();
  // Ships what is verified and leaves the rest open; needs a reason.
  ScanFeedback completePartial(const QString &reason);

Q_SIGNALS:
  void lineChanged(int row);
  void stateChanged(pb::packing::PackSession::State state);
  void boxChanged(int boxNo);
  void trackingChanged(int boxNo);
  void feedbackGiven(const pb::packing::ScanFeedback &feedback);
  // For the composition root to forward to OrderQueue::hold / markPacked.
  void holdRequested(const QString &reason);
  void completed(bool partial);

private:
  PackSession(QSqlDatabase db, const Clock &clock, PackOrder order, PackContext context, PackOptions options,
              QObject *parent);
  Status replayEvents();
  struct Event {
    QString outcome;
    qint64 lineId = 0;
    QString raw;
    QString normalized;
    QString symbology;
    int quantity = 1;
    QString reason;
    QUuid id;
    qint64 approvedBy = 0;   // the approving lead's packer id (manual counts)
    QString approvalToken{}; // PostgreSQL: the lead's single-use approval (packbench_approve_as_lead)
  };
  Status insertEvent(const Event &event) const;
  // The package row for a box of this order (PostgreSQL: packbench_open_box under this session's claim).
  Status openBox(int boxNo) const;
  ScanFeedback handleItem(const scanning::DecodedScan &scan, const QUuid &eventId);
  // Tracking labels (packtracking.cpp).
  enum class TrackingReading { NotTracking, Tracking, Ambiguous };
  TrackingReading readTracking(const scanning::DecodedScan &scan, carriers::TrackingNumber *reading) const;
  // The feedback of a tracking scan; nullopt: not a tracking number, the scan is an item's.
  std::optional<ScanFeedback> handleTracking(const scanning::DecodedScan &scan, const QUuid &eventId);
  Status loadTracking();
  ScanFeedback block(ScanFeedback feedback, const scanning::DecodedScan &scan, const QUuid &eventId);
  ScanFeedback emitFeedback(ScanFeedback feedback);
  // Nothing was saved: Failed with the reason, marked when it was the packer's sign-in that ended.
  ScanFeedback notSaved(ScanFeedback feedback, const Error &error);
  // The first line of these variants still short of items, else the first of them; -1 when none is on the order.
  int findRowForVariants(const QList<qint64> &variants) const;
  // The lines of the other variants among these (those that share the scanned code with row's).
  QList<int> otherRowsCarrying(const QList<qint64> &variants, int row) const;
  void setState(State state);
  // Runs body in one transaction online; offline it appends to the journal, which has none to offer. A scan
  // (journalOnLostLink) whose write lost the database goes to the journal under the same event id: if its commit
  // did land after all, the replay finds that id and skips it.
  template <typename Body> Status save(Body &&body, bool journalOnLostLink = false)
  {
    if (m_journal)
      return body();
    const Status saved = db::inTransaction(m_db, body);
    if (saved || !journalOnLostLink || saved.error().kind != ErrorKind::Unavailable || !m_lostLinkFallback)
      return saved;
    m_journal = m_lostLinkFallback();
    return m_journal ? body() : saved;
  }

  QSqlDatabase m_db;
  const Clock &m_clock;
  PackOrder m_order;
  PackContext m_context;
  PackOptions m_options;
  State m_state = State::Packing;
  int m_boxNo = 1;
  int m_itemsInBox = 0;
  std::optional<ScanFeedback> m_pendingError;
  QMap<int, BoxTracking> m_tracking;
  EventJournal *m_journal = nullptr; // not owned; set while offline
  LeadApprover m_leadApprover;
  LostLinkFallback m_lostLinkFallback;
  QString m_trackingToConfirm; // an ambiguous number blocked as unknown: after ACK, the same scan attaches it
};

} // namespace pb::packing

Q_DECLARE_METATYPE(pb::packing::ScanFeedback)
