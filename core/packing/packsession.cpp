// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/packsession.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/packing/packers.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace pb::packing {

using db::isoUtc;

namespace {
Q_LOGGING_CATEGORY(lcSession, "packbench.core.packing.packsession")

const QString kOk = QStringLiteral("ok");
const QString kManual = QStringLiteral("manual");
const QString kWrongItem = QStringLiteral("wrong_item");
const QString kUnknown = QStringLiteral("unknown");
const QString kOverScan = QStringLiteral("over_scan");
const QString kAcknowledged = QStringLiteral("acknowledged");
const QString kCommand = QStringLiteral("command");
const QString kUnreadablePrefix = QStringLiteral("unreadable: ");

} // namespace

Result<std::unique_ptr<PackSession>> PackSession::open(QSqlDatabase db, const Clock &clock, qint64 fulfillmentOrderId,
                                                       PackContext context, PackOptions options, QObject *parent)
{
  auto order = loadPackOrder(db, fulfillmentOrderId);
  if (!order)
    return order.error();
  const QString &state = order->header.packState;
  if (state == u"packed" || state == u"cancelled")
    return makeError(ErrorKind::Conflict,
                     QStringLiteral("fulfillment order %1 is %2").arg(fulfillmentOrderId).arg(state));
  if (context.packerId == 0)
    return makeError(ErrorKind::Permission, QCoreApplication::translate("pb::packing::PackSession",
                                                                        "a pack session needs a signed-in packer"));
  std::unique_ptr<PackSession> session(
      new PackSession(std::move(db), clock, std::move(*order), context, options, parent));
  if (Status replayed = session->replayEvents(); !replayed)
    return replayed.error();
  if (Status tracking = session->loadTracking(); !tracking)
    return tracking.error();
  return session;
}

std::unique_ptr<PackSession> PackSession::openOffline(QSqlDatabase db, const Clock &clock, PackOrder order,
                                                      PackContext context, EventJournal *journal, PackOptions options,
                                                      QObject *parent)
{
  std::unique_ptr<PackSession> session(
      new PackSession(std::move(db), clock, std::move(order), context, options, parent));
  session->setOfflineJournal(journal);
  return session;
}

