// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/trackingfollower.h"

#include "core/carriers/trackingevents.h"
#include "core/config/config.h"
#include "core/config/configkeys.h"
#include "core/db/sql.h"
#include "core/outbox/enqueue.h"

#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcTracking, "packbench.core.hub.trackingfollower")

using carriers::CarrierErrorKind;

} // namespace

TrackingSettings TrackingSettings::fromConfig(const config::Config &config, const QString &workerId)
{
  using namespace config::keys;
  TrackingSettings s;
  s.workerId = workerId;
  s.firstIntervalSeconds = config.get(TrackingFirstIntervalSeconds);
  s.maxIntervalSeconds = std::max(config.get(TrackingMaxIntervalSeconds), s.firstIntervalSeconds);
  s.giveUpDays = config.get(TrackingGiveUpDays);
  return s;
}

TrackingFollower::TrackingFollower(QSqlDatabase db, carriers::Carrier &carrier, carriers::RequestPacer *share,
                                   TrackingSettings settings)
    : m_db(std::move(db))
    , m_carrier(carrier)
    , m_share(share)
    , m_settings(std::move(settings))
{}

Result<int> TrackingFollower::discover(TrackingPass *pass)
{
  // A voided and re-bought label gives the package another number: the old one is no longer followed.
  auto replaced = db::exec(m_db, QStringLiteral("UPDATE shipment_tracking t SET state = 'replaced', locked_by = NULL, "
                                                "locked_until = NULL, updated_at = now() FROM packages p WHERE p.id = "
                                                "t.package_id AND t.state = 'following' AND "
                                                "p.tracking_number IS DISTINCT FROM t.tracking_number"));
  if (!replaced)
    return replaced.error();
  // Followed once Shopify has the fulfillment (its events need one); the carrier code is the label's own, else
  // the one of the company recognised at the bench. Packages older than the give-up time are not looked at again.
  auto added = db::exec(
      m_db,
      QStringLiteral(
          "INSERT INTO shipment_tracking (package_id, fulfillment_order_id, tracking_number, company, carrier_code, "
          "state, interval_seconds, next_poll_at) "
          "SELECT p.id, p.fulfillment_order_id, p.tracking_number, COALESCE(p.tracking_company, p.carrier), "
          "COALESCE(p.tracking_carrier_code, c.carrier_code), CASE WHEN COALESCE(p.tracking_carrier_code, "
          "c.carrier_code) IS NULL THEN 'unsupported' ELSE 'following' END, ?, now() + make_interval(secs => ?) "
          "FROM packages p LEFT JOIN tracking_carrier_codes c ON c.company = COALESCE(p.tracking_company, p.carrier) "
          "WHERE p.tracking_number IS NOT NULL AND p.created_at > now() - make_interval(days => ?) AND EXISTS "
          "(SELECT 1 FROM shopify_fulfillments s WHERE "
          "s.fulfillment_order_id = p.fulfillment_order_id) AND NOT EXISTS (SELECT 1 FROM shipment_tracking t WHERE "
          "t.package_id = p.id AND t.tracking_number = p.tracking_number) "
          "ON CONFLICT (package_id, tracking_number) DO NOTHING "
          "RETURNING id, fulfillment_order_id, state, company"),
      {m_settings.firstIntervalSeconds, m_settings.firstIntervalSeconds, m_settings.giveUpDays});
  if (!added)
    return added.error();
  int count = 0;
  while (added.value().next()) {
    ++count;
    if (added->value(2).toString() != u"unsupported")
      continue;
    if (pass)
      ++pass->unsupported;
    // Said once, when it is found: the row stays 'unsupported' and is never polled.
    qCWarning(lcTracking).noquote() << "shipment" << added->value(0).toLongLong() << "of fulfillment order"
                                    << added->value(1).toLongLong()
                                    << "is not followed: no carrier API code for tracking company"
                                    << (added->value(3).isNull()
                                            ? QStringLiteral("(none)")
                                            : QStringLiteral("'%1'").arg(added->value(3).toString()))
                                    << "(add one to tracking_carrier_codes)";
  }
  if (pass)
    pass->discovered += count;
  return count;
}

