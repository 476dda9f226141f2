// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/shipenginecarrier.h"

#include "core/carriers/shipenginejson.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pb::carriers {

namespace {
Q_LOGGING_CATEGORY(lcShipEngine, "packbench.core.carriers.shipenginecarrier")

constexpr int kMaxExternalIdLength = 50;     // shipment_request.external_shipment_id maxLength
constexpr qsizetype kLabelIdsPerLookup = 50; // label_ids per GET /v1/manifests: keeps the URL short (~1.3 kB)
constexpr int kManifestsPerPage = 100;

QString pathSegment(const QString &value)
{
  return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

void checkAddress(const Address &a, const QString &which, bool sender, QStringList *problems)
{
  const std::pair<const QString *, const char *> required[] = {{&a.name, "name"},
                                                               {&a.addressLine1, "address line 1"},
                                                               {&a.cityLocality, "city"},
                                                               {&a.stateProvince, "state or province"},
                                                               {&a.postalCode, "postal code"}};
  for (const auto &[value, name] : required) {
    if (value->trimmed().isEmpty())
      problems->append(u"%1 has no %2"_s.arg(which, QLatin1String(name)));
  }
  if (a.countryCode.size() != 2 && (sender || !a.countryCode.isEmpty()))
    problems->append(u"%1 needs a two-letter country code"_s.arg(which));
  if (sender && a.phone.trimmed().isEmpty())
    problems->append(u"%1 has no phone number (carriers require the sender's)"_s.arg(which));
}
} // namespace

Carrier::~Carrier() = default;

std::optional<CarrierError> validatePurchase(const LabelPurchase &purchase)
{
  const Shipment &s = purchase.shipment;
  QStringList problems;
  if (s.externalShipmentId.isEmpty())
    problems << u"no external_shipment_id (it is what makes a purchase happen once)"_s;
  else if (s.externalShipmentId.size() > kMaxExternalIdLength)
    problems << u"external_shipment_id longer than %1 characters"_s.arg(kMaxExternalIdLength);
  if (s.carrierId.isEmpty() || s.serviceCode.isEmpty())
    problems << u"no carrier or service chosen"_s;
  if (s.parcels.isEmpty())
    problems << u"no package"_s;
  for (qsizetype i = 0; i < s.parcels.size(); ++i) {
    if (s.parcels.at(i).weightGrams <= 0)
      problems << u"package %1 has no weight"_s.arg(i + 1);
  }
  checkAddress(s.shipTo, u"ship-to address"_s, false, &problems);
  checkAddress(s.shipFrom, u"ship-from address"_s, true, &problems);
  if (problems.isEmpty())
    return std::nullopt;
  return CarrierError{CarrierErrorKind::Validation,
                      QCoreApplication::translate("pb::carriers::ShipEngineCarrier", "label not bought: ") +
                          problems.join(u"; "_s)};
}

// GET /v1/manifests over the label ids, a batch at a time and every page of each batch.
struct ShipEngineCarrier::ManifestLookup {
  QStringList pending; // label ids not asked about yet
  QStringList batch;   // the label ids being asked about
  int page = 0;        // the page asked for last; 0: the batch is new
  QList<Manifest> found;
  Done<QList<Manifest>> done;
};

struct ShipEngineCarrier::Purchase {
  ShipEngineCall call;
  QString externalShipmentId;
  Done<Label> done;
  int attempts = 0; // purchase requests sent
};

ShipEngineCarrier::ShipEngineCarrier(ShipEngineSettings settings, std::shared_ptr<RequestPacer> pacer, QObject *parent)
    : QObject(parent)
    , m_transport(new ShipEngineTransport(std::move(settings), std::move(pacer), this))
{}

ShipEngineCarrier::~ShipEngineCarrier() = default;

template <typename T> void ShipEngineCarrier::later(Done<T> done, CarrierError error)
{
  QTimer::singleShot(0, this, [done = std::move(done), error = std::move(error)]() { done(error); });
}

void ShipEngineCarrier::rates(const RateRequest &request, Done<RateQuote> done)
{
  if (request.carrierIds.isEmpty() || request.shipment.parcels.isEmpty()) {
    later(std::move(done), CarrierError{CarrierErrorKind::Validation,
                                        QCoreApplication::translate("pb::carriers::ShipEngineCarrier",
                                                                    "rates need a carrier and a package")});
    return;
  }
  const ShipEngineCall call{"POST", u"/v1/rates"_s, {}, shipengine::rateRequestBody(request), u"calculate_rates"_s};
  m_transport->call(call, [done = std::move(done)](CarrierResult<QJsonObject> answer) {
    if (!answer)
      done(answer.error());
    else
      done(shipengine::parseRates(answer.value()));
  });
}

void ShipEngineCarrier::buyLabel(const LabelPurchase &request, Done<Label> done)
{
  if (auto problem = validatePurchase(request)) {
    later(std::move(done), *problem);
    return;
  }
  auto p = std::make_shared<Purchase>();
  p->call = ShipEngineCall{"POST", u"/v1/labels"_s, {}, shipengine::labelRequestBody(request), u"create_label"_s, true};
  p->externalShipmentId = request.shipment.externalShipmentId;
  p->done = std::move(done);
  purchase(p);
}

void ShipEngineCarrier::buyLabelFromRate(const QString &rateId, const QString &externalShipmentId,
                                         const LabelOptions &options, Done<Label> done)
{
  if (rateId.isEmpty() || externalShipmentId.isEmpty()) {
    later(std::move(done), CarrierError{CarrierErrorKind::Validation,
                                        u"a label from a rate needs the rate and its shipment's external id"_s});
    return;
  }
  auto p = std::make_shared<Purchase>();
  p->call = ShipEngineCall{"POST",
                           u"/v1/labels/rates/"_s + pathSegment(rateId),
                           {},
                           shipengine::labelFromRateRequestBody(options),
                           u"create_label_from_rate"_s,
                           true};
  p->externalShipmentId = externalShipmentId;
  p->done = std::move(done);
  purchase(p);
}

void ShipEngineCarrier::purchase(std::shared_ptr<Purchase> p)
{
  ++p->attempts;
  m_transport->call(p->call, [this, p](CarrierResult<QJsonObject> answer) {
    if (answer) {
      auto label = shipengine::parseLabel(answer.value());
      if (!label)
        p->done(label.error());
      else
        withBytes(std::move(label).value(), p->done);
      return;
    }
    const CarrierError &error = answer.error();
    // The external id names a label already: an earlier attempt went through after all.
    const bool duplicate =
        error.kind == CarrierErrorKind::Validation && error.errorCodes.contains(u"identifier_conflict"_s);
    if (error.outcomeUnknown() || error.kind == CarrierErrorKind::Server || duplicate) {
      recover(p, error);
      return;
    }
    p->done(error);
  });
}

void ShipEngineCarrier::recover(std::shared_ptr<Purchase> p, const CarrierError &why)
{
  qCInfo(lcShipEngine).noquote() << "label purchase" << p->externalShipmentId << "ended"
                                 << carrierErrorKindName(why.kind) << why.httpStatus
                                 << "; looking it up by external_shipment_id before buying again";
  findLabel(p->externalShipmentId, [this, p, why](CarrierResult<Label> found) {
    if (found) {
      ++m_recovered;
      Label label = std::move(found).value();
      label.recovered = true;
      qCInfo(lcShipEngine).noquote() << "label purchase" << p->externalShipmentId << "had gone through: label"
                                     << label.labelId << "found, none bought twice";
      p->done(std::move(label));
      return;
    }
    const CarrierError &lookup = found.error();
    const bool duplicate = why.errorCodes.contains(u"identifier_conflict"_s);
    if (lookup.kind != CarrierErrorKind::NotFound || duplicate) {
      CarrierError error = why;
      if (!duplicate)
        error.kind = why.kind == CarrierErrorKind::Server ? CarrierErrorKind::Lost : why.kind;
      error.message += u"; looking the label up failed too: "_s + lookup.message;
      p->done(std::move(error));
      return;
    }
    // Nothing was bought: buying again is safe (a purchase still in flight would be refused as a duplicate).
    const ShipEngineSettings &s = m_transport->settings();
    if (p->attempts > s.maxRetries) {
      CarrierError error = why;
      error.message += u"; no label was bought (checked by external_shipment_id)"_s;
      p->done(std::move(error));
      return;
    }
    const qint64 wait = m_transport->backoffMs(p->attempts - 1);
    QTimer::singleShot(static_cast<int>(wait), this, [this, p]() { purchase(p); });
  });
}

void ShipEngineCarrier::findLabel(const QString &externalShipmentId, Done<Label> done)
{
  if (externalShipmentId.isEmpty()) {
    later(std::move(done), CarrierError{CarrierErrorKind::Validation, u"no external_shipment_id to look up"_s});
    return;
  }
  QUrlQuery query;
  query.addQueryItem(u"label_download_type"_s, u"inline"_s);
  const ShipEngineCall call{"GET",
                            u"/v1/labels/external_shipment_id/"_s + pathSegment(externalShipmentId),
                            query,
                            {},
                            u"get_label_by_external_shipment_id"_s};
  m_transport->call(call, [this, done = std::move(done)](CarrierResult<QJsonObject> answer) {
    if (!answer) {
      done(answer.error());
      return;
    }
    auto label = shipengine::parseLabel(answer.value());
    if (!label)
      done(label.error());
    else
      withBytes(std::move(label).value(), done);
  });
}

void ShipEngineCarrier::withBytes(Label label, Done<Label> done)
{
  if (!label.bytes.isEmpty() || label.downloadUrl.isEmpty() || label.voided) {
    done(std::move(label));
    return;
  }
  const QUrl url(label.downloadUrl);
  m_transport->download(url, [label = std::move(label), done](CarrierResult<QByteArray> bytes) mutable {
    if (!bytes) {
      CarrierError error = bytes.error();
      error.message = u"label %1 bought, but its download failed: %2"_s.arg(label.labelId, error.message);
      done(std::move(error));
      return;
    }
    label.bytes = std::move(bytes).value();
    done(std::move(label));
  });
}

void ShipEngineCarrier::voidLabel(const QString &labelId, Done<VoidOutcome> done)
{
  const ShipEngineCall call{"PUT", u"/v1/labels/%1/void"_s.arg(pathSegment(labelId)), {}, {}, u"void_label"_s};
  m_transport->call(call, [done = std::move(done)](CarrierResult<QJsonObject> answer) {
    if (!answer)
      done(answer.error());
    else
      done(shipengine::parseVoid(answer.value()));
  });
}

void ShipEngineCarrier::tracking(const QString &carrierCode, const QString &trackingNumber, Done<TrackingInfo> done)
{
  if (carrierCode.isEmpty() || trackingNumber.isEmpty()) {
    later(std::move(done), CarrierError{CarrierErrorKind::Validation,
                                        QCoreApplication::translate("pb::carriers::ShipEngineCarrier",
                                                                    "tracking needs a carrier and a number")});
    return;
  }
  QUrlQuery query;
  query.addQueryItem(u"carrier_code"_s, carrierCode);
  query.addQueryItem(u"tracking_number"_s, trackingNumber);
  const ShipEngineCall call{"GET", u"/v1/tracking"_s, query, {}, u"get_tracking_log"_s};
  m_transport->call(call, [done = std::move(done)](CarrierResult<QJsonObject> answer) {
    if (!answer)
      done(answer.error());
    else
      done(shipengine::parseTracking(answer.value()));
  });
}

void ShipEngineCarrier::createManifest(const ManifestRequest &request, Done<QList<Manifest>> done)
{
  if (request.labelIds.isEmpty() && (request.carrierId.isEmpty() || request.warehouseId.isEmpty())) {
    later(std::move(done), CarrierError{CarrierErrorKind::Validation,
                                        u"a manifest needs labels, or a carrier, warehouse and ship date"_s});
    return;
  }
  // Not repeated on a 5xx or lost answer: a second request could split the day's parcels over two manifests.
  const ShipEngineCall call{
      "POST", u"/v1/manifests"_s, {}, shipengine::manifestRequestBody(request), u"create_manifest"_s, true};
  m_transport->call(call, [this, done = std::move(done)](CarrierResult<QJsonObject> answer) {
    if (!answer) {
      done(answer.error());
      return;
    }
    auto manifests = shipengine::parseManifests(answer.value());
    if (!manifests)
      done(manifests.error());
    else
      fetchManifests(std::move(manifests).value(), 0, done);
  });
}

void ShipEngineCarrier::findManifests(const QStringList &labelIds, Done<QList<Manifest>> done)
{
  if (labelIds.isEmpty()) {
    later(std::move(done), CarrierError{CarrierErrorKind::Validation, u"no label ids to look manifests up by"_s});
    return;
  }
  auto lookup = std::make_shared<ManifestLookup>();
  lookup->pending = labelIds;
  lookup->done = std::move(done);
  lookUpManifests(std::move(lookup));
}

void ShipEngineCarrier::lookUpManifests(std::shared_ptr<ManifestLookup> lookup)
{
  if (lookup->page == 0) {
    if (lookup->pending.isEmpty()) {
      fetchManifests(std::move(lookup->found), 0, std::move(lookup->done));
      return;
    }
    lookup->batch = lookup->pending.mid(0, kLabelIdsPerLookup);
    lookup->pending.remove(0, lookup->batch.size());
  }
  ++lookup->page;
  QUrlQuery query; // label_ids is form-style and exploded: label_ids=se-1&label_ids=se-2
  for (const QString &id : std::as_const(lookup->batch))
    query.addQueryItem(u"label_ids"_s, id);
  query.addQueryItem(u"page"_s, QString::number(lookup->page));
  query.addQueryItem(u"page_size"_s, QString::number(kManifestsPerPage));
  // A read: the transport may repeat it after a 5xx or a lost answer.
  const ShipEngineCall call{"GET", u"/v1/manifests"_s, query, {}, u"list_manifests"_s};
  m_transport->call(call, [this, lookup](CarrierResult<QJsonObject> answer) {
    if (!answer) {
      lookup->done(answer.error());
      return;
    }
    auto manifests = shipengine::parseManifests(answer.value());
    if (!manifests) {
      lookup->done(manifests.error());
      return;
    }
    for (const Manifest &m : std::as_const(manifests.value())) {
      // Without its label ids a manifest cannot say which of ours it holds: not guessed.
      if (m.labelIds.isEmpty()) {
        lookup->done(CarrierError{CarrierErrorKind::Protocol,
                                  u"the carrier listed manifest %1 without its label ids"_s.arg(m.manifestId)});
        return;
      }
      const bool known = std::any_of(lookup->found.cbegin(), lookup->found.cend(),
                                     [&](const Manifest &f) { return f.manifestId == m.manifestId; });
      if (!known)
        lookup->found.append(m);
    }
    if (lookup->page >= answer->value(u"pages").toInt())
      lookup->page = 0; // this batch is done
    lookUpManifests(lookup);
  });
}

void ShipEngineCarrier::fetchManifests(QList<Manifest> manifests, qsizetype next, Done<QList<Manifest>> done)
{
  if (next >= manifests.size()) {
    done(std::move(manifests));
    return;
  }
  const QUrl url(manifests.at(next).downloadUrl);
  if (!url.isValid() || url.isEmpty()) {
    fetchManifests(std::move(manifests), next + 1, std::move(done));
    return;
  }
  m_transport->download(url, [this, manifests, next, done](CarrierResult<QByteArray> pdf) mutable {
    if (!pdf) {
      CarrierError error = pdf.error();
      error.message =
          u"manifest %1 created, but its PDF download failed: %2"_s.arg(manifests.at(next).manifestId, error.message);
      done(std::move(error));
      return;
    }
    manifests[next].pdf = std::move(pdf).value();
    fetchManifests(std::move(manifests), next + 1, std::move(done));
  });
}

} // namespace pb::carriers
