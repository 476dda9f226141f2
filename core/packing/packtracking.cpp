// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PackSession and carrier labels printed elsewhere: which scans are tracking numbers, and attaching one to a box.
//
// The rule, in order (a scan is an item unless a step says otherwise):
//  1. A retail symbology (EAN/UPC, ITF-14) is an item: carriers never print tracking numbers in those. A GS1 SSCC
//     (AI 00) stays a carton label, as before: inbound stock cartons carry them too.
//  2. A code this order or the shop's catalogue knows is an item: the catalogue is the authority on products.
//  3. No courier format of the dataset accepts it (regex, check digit, lookups): an item (or unreadable).
//  4. A number that also reads as a valid GTIN (12/13/14/8 digits with a GS1 check digit) and came without a
//     symbology identifier that could tell: if the courier's check digit holds it is ambiguous — it blocks as an
//     unknown product (the banner names the carrier), and after ACK the same scan again attaches it as a label
//     (any other scan in between forgets it); if the format has no check digit, the GTIN wins: an unknown item.
//  5. Otherwise it is a tracking number: attached to the current box, never counted as an item.
#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/packing/packsession.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace pb::packing {

namespace {
Q_LOGGING_CATEGORY(lcTracking, "packbench.core.packing.packtracking")

using scanning::Symbology;

bool isRetailSymbology(Symbology symbology)
{
  return symbology == Symbology::Ean13 || symbology == Symbology::Ean8 || symbology == Symbology::Ean13AddOn ||
         symbology == Symbology::Itf;
}

} // namespace

