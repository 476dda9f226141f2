// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/labelworker.h"

#include "core/carriers/shipenginecarrier.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcLabels, "packbench.core.hub.labelworker")

using carriers::CarrierError;
using carriers::CarrierErrorKind;

QString field(const QJsonObject &o, std::initializer_list<const char16_t *> names)
{
  for (const char16_t *name : names) {
    const QString value = o.value(QStringView(name)).toString().trimmed();
    if (!value.isEmpty())
      return value;
  }
  return {};
}

// Shopify's shipping address (REST webhook or GraphQL names) as the carrier wants it.
carriers::Address shipToOf(const QJsonObject &a)
{
  carriers::Address to;
  to.name = field(a, {u"name"});
  if (to.name.isEmpty())
    to.name = QStringList{field(a, {u"first_name", u"firstName"}), field(a, {u"last_name", u"lastName"})}
                  .join(QLatin1Char(' '))
                  .trimmed();
  to.phone = field(a, {u"phone"});
  to.companyName = field(a, {u"company"});
  to.addressLine1 = field(a, {u"address1"});
  to.addressLine2 = field(a, {u"address2"});
  to.cityLocality = field(a, {u"city"});
  to.stateProvince = field(a, {u"province_code", u"provinceCode", u"province"});
  to.postalCode = field(a, {u"zip"});
  to.countryCode = field(a, {u"country_code", u"countryCodeV2", u"countryCode"}).toUpper();
  return to;
}

// carrier_locations.ship_from, written in the carrier's own field names.
carriers::Address shipFromOf(const QJsonObject &a)
{
  carriers::Address from;
  from.name = field(a, {u"name"});
  from.phone = field(a, {u"phone"});
  from.companyName = field(a, {u"company_name"});
  from.addressLine1 = field(a, {u"address_line1"});
  from.addressLine2 = field(a, {u"address_line2"});
  from.cityLocality = field(a, {u"city_locality"});
  from.stateProvince = field(a, {u"state_province"});
  from.postalCode = field(a, {u"postal_code"});
  from.countryCode = field(a, {u"country_code"}).toUpper();
  return from;
}

QStringList missingOf(const carriers::Address &a, bool sender)
{
  QStringList missing;
  if (a.name.isEmpty())
    missing << QStringLiteral("name");
  if (a.addressLine1.isEmpty())
    missing << QStringLiteral("street");
  if (a.cityLocality.isEmpty())
    missing << QStringLiteral("city");
  if (a.stateProvince.isEmpty())
    missing << QStringLiteral("state");
  if (a.postalCode.isEmpty())
    missing << QStringLiteral("postal code");
  if (a.countryCode.size() != 2)
    missing << QStringLiteral("country");
  if (sender && a.phone.isEmpty())
    missing << QStringLiteral("phone");
  return missing;
}

// Whether every allowed service came back invalid with a reason (a package too heavy, an address it will not serve).
bool allRefused(const QList<carriers::Rate> &invalid, const QList<carriers::ServiceRule> &rules)
{
  return !rules.isEmpty() && std::all_of(rules.cbegin(), rules.cend(), [&](const carriers::ServiceRule &rule) {
    return std::any_of(invalid.cbegin(), invalid.cend(), [&](const carriers::Rate &rate) {
      return rate.carrierId == rule.carrierId && rate.serviceCode == rule.serviceCode && !rate.errors.isEmpty();
    });
  });
}

// The carrier's reasons, each once.
QString refusalsOf(const QList<carriers::Rate> &invalid)
{
  QStringList reasons;
  for (const carriers::Rate &rate : invalid)
    for (const QString &reason : rate.errors)
      if (!reasons.contains(reason))
        reasons.append(reason);
  return reasons.join(QStringLiteral("; "));
}

QString carrierUnavailableText()
{
  return QStringLiteral("The carrier is not answering; the label is bought as soon as it answers.");
}

} // namespace