// Also takes back shipments still leased to this worker: it claims once per pass, so those were left by a pass that
// lost its connection, and would otherwise wait out the lease (as the outbox's claim does, outbox/claims.cpp).
Result<QList<TrackingFollower::Shipment>> TrackingFollower::claimDue()
{
  auto claimed = db::exec(
      m_db,
      QStringLiteral("UPDATE shipment_tracking SET locked_by = ?, locked_until = now() + make_interval(secs => ?) "
                     "WHERE id IN (SELECT id FROM shipment_tracking WHERE state = 'following' AND next_poll_at <= "
                     "now() AND (locked_until IS NULL OR locked_until < now() OR locked_by = ?) ORDER BY next_poll_at, "
                     "id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, fulfillment_order_id, tracking_number, "
                     "carrier_code, COALESCE(status_code, ''), COALESCE(status_detail_code, ''), interval_seconds, "
                     "started_at < now() - make_interval(days => ?)"),
      {m_settings.workerId, m_settings.leaseSeconds, m_settings.workerId, m_settings.batchSize, m_settings.giveUpDays});
  if (!claimed)
    return claimed.error();
  QList<Shipment> shipments;
  while (claimed.value().next()) {
    const QSqlQuery &q = claimed.value();
    shipments.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
                      q.value(4).toString(), q.value(5).toString(), q.value(6).toInt(), q.value(7).toBool()});
  }
  std::sort(shipments.begin(), shipments.end(), [](const Shipment &a, const Shipment &b) { return a.id < b.id; });
  return shipments;
}

Status TrackingFollower::unlock(const QList<Shipment> &shipments, qsizetype from, qint64 delayMs)
{
  for (qsizetype i = from; i < shipments.size(); ++i) {
    auto freed = db::exec(m_db,
                          QStringLiteral("UPDATE shipment_tracking SET locked_by = NULL, locked_until = NULL, "
                                         "next_poll_at = greatest(next_poll_at, now() + make_interval(secs => ?)) "
                                         "WHERE id = ? AND locked_by = ?"),
                          {static_cast<double>(delayMs) / 1000.0, shipments.at(i).id, m_settings.workerId});
    if (!freed)
      return freed.error();
  }
  return {};
}

Result<TrackingPass> TrackingFollower::runOnce()
{
  TrackingPass pass;
  if (auto found = discover(&pass); !found)
    return found.error();
  auto due = claimDue();
  if (!due)
    return due.error();
  for (qsizetype i = 0; i < due->size(); ++i) {
    const Shipment &shipment = due->at(i);
    if (m_share) {
      // Tracking's part of the key's limit: labels keep the rest.
      if (const qint64 wait = m_share->reserve(); wait > 0) {
        pass.waitMs = wait;
        if (Status freed = unlock(*due, i, 0); !freed)
          return freed.error();
        return pass;
      }
    }
    auto answer = carriers::waitFor<carriers::TrackingInfo>([&](carriers::Done<carriers::TrackingInfo> done) {
      m_carrier.tracking(shipment.carrierCode, shipment.trackingNumber, std::move(done));
    });
    Status settled;
    if (answer) {
      settled = settleAnswer(shipment, answer.value(), &pass);
      ++pass.polled;
    } else if (answer.error().kind == CarrierErrorKind::NotFound) {
      settled = settleUnknown(shipment); // not (yet) in the carrier's system: like "not yet in system"
      ++pass.polled;
    } else if (answer.error().kind == CarrierErrorKind::RateLimited ||
               answer.error().kind == CarrierErrorKind::Stopped || answer.error().kind == CarrierErrorKind::Auth) {
      // Nothing more this pass: the carrier asked us to wait, the hub stops, or the key is refused.
      const qint64 wait = answer.error().kind == CarrierErrorKind::RateLimited
                              ? std::max<qint64>(answer.error().retryAfterMs, 1000)
                              : qint64(m_settings.firstIntervalSeconds) * 1000;
      if (answer.error().kind != CarrierErrorKind::Stopped) {
        pass.waitMs = wait;
        qCWarning(lcTracking).noquote() << "tracking polls paused for" << wait << "ms:" << answer.error().message;
      }
      if (Status freed = unlock(*due, i, answer.error().kind == CarrierErrorKind::Stopped ? 0 : wait); !freed)
        return freed.error();
      return pass;
    } else {
      settled = settleFailure(shipment, answer.error());
      ++pass.failed;
    }
    if (!settled)
      return settled.error();
  }
  return pass;
}

Result<bool> TrackingFollower::writeEvent(const outbox::TrackingEvent &event)
{
  // One row per shipment and status, ever (Message::trackingEvent's key): a status the carrier reports again (a new
  // attempt, a restart of the hub that polls again) finds its key taken and adds nothing.
  return outbox::enqueue(m_db, outbox::Message::trackingEvent(event), outbox::OnDuplicate::Ignore);
}