PackSession::PackSession(QSqlDatabase db, const Clock &clock, PackOrder order, PackContext context, PackOptions options,
                         QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_clock(clock)
    , m_order(std::move(order))
    , m_context(context)
    , m_options(options)
{}

PackSession::~PackSession() = default;

int PackSession::expectedTotal() const
{
  int total = 0;
  for (const PackLine &line : m_order.lines)
    total += line.expected;
  return total;
}

int PackSession::verifiedTotal() const
{
  int total = 0;
  for (const PackLine &line : m_order.lines)
    total += std::min(line.verified, line.expected);
  return total;
}

Status PackSession::replayEvents()
{
  // Only this attempt's events: a claim that was released, held or expired took its scans with it (the
  // items went back to the shelf), so a new claim starts from zero. Unclaimed sessions share the unclaimed events.
  auto events =
      m_context.claimId
          ? db::exec(m_db,
                     QStringLiteral("SELECT outcome, line_id, quantity, box_no, raw_code, reason FROM "
                                    "scan_events WHERE fulfillment_order_id = ? AND claim_id = ? ORDER BY id"),
                     {m_order.header.fulfillmentOrderId, *m_context.claimId})
          : db::exec(m_db,
                     QStringLiteral("SELECT outcome, line_id, quantity, box_no, raw_code, reason FROM "
                                    "scan_events WHERE fulfillment_order_id = ? AND claim_id IS NULL "
                                    "ORDER BY id"),
                     {m_order.header.fulfillmentOrderId});
  if (!events)
    return events.error();
  int replayed = 0;
  while (events.value().next()) {
    const QSqlQuery &q = events.value();
    const QString outcome = q.value(0).toString();
    const qint64 lineId = q.value(1).toLongLong();
    const int box = q.value(3).toInt();
    int row = -1;
    for (int i = 0; i < m_order.lines.size(); ++i) {
      if (m_order.lines.at(i).lineId == lineId)
        row = i;
    }
    if (box > m_boxNo) {
      m_boxNo = box;
      m_itemsInBox = 0;
    }
    ++replayed;
    if ((outcome == kOk || outcome == kManual) && row >= 0) {
      m_order.lines[row].verified += q.value(2).toInt();
      if (box == m_boxNo)
        m_itemsInBox += q.value(2).toInt();
    } else if (outcome == kWrongItem || outcome == kUnknown || outcome == kOverScan) {
      ScanFeedback error;
      error.outcome = outcome == kWrongItem                                 ? Outcome::WrongItem
                      : outcome == kOverScan                                ? Outcome::OverScan
                      : q.value(5).toString().startsWith(kUnreadablePrefix) ? Outcome::Unreadable
                                                                            : Outcome::UnknownBarcode;
      error.row = row;
      error.code = q.value(4).toString();
      m_pendingError = error;
    } else if (outcome == kAcknowledged) {
      m_pendingError.reset();
    }
  }
  if (m_pendingError) {
    m_pendingError->remaining = expectedTotal() - verifiedTotal();
    m_state = State::Blocked;
  }
  if (replayed > 0)
    qCInfo(lcSession) << "resumed fulfillment order" << m_order.header.fulfillmentOrderId << "from" << replayed
                      << "scan events:" << verifiedTotal() << "of" << expectedTotal() << "verified, box" << m_boxNo;
  return {};
}

Status PackSession::openBox(int boxNo) const
{
  const OpenBoxRecord box{m_order.header.fulfillmentOrderId, m_context.claimId, m_context.stationId, boxNo};
  if (m_journal)
    return m_journal->append(QUuid::createUuid(), kJournalOpenBox, toJson(box), m_clock.nowUtc());
  return openPackageBox(m_db, box, m_context.signInToken, m_clock.nowUtc());
}

Status PackSession::insertEvent(const Event &event) const
{
  ScanEventRecord record{event.id.isNull() ? QUuid::createUuid() : event.id,
                         m_order.header.fulfillmentOrderId,
                         m_context.claimId,
                         event.lineId,
                         m_context.stationId,
                         m_context.packerId,
                         event.raw,
                         event.normalized,
                         event.symbology,
                         event.outcome,
                         event.quantity,
                         m_boxNo,
                         event.reason,
                         event.approvedBy,
                         event.approvalToken};
  if (m_journal) // replayed later through recordScanEvent, under this id
    return m_journal->append(record.id, kJournalScan, toJson(record), m_clock.nowUtc());
  return recordScanEvent(m_db, record, m_context.signInToken, m_clock.nowUtc(), !event.id.isNull());
}

ScanFeedback PackSession::emitFeedback(ScanFeedback feedback)
{
  feedback.remaining = expectedTotal() - verifiedTotal();
  Q_EMIT feedbackGiven(feedback);
  return feedback;
}

ScanFeedback PackSession::notSaved(ScanFeedback feedback, const Error &error)
{
  feedback.outcome = Outcome::Failed;
  feedback.detail = error.message;
  feedback.signInEnded = error.kind == ErrorKind::SignedOut;
  return emitFeedback(feedback);
}

void PackSession::setState(State state)
{
  if (m_state == state)
    return;
  m_state = state;
  Q_EMIT stateChanged(state);
}

ScanFeedback PackSession::handleScan(const scanning::DecodedScan &scan, QUuid eventId)
{
  using scanning::ScanKind;
  if (scan.kind == ScanKind::Command) // the station's command table (core/station) runs commands, not the session
    return emitFeedback({Outcome::Refused, -1, scan.raw, {}, {}, QStringLiteral("a command, not an item"), 0});
  if (m_state == State::Completed || m_state == State::HoldRequested)
    return emitFeedback({Outcome::Refused, -1, scan.raw, {}, {}, QStringLiteral("this order is finished"), 0});
  if (m_state == State::Blocked)
    return emitFeedback({Outcome::StillBlocked, m_pendingError ? m_pendingError->row : -1, scan.raw, {}, {}, {}, 0});
  // One id from here on: a write lost with the link goes to the journal under the id it was sent with.
  const QUuid id = eventId.isNull() ? QUuid::createUuid() : eventId;
  if (std::optional<ScanFeedback> tracking = handleTracking(scan, id))
    return *tracking; // a carrier label's tracking barcode, never counted as an item
  if (scan.kind == ScanKind::Invalid)
    return block({Outcome::Unreadable, -1, scan.raw, {}, {}, scan.error, 0}, scan, id);
  if (scan.kind != ScanKind::Item)
    return emitFeedback({Outcome::Refused, -1, scan.raw, {}, {}, QStringLiteral("not an item barcode"), 0});
  return handleItem(scan, id);
}

int PackSession::findRowForVariants(const QList<qint64> &variants) const
{
  int full = -1;
  for (int i = 0; i < m_order.lines.size(); ++i) {
    const PackLine &line = m_order.lines.at(i);
    if (!variants.contains(line.variantId))
      continue;
    if (!line.done())
      return i;
    if (full < 0)
      full = i;
  }
  return full;
}

QList<int> PackSession::otherRowsCarrying(const QList<qint64> &variants, int row) const
{
  QList<int> rows;
  for (int i = 0; i < m_order.lines.size(); ++i) {
    const qint64 variantId = m_order.lines.at(i).variantId;
    if (variantId != m_order.lines.at(row).variantId && variants.contains(variantId))
      rows.append(i);
  }
  return rows;
}

ScanFeedback PackSession::handleItem(const scanning::DecodedScan &scan, const QUuid &eventId)
{
  const QList<qint64> variants = variantsOnOrder(m_order, scan.lookupKeys());
  if (variants.isEmpty() && m_journal) { // offline: the catalogue is out of reach, and it is not on this order
    ScanFeedback wrong{Outcome::WrongItem, -1, scan.raw, scan.raw, {}, QStringLiteral("not on this order"), 0};
    return block(wrong, scan, eventId);
  }
  if (variants.isEmpty()) {
    // Not on this order: is it a real product (wrong item) or nothing we know?
    auto item = findCatalogueItem(m_db, m_order.header.shopId, scan.lookupKeys());
    if (item) {
      ScanFeedback wrong{Outcome::WrongItem, -1, scan.raw, item->title, {}, {}, 0};
      wrong.itemVariant = item->variantTitle;
      return block(wrong, scan, eventId);
    }
    if (item.error().kind != ErrorKind::NotFound)
      return emitFeedback({Outcome::Failed, -1, scan.raw, {}, {}, item.error().message, 0});
    return block({Outcome::UnknownBarcode, -1, scan.raw, {}, {}, {}, 0}, scan, eventId);
  }
  // A code several variants carry counts for the first of their lines still short (bin order).
  const int row = findRowForVariants(variants);
  if (row < 0) // the journal's codes name a variant no line has: nothing here to count it on
    return block({Outcome::UnknownBarcode, -1, scan.raw, {}, {}, {}, 0}, scan, eventId);
  PackLine &line = m_order.lines[row];
  if (line.done())
    return block({Outcome::OverScan, row, scan.raw, line.title, line.variantTitle, {}, 0}, scan, eventId);
  const Status saved = save(
      [&]() -> Status {
        return insertEvent(
            {kOk, line.lineId, scan.raw, scan.lookupKey(), scanning::symbologyName(scan.symbology), 1, {}, eventId});
      },
      true);
  if (!saved) {
    if (saved.error().kind == ErrorKind::Conflict)
      return emitFeedback({Outcome::Duplicate, row, scan.raw, line.title, line.variantTitle, saved.error().message, 0});
    qCWarning(lcSession).noquote() << "scan not saved, not counted:" << saved.error().message;
    return notSaved({Outcome::Failed, row, scan.raw, line.title, line.variantTitle, {}, 0}, saved.error());
  }
  ++line.verified;
  ++m_itemsInBox;
  Q_EMIT lineChanged(row);
  ScanFeedback counted{Outcome::Counted, row, scan.raw, line.title, line.variantTitle, {}, 0};
  counted.sameCodeRows = otherRowsCarrying(variants, row);
  ScanFeedback good = emitFeedback(counted);
  if (m_options.autoComplete && allVerified() && !m_journal)
    return complete();
  return good;
}

ScanFeedback PackSession::block(ScanFeedback feedback, const scanning::DecodedScan &scan, const QUuid &eventId)
{
  const QString outcome = feedback.outcome == Outcome::WrongItem  ? kWrongItem
                          : feedback.outcome == Outcome::OverScan ? kOverScan
                                                                  : kUnknown;
  const QString reason = feedback.outcome == Outcome::Unreadable ? kUnreadablePrefix + scan.error : QString();
  const qint64 lineId = feedback.row >= 0 ? m_order.lines.at(feedback.row).lineId : 0;
  const Status saved = save(
      [&]() -> Status {
        return insertEvent(
            {outcome, lineId, scan.raw, scan.lookupKey(), scanning::symbologyName(scan.symbology), 1, reason, eventId});
      },
      true);
  if (!saved && saved.error().kind == ErrorKind::Conflict)
    return emitFeedback({Outcome::Duplicate, feedback.row, scan.raw, {}, {}, saved.error().message, 0});
  if (!saved && saved.error().kind == ErrorKind::SignedOut) // nothing is kept: it blocks again once signed in
    return notSaved(feedback, saved.error());
  if (!saved) // still block: the packer must look at it even if the journal write failed
    qCWarning(lcSession).noquote() << "error scan not saved:" << saved.error().message;
  m_pendingError = feedback;
  setState(State::Blocked);
  return emitFeedback(feedback);
}

ScanFeedback PackSession::acknowledge()
{
  if (m_state != State::Blocked)
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("nothing to acknowledge"), 0});
  const Status saved = save([&]() -> Status {
    return insertEvent({kAcknowledged, 0, QStringLiteral("PB*ACK"), {}, {}, 0, {}, {}, 0, {}});
  });
  if (!saved)
    return notSaved({}, saved.error());
  m_pendingError.reset();
  setState(State::Packing);
  return emitFeedback({Outcome::Acknowledged, -1, {}, {}, {}, {}, 0});
}