Result<carriers::LabelPurchase> purchaseFor(const LabelJob &job, const QDateTime &shipDate)
{
  if (!job.weightGrams || *job.weightGrams <= 0)
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("Weigh box %1: a carrier label needs the weight of the box.").arg(job.boxNo));
  carriers::LabelPurchase purchase;
  carriers::Shipment &s = purchase.shipment;
  s.carrierId = job.carrierId;
  s.serviceCode = job.serviceCode;
  s.externalShipmentId = job.externalShipmentId;
  s.shipDate = shipDate;
  s.shipTo = shipToOf(job.shipTo);
  if (job.shipFrom)
    s.shipFrom = shipFromOf(*job.shipFrom);
  carriers::Parcel parcel;
  parcel.weightGrams = *job.weightGrams;
  parcel.lengthMm = job.lengthMm;
  parcel.widthMm = job.widthMm;
  parcel.heightMm = job.heightMm;
  parcel.reference = job.orderName;
  s.parcels = {parcel};
  purchase.options.format = carriers::labelFormatFromName(job.format).value_or(carriers::LabelFormat::Zpl);
  if (const QStringList missing = missingOf(s.shipTo, false); !missing.isEmpty())
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("The order's shipping address is incomplete (no %1): the lead must correct it.")
                         .arg(missing.join(QStringLiteral(", "))));
  return purchase;
}

LabelWorker::LabelWorker(QSqlDatabase db, carriers::Carrier &carrier, LabelWorkerSettings settings)
    : m_db(std::move(db))
    , m_carrier(carrier)
    , m_settings(std::move(settings))
{}

LabelWorker::~LabelWorker() = default;

qint64 LabelWorker::backoffMs(int attempts) const
{
  const qint64 base = m_settings.retryBaseMs << std::clamp(attempts - 1, 0, 20);
  const qint64 capped = std::min(base, m_settings.retryMaxMs);
  return capped / 2 + static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<double>(capped / 2 + 1)));
}

Result<int> LabelWorker::runOnce()
{
  if (Status released = labelrequests::releaseOwnLeases(m_db, m_settings.workerId); !released)
    return released.error();
  auto retired = labelrequests::retireAbandoned(m_db, m_settings.workerId);
  if (!retired)
    return retired.error();
  int worked = *retired;
  // One row at a time: a lease covers one carrier exchange, never a queue of them.
  for (const char *state : {"void_pending", "requested"}) {
    for (int i = 0; i < m_settings.batchSize; ++i) {
      auto claimed =
          labelrequests::claimDue(m_db, QLatin1String(state), m_settings.workerId, m_settings.leaseSeconds, 1);
      if (!claimed)
        return claimed.error();
      if (claimed->isEmpty())
        break;
      auto job = labelrequests::load(m_db, claimed->first());
      if (!job)
        return job.error();
      const Status done = job->state == u"void_pending" ? voidLabel(*job) : buy(*job);
      if (!done)
        return done.error();
      ++worked;
    }
  }
  return worked;
}

Status LabelWorker::buy(LabelJob job)
{
  using labelrequests::waitAgain;
  if (!job.atBench) // the next pass retires it (nothing was sent this time)
    return waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::Cancelled,
                     QStringLiteral("The order left the bench before its label was bought."), 0, true);
  if (!job.shipFrom || !missingOf(shipFromOf(*job.shipFrom), true).isEmpty())
    return waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::Configuration,
                     QStringLiteral("This warehouse has no complete ship-from address for the carrier: call the lead."),
                     m_settings.configurationRetryMs, true);
  auto purchase = purchaseFor(job, QDateTime::currentDateTimeUtc());
  if (!purchase) {
    ++m_failed;
    return labelrequests::fail(m_db, job, m_settings.workerId,
                               job.weightGrams ? LabelErrorKind::Refused : LabelErrorKind::NeedsWeight,
                               purchase.error().message);
  }
  if (job.carrierId.isEmpty() || job.serviceCode.isEmpty()) {
    auto chosen = chooseService(job, purchase->shipment);
    if (!chosen)
      return chosen.error();
    if (!*chosen)
      return {};
    purchase.value().shipment.carrierId = job.carrierId;
    purchase.value().shipment.serviceCode = job.serviceCode;
  }
  // The same external_shipment_id on every attempt: the carrier holds one label per id, and after a lost
  // answer the adapter asks for it by that id before buying.
  auto label = carriers::waitFor<carriers::Label>(
      [&](carriers::Done<carriers::Label> done) { m_carrier.buyLabel(*purchase, std::move(done)); });
  if (!label)
    return settleError(job, label.error(), true);
  auto stored = labelrequests::storeBought(m_db, job, label.value(), m_settings.workerId);
  if (!stored)
    return stored.error(); // the lease runs out and the next attempt finds the label by its id
  if (*stored)
    ++m_bought;
  qCInfo(lcLabels) << "label request" << job.requestId << "bought"
                   << (label->recovered ? "(found after a lost answer)" : "") << "attempt" << job.attempts;
  return {};
}