Status TrackingFollower::settleAnswer(const Shipment &shipment, const carriers::TrackingInfo &info, TrackingPass *pass)
{
  const QList<carriers::ShipmentEvent> events = carriers::shipmentEvents(info);
  const bool changed = info.statusCode != shipment.statusCode || info.statusDetailCode != shipment.statusDetailCode;
  const bool delivered = carriers::isFinalTrackingStatus(info.statusCode);
  const int interval =
      changed ? m_settings.firstIntervalSeconds : std::min(shipment.intervalSeconds * 2, m_settings.maxIntervalSeconds);
  const QString state = delivered         ? QStringLiteral("delivered")
                        : shipment.tooOld ? QStringLiteral("expired")
                                          : QStringLiteral("following");
  int added = 0;
  bool lost = false;
  Status written = db::inTransaction(m_db, [&]() -> Status {
    auto updated = db::exec(
        m_db,
        QStringLiteral("UPDATE shipment_tracking SET state = ?, status_code = ?, status_detail_code = ?, polls = polls "
                       "+ 1, interval_seconds = ?, next_poll_at = now() + make_interval(secs => ?), locked_by = NULL, "
                       "locked_until = NULL, last_error = NULL, updated_at = now() WHERE id = ? AND locked_by = ?"),
        {state, info.statusCode, info.statusDetailCode, interval, interval, shipment.id, m_settings.workerId});
    if (!updated)
      return updated.error();
    if (updated.value().numRowsAffected() != 1) {
      lost = true; // another worker took it over after our lease ran out: it writes the events
      return makeError(ErrorKind::Conflict, QStringLiteral("lease lost"));
    }
    // Shopify's fulfillment has one status: DELIVERED goes out when the order's last followed box is delivered,
    // not when the first of several is. The order's row lock makes two workers settling its boxes take turns.
    bool othersOnTheWay = false;
    if (delivered) {
      auto locked = db::exec(m_db, QStringLiteral("SELECT id FROM fulfillment_orders WHERE id = ? FOR UPDATE"),
                             {shipment.fulfillmentOrderId});
      if (!locked)
        return locked.error();
      auto others = db::exec(m_db,
                             QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND "
                                            "id <> ? AND state = 'following'"),
                             {shipment.fulfillmentOrderId, shipment.id});
      if (!others)
        return others.error();
      othersOnTheWay = others.value().next() && others.value().value(0).toLongLong() > 0;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const carriers::ShipmentEvent &event : events) {
      if (othersOnTheWay && event.status == u"DELIVERED")
        continue;
      outbox::TrackingEvent message;
      message.fulfillmentOrderId = shipment.fulfillmentOrderId;
      message.shipmentTrackingId = shipment.id;
      message.status = event.status;
      message.happenedAt = (event.happenedAt.isValid() ? event.happenedAt : now).toUTC();
      message.message = event.message.isEmpty() ? shipment.trackingNumber
                                                : QStringLiteral("%1: %2").arg(shipment.trackingNumber, event.message);
      message.city = event.city;
      message.province = event.province;
      message.zip = event.zip;
      message.country = event.country;
      if (event.estimatedDeliveryAt.isValid() && event.status != u"DELIVERED")
        message.estimatedDeliveryAt = event.estimatedDeliveryAt.toUTC();
      auto wrote = writeEvent(message);
      if (!wrote)
        return wrote.error();
      added += *wrote ? 1 : 0;
    }
    return {};
  });
  if (lost) {
    qCInfo(lcTracking) << "shipment" << shipment.id << "was taken over by another worker; its answer is not written";
    return {};
  }
  if (!written)
    return written;
  pass->events += added;
  if (added > 0 || delivered || state == u"expired")
    qCInfo(lcTracking).noquote() << "shipment" << shipment.id << "of fulfillment order" << shipment.fulfillmentOrderId
                                 << "is" << info.statusCode << info.statusDetailCode << "-" << added
                                 << "new event(s) for Shopify;" << (state == u"following" ? QString() : state);
  return {};
}

Status TrackingFollower::settleUnknown(const Shipment &shipment)
{
  const int interval = std::min(shipment.intervalSeconds * 2, m_settings.maxIntervalSeconds);
  auto updated = db::exec(
      m_db,
      QStringLiteral("UPDATE shipment_tracking SET state = CASE WHEN ? THEN 'expired' ELSE state END, polls = polls + "
                     "1, interval_seconds = ?, next_poll_at = now() + make_interval(secs => ?), locked_by = NULL, "
                     "locked_until = NULL, last_error = 'the carrier does not know this number yet', updated_at = "
                     "now() WHERE id = ? AND locked_by = ?"),
      {shipment.tooOld, interval, interval, shipment.id, m_settings.workerId});
  return updated ? Status{} : Status{updated.error()};
}

Status TrackingFollower::settleFailure(const Shipment &shipment, const carriers::CarrierError &error)
{
  // A failed poll does not lengthen the wait: the next try comes after the shipment's current interval.
  qCInfo(lcTracking).noquote() << "tracking poll of shipment" << shipment.id << "failed:" << error.message;
  auto updated =
      db::exec(m_db,
               QStringLiteral("UPDATE shipment_tracking SET next_poll_at = now() + make_interval(secs => ?), "
                              "locked_by = NULL, locked_until = NULL, last_error = ?, updated_at = now() WHERE id = ? "
                              "AND locked_by = ?"),
               {shipment.intervalSeconds, error.message, shipment.id, m_settings.workerId});
  return updated ? Status{} : Status{updated.error()};
}

} // namespace pb::hub