Status PackSession::loadTracking()
{
  auto rows = db::exec(m_db,
                       QStringLiteral("SELECT box_no, tracking_number, tracking_company, tracking_url FROM packages "
                                      "WHERE fulfillment_order_id = ? AND tracking_number IS NOT NULL ORDER BY box_no"),
                       {m_order.header.fulfillmentOrderId});
  if (!rows)
    return rows.error();
  m_tracking.clear();
  while (rows.value().next()) {
    const QSqlQuery &q = rows.value();
    const int box = q.value(0).toInt();
    m_tracking.insert(box, {box, q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
  }
  return {};
}

PackSession::TrackingReading PackSession::readTracking(const scanning::DecodedScan &scan,
                                                       carriers::TrackingNumber *reading) const
{
  using scanning::ScanKind;
  if (scan.kind == ScanKind::Command || scan.kind == ScanKind::Badge || scan.kind == ScanKind::Sscc ||
      isRetailSymbology(scan.symbology))
    return TrackingReading::NotTracking;
  const auto best =
      carriers::TrackingNumberRecognizer::builtIn().recogniseBest(scan.code, m_order.header.shippingMethod);
  if (!best)
    return TrackingReading::NotTracking;
  const QStringList keys = scan.lookupKeys();
  if (!variantsOnOrder(m_order, keys).isEmpty())
    return TrackingReading::NotTracking;
  bool catalogueAsked = false; // offline, or the link just lost, the catalogue is out of reach: see below
  if (!m_journal) {
    auto known = findCatalogueItem(m_db, m_order.header.shopId, keys);
    catalogueAsked = known || known.error().kind != ErrorKind::Unavailable;
    if (catalogueAsked && (known || known.error().kind != ErrorKind::NotFound))
      return TrackingReading::NotTracking; // a product (or the catalogue could not say: the item path reports it)
  }
  *reading = *best;
  // A valid GTIN from a scanner that does not name the symbology: online the catalogue has ruled out a product, so a
  // courier check digit makes it worth asking. Offline a product not on the order is likelier, unless the order
  // ships with that courier: then it is most likely its label (one FedEx Express number in ten is a valid UPC-A).
  if (!scan.gtin.isEmpty() && scan.symbology == Symbology::Unknown) {
    const bool worthAsking = catalogueAsked || carriers::shippingMethodNames(m_order.header.shippingMethod, *best);
    return best->checkDigitVerified && worthAsking ? TrackingReading::Ambiguous : TrackingReading::NotTracking;
  }
  // Offline nothing rules out a product of the shop with a label-like code: only a courier's check digit does;
  // a pattern-only number is asked about first (scanned again after ACK, it attaches).
  if (!catalogueAsked && !best->checkDigitVerified)
    return TrackingReading::Ambiguous;
  return TrackingReading::Tracking;
}

std::optional<ScanFeedback> PackSession::handleTracking(const scanning::DecodedScan &scan, const QUuid &eventId)
{
  carriers::TrackingNumber tracking;
  const TrackingReading reading = readTracking(scan, &tracking);
  const QString confirming = std::exchange(m_trackingToConfirm, QString());
  if (reading == TrackingReading::NotTracking)
    return std::nullopt;
  if (reading == TrackingReading::Ambiguous && confirming != tracking.number) {
    // Blocks as the unknown product it may be; after ACK the same scan again attaches it as a label.
    m_trackingToConfirm = tracking.number;
    ScanFeedback unknown{Outcome::UnknownBarcode, -1, scan.raw, {}, {}, {}, 0};
    unknown.box = m_boxNo;
    unknown.company = tracking.company;
    return block(unknown, scan, eventId);
  }
  return attachTracking(tracking);
}

ScanFeedback PackSession::attachTracking(const carriers::TrackingNumber &tracking)
{
  ScanFeedback feedback{Outcome::TrackingAttached, -1, tracking.number, {}, {}, {}, 0};
  feedback.box = m_boxNo;
  feedback.company = tracking.company;
  if (m_state != State::Packing) {
    feedback.outcome = Outcome::Refused;
    feedback.detail = QStringLiteral("not accepting labels now");
    return emitFeedback(feedback);
  }
  // Said here in the packer's terms; the database checks the same and has the last word.
  if (const auto here = m_tracking.constFind(m_boxNo); here != m_tracking.cend()) {
    if (here->number == tracking.number) {
      feedback.detail = QStringLiteral("already on this box");
      return emitFeedback(feedback);
    }
    feedback.outcome = Outcome::TrackingRefused;
    feedback.detail = QStringLiteral("box %1 already has tracking number %2").arg(m_boxNo).arg(here->number);
    return emitFeedback(feedback);
  }
  for (const BoxTracking &other : std::as_const(m_tracking)) {
    if (other.number == tracking.number || other.company != tracking.company) {
      feedback.outcome = Outcome::TrackingRefused;
      feedback.detail = other.number == tracking.number
                            ? QStringLiteral("that label is already on box %1").arg(other.boxNo)
                            : QStringLiteral("box %1 ships with %2; one fulfillment carries one tracking company")
                                  .arg(other.boxNo)
                                  .arg(other.company);
      return emitFeedback(feedback);
    }
  }
  const TrackingRecord record{m_order.header.fulfillmentOrderId,
                              m_context.claimId,
                              m_context.stationId,
                              m_boxNo,
                              tracking.courierCode,
                              tracking.company,
                              tracking.number};
  QString url; // offline: known once the database has attached it
  // Offline (or the link lost by this very write) the label goes to the journal, replayed through the same call.
  const Status saved = save(
      [&]() -> Status {
        if (m_journal)
          return m_journal->append(QUuid::createUuid(), kJournalTracking, toJson(record), m_clock.nowUtc());
        auto stored = attachPackageTracking(m_db, record, m_context.signInToken, m_clock.nowUtc());
        if (!stored)
          return stored.error();
        url = *stored;
        return {};
      },
      true);
  if (!saved) {
    const ErrorKind kind = saved.error().kind;
    feedback.outcome =
        kind == ErrorKind::Conflict || kind == ErrorKind::InvalidInput ? Outcome::TrackingRefused : Outcome::Failed;
    feedback.detail = saved.error().message;
    qCWarning(lcTracking).noquote() << "tracking number not attached:" << saved.error().message;
    return emitFeedback(feedback);
  }
  m_tracking.insert(m_boxNo, {m_boxNo, tracking.number, tracking.company, url});
  qCInfo(lcTracking).noquote() << "fulfillment order" << m_order.header.fulfillmentOrderId << "box" << m_boxNo
                               << "tracking" << tracking.formatName;
  Q_EMIT trackingChanged(m_boxNo);
  return emitFeedback(feedback);
}

Result<QString> attachPackageTracking(const QSqlDatabase &db, const TrackingRecord &record, const QString &signInToken,
                                      const QDateTime &at)
{
  const qint64 fo = record.fulfillmentOrderId;
  if (db::isPostgres(db)) { // the function checks claim, lease, box and company, and computes the URL
    auto url = db::exec(db,
                        QStringLiteral("SELECT packbench_attach_tracking(?::bigint, ?::bigint, ?::bigint, ?::integer, "
                                       "?, ?, ?, ?::text, ?::timestamptz)"),
                        {db::orNull(record.claimId), db::orNull(record.stationId), fo, record.boxNo, record.courierCode,
                         record.company, record.number, db::textOrNull(signInToken), db::isoUtc(at)});
    if (!url)
      return url.error();
    return url.value().next() ? url.value().value(0).toString() : QString();
  }
  // SQLite (the embedded station): the same row, the URL from the same templates table as PostgreSQL's. As there, this
  // very number already on this box (listed first) changes nothing, so a replay may repeat it; any other is refused.
  auto taken = db::exec(db,
                        QStringLiteral("SELECT box_no, tracking_number = ? AND box_no = ? FROM packages WHERE "
                                       "fulfillment_order_id = ? AND tracking_number IS NOT NULL AND (box_no = ? OR "
                                       "tracking_number = ? OR COALESCE(tracking_company, '') <> ?) ORDER BY 2 DESC"),
                        {record.number, record.boxNo, fo, record.boxNo, record.number, record.company});
  if (!taken)
    return taken.error();
  if (taken.value().next() && !taken.value().value(1).toBool())
    return makeError(
        ErrorKind::Conflict,
        QCoreApplication::translate("pb::packing::PackTracking", "box %1 already has a tracking number that conflicts")
            .arg(taken.value().value(0).toInt()));
  auto stored = db::exec(
      db,
      QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, tracking_courier, tracking_company, "
                     "tracking_number, tracking_url) VALUES (?, ?, ?, ?, ?, (SELECT replace(url_template, '%s', ?) "
                     "FROM tracking_url_templates WHERE company = ?)) ON CONFLICT (fulfillment_order_id, box_no) DO "
                     "UPDATE SET tracking_courier = excluded.tracking_courier, tracking_company = "
                     "excluded.tracking_company, tracking_number = excluded.tracking_number, tracking_url = "
                     "excluded.tracking_url"),
      {fo, record.boxNo, record.courierCode, record.company, record.number, record.number, record.company});
  if (!stored)
    return stored.error();
  auto url =
      db::exec(db, QStringLiteral("SELECT tracking_url FROM packages WHERE fulfillment_order_id = ? AND box_no = ?"),
               {fo, record.boxNo});
  if (!url)
    return url.error();
  return url.value().next() ? url.value().value(0).toString() : QString();
}

} // namespace pb::packing
