// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/station/offlinejournal.h"

#include "core/db/connection.h"
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/documents/slipsnapshot.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pb::station {

namespace {

const QStringList kSchema = {
    QStringLiteral("CREATE TABLE IF NOT EXISTS held_order (id INTEGER PRIMARY KEY CHECK (id = 1), "
                   "fulfillment_order_id INTEGER NOT NULL, claim_id INTEGER NOT NULL, station_id INTEGER NOT NULL, "
                   "packer_id INTEGER NOT NULL, snapshot TEXT NOT NULL, taken_at TEXT NOT NULL)"),
    // The next order, claimed ahead (station.prefetch): the same columns as held_order.
    QStringLiteral("CREATE TABLE IF NOT EXISTS prefetched_order (id INTEGER PRIMARY KEY CHECK (id = 1), "
                   "fulfillment_order_id INTEGER NOT NULL, claim_id INTEGER NOT NULL, station_id INTEGER NOT NULL, "
                   "packer_id INTEGER NOT NULL, snapshot TEXT NOT NULL, taken_at TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                   "client_event_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, payload TEXT NOT NULL, "
                   "created_at TEXT NOT NULL, replayed_at TEXT, set_aside_at TEXT, set_aside_reason TEXT)"),
    // Append-only: an event's content never changes once journaled.
    QStringLiteral("CREATE TRIGGER IF NOT EXISTS events_append_only BEFORE UPDATE OF client_event_id, kind, payload, "
                   "created_at ON events BEGIN SELECT RAISE(ABORT, 'journal events are append-only'); END"),
    QStringLiteral("CREATE TRIGGER IF NOT EXISTS events_kept BEFORE DELETE ON events "
                   "BEGIN SELECT RAISE(ABORT, 'journal events are kept'); END"),
    // Leads who approved at this bench lately, for approvals offline (offlineleadapprovals.cpp): the badge only as
    // SHA-256, the PIN only as PBKDF2, and the database's single-use offline approvals for them.
    QStringLiteral("CREATE TABLE IF NOT EXISTS lead_pins (badge_sha256 TEXT PRIMARY KEY, lead_id INTEGER NOT NULL, "
                   "name TEXT NOT NULL, role TEXT NOT NULL, pin_hash TEXT NOT NULL, expires_at TEXT NOT NULL, "
                   "failures INTEGER NOT NULL DEFAULT 0, locked_until TEXT)"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS lead_offline_approvals (token TEXT PRIMARY KEY, "
                   "lead_id INTEGER NOT NULL, expires_at TEXT NOT NULL)"),
};

QString toText(const QJsonObject &json)
{
  return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

QJsonObject fromText(const QString &text)
{
  return QJsonDocument::fromJson(text.toUtf8()).object();
}

QDateTime timeOf(const QVariant &value)
{
  if (value.isNull())
    return {};
  QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
  time.setTimeSpec(Qt::UTC);
  return time;
}

// The order to pack and the slip to print, in one row: what the bench needs while the database is away.
QJsonObject snapshotOf(const HeldOrder &held)
{
  QJsonObject snapshot = packOrderToJson(held.order);
  snapshot.insert(QStringLiteral("slip"), documents::slipToJson(held.slip));
  return snapshot;
}

QString tableOf(OfflineJournal::Slot slot)
{
  return slot == OfflineJournal::Slot::Held ? QStringLiteral("held_order") : QStringLiteral("prefetched_order");
}

QString idText(const QUuid &id)
{
  return id.toString(QUuid::WithoutBraces);
}

} // namespace

Result<std::unique_ptr<OfflineJournal>> OfflineJournal::open(const QString &path)
{
  db::ConnectionSettings settings;
  settings.driver = db::Driver::Sqlite;
  settings.sqlitePath = path;
  // One connection per file: two controllers in one process (tests) keep apart.
  auto opened = db::openDatabase(settings, QStringLiteral("offline-journal:%1").arg(path));
  if (!opened)
    return opened.error();
  for (const QString &statement : kSchema) {
    if (auto created = db::execStatic(*opened, statement); !created)
      return created.error();
  }
  return std::unique_ptr<OfflineJournal>(new OfflineJournal(*opened, path));
}

OfflineJournal::OfflineJournal(QSqlDatabase db, QString path)
    : m_db(std::move(db))
    , m_path(std::move(path))
{}

OfflineJournal::~OfflineJournal()
{
  const QString name = m_db.connectionName();
  m_db.close();
  m_db = QSqlDatabase();
  QSqlDatabase::removeDatabase(name);
}

Status OfflineJournal::saveHeldOrder(const HeldOrder &held, Slot slot)
{
  auto saved = db::exec(m_db,
                        QStringLiteral("INSERT OR REPLACE INTO %1 (id, fulfillment_order_id, claim_id, station_id, "
                                       "packer_id, snapshot, taken_at) VALUES (1, ?, ?, ?, ?, ?, ?)")
                            .arg(tableOf(slot)),
                        {held.order.header.fulfillmentOrderId, held.claimId, held.stationId, held.packerId,
                         toText(snapshotOf(held)), db::isoUtc(held.takenAt)});
  if (!saved)
    return saved.error();
  return {};
}

Result<std::optional<HeldOrder>> OfflineJournal::heldOrder(Slot slot) const
{
  auto q = db::exec(
      m_db, QStringLiteral("SELECT claim_id, station_id, packer_id, snapshot, taken_at FROM %1").arg(tableOf(slot)));
  if (!q)
    return q.error();
  QSqlQuery &row = q.value();
  if (!row.next())
    return std::optional<HeldOrder>();
  HeldOrder held;
  held.claimId = row.value(0).toLongLong();
  held.stationId = row.value(1).toLongLong();
  held.packerId = row.value(2).toLongLong();
  const QJsonObject snapshot = fromText(row.value(3).toString());
  held.order = packOrderFromJson(snapshot);
  held.slip = documents::slipFromJson(snapshot.value(QStringLiteral("slip")).toObject());
  held.takenAt = timeOf(row.value(4));
  return std::optional<HeldOrder>(held);
}

Status OfflineJournal::clearHeldOrder(Slot slot)
{
  auto cleared = db::exec(m_db, QStringLiteral("DELETE FROM %1").arg(tableOf(slot)));
  if (!cleared)
    return cleared.error();
  return {};
}

Status OfflineJournal::append(const QUuid &id, const QString &kind, const QJsonObject &payload, const QDateTime &at)
{
  if (id.isNull())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("a journal event needs a client event id"));
  auto added = db::exec(m_db,
                        QStringLiteral("INSERT INTO events (client_event_id, kind, payload, created_at) "
                                       "VALUES (?, ?, ?, ?)"),
                        {idText(id), kind, toText(payload), db::isoUtc(at)});
  if (!added)
    return added.error();
  return {};
}

Result<QList<JournalEvent>> OfflineJournal::pending() const
{
  auto q = db::exec(m_db, QStringLiteral("SELECT seq, client_event_id, kind, payload, created_at FROM events "
                                         "WHERE replayed_at IS NULL AND set_aside_at IS NULL ORDER BY seq"));
  if (!q)
    return q.error();
  QList<JournalEvent> events;
  QSqlQuery &row = q.value();
  while (row.next()) {
    JournalEvent event;
    event.seq = row.value(0).toLongLong();
    event.id = QUuid::fromString(row.value(1).toString());
    event.kind = row.value(2).toString();
    event.payload = fromText(row.value(3).toString());
    event.createdAt = timeOf(row.value(4));
    events.append(event);
  }
  return events;
}

Result<int> OfflineJournal::pendingCount() const
{
  auto q =
      db::exec(m_db, QStringLiteral("SELECT count(*) FROM events WHERE replayed_at IS NULL AND set_aside_at IS NULL"));
  if (!q)
    return q.error();
  return q.value().next() ? q.value().value(0).toInt() : 0;
}

Status OfflineJournal::markReplayed(const QList<QUuid> &ids, const QDateTime &at)
{
  return db::inTransaction(m_db, [&]() -> Status {
    for (const QUuid &id : ids) {
      auto marked = db::exec(m_db,
                             QStringLiteral("UPDATE events SET replayed_at = ? WHERE client_event_id = ? "
                                            "AND replayed_at IS NULL"),
                             {db::isoUtc(at), idText(id)});
      if (!marked)
        return marked.error();
    }
    return {};
  });
}

Status OfflineJournal::setAside(const QList<QUuid> &ids, const QString &reason, const QDateTime &at)
{
  return db::inTransaction(m_db, [&]() -> Status {
    for (const QUuid &id : ids) {
      auto marked =
          db::exec(m_db,
                   QStringLiteral("UPDATE events SET set_aside_at = ?, set_aside_reason = ? "
                                  "WHERE client_event_id = ? AND replayed_at IS NULL AND set_aside_at IS NULL"),
                   {db::isoUtc(at), reason, idText(id)});
      if (!marked)
        return marked.error();
    }
    return {};
  });
}

qint64 claimOf(const JournalEvent &event)
{
  return event.payload.value(QStringLiteral("claim")).toInteger();
}

QJsonObject packOrderToJson(const packing::PackOrder &order)
{
  const packing::PackHeader &h = order.header;
  QJsonObject header{{QStringLiteral("fulfillmentOrderId"), h.fulfillmentOrderId},
                     {QStringLiteral("shopId"), h.shopId},
                     {QStringLiteral("orderName"), h.orderName},
                     {QStringLiteral("shipBy"), h.shipBy.isValid() ? db::isoUtc(h.shipBy) : QString()},
                     {QStringLiteral("shippingMethod"), h.shippingMethod},
                     {QStringLiteral("note"), h.note},
                     {QStringLiteral("giftMessage"), h.giftMessage},
                     {QStringLiteral("packState"), h.packState},
                     {QStringLiteral("version"), h.version}};
  QJsonArray lines;
  for (const packing::PackLine &line : order.lines)
    lines.append(QJsonObject{{QStringLiteral("lineId"), line.lineId},
                             {QStringLiteral("variantId"), line.variantId},
                             {QStringLiteral("title"), line.title},
                             {QStringLiteral("variantTitle"), line.variantTitle},
                             {QStringLiteral("sku"), line.sku},
                             {QStringLiteral("bin"), line.bin},
                             {QStringLiteral("expected"), line.expected}});
  QJsonObject codes;
  for (auto it = order.variantsByCode.cbegin(); it != order.variantsByCode.cend(); ++it) {
    QJsonArray variants;
    for (const qint64 variantId : it.value())
      variants.append(variantId);
    codes.insert(it.key(), variants);
  }
  return {{QStringLiteral("header"), header}, {QStringLiteral("lines"), lines}, {QStringLiteral("codes"), codes}};
}

packing::PackOrder packOrderFromJson(const QJsonObject &json)
{
  packing::PackOrder order;
  const QJsonObject h = json.value(QStringLiteral("header")).toObject();
  order.header.fulfillmentOrderId = h.value(QStringLiteral("fulfillmentOrderId")).toInteger();
  order.header.shopId = h.value(QStringLiteral("shopId")).toInteger();
  order.header.orderName = h.value(QStringLiteral("orderName")).toString();
  order.header.shipBy = timeOf(h.value(QStringLiteral("shipBy")).toString().isEmpty()
                                   ? QVariant()
                                   : QVariant(h.value(QStringLiteral("shipBy")).toString()));
  order.header.shippingMethod = h.value(QStringLiteral("shippingMethod")).toString();
  order.header.note = h.value(QStringLiteral("note")).toString();
  order.header.giftMessage = h.value(QStringLiteral("giftMessage")).toString();
  order.header.packState = h.value(QStringLiteral("packState")).toString();
  order.header.version = h.value(QStringLiteral("version")).toInt();
  for (const QJsonValue &value : json.value(QStringLiteral("lines")).toArray()) {
    const QJsonObject l = value.toObject();
    packing::PackLine line;
    line.lineId = l.value(QStringLiteral("lineId")).toInteger();
    line.variantId = l.value(QStringLiteral("variantId")).toInteger();
    line.title = l.value(QStringLiteral("title")).toString();
    line.variantTitle = l.value(QStringLiteral("variantTitle")).toString();
    line.sku = l.value(QStringLiteral("sku")).toString();
    line.bin = l.value(QStringLiteral("bin")).toString();
    line.expected = l.value(QStringLiteral("expected")).toInt();
    order.lines.append(line);
  }
  const QJsonObject codes = json.value(QStringLiteral("codes")).toObject();
  for (auto it = codes.constBegin(); it != codes.constEnd(); ++it) {
    if (!it.value().isArray()) { // a journal written before codes could name several variants
      order.addCode(it.key(), it.value().toInteger());
      continue;
    }
    for (const QJsonValue &variantId : it.value().toArray())
      order.addCode(it.key(), variantId.toInteger());
  }
  return order;
}

} // namespace pb::station
