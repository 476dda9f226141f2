// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/trackingcompany.h"

#include <array>

namespace pb::carriers {

namespace {

struct Name {
  const char *key;
  const char16_t *company;
};

// Dataset courier_code → Shopify's name (tests/data/shopify/admin-2026-01.graphql, FulfillmentTrackingInfo);
// Landmark Global is not on Shopify's list: its dataset name carries a format ("LTN") the company has not.
constexpr std::array kCouriers{
    Name{"amazon", u"Amazon"},
    Name{"canada_post", u"Canada Post"},
    Name{"canpar", u"Canpar"},
    Name{"dhl", u"DHL Express"},
    Name{"dpd", u"DPD"},
    Name{"fedex", u"FedEx"},
    Name{"landmark", u"Landmark Global"},
    Name{"lasership", u"Lasership"},
    Name{"old_dominion", u"Old Dominion"},
    Name{"ontrac", u"OnTrac"},
    Name{"purolator", u"Purolator"},
    Name{"ups", u"UPS"},
    Name{"usps", u"USPS"},
    Name{"yodel", u"Yodel"},
    Name{"yunexpress", u"YunExpress"},
};

// Formats whose courier Shopify lists under another name than the courier's main one.
constexpr std::array kFormats{
    Name{"dhl_ecommerce", u"DHL eCommerce"},
    Name{"dhl_ecommerce_14", u"DHL eCommerce"},
};

// UPU S10 numbers end in the issuing post's country: the posts Shopify lists by name.
constexpr std::array kPosts{
    Name{"AT", u"Österreichische Post"},
    Name{"AU", u"Australia Post"},
    Name{"BE", u"BPost"},
    Name{"BR", u"Correios"},
    Name{"CA", u"Canada Post"},
    Name{"CH", u"Swiss Post"},
    Name{"CN", u"China Post"},
    Name{"CY", u"Cyprus Post"},
    Name{"DE", u"Deutsche Post"},
    Name{"ES", u"Correos"},
    Name{"FR", u"La Poste Colissimo"},
    Name{"GB", u"Royal Mail"},
    Name{"IE", u"An Post"},
    Name{"IL", u"Israel Post"},
    Name{"IN", u"India Post"},
    Name{"IS", u"Iceland Post"},
    Name{"IT", u"Poste Italiane"},
    Name{"JP", u"Japan Post (EN)"},
    Name{"LT", u"Lietuvos Paštas"},
    Name{"LV", u"Latvia Post"},
    Name{"NL", u"PostNL"},
    Name{"NZ", u"New Zealand Post"},
    Name{"PT", u"CTT"},
    Name{"SG", u"Singapore Post"},
    Name{"US", u"USPS"},
};

template <std::size_t N> QString find(const std::array<Name, N> &names, const QString &key)
{
  for (const Name &name : names) {
    if (key == QLatin1String(name.key))
      return QString::fromUtf16(name.company);
  }
  return {};
}

} // namespace

QString shopifyTrackingCompany(const QString &courierCode, const QString &formatId, const QString &postalCountry,
                               const QString &datasetName)
{
  if (courierCode == u"s10") {
    const QString post = find(kPosts, postalCountry);
    return post.isEmpty() ? datasetName : post;
  }
  if (QString byFormat = find(kFormats, formatId); !byFormat.isEmpty())
    return byFormat;
  const QString byCourier = find(kCouriers, courierCode);
  return byCourier.isEmpty() ? datasetName : byCourier;
}

} // namespace pb::carriers
