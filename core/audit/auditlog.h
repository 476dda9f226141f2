// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace pb::db {
class StatementCache;
}

// The one way C++ writes the append-only audit_log (migration 0001), on SQLite and PostgreSQL alike.
// Its shared columns, which the PL/pgSQL writers (packbench_audit in 0012, the PIN checks in 0011) fill the
// same way: at (when), actor_kind + actor_id (who: 'packer' + packers.id, 'station' + stations.id or the
// station login, 'hub' or 'system' + a name), station_id (the bench it happened at, if any), action (a
// dotted verb: 'packed', 'fulfillment.enqueued', 'packer.added'), subject_kind + subject_id (what it
// happened to: 'fulfillment_order' + its id, 'packer' + badge or id, 'customer', 'shop', …) and details
// (a flat JSON object of ids, counts and flags: never customer data; a free-text reason is the only text,
// and customers/redact blanks it).
namespace pb::audit {

// Who did it; kinds are audit_log.actor_kind's CHECK list.
struct Actor {
  enum class Kind { Packer, Station, Hub, System };
  Kind kind = Kind::System;
  QString id;                      // actor_id: empty is NULL
  std::optional<qint64> stationId; // station_id: the bench it happened at

  static Actor packer(qint64 packerId, std::optional<qint64> stationId = std::nullopt);
  static Actor station(qint64 stationId);
  static Actor hub(const QString &name);
  static Actor system(const QString &name = {});
  // At a pack bench: the packer when known, else the station, else the system (a reaper, a lead's console):
  // the rule packbench_audit (migration 0012) applies on PostgreSQL.
  static Actor atBench(std::optional<qint64> stationId, std::optional<qint64> packerId);
  bool operator==(const Actor &) const = default;
};

// What it happened to.
struct Subject {
  QString kind;
  QString id;

  static Subject fulfillmentOrder(qint64 id);
  bool operator==(const Subject &) const = default;
};

struct Entry {
  Actor actor;
  QString action;
  Subject subject;
  QJsonObject details;         // flat: strings, numbers, booleans, null
  std::optional<QDateTime> at; // unset: the database's now (the transaction's start on PostgreSQL)
};

// Appends the entry on the caller's connection, inside the caller's transaction. InvalidInput when the entry
// has no action or subject, or details that are not flat (a nested object could carry a whole payload).
Status write(const QSqlDatabase &db, const Entry &entry);
// The same through a connection's statement cache (hot paths: the queue).
Status write(db::StatementCache &statements, const Entry &entry);

QString actorKindName(Actor::Kind kind);

} // namespace pb::audit
