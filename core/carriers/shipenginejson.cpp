// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/shipenginejson.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace pb::carriers {

QString labelFormatName(LabelFormat format)
{
  switch (format) {
  case LabelFormat::Pdf: return u"pdf"_s;
  case LabelFormat::Png: return u"png"_s;
  case LabelFormat::Zpl: return u"zpl"_s;
  }
  return u"pdf"_s;
}

std::optional<LabelFormat> labelFormatFromName(const QString &name)
{
  const QString n = name.toLower();
  if (n == u"pdf")
    return LabelFormat::Pdf;
  if (n == u"png")
    return LabelFormat::Png;
  if (n == u"zpl")
    return LabelFormat::Zpl;
  return std::nullopt;
}

TrackingStatus trackingStatusFromCode(const QString &code)
{
  if (code == u"AC")
    return TrackingStatus::Accepted;
  if (code == u"IT")
    return TrackingStatus::InTransit;
  if (code == u"DE")
    return TrackingStatus::Delivered;
  if (code == u"EX")
    return TrackingStatus::Exception;
  if (code == u"AT")
    return TrackingStatus::AttemptedDelivery;
  if (code == u"NY")
    return TrackingStatus::NotYetInSystem;
  if (code == u"SP")
    return TrackingStatus::DeliveredToServicePoint;
  return TrackingStatus::Unknown;
}