ScanFeedback PackSession::enterManual(int row, int quantity, const QString &reason, const QString &approverBadge,
                                      const QString &approverPin)
{
  if (m_state != State::Packing)
    return emitFeedback({Outcome::Refused, row, {}, {}, {}, QStringLiteral("not accepting items now"), 0});
  if (row < 0 || row >= m_order.lines.size())
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("no such line"), 0});
  PackLine &line = m_order.lines[row];
  if (quantity < 1 || quantity > line.expected - line.verified)
    return emitFeedback({Outcome::Refused,
                         row,
                         {},
                         line.title,
                         {},
                         QStringLiteral("quantity must be 1 to %1").arg(line.expected - line.verified),
                         0});
  if (reason.trimmed().isEmpty())
    return emitFeedback(
        {Outcome::Refused, row, {}, line.title, line.variantTitle, QStringLiteral("a reason is required"), 0});
  Event manual{kManual, line.lineId, QStringLiteral("MANUAL"), line.sku, {}, quantity, reason.trimmed(), {}, 0, {}};
  if (m_options.manualNeedsLead) {
    // Badge and PIN of an active lead (approveAsLead: on PostgreSQL the database checks them and hands out a
    // single-use approval it consumes when it records the count). The lead is recorded by packer id
    // (approved_by), never by badge number: a badge number is half of a credential.
    auto approver = m_leadApprover ? m_leadApprover(approverBadge, approverPin)
                                   : approveAsLead(m_db, approverBadge, approverPin, m_context.stationId);
    if (!approver) {
      const ErrorKind kind = approver.error().kind;
      if (kind == ErrorKind::Unavailable || kind == ErrorKind::Internal || kind == ErrorKind::SchemaMismatch)
        return emitFeedback( // the check could not run: a database problem, not a refusal
            {Outcome::Failed, row, {}, line.title, line.variantTitle, approver.error().message, 0});
      ScanFeedback refused{Outcome::Refused, row, {}, line.title, line.variantTitle, approver.error().message, 0};
      refused.approvalRefused = true;
      return emitFeedback(refused);
    }
    manual.approvedBy = approver->id;
    manual.approvalToken = approver->approvalToken;
  }
  const Status saved = save([&]() -> Status { return insertEvent(manual); });
  if (!saved)
    return notSaved({Outcome::Failed, row, {}, line.title, line.variantTitle, {}, 0}, saved.error());
  line.verified += quantity;
  m_itemsInBox += quantity;
  Q_EMIT lineChanged(row);
  ScanFeedback good = emitFeedback({Outcome::Counted, row, {}, line.title, line.variantTitle, {}, 0});
  if (m_options.autoComplete && allVerified() && !m_journal)
    return complete();
  return good;
}