Result<bool> LabelWorker::chooseService(LabelJob &job, const carriers::Shipment &shipment)
{
  using labelrequests::waitAgain;
  auto matched = labelrequests::matchingRules(m_db, job.shopId, job.shippingTitle, job.shippingCode);
  if (!matched)
    return matched.error();
  const QList<carriers::ServiceRule> rules = carriers::strongestRules(*matched);
  if (rules.isEmpty()) {
    Status waiting =
        waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::Configuration,
                  QStringLiteral("No carrier service is set up for the shipping method \"%1\": call the lead.")
                      .arg(job.shippingTitle.isEmpty() ? job.shippingCode : job.shippingTitle),
                  m_settings.configurationRetryMs, true);
    return waiting ? Result<bool>(false) : Result<bool>(waiting.error());
  }
  if (!carriers::needsRates(rules)) {
    job.carrierId = rules.first().carrierId;
    job.serviceCode = rules.first().serviceCode;
  } else {
    carriers::RateRequest request;
    request.shipment = shipment;
    request.shipment.externalShipmentId.clear(); // only the purchase carries it: a rate must not take the id
    request.carrierIds = carriers::carrierIdsOf(rules);
    for (const carriers::ServiceRule &rule : rules)
      request.serviceCodes.append(rule.serviceCode);
    auto quote = carriers::waitFor<carriers::RateQuote>(
        [&](carriers::Done<carriers::RateQuote> done) { m_carrier.rates(request, std::move(done)); });
    if (!quote) {
      Status settled = settleError(job, quote.error(), false);
      return settled ? Result<bool>(false) : Result<bool>(settled.error());
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto choice = carriers::chooseRate(quote->rates, rules, job.shipBy.isValid() ? job.shipBy : now, now);
    if (!choice && allRefused(quote->invalidRates, rules)) { // refused for this shipment: asking again cannot help
      ++m_failed;
      Status failed = labelrequests::fail(m_db, job, m_settings.workerId, LabelErrorKind::Refused,
                                          QStringLiteral("The carrier refused every service allowed for \"%1\": %2")
                                              .arg(job.shippingTitle, refusalsOf(quote->invalidRates)));
      return failed ? Result<bool>(false) : Result<bool>(failed.error());
    }
    if (!choice) {
      Status waiting =
          waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::Configuration,
                    QStringLiteral("The carrier offers none of the services allowed for \"%1\": call the lead.")
                        .arg(job.shippingTitle),
                    m_settings.configurationRetryMs, true);
      return waiting ? Result<bool>(false) : Result<bool>(waiting.error());
    }
    job.carrierId = choice->rate.carrierId;
    job.serviceCode = choice->rate.serviceCode;
    if (!choice->promiseKept) // shipped anyway, by the fastest allowed service; the lead sees it
      (void)labelrequests::audit(m_db, job, m_settings.workerId, QStringLiteral("label.promise_missed"),
                                 {{QStringLiteral("service_code"), job.serviceCode}});
  }
  if (Status kept = labelrequests::rememberService(m_db, job, m_settings.workerId); !kept)
    return kept.error();
  return true;
}