namespace shipengine {

namespace {

void putIfSet(QJsonObject &object, const QString &key, const QString &value)
{
  if (!value.isEmpty())
    object.insert(key, value);
}

QString isoUtc(const QDateTime &when)
{
  return when.toUTC().toString(Qt::ISODate);
}

QDateTime dateFrom(const QJsonValue &value)
{
  const QString text = value.toString();
  if (text.isEmpty())
    return {};
  QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
  if (!when.isValid())
    when = QDateTime::fromString(text, Qt::ISODate);
  return when.toUTC();
}

QStringList stringsFrom(const QJsonValue &value)
{
  QStringList out;
  for (const QJsonValue &v : value.toArray())
    out.append(v.toString());
  return out;
}

CarrierError protocolError(const QString &what)
{
  return CarrierError{CarrierErrorKind::Protocol, u"carrier answer without %1"_s.arg(what)};
}

Rate rateFrom(const QJsonObject &r)
{
  Rate rate;
  rate.rateId = r.value(u"rate_id").toString();
  rate.carrierId = r.value(u"carrier_id").toString();
  rate.carrierCode = r.value(u"carrier_code").toString();
  rate.carrierName = r.value(u"carrier_friendly_name").toString();
  rate.serviceCode = r.value(u"service_code").toString();
  rate.serviceType = r.value(u"service_type").toString();
  rate.shipping = moneyFromJson(r.value(u"shipping_amount").toObject());
  rate.insurance = moneyFromJson(r.value(u"insurance_amount").toObject());
  rate.confirmation = moneyFromJson(r.value(u"confirmation_amount").toObject());
  rate.other = moneyFromJson(r.value(u"other_amount").toObject());
  if (r.value(u"delivery_days").isDouble())
    rate.deliveryDays = r.value(u"delivery_days").toInt();
  rate.estimatedDelivery = dateFrom(r.value(u"estimated_delivery_date"));
  rate.guaranteed = r.value(u"guaranteed_service").toBool();
  rate.trackable = r.value(u"trackable").toBool();
  rate.validationStatus = r.value(u"validation_status").toString();
  rate.warnings = stringsFrom(r.value(u"warning_messages"));
  rate.errors = stringsFrom(r.value(u"error_messages"));
  return rate;
}

QByteArray inlineBytes(const QString &href)
{
  const qsizetype comma = href.indexOf(u',');
  const QString data = href.startsWith(u"data:") && comma > 0 ? href.mid(comma + 1) : href;
  return QByteArray::fromBase64(data.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
}

} // namespace

int currencyExponent(const QString &currency)
{
  static const QStringList none = {u"BIF"_s, u"CLP"_s, u"DJF"_s, u"GNF"_s, u"ISK"_s, u"JPY"_s, u"KMF"_s, u"KRW"_s,
                                   u"PYG"_s, u"RWF"_s, u"UGX"_s, u"VND"_s, u"VUV"_s, u"XAF"_s, u"XOF"_s, u"XPF"_s};
  static const QStringList three = {u"BHD"_s, u"IQD"_s, u"JOD"_s, u"KWD"_s, u"LYD"_s, u"OMR"_s, u"TND"_s};
  const QString c = currency.toUpper();
  return none.contains(c) ? 0 : three.contains(c) ? 3 : 2;
}

Money moneyFromJson(const QJsonObject &value)
{
  Money money;
  money.currency = value.value(u"currency").toString().toUpper();
  const double scale = std::pow(10.0, currencyExponent(money.currency));
  money.minor = std::llround(value.value(u"amount").toDouble() * scale);
  return money;
}

QJsonObject addressJson(const Address &a)
{
  QJsonObject o;
  putIfSet(o, u"name"_s, a.name);
  putIfSet(o, u"phone"_s, a.phone);
  putIfSet(o, u"company_name"_s, a.companyName);
  putIfSet(o, u"address_line1"_s, a.addressLine1);
  putIfSet(o, u"address_line2"_s, a.addressLine2);
  putIfSet(o, u"address_line3"_s, a.addressLine3);
  putIfSet(o, u"city_locality"_s, a.cityLocality);
  putIfSet(o, u"state_province"_s, a.stateProvince);
  putIfSet(o, u"postal_code"_s, a.postalCode);
  putIfSet(o, u"country_code"_s, a.countryCode.toUpper());
  o.insert(u"address_residential_indicator"_s, !a.residential ? u"unknown"_s : (*a.residential ? u"yes"_s : u"no"_s));
  return o;
}

QJsonObject shipmentJson(const Shipment &s)
{
  QJsonObject o;
  putIfSet(o, u"carrier_id"_s, s.carrierId);
  putIfSet(o, u"service_code"_s, s.serviceCode);
  putIfSet(o, u"external_shipment_id"_s, s.externalShipmentId);
  if (s.shipDate.isValid())
    o.insert(u"ship_date"_s, isoUtc(s.shipDate));
  o.insert(u"ship_to"_s, addressJson(s.shipTo));
  o.insert(u"ship_from"_s, addressJson(s.shipFrom));
  QJsonArray packages;
  for (const Parcel &p : s.parcels) {
    QJsonObject package{{u"weight"_s, QJsonObject{{u"value"_s, p.weightGrams}, {u"unit"_s, u"gram"_s}}}};
    if (p.lengthMm > 0 && p.widthMm > 0 && p.heightMm > 0)
      package.insert(u"dimensions"_s, QJsonObject{{u"unit"_s, u"centimeter"_s},
                                                  {u"length"_s, p.lengthMm / 10.0},
                                                  {u"width"_s, p.widthMm / 10.0},
                                                  {u"height"_s, p.heightMm / 10.0}});
    putIfSet(package, u"package_code"_s, p.packageCode);
    if (!p.reference.isEmpty())
      package.insert(u"label_messages"_s, QJsonObject{{u"reference1"_s, p.reference},
                                                      {u"reference2"_s, QJsonValue::Null},
                                                      {u"reference3"_s, QJsonValue::Null}});
    packages.append(package);
  }
  o.insert(u"packages"_s, packages);
  return o;
}

QJsonObject rateRequestBody(const RateRequest &request)
{
  QJsonObject options{{u"carrier_ids"_s, QJsonArray::fromStringList(request.carrierIds)}};
  if (!request.serviceCodes.isEmpty())
    options.insert(u"service_codes"_s, QJsonArray::fromStringList(request.serviceCodes));
  return QJsonObject{{u"shipment"_s, shipmentJson(request.shipment)}, {u"rate_options"_s, options}};
}

QJsonObject labelFromRateRequestBody(const LabelOptions &options)
{
  return QJsonObject{{u"label_format"_s, labelFormatName(options.format)},
                     {u"label_layout"_s, options.layout},
                     {u"label_download_type"_s, u"inline"_s}};
}

QJsonObject labelRequestBody(const LabelPurchase &purchase)
{
  QJsonObject body = labelFromRateRequestBody(purchase.options);
  body.insert(u"shipment"_s, shipmentJson(purchase.shipment));
  return body;
}

QJsonObject manifestRequestBody(const ManifestRequest &request)
{
  if (request.warehouseId.isEmpty())
    return QJsonObject{{u"label_ids"_s, QJsonArray::fromStringList(request.labelIds)}};
  QJsonObject o{{u"carrier_id"_s, request.carrierId},
                {u"warehouse_id"_s, request.warehouseId},
                {u"ship_date"_s, isoUtc(request.shipDate)}};
  if (!request.labelIds.isEmpty())
    o.insert(u"label_ids"_s, QJsonArray::fromStringList(request.labelIds));
  if (!request.excludedLabelIds.isEmpty())
    o.insert(u"excluded_label_ids"_s, QJsonArray::fromStringList(request.excludedLabelIds));
  return o;
}

CarrierResult<RateQuote> parseRates(const QJsonObject &body)
{
  const QJsonObject response = body.value(u"rate_response").toObject();
  if (response.isEmpty())
    return protocolError(u"rate_response"_s);
  RateQuote quote;
  quote.shipmentId = body.value(u"shipment_id").toString();
  for (const QJsonValue &r : response.value(u"rates").toArray())
    quote.rates.append(rateFrom(r.toObject()));
  for (const QJsonValue &r : response.value(u"invalid_rates").toArray())
    quote.invalidRates.append(rateFrom(r.toObject()));
  for (const QJsonValue &e : response.value(u"errors").toArray())
    quote.errors.append(e.toObject().value(u"message").toString());
  return quote;
}

CarrierResult<Label> parseLabel(const QJsonObject &body)
{
  Label label;
  label.labelId = body.value(u"label_id").toString();
  if (label.labelId.isEmpty())
    return protocolError(u"label_id"_s);
  label.status = body.value(u"status").toString();
  label.shipmentId = body.value(u"shipment_id").toString();
  label.externalShipmentId = body.value(u"external_shipment_id").toString();
  label.carrierId = body.value(u"carrier_id").toString();
  label.carrierCode = body.value(u"carrier_code").toString();
  label.serviceCode = body.value(u"service_code").toString();
  label.trackingNumber = body.value(u"tracking_number").toString();
  for (const QJsonValue &p : body.value(u"packages").toArray()) {
    const QString number = p.toObject().value(u"tracking_number").toString();
    if (!number.isEmpty())
      label.trackingNumbers.append(number);
  }
  if (label.trackingNumbers.isEmpty() && !label.trackingNumber.isEmpty())
    label.trackingNumbers.append(label.trackingNumber);
  label.trackingUrl = body.value(u"tracking_url").toString();
  label.shipmentCost = moneyFromJson(body.value(u"shipment_cost").toObject());
  label.insuranceCost = moneyFromJson(body.value(u"insurance_cost").toObject());
  label.createdAt = dateFrom(body.value(u"created_at"));
  label.shipDate = dateFrom(body.value(u"ship_date"));
  label.format = labelFormatFromName(body.value(u"label_format").toString()).value_or(LabelFormat::Pdf);
  label.layout = body.value(u"label_layout").toString();
  label.voided = body.value(u"voided").toBool();
  label.trackable = body.value(u"trackable").toBool();
  const QJsonObject download = body.value(u"label_download").toObject();
  QString href = download.value(u"href").toString();
  if (href.isEmpty())
    href = download.value(labelFormatName(label.format)).toString();
  if (href.startsWith(u"http://") || href.startsWith(u"https://")) {
    label.downloadUrl = href;
  } else if (!href.isEmpty()) {
    label.bytes = inlineBytes(href);
    if (label.bytes.isEmpty())
      return CarrierError{CarrierErrorKind::Protocol, u"label %1: inline label is not base64"_s.arg(label.labelId)};
  }
  return label;
}

CarrierResult<VoidOutcome> parseVoid(const QJsonObject &body)
{
  if (!body.value(u"approved").isBool())
    return protocolError(u"approved"_s);
  return VoidOutcome{body.value(u"approved").toBool(), body.value(u"message").toString(),
                     body.value(u"reason_code").toString()};
}

CarrierResult<TrackingInfo> parseTracking(const QJsonObject &body)
{
  TrackingInfo info;
  info.trackingNumber = body.value(u"tracking_number").toString();
  if (info.trackingNumber.isEmpty())
    return protocolError(u"tracking_number"_s);
  info.carrierCode = body.value(u"carrier_code").toString();
  info.statusCode = body.value(u"status_code").toString();
  info.status = trackingStatusFromCode(info.statusCode);
  info.statusDetailCode = body.value(u"status_detail_code").toString();
  info.statusDescription = body.value(u"status_description").toString();
  info.carrierStatusCode = body.value(u"carrier_status_code").toString();
  info.trackingUrl = body.value(u"tracking_url").toString();
  info.exceptionDescription = body.value(u"exception_description").toString();
  info.shipDate = dateFrom(body.value(u"ship_date"));
  info.estimatedDelivery = dateFrom(body.value(u"estimated_delivery_date"));
  info.actualDelivery = dateFrom(body.value(u"actual_delivery_date"));
  for (const QJsonValue &v : body.value(u"events").toArray()) {
    const QJsonObject e = v.toObject();
    TrackingEvent event;
    event.occurredAt = dateFrom(e.value(u"occurred_at"));
    event.statusCode = e.value(u"status_code").toString();
    event.status = trackingStatusFromCode(event.statusCode);
    event.statusDetailCode = e.value(u"status_detail_code").toString();
    event.description = e.value(u"status_description").toString();
    event.carrierStatusCode = e.value(u"carrier_status_code").toString();
    event.cityLocality = e.value(u"city_locality").toString();
    event.stateProvince = e.value(u"state_province").toString();
    event.postalCode = e.value(u"postal_code").toString();
    event.countryCode = e.value(u"country_code").toString();
    info.events.append(event);
  }
  std::stable_sort(info.events.begin(), info.events.end(),
                   [](const TrackingEvent &a, const TrackingEvent &b) { return a.occurredAt < b.occurredAt; });
  return info;
}

CarrierResult<QList<Manifest>> parseManifests(const QJsonObject &body)
{
  auto manifestFrom = [](const QJsonObject &m) {
    Manifest manifest;
    manifest.manifestId = m.value(u"manifest_id").toString();
    manifest.formId = m.value(u"form_id").toString();
    manifest.carrierId = m.value(u"carrier_id").toString();
    manifest.warehouseId = m.value(u"warehouse_id").toString();
    manifest.submissionId = m.value(u"submission_id").toString();
    manifest.createdAt = dateFrom(m.value(u"created_at"));
    manifest.shipDate = dateFrom(m.value(u"ship_date"));
    manifest.shipments = m.value(u"shipments").toInt();
    manifest.labelIds = stringsFrom(m.value(u"label_ids"));
    manifest.downloadUrl = m.value(u"manifest_download").toObject().value(u"href").toString();
    return manifest;
  };
  QList<Manifest> manifests;
  for (const QJsonValue &m : body.value(u"manifests").toArray())
    manifests.append(manifestFrom(m.toObject()));
  // Older answers carry one manifest in the (deprecated) top-level fields only.
  if (manifests.isEmpty() && !body.value(u"manifest_id").toString().isEmpty())
    manifests.append(manifestFrom(body));
  for (const Manifest &m : manifests) {
    if (m.manifestId.isEmpty())
      return protocolError(u"manifest_id"_s);
  }
  return manifests;
}

void readErrorBody(const QJsonObject &body, CarrierError *error)
{
  error->requestId = body.value(u"request_id").toString();
  QStringList messages;
  for (const QJsonValue &v : body.value(u"errors").toArray()) {
    const QJsonObject e = v.toObject();
    error->errorCodes.append(e.value(u"error_code").toString());
    const QString field = e.value(u"field_name").toString();
    if (!field.isEmpty())
      error->fields.append(field);
    error->reasons.append(e.value(u"message").toString());
    messages.append(field.isEmpty() ? e.value(u"message").toString()
                                    : u"%1 (%2)"_s.arg(e.value(u"message").toString(), field));
  }
  if (!messages.isEmpty())
    error->message += u": "_s + messages.join(u"; "_s);
}

} // namespace shipengine
} // namespace pb::carriers