ScanFeedback PackSession::nextBox()
{
  if (m_state != State::Packing)
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("not now"), 0});
  if (m_itemsInBox == 0)
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("box %1 is still empty").arg(m_boxNo), 0});
  if (allVerified()) // a box opened now would stay empty, and a label bought for it would ship nothing
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("every item is in a box"), 0});
  const Status saved = save([&]() -> Status {
    for (const int box : {m_boxNo, m_boxNo + 1}) {
      if (Status opened = openBox(box); !opened)
        return opened;
    }
    ++m_boxNo; // the command event belongs to the new box, so a resume lands in it
    Status inserted = insertEvent({kCommand, 0, QStringLiteral("PB*NEXTBOX"), {}, {}, 0, {}, {}, 0, {}});
    if (!inserted)
      --m_boxNo;
    return inserted;
  });
  if (!saved)
    return notSaved({}, saved.error());
  m_itemsInBox = 0;
  Q_EMIT boxChanged(m_boxNo);
  return emitFeedback({Outcome::BoxStarted, -1, {}, {}, {}, {}, 0});
}

ScanFeedback PackSession::requestHold(const QString &reason)
{
  if (m_state == State::Completed || m_state == State::HoldRequested)
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("this order is finished"), 0});
  const QString why = reason.trimmed().isEmpty() ? QStringLiteral("held at the bench") : reason.trimmed();
  const Status saved = save([&]() -> Status {
    return insertEvent({kCommand, 0, QStringLiteral("PB*HOLD"), {}, {}, 0, why, {}, 0, {}});
  });
  if (!saved)
    return notSaved({}, saved.error());
  setState(State::HoldRequested);
  Q_EMIT holdRequested(why);
  return emitFeedback({Outcome::HoldRequested, -1, {}, {}, {}, why, 0});
}