Status LabelWorker::settleError(const LabelJob &job, const CarrierError &error, bool purchaseSent)
{
  using labelrequests::waitAgain;
  qCWarning(lcLabels).noquote() << "label request" << job.requestId << "attempt" << job.attempts
                                << "not bought:" << carriers::carrierErrorKindName(error.kind) << error.httpStatus
                                << error.requestId;
  switch (error.kind) {
  case CarrierErrorKind::Validation: {
    ++m_failed;
    // The carrier's own words for the bench (the log above has the request id); its technical summary otherwise.
    const QString why = error.reasons.isEmpty() ? error.message : error.reasons.join(QStringLiteral("; "));
    // A weight the carrier will not take (a mistyped one, or a box over its limit): weighed again at the bench.
    if (std::any_of(error.fields.cbegin(), error.fields.cend(),
                    [](const QString &field) { return field.contains(QLatin1String(".weight")); }))
      return labelrequests::fail(
          m_db, job, m_settings.workerId, LabelErrorKind::NeedsWeight,
          QStringLiteral("The carrier refused the weight of box %1: %2").arg(job.boxNo).arg(why));
    return labelrequests::fail(m_db, job, m_settings.workerId, LabelErrorKind::Refused,
                               QStringLiteral("The carrier refused the label: %1").arg(why));
  }
  case CarrierErrorKind::Auth:
    return waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::Configuration,
                     QStringLiteral("The carrier refused the hub's API key: call the lead."),
                     m_settings.configurationRetryMs, !purchaseSent);
  case CarrierErrorKind::NotFound:
    return waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::Configuration,
                     QStringLiteral("The carrier does not know the service set up for this order: call the lead."),
                     m_settings.configurationRetryMs, !purchaseSent);
  case CarrierErrorKind::Stopped:
    return waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::CarrierUnavailable, carrierUnavailableText(), 0,
                     true);
  case CarrierErrorKind::RateLimited:
  case CarrierErrorKind::Server:
  case CarrierErrorKind::Timeout:
  case CarrierErrorKind::Lost:
  case CarrierErrorKind::Protocol:
    // Nothing final: the next attempt uses the same external_shipment_id, so a label bought meanwhile is found.
    return waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::CarrierUnavailable, carrierUnavailableText(),
                     std::max(backoffMs(job.attempts), error.retryAfterMs), !purchaseSent);
  }
  return {};
}

Status LabelWorker::voidLabel(const LabelJob &job)
{
  using labelrequests::waitAgain;
  QString labelId = job.labelId;
  if (labelId.isEmpty()) { // the purchase may have happened with its answer lost: ask by the external id
    auto found = carriers::waitFor<carriers::Label>(
        [&](carriers::Done<carriers::Label> done) { m_carrier.findLabel(job.externalShipmentId, std::move(done)); });
    if (!found && found.error().kind == CarrierErrorKind::NotFound)
      return labelrequests::storeVoided(m_db, job, m_settings.workerId, false, {});
    if (!found)
      return waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::CarrierUnavailable, carrierUnavailableText(),
                       backoffMs(2));
    if (found->voided || found->status == u"voided")
      return labelrequests::storeVoided(m_db, job, m_settings.workerId, true, found->labelId);
    labelId = found->labelId;
  }
  auto outcome = carriers::waitFor<carriers::VoidOutcome>(
      [&](carriers::Done<carriers::VoidOutcome> done) { m_carrier.voidLabel(labelId, std::move(done)); });
  if (outcome && (outcome->approved || outcome->reasonCode == u"label_already_voided")) {
    ++m_voided;
    qCInfo(lcLabels) << "label request" << job.requestId << "voided";
    return labelrequests::storeVoided(m_db, job, m_settings.workerId, true, labelId);
  }
  if (outcome) { // refused (shipped already, too old): the lead must take it up with the carrier
    (void)labelrequests::audit(m_db, job, m_settings.workerId, QStringLiteral("label.void_refused"),
                               {{QStringLiteral("label_id"), labelId}, {QStringLiteral("message"), outcome->message}});
    return waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::VoidRefused,
                     QStringLiteral("The carrier refused to void the label: %1").arg(outcome->message),
                     m_settings.voidRefusedRetryMs);
  }
  if (outcome.error().kind == CarrierErrorKind::NotFound) // the carrier has no such label: nothing to pay for
    return labelrequests::storeVoided(m_db, job, m_settings.workerId, true, labelId);
  return waitAgain(m_db, job, m_settings.workerId, LabelErrorKind::CarrierUnavailable, carrierUnavailableText(),
                   backoffMs(2));
}

} // namespace pb::hub
