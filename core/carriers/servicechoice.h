// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/carriers/carriertypes.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace pb::carriers {

// One carrier service a shipping line may go with (a row of carrier_service_rules that matched the order).
struct ServiceRule {
  QString carrierId;
  QString serviceCode;
  std::optional<int> maxDeliveryDays; // the shipping line's promise; none: any time is fine
  int priority = 0;
};

// The rules that count among those that matched: the ones of the highest priority.
QList<ServiceRule> strongestRules(const QList<ServiceRule> &matched);
// Whether rates must be asked for: more than one service to choose from, or a promise to check.
bool needsRates(const QList<ServiceRule> &rules);
// The carrier ids the rules name, each once, in order.
QStringList carrierIdsOf(const QList<ServiceRule> &rules);

struct ServiceChoice {
  Rate rate;
  bool promiseKept = true; // false: no allowed rate arrives in time; the fastest was taken
};

// The cheapest valid rate of an allowed service that arrives by the promise (counted in whole days from
// promiseFrom: the order's ship-by, or now when it has none); ties go to the earlier arrival. When no rate
// keeps the promise, the one that arrives first. None when no rate is of an allowed service.
std::optional<ServiceChoice> chooseRate(const QList<Rate> &rates, const QList<ServiceRule> &rules,
                                        const QDateTime &promiseFrom, const QDateTime &now);

// Shopify's trackingInfo.company for a ShipEngine carrier_code ("ups" → "UPS", "stamps_com" → "USPS"); codes
// Shopify has no name for are given as the carrier named them.
QString companyOfCarrier(const QString &carrierCode, const QString &carrierName = {});
// The courier dataset's courier_code for a ShipEngine carrier_code ("stamps_com" → "usps"); empty when unknown.
QString courierOfCarrier(const QString &carrierCode);

} // namespace pb::carriers