ScanFeedback PackSession::complete()
{
  if (m_state != State::Packing)
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("not now"), 0});
  if (!allVerified())
    return emitFeedback({Outcome::Refused,
                         -1,
                         {},
                         {},
                         {},
                         QStringLiteral("%1 item(s) still to verify").arg(expectedTotal() - verifiedTotal()),
                         0});
  const Status saved = save([&]() -> Status {
    if (Status opened = openBox(m_boxNo); !opened)
      return opened;
    return insertEvent({kCommand, 0, QStringLiteral("PB*COMPLETE"), {}, {}, 0, {}, {}, 0, {}});
  });
  if (!saved)
    return notSaved({}, saved.error());
  setState(State::Completed);
  Q_EMIT completed(false);
  return emitFeedback({Outcome::Completed, -1, {}, {}, {}, {}, 0});
}

ScanFeedback PackSession::completePartial(const QString &reason)
{
  if (m_state != State::Packing)
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("not now"), 0});
  if (verifiedTotal() == 0)
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("nothing verified to ship"), 0});
  if (reason.trimmed().isEmpty())
    return emitFeedback({Outcome::Refused, -1, {}, {}, {}, QStringLiteral("a reason is required"), 0});
  const Status saved = save([&]() -> Status {
    return insertEvent({kCommand, 0, QStringLiteral("PB*PARTIAL"), {}, {}, 0, reason.trimmed(), {}, 0, {}});
  });
  if (!saved)
    return notSaved({}, saved.error());
  setState(State::Completed);
  Q_EMIT completed(true);
  return emitFeedback({Outcome::Completed, -1, {}, {}, {}, reason.trimmed(), 0});
}

} // namespace pb::packing
