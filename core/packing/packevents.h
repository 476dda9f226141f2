// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QUuid>

#include <optional>

namespace pb::packing {

// One scan_events row as a pack session writes it: online at once, or journaled offline and replayed later
// through the very same call.
struct ScanEventRecord {
  QUuid id; // client_event_id
  qint64 fulfillmentOrderId = 0;
  std::optional<qint64> claimId;
  qint64 lineId = 0;
  std::optional<qint64> stationId;
  qint64 packerId = 0;
  QString raw;
  QString normalized;
  QString symbology;
  QString outcome;
  int quantity = 1;
  int boxNo = 1;
  QString reason;
  qint64 approvedBy = 0;   // SQLite: the approving lead
  QString approvalToken{}; // PostgreSQL: the lead's single-use approval (journaled: only offline ones, 0022)
};

// A box row of the claim's order (packages), as PB*NEXTBOX and completion open it.
struct OpenBoxRecord {
  qint64 fulfillmentOrderId = 0;
  std::optional<qint64> claimId;
  std::optional<qint64> stationId;
  int boxNo = 1;
};

// A carrier label printed elsewhere, scanned onto a box of the claim's order (packages' tracking columns).
struct TrackingRecord {
  qint64 fulfillmentOrderId = 0;
  std::optional<qint64> claimId;
  std::optional<qint64> stationId;
  int boxNo = 1;
  QString courierCode; // the dataset's courier ("ups")
  QString company;     // Shopify's tracking company ("UPS")
  QString number;      // normalised: upper-case letters, digits and dashes
};

// Records one scan event: PostgreSQL through packbench_record_scan (sign-in, claim, lease, line and barcode checked
// there), SQLite directly. Conflict only when `record.id` was the caller's and that event is already recorded.
Status recordScanEvent(const QSqlDatabase &db, const ScanEventRecord &record, const QString &signInToken,
                       const QDateTime &at, bool callersId);
// Opens a box row (PostgreSQL: packbench_open_box under the claim); an existing box is kept.
Status openPackageBox(const QSqlDatabase &db, const OpenBoxRecord &box, const QString &signInToken,
                      const QDateTime &at);

// Attaches a tracking number to a box (PostgreSQL: packbench_attach_tracking under the claim, which also checks the
// box, the company and the number; SQLite: the same checks here) and answers its tracking URL. The same number on the
// same box again changes nothing, so a replay may repeat it.
Result<QString> attachPackageTracking(const QSqlDatabase &db, const TrackingRecord &record, const QString &signInToken,
                                      const QDateTime &at);

// Where a pack session's events go while the central database is away (core/station's OfflineJournal).
class EventJournal {
public:
  virtual ~EventJournal() = default;
  virtual Status append(const QUuid &id, const QString &kind, const QJsonObject &payload, const QDateTime &at) = 0;
};

// The kinds of journaled event and their payloads.
inline const QString kJournalScan = QStringLiteral("scan");
inline const QString kJournalOpenBox = QStringLiteral("open_box");
// The order finished at the bench (core/station replays it through PackWorkflow::finishWithin) and a slip or label
// printed meanwhile (journaled in print_jobs by the replay): neither has a call here.
inline const QString kJournalComplete = QStringLiteral("complete");
inline const QString kJournalPrint = QStringLiteral("print");
// A carrier label scanned onto a box offline (replayed through attachPackageTracking).
inline const QString kJournalTracking = QStringLiteral("tracking");
// The order put on hold at the bench (replayed through PackWorkflow::holdWithin).
inline const QString kJournalHold = QStringLiteral("hold");
QJsonObject toJson(const ScanEventRecord &record);
QJsonObject toJson(const OpenBoxRecord &box);
QJsonObject toJson(const TrackingRecord &tracking);
ScanEventRecord scanEventFromJson(const QUuid &id, const QJsonObject &json);
OpenBoxRecord openBoxFromJson(const QJsonObject &json);
TrackingRecord trackingFromJson(const QJsonObject &json);

// Replays one journaled event through the same call as online, under `signInToken`. A scan already recorded under
// its client event id (it landed before the connection went, or an earlier replay did) is not recorded again.
Status replayJournaledEvent(const QSqlDatabase &db, const QUuid &id, const QString &kind, const QJsonObject &payload,
                            const QString &signInToken, const QDateTime &at);

} // namespace pb::packing
