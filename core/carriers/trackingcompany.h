// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace pb::carriers {

// The tracking company name to send as Shopify's trackingInfo.company for a recognised number, spelled
// exactly as the supported-companies list of the Admin API (FulfillmentTrackingInfo.company) writes it:
// Shopify builds tracking links only for those names, and capitalisation matters. Couriers Shopify does not
// list keep the dataset's own name (Shopify shows it; our URL makes it clickable).
//   courierCode: the dataset's courier_code ("ups", "dhl", "s10" …); formatId: the format's id
//   ("dhl_ecommerce" …); postalCountry: the S10 country code ("GB"), else empty; datasetName: the name to
//   fall back on (the courier's, or for S10 the postal operator's).
QString shopifyTrackingCompany(const QString &courierCode, const QString &formatId, const QString &postalCountry,
                               const QString &datasetName);

} // namespace pb::carriers
