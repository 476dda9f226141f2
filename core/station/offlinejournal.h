// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/slipdata.h"
#include "core/packing/packevents.h"
#include "core/packing/packorder.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QUuid>

#include <optional>

namespace pb::station {

// The order this bench holds, as it was when it was opened: enough to go on packing without the central database.
struct HeldOrder {
  qint64 claimId = 0;
  qint64 stationId = 0;
  qint64 packerId = 0;
  packing::PackOrder order; // header, lines (expected quantities) and the codes of their items
  QDateTime takenAt;
  documents::SlipData slip; // what the packing slip shows, read when the order was opened (empty: not read)
};

// One thing the packer did while the central database was away, in the order it was done.
struct JournalEvent {
  qint64 seq = 0; // the journal's own order
  QUuid id;       // the client event id: what makes a replay idempotent (scan_events.client_event_id)
  QString kind;   // what it replays as ("scan", "open_box", "complete", "print")
  QJsonObject payload;
  QDateTime createdAt;
  QDateTime replayedAt; // invalid: still waiting
};

// A per-station SQLite file (WAL, synchronous=FULL: what it acknowledged survives a power cut) holding a snapshot
// of the held order and an append-only list of events. Separate from the embedded database: a PostgreSQL station
// has one too. Events are never deleted: replayed ones are marked, refused ones are set aside for the lead.
class OfflineJournal final : public packing::EventJournal {
  Q_DISABLE_COPY_MOVE(OfflineJournal)

public:
  static Result<std::unique_ptr<OfflineJournal>> open(const QString &path);
  ~OfflineJournal() override;

  const QString &path() const { return m_path; }
  // The journal file's connection, for what else the bench keeps beside it (OfflineLeadApprovals).
  const QSqlDatabase &database() const { return m_db; }

  // Which snapshot: the order on the bench, or the next one the station claimed ahead (station.prefetch) so it
  // can be packed offline too.
  enum class Slot { Held, Prefetched };

  // Replaces the snapshot in `slot`: this order is the one the bench holds (or holds next) now.
  Status saveHeldOrder(const HeldOrder &held, Slot slot = Slot::Held);
  Result<std::optional<HeldOrder>> heldOrder(Slot slot = Slot::Held) const;
  Status clearHeldOrder(Slot slot = Slot::Held);

  // Appends an event (a new, non-null id; a repeated id is refused: it was journaled already).
  Status append(const QUuid &id, const QString &kind, const QJsonObject &payload, const QDateTime &at) override;
  // The events not replayed and not set aside yet, oldest first.
  Result<QList<JournalEvent>> pending() const;
  Result<int> pendingCount() const;
  // Marks events as landed in the central database; marking one twice keeps the first time.
  Status markReplayed(const QList<QUuid> &ids, const QDateTime &at);
  // Sets waiting events aside with why the central database refused them: kept for the lead, never replayed.
  Status setAside(const QList<QUuid> &ids, const QString &reason, const QDateTime &at);

private:
  OfflineJournal(QSqlDatabase db, QString path);
  QSqlDatabase m_db;
  QString m_path;
};

// The claim a journaled event was made under (its payload's), or 0.
qint64 claimOf(const JournalEvent &event);

// The PackOrder snapshot as JSON and back (the journal's held_order row).
QJsonObject packOrderToJson(const packing::PackOrder &order);
packing::PackOrder packOrderFromJson(const QJsonObject &json);

} // namespace pb::station
