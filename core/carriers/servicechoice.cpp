// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/servicechoice.h"

#include <algorithm>

namespace pb::carriers {

namespace {

const ServiceRule *ruleFor(const Rate &rate, const QList<ServiceRule> &rules)
{
  for (const ServiceRule &rule : rules) {
    if (rule.carrierId == rate.carrierId && rule.serviceCode == rate.serviceCode)
      return &rule;
  }
  return nullptr;
}

// When the parcel arrives: the carrier's estimate, or the ship date plus its delivery days; invalid if unknown.
QDate arrivalOf(const Rate &rate, const QDateTime &now)
{
  if (rate.estimatedDelivery.isValid())
    return rate.estimatedDelivery.toUTC().date();
  if (rate.deliveryDays)
    return now.toUTC().date().addDays(*rate.deliveryDays);
  return {};
}

bool usable(const Rate &rate)
{
  return rate.validationStatus != u"invalid" && rate.errors.isEmpty();
}

} // namespace

QList<ServiceRule> strongestRules(const QList<ServiceRule> &matched)
{
  if (matched.isEmpty())
    return {};
  const int top = std::max_element(matched.cbegin(), matched.cend(), [](const ServiceRule &a, const ServiceRule &b) {
                    return a.priority < b.priority;
                  })->priority;
  QList<ServiceRule> strongest;
  for (const ServiceRule &rule : matched) {
    if (rule.priority == top)
      strongest.append(rule);
  }
  return strongest;
}

bool needsRates(const QList<ServiceRule> &rules)
{
  return rules.size() != 1 || rules.first().maxDeliveryDays.has_value();
}

QStringList carrierIdsOf(const QList<ServiceRule> &rules)
{
  QStringList ids;
  for (const ServiceRule &rule : rules) {
    if (!ids.contains(rule.carrierId))
      ids.append(rule.carrierId);
  }
  return ids;
}

std::optional<ServiceChoice> chooseRate(const QList<Rate> &rates, const QList<ServiceRule> &rules,
                                        const QDateTime &promiseFrom, const QDateTime &now)
{
  const QDate from = (promiseFrom.isValid() ? promiseFrom : now).toUTC().date();
  std::optional<ServiceChoice> best;
  std::optional<Rate> fastest;
  for (const Rate &rate : rates) {
    const ServiceRule *rule = ruleFor(rate, rules);
    if (!rule || !usable(rate))
      continue;
    const QDate arrives = arrivalOf(rate, now);
    if (!fastest || (arrives.isValid() && (!arrivalOf(*fastest, now).isValid() || arrives < arrivalOf(*fastest, now))))
      fastest = rate;
    const bool keeps = !rule->maxDeliveryDays || (arrives.isValid() && arrives <= from.addDays(*rule->maxDeliveryDays));
    if (!keeps)
      continue;
    const bool better = !best || rate.total().minor < best->rate.total().minor ||
                        (rate.total().minor == best->rate.total().minor && arrives.isValid() &&
                         (!arrivalOf(best->rate, now).isValid() || arrives < arrivalOf(best->rate, now)));
    if (better)
      best = ServiceChoice{rate, true};
  }
  if (best)
    return best;
  if (fastest)
    return ServiceChoice{*fastest, false};
  return std::nullopt;
}

namespace {
// A ShipEngine carrier_code, Shopify's own spelling of the tracking company, and the courier dataset's courier_code
// (../shared/reference/tracking-numbers), so that a bought label's package reads like a scanned one.
struct CarrierNames {
  QString carrierCode;
  QString company;
  QString courier;
};
const QList<CarrierNames> &carrierNames()
{
  static const QList<CarrierNames> kNames{
      {QStringLiteral("ups"), QStringLiteral("UPS"), QStringLiteral("ups")},
      {QStringLiteral("stamps_com"), QStringLiteral("USPS"), QStringLiteral("usps")},
      {QStringLiteral("usps"), QStringLiteral("USPS"), QStringLiteral("usps")},
      {QStringLiteral("endicia"), QStringLiteral("USPS"), QStringLiteral("usps")},
      {QStringLiteral("fedex"), QStringLiteral("FedEx"), QStringLiteral("fedex")},
      {QStringLiteral("dhl_express"), QStringLiteral("DHL Express"), QStringLiteral("dhl")},
      {QStringLiteral("dhl_ecommerce"), QStringLiteral("DHL eCommerce"), QStringLiteral("dhl")},
      {QStringLiteral("canada_post"), QStringLiteral("Canada Post"), QStringLiteral("canada_post")},
      {QStringLiteral("purolator_canada"), QStringLiteral("Purolator"), QStringLiteral("purolator")},
      {QStringLiteral("ontrac"), QStringLiteral("OnTrac"), QStringLiteral("ontrac")},
      {QStringLiteral("royal_mail"), QStringLiteral("Royal Mail"), QStringLiteral("s10")},
      {QStringLiteral("australia_post"), QStringLiteral("Australia Post"), QStringLiteral("s10")},
  };
  return kNames;
}
} // namespace

QString companyOfCarrier(const QString &carrierCode, const QString &carrierName)
{
  for (const CarrierNames &names : carrierNames()) {
    if (carrierCode == names.carrierCode)
      return names.company;
  }
  return carrierName.isEmpty() ? carrierCode : carrierName;
}

QString courierOfCarrier(const QString &carrierCode)
{
  for (const CarrierNames &names : carrierNames()) {
    if (carrierCode == names.carrierCode)
      return names.courier;
  }
  return {};
}

} // namespace pb::carriers
