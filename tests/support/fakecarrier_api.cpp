// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The carrier fake's operations, answering with the shapes of ShipEngine's OpenAPI definition.
#include "tests/support/carrierdocuments.h"
#include "tests/support/fakecarrier.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace pb::test {

namespace {

struct Service {
  const char *carrierId;
  const char *carrierCode;
  const char *carrierName;
  const char *code;
  const char *name;
  int days;
  int baseCents;
  const char *trackingService; // the tracking number's service digits
};

constexpr Service kServices[] = {
    {"se-100001", "ups", "UPS", "ups_ground", "UPS Ground", 3, 950, "03"},
    {"se-100001", "ups", "UPS", "ups_2nd_day_air", "UPS 2nd Day Air", 2, 1820, "02"},
    {"se-100001", "ups", "UPS", "ups_next_day_air", "UPS Next Day Air", 1, 3140, "01"},
    {"se-100002", "stamps_com", "USPS", "usps_ground_advantage", "USPS Ground Advantage", 4, 510, "03"},
    {"se-100002", "stamps_com", "USPS", "usps_priority_mail", "USPS Priority Mail", 2, 890, "14"},
    {"se-100002", "stamps_com", "USPS", "usps_priority_mail_express", "USPS Priority Mail Express", 1, 2750, "23"},
};

const Service *findService(const QString &carrierId, const QString &code)
{
  for (const Service &s : kServices) {
    if (carrierId == QLatin1String(s.carrierId) && code == QLatin1String(s.code))
      return &s;
  }
  return nullptr;
}

bool knownCarrier(const QString &carrierId)
{
  return carrierId == FakeCarrier::upsCarrierId() || carrierId == FakeCarrier::uspsCarrierId();
}

QString iso(const QDateTime &when)
{
  return when.toUTC().toString(Qt::ISODate);
}

QJsonObject usd(qint64 cents)
{
  return QJsonObject{{u"currency"_s, u"usd"_s}, {u"amount"_s, cents / 100.0}};
}

double packageGrams(const QJsonObject &package)
{
  const QJsonObject w = package.value(u"weight").toObject();
  const QString unit = w.value(u"unit").toString();
  const double v = w.value(u"value").toDouble();
  return unit == u"kilogram" ? v * 1000 : unit == u"pound" ? v * 453.592 : unit == u"ounce" ? v * 28.3495 : v;
}

int gramsOf(const QJsonObject &shipment)
{
  double grams = 0;
  for (const QJsonValue &p : shipment.value(u"packages").toArray())
    grams += packageGrams(p.toObject());
  return static_cast<int>(std::lround(grams));
}

// The carrier's own limit for one package (UPS 150 lb, USPS 70 lb): heavier, the carrier refuses the label, not
// ShipEngine; said as the carrier says it, with the field. Empty when every package is within it.
std::optional<std::pair<QString, QString>> overweight(const QJsonObject &shipment, const Service &service)
{
  const bool ups = qstrcmp(service.carrierCode, "ups") == 0;
  const double maxGrams = ups ? 68'038 : 31'751;
  const QJsonArray packages = shipment.value(u"packages").toArray();
  for (qsizetype i = 0; i < packages.size(); ++i) {
    const double grams = packageGrams(packages.at(i).toObject());
    if (grams > maxGrams)
      return std::pair{u"Package %1 weighs %2 lb; %3 packages may weigh up to %4 lb"_s.arg(i + 1)
                           .arg(grams / 453.592, 0, 'f', 1)
                           .arg(QLatin1String(service.carrierName))
                           .arg(ups ? 150 : 70),
                       u"shipment.packages[%1].weight.value"_s.arg(i)};
  }
  return std::nullopt;
}

// Price: the service's base plus 35 cents a started 100 g.
qint64 priceCents(const Service &s, int grams)
{
  return s.baseCents + 35 * ((grams + 99) / 100);
}

QStringList addressLines(const QJsonObject &a)
{
  QStringList lines{a.value(u"name").toString(),
                    a.value(u"company_name").toString(),
                    a.value(u"address_line1").toString(),
                    a.value(u"address_line2").toString(),
                    u"%1 %2 %3"_s.arg(a.value(u"city_locality").toString(), a.value(u"state_province").toString(),
                                      a.value(u"postal_code").toString()),
                    a.value(u"country_code").toString()};
  lines.removeAll(QString());
  return lines;
}

QString mimeOf(const QString &format)
{
  return format == u"zpl" ? u"application/zpl"_s : format == u"png" ? u"image/png"_s : u"application/pdf"_s;
}

// The tracking script: stage → status code, detail, description.
struct Stage {
  const char *status;
  const char *detail;
  const char *description;
  const char *carrierCode;
};
constexpr Stage kStages[] = {{"AC", "SHIPMENT_CREATED", "Shipment information received", "MP"},
                             {"IT", "IN_TRANSIT", "In transit", "IT"},
                             {"IT", "OUT_FOR_DELIVERY", "Out for delivery", "OD"},
                             {"DE", "DELIVERED", "Delivered", "KB"}};
constexpr Stage kException = {"EX", "ADDRESS_QUERY", "Address information required", "EX"};

} // namespace

QString FakeCarrier::nextId()
{
  return u"se-%1"_s.arg(++m_nextId);
}

FakeCarrier::Answer FakeCarrier::rates(const QJsonObject &body)
{
  const QJsonObject shipment = body.value(u"shipment").toObject();
  const QJsonObject options = body.value(u"rate_options").toObject();
  QStringList carrierIds;
  for (const QJsonValue &id : options.value(u"carrier_ids").toArray()) {
    if (!knownCarrier(id.toString()))
      return error(400, u"validation"_s, u"carrier_not_connected"_s,
                   u"carrier %1 is not connected"_s.arg(id.toString()), u"carrier_ids"_s);
    carrierIds.append(id.toString());
  }
  QStringList serviceCodes;
  for (const QJsonValue &code : options.value(u"service_codes").toArray())
    serviceCodes.append(code.toString());
  const int grams = gramsOf(shipment);
  const QString shipmentId = nextId();
  const QDateTime now = QDateTime::currentDateTimeUtc();
  const QDateTime shipDate = shipment.contains(u"ship_date")
                                 ? QDateTime::fromString(shipment.value(u"ship_date").toString(), Qt::ISODate)
                                 : now;
  QJsonArray rates;
  QJsonArray invalidRates; // a service whose carrier refuses the shipment (a package too heavy), with its reason
  for (const Service &s : kServices) {
    if (!carrierIds.contains(QLatin1String(s.carrierId)) ||
        (!serviceCodes.isEmpty() && !serviceCodes.contains(QLatin1String(s.code))))
      continue;
    const QString rateId = nextId();
    const qint64 cents = priceCents(s, grams);
    const auto refused = overweight(shipment, s);
    QJsonObject stored = shipment;
    stored.insert(u"carrier_id"_s, QLatin1String(s.carrierId));
    stored.insert(u"service_code"_s, QLatin1String(s.code));
    if (!refused)
      m_rates.insert(rateId, stored);
    (refused ? invalidRates : rates)
        .append(QJsonObject{
            {u"rate_id"_s, rateId},
            {u"rate_type"_s, u"shipment"_s},
            {u"carrier_id"_s, QLatin1String(s.carrierId)},
            {u"shipping_amount"_s, usd(cents)},
            {u"insurance_amount"_s, usd(0)},
            {u"confirmation_amount"_s, usd(0)},
            {u"other_amount"_s, usd(0)},
            {u"zone"_s, 5},
            {u"package_type"_s, u"package"_s},
            {u"delivery_days"_s, s.days},
            {u"guaranteed_service"_s, s.days == 1},
            {u"estimated_delivery_date"_s, iso(shipDate.addDays(s.days))},
            {u"carrier_delivery_days"_s, QString::number(s.days)},
            {u"ship_date"_s, iso(shipDate)},
            {u"negotiated_rate"_s, false},
            {u"service_type"_s, QLatin1String(s.name)},
            {u"service_code"_s, QLatin1String(s.code)},
            {u"trackable"_s, true},
            {u"carrier_code"_s, QLatin1String(s.carrierCode)},
            {u"carrier_nickname"_s, QLatin1String(s.carrierName)},
            {u"carrier_friendly_name"_s, QLatin1String(s.carrierName)},
            {u"validation_status"_s, refused ? u"invalid"_s : u"valid"_s},
            {u"warning_messages"_s, QJsonArray{}},
            {u"error_messages"_s, refused ? QJsonArray{refused->first} : QJsonArray{}},
        });
  }
  QJsonObject answer = shipment;
  answer.insert(u"shipment_id"_s, shipmentId);
  answer.insert(u"ship_date"_s, iso(shipDate));
  answer.insert(u"created_at"_s, iso(now));
  answer.insert(u"modified_at"_s, iso(now));
  answer.insert(u"shipment_status"_s, u"pending"_s);
  answer.insert(u"return_to"_s, shipment.value(u"ship_from"));
  answer.insert(u"confirmation"_s, u"none"_s);
  answer.insert(u"customs"_s, QJsonValue::Null);
  answer.insert(u"advanced_options"_s, QJsonObject{});
  answer.insert(u"insurance_provider"_s, u"none"_s);
  answer.insert(u"tags"_s, QJsonArray{});
  answer.insert(u"total_weight"_s, QJsonObject{{u"value"_s, grams}, {u"unit"_s, u"gram"_s}});
  answer.insert(u"rate_response"_s, QJsonObject{{u"rates"_s, rates},
                                                {u"invalid_rates"_s, invalidRates},
                                                {u"rate_request_id"_s, nextId()},
                                                {u"shipment_id"_s, shipmentId},
                                                {u"status"_s, u"completed"_s},
                                                {u"errors"_s, QJsonArray{}}});
  return json(answer);
}

FakeCarrier::Answer FakeCarrier::createLabel(const QJsonObject &shipment, const QJsonObject &options)
{
  const QString carrierId = shipment.value(u"carrier_id").toString();
  const Service *service = findService(carrierId, shipment.value(u"service_code").toString());
  if (!knownCarrier(carrierId))
    return error(400, u"validation"_s, u"carrier_not_connected"_s, u"carrier %1 is not connected"_s.arg(carrierId),
                 u"carrier_id"_s);
  if (!service)
    return error(400, u"validation"_s, u"invalid_field_value"_s, u"the carrier has no such service"_s,
                 u"service_code"_s);
  if (const auto refused = overweight(shipment, *service))
    return carrierError(carrierId, QLatin1String(service->carrierCode), refused->first, refused->second);
  const QString externalId = shipment.value(u"external_shipment_id").toString();
  if (!externalId.isEmpty() && m_labelByExternalId.contains(externalId)) {
    ++m_stats.duplicatePurchases;
    return error(400, u"validation"_s, u"identifier_conflict"_s,
                 u"A shipment with external_shipment_id %1 already exists"_s.arg(externalId),
                 u"external_shipment_id"_s);
  }
  StoredLabel label;
  label.labelId = nextId();
  label.shipmentId = nextId();
  label.externalShipmentId = externalId;
  label.carrierId = carrierId;
  label.carrierCode = QLatin1String(service->carrierCode);
  label.serviceCode = QLatin1String(service->code);
  const qint64 sequence = m_nextId;
  label.trackingNumber =
      label.carrierCode == u"ups"
          ? carrierdocs::upsTrackingNumber(u"PB4711"_s, QLatin1String(service->trackingService), sequence)
          : carrierdocs::usps20TrackingNumber(QLatin1String(service->trackingService), u"071790000"_s, sequence);
  label.format = options.value(u"label_format").toString(u"pdf"_s);
  label.layout = options.value(u"label_layout").toString(u"4x6"_s);
  label.shipTo = shipment.value(u"ship_to").toObject();
  label.packages = QJsonObject{{u"packages"_s, shipment.value(u"packages")}};
  label.createdAt = QDateTime::currentDateTimeUtc();
  label.shipDate = shipment.contains(u"ship_date")
                       ? QDateTime::fromString(shipment.value(u"ship_date").toString(), Qt::ISODate).toUTC()
                       : label.createdAt;
  const int grams = gramsOf(shipment);
  label.costMinor = priceCents(*service, grams);
  const QJsonObject firstPackage = shipment.value(u"packages").toArray().first().toObject();
  carrierdocs::LabelContent content{QLatin1String(service->carrierName),
                                    QLatin1String(service->name),
                                    label.trackingNumber,
                                    addressLines(shipment.value(u"ship_from").toObject()),
                                    addressLines(label.shipTo),
                                    firstPackage.value(u"label_messages").toObject().value(u"reference1").toString(),
                                    u"%1 kg"_s.arg(grams / 1000.0, 0, 'f', 2),
                                    label.labelId};
  label.document = label.format == u"zpl"   ? carrierdocs::labelZpl(content)
                   : label.format == u"png" ? carrierdocs::labelPng(content)
                                            : carrierdocs::labelPdf(content);
  if (!externalId.isEmpty())
    m_labelByExternalId.insert(externalId, label.labelId);
  m_labelByTracking.insert(label.trackingNumber, label.labelId);
  m_labels.insert(label.labelId, label);
  ++m_stats.labelsBought;
  return json(labelJson(label, options.value(u"label_download_type").toString(u"url"_s)));
}

FakeCarrier::Answer FakeCarrier::labelFromRate(const QString &rateId, const QJsonObject &options)
{
  const auto rate = m_rates.constFind(rateId);
  if (rate == m_rates.constEnd())
    return error(404, u"validation"_s, u"invalid_identifier"_s, u"rate %1 not found"_s.arg(rateId), u"rate_id"_s);
  return createLabel(*rate, options);
}

QJsonObject FakeCarrier::labelJson(const StoredLabel &l, const QString &downloadType) const
{
  const QString file = u"%1.%2"_s.arg(l.labelId, l.format);
  const QString href = downloadType == u"inline"
                           ? u"data:%1;base64,%2"_s.arg(mimeOf(l.format), QString::fromLatin1(l.document.toBase64()))
                           : baseUrl().toString() + u"/v1/downloads/"_s + file;
  const QJsonObject download{{u"href"_s, href}, {l.format, href}};
  QJsonArray packages;
  int sequence = 0;
  for (const QJsonValue &p : l.packages.value(u"packages").toArray()) {
    QJsonObject package = p.toObject();
    package.insert(u"package_id"_s, ++sequence);
    package.insert(u"tracking_number"_s,
                   sequence == 1 ? l.trackingNumber : l.trackingNumber + QString::number(sequence));
    package.insert(u"label_download"_s, download);
    package.insert(u"sequence"_s, sequence);
    packages.append(package);
  }
  return QJsonObject{
      {u"label_id"_s, l.labelId},
      {u"status"_s, l.voided ? u"voided"_s : u"completed"_s},
      {u"shipment_id"_s, l.shipmentId},
      {u"external_shipment_id"_s, l.externalShipmentId.isEmpty() ? QJsonValue() : QJsonValue(l.externalShipmentId)},
      {u"external_order_id"_s, QJsonValue::Null},
      {u"ship_date"_s, iso(l.shipDate)},
      {u"created_at"_s, iso(l.createdAt)},
      {u"shipment_cost"_s, usd(l.costMinor)},
      {u"insurance_cost"_s, usd(0)},
      {u"tracking_number"_s, l.trackingNumber},
      {u"is_international"_s, false},
      {u"batch_id"_s, u"se-0"_s},
      {u"carrier_id"_s, l.carrierId},
      {u"service_code"_s, l.serviceCode},
      {u"voided"_s, l.voided},
      {u"voided_at"_s, l.voided ? QJsonValue(iso(l.voidedAt)) : QJsonValue()},
      {u"label_image_id"_s, QJsonValue::Null},
      {u"label_format"_s, l.format},
      {u"label_layout"_s, l.layout},
      {u"display_scheme"_s, u"label"_s},
      {u"trackable"_s, true},
      {u"carrier_code"_s, l.carrierCode},
      {u"tracking_status"_s, l.trackingStage >= 3 ? u"delivered"_s : u"in_transit"_s},
      {u"label_download"_s, download},
      {u"form_download"_s, QJsonValue::Null},
      {u"qr_code_download"_s, QJsonValue::Null},
      {u"paperless_download"_s, QJsonValue::Null},
      {u"insurance_claim"_s, QJsonValue::Null},
      {u"packages"_s, packages},
      {u"is_return_label"_s, false},
      {u"rma_number"_s, QJsonValue::Null},
      {u"charge_event"_s, u"carrier_default"_s},
      {u"package_code"_s, u"package"_s},
      {u"tracking_url"_s, u"https://tracking.example.invalid/%1"_s.arg(l.trackingNumber)},
      {u"ship_to"_s, l.shipTo},
  };
}

FakeCarrier::Answer FakeCarrier::labelByExternalId(const QString &externalId, const QString &downloadType)
{
  const StoredLabel *label = labelForExternalId(externalId);
  if (!label)
    return error(404, u"validation"_s, u"invalid_identifier"_s,
                 u"no label with external_shipment_id %1"_s.arg(externalId), u"external_shipment_id"_s);
  return json(labelJson(*label, downloadType.isEmpty() ? u"url"_s : downloadType));
}

FakeCarrier::Answer FakeCarrier::voidLabel(const QString &labelId)
{
  auto it = m_labels.find(labelId);
  if (it == m_labels.end())
    return error(404, u"validation"_s, u"invalid_identifier"_s, u"label %1 not found"_s.arg(labelId), u"label_id"_s);
  if (it->voided)
    return json(QJsonObject{{u"approved"_s, false},
                            {u"message"_s, u"This label has already been voided."_s},
                            {u"reason_code"_s, u"label_already_voided"_s}});
  if (!it->manifestId.isEmpty() || it->trackingStage > 0)
    return json(QJsonObject{{u"approved"_s, false},
                            {u"message"_s, u"The label has been used and cannot be voided."_s},
                            {u"reason_code"_s, u"label_already_used"_s}});
  it->voided = true;
  it->voidedAt = QDateTime::currentDateTimeUtc();
  ++m_stats.labelsVoided;
  return json(QJsonObject{{u"approved"_s, true},
                          {u"message"_s, u"Request for refund submitted. This label has been voided."_s},
                          {u"reason_code"_s, u"unspecified"_s}});
}

void FakeCarrier::addParcel(const QString &carrierCode, const QString &trackingNumber)
{
  StoredLabel parcel;
  parcel.labelId = nextId();
  parcel.carrierCode = carrierCode;
  parcel.carrierId = carrierCode == u"ups" ? upsCarrierId() : uspsCarrierId();
  parcel.trackingNumber = trackingNumber;
  parcel.createdAt = QDateTime::currentDateTimeUtc();
  parcel.shipDate = parcel.createdAt;
  m_parcels.insert(trackingNumber, parcel);
}

bool FakeCarrier::advanceTracking(const QString &trackingNumber, int toStage)
{
  if (const auto parcel = m_parcels.find(trackingNumber); parcel != m_parcels.end()) {
    parcel->trackingStage = std::clamp(toStage, -1, 3);
    return true;
  }
  const auto id = m_labelByTracking.constFind(trackingNumber);
  if (id == m_labelByTracking.constEnd())
    return false;
  m_labels[*id].trackingStage = std::clamp(toStage, -1, 3);
  return true;
}

FakeCarrier::Answer FakeCarrier::tracking(const QString &carrierCode, const QString &trackingNumber)
{
  const auto id = m_labelByTracking.constFind(trackingNumber);
  const auto parcel = m_parcels.find(trackingNumber);
  const bool known = parcel != m_parcels.end()
                         ? parcel->carrierCode == carrierCode
                         : id != m_labelByTracking.constEnd() && m_labels.value(*id).carrierCode == carrierCode;
  if (!known)
    return error(404, u"validation"_s, u"invalid_identifier"_s, u"tracking number not found for that carrier"_s,
                 u"tracking_number"_s);
  StoredLabel &label = parcel != m_parcels.end() ? *parcel : m_labels[*id];
  const int stage = label.trackingStage;
  if (m_autoAdvance && stage >= 0 && stage < 3)
    label.trackingStage = stage + 1;
  QJsonArray events;
  const int last = stage < 0 ? 1 : stage;
  auto event = [&](const Stage &s, int index) {
    events.append(QJsonObject{{u"occurred_at"_s, iso(label.createdAt.addSecs(3600 * 6 * index))},
                              {u"city_locality"_s, index == 0 ? u"Reno"_s : u"Austin"_s},
                              {u"state_province"_s, index == 0 ? u"NV"_s : u"TX"_s},
                              {u"postal_code"_s, index == 0 ? u"89501"_s : u"78701"_s},
                              {u"country_code"_s, u"US"_s},
                              {u"carrier_detail_code"_s, QLatin1String(s.carrierCode)},
                              {u"status_code"_s, QLatin1String(s.status)},
                              {u"status_detail_code"_s, QLatin1String(s.detail)},
                              {u"status_description"_s, QLatin1String(s.description)},
                              {u"carrier_status_code"_s, QLatin1String(s.carrierCode)},
                              {u"carrier_status_description"_s, QLatin1String(s.description)}});
  };
  for (int i = 0; i <= last; ++i)
    event(kStages[i], i);
  const Stage &now = stage < 0 ? kException : kStages[stage];
  if (stage < 0)
    event(kException, 2);
  QJsonObject answer{{u"tracking_number"_s, trackingNumber},
                     {u"tracking_url"_s, u"https://tracking.example.invalid/%1"_s.arg(trackingNumber)},
                     {u"status_code"_s, QLatin1String(now.status)},
                     {u"status_detail_code"_s, QLatin1String(now.detail)},
                     {u"status_description"_s, QLatin1String(now.description)},
                     {u"carrier_code"_s, carrierCode},
                     {u"carrier_id"_s, label.carrierId.mid(3).toInt()},
                     {u"carrier_detail_code"_s, QLatin1String(now.carrierCode)},
                     {u"carrier_status_code"_s, QLatin1String(now.carrierCode)},
                     {u"carrier_status_description"_s, QLatin1String(now.description)},
                     {u"ship_date"_s, iso(label.shipDate)},
                     {u"estimated_delivery_date"_s, iso(label.shipDate.addDays(3))},
                     {u"events"_s, events}};
  if (stage == 3)
    answer.insert(u"actual_delivery_date"_s, iso(label.createdAt.addSecs(3600 * 18)));
  if (stage < 0)
    answer.insert(u"exception_description"_s, QLatin1String(kException.description));
  return json(answer);
}

FakeCarrier::Answer FakeCarrier::createManifest(const QJsonObject &body)
{
  QStringList ids;
  for (const QJsonValue &id : body.value(u"label_ids").toArray())
    ids.append(id.toString());
  const bool byObject = body.contains(u"carrier_id");
  if (byObject) {
    if (body.value(u"warehouse_id").toString() != warehouseId())
      return error(400, u"validation"_s, u"invalid_identifier"_s, u"no such warehouse"_s, u"warehouse_id"_s);
    const QDate day = QDateTime::fromString(body.value(u"ship_date").toString(), Qt::ISODate).toUTC().date();
    QStringList excluded;
    for (const QJsonValue &id : body.value(u"excluded_label_ids").toArray())
      excluded.append(id.toString());
    if (ids.isEmpty()) {
      for (const StoredLabel &l : std::as_const(m_labels)) {
        if (l.carrierId == body.value(u"carrier_id").toString() && l.shipDate.date() == day)
          ids.append(l.labelId);
      }
    }
    for (const QString &id : excluded)
      ids.removeAll(id);
  }
  QMap<QString, QStringList> byCarrier; // ordered: manifests come out in carrier order
  for (const QString &id : std::as_const(ids)) {
    const auto it = m_labels.constFind(id);
    if (it == m_labels.constEnd())
      return error(400, u"validation"_s, u"invalid_identifier"_s, u"label %1 not found"_s.arg(id), u"label_ids"_s);
    if (it->voided || !it->manifestId.isEmpty()) {
      if (byObject)
        continue; // the day's manifest leaves voided and already manifested labels out
      return error(400, u"business_rules"_s, u"invalid_status"_s,
                   u"label %1 is voided or already on a manifest"_s.arg(id), u"label_ids"_s);
    }
    byCarrier[it->carrierId].append(id);
  }
  if (byCarrier.isEmpty())
    return error(400, u"business_rules"_s, u"invalid_status"_s, u"no labels to put on a manifest"_s);
  QJsonArray manifests;
  const QDateTime now = QDateTime::currentDateTimeUtc();
  for (auto it = byCarrier.cbegin(); it != byCarrier.cend(); ++it) {
    StoredManifest m{nextId(), it.key(), it.value(), {}, {}};
    QList<QStringList> rows;
    for (const QString &id : it.value()) {
      StoredLabel &label = m_labels[id];
      label.manifestId = m.manifestId;
      rows.append({id, label.trackingNumber, label.serviceCode});
    }
    const QDateTime shipDate = m_labels.value(it.value().first()).shipDate;
    m.pdf = carrierdocs::manifestPdf(m.manifestId, m_labels.value(it.value().first()).carrierCode,
                                     shipDate.date().toString(Qt::ISODate), rows);
    m.json = QJsonObject{
        {u"manifest_id"_s, m.manifestId},
        {u"form_id"_s, nextId()},
        {u"created_at"_s, iso(now)},
        {u"ship_date"_s, iso(shipDate)},
        {u"shipments"_s, static_cast<int>(m.labelIds.size())},
        {u"label_ids"_s, QJsonArray::fromStringList(m.labelIds)},
        {u"warehouse_id"_s, warehouseId()},
        {u"submission_id"_s, u"fake-submission-%1"_s.arg(m.manifestId)},
        {u"carrier_id"_s, m.carrierId},
        {u"manifest_download"_s,
         QJsonObject{{u"href"_s, u"%1/v1/downloads/manifest-%2.pdf"_s.arg(baseUrl().toString(), m.manifestId)}}}};
    m_manifests.insert(m.manifestId, m);
    manifests.append(m.json);
  }
  // The deprecated single-manifest fields repeat the first manifest, as the definition still requires them.
  QJsonObject answer = manifests.first().toObject();
  answer.insert(u"manifests"_s, manifests);
  answer.insert(u"manifest_requests"_s, QJsonArray{});
  answer.insert(u"request_id"_s, requestId());
  answer.insert(u"errors"_s, QJsonArray{});
  return json(answer);
}

FakeCarrier::Answer FakeCarrier::listManifests(const QUrlQuery &query)
{
  const QStringList labelIds = query.allQueryItemValues(u"label_ids"_s);
  const QString carrierId = query.queryItemValue(u"carrier_id"_s);
  const QString warehouse = query.queryItemValue(u"warehouse_id"_s);
  QList<const StoredManifest *> matching;
  for (const StoredManifest &m : std::as_const(m_manifests)) {
    const bool holdsOne = labelIds.isEmpty() || std::any_of(m.labelIds.cbegin(), m.labelIds.cend(),
                                                            [&](const QString &id) { return labelIds.contains(id); });
    if (holdsOne && (carrierId.isEmpty() || carrierId == m.carrierId) &&
        (warehouse.isEmpty() || warehouse == warehouseId()))
      matching.append(&m);
  }
  // Oldest first, as the carrier made them (ids grow).
  std::sort(matching.begin(), matching.end(), [](const StoredManifest *a, const StoredManifest *b) {
    return a->manifestId.mid(3).toLongLong() < b->manifestId.mid(3).toLongLong();
  });
  const int asked = query.hasQueryItem(u"page_size"_s) ? query.queryItemValue(u"page_size"_s).toInt() : 25;
  const int pageSize = std::clamp(asked, 1, m_manifestPageLimit);
  const int total = static_cast<int>(matching.size());
  const int pages = std::max(1, (total + pageSize - 1) / pageSize); // the definition wants at least 1
  const int page = query.hasQueryItem(u"page"_s) ? std::max(1, query.queryItemValue(u"page"_s).toInt()) : 1;
  QJsonArray manifests;
  for (int i = (page - 1) * pageSize; i < std::min(total, page * pageSize); ++i)
    manifests.append(matching.at(i)->json);
  const auto link = [&](int to) {
    QUrlQuery q = query;
    q.removeAllQueryItems(u"page"_s);
    q.addQueryItem(u"page"_s, QString::number(to));
    return QJsonObject{{u"href"_s, u"%1/v1/manifests?%2"_s.arg(baseUrl().toString(), q.toString(QUrl::FullyEncoded))}};
  };
  return json(QJsonObject{{u"manifests"_s, manifests},
                          {u"total"_s, total},
                          {u"page"_s, page},
                          {u"pages"_s, pages},
                          {u"links"_s, QJsonObject{{u"first"_s, link(1)},
                                                   {u"last"_s, link(pages)},
                                                   {u"prev"_s, page > 1 ? link(page - 1) : QJsonObject{}},
                                                   {u"next"_s, page < pages ? link(page + 1) : QJsonObject{}}}}});
}

FakeCarrier::Answer FakeCarrier::download(const QString &file)
{
  if (file.startsWith(u"manifest-") && file.endsWith(u".pdf")) {
    const auto m = m_manifests.constFind(file.mid(9).chopped(4));
    if (m != m_manifests.constEnd())
      return Answer{200, m->pdf, "application/pdf"};
  }
  const auto l = m_labels.constFind(file.section(u'.', 0, 0));
  if (l != m_labels.constEnd() && file.section(u'.', 1) == l->format)
    return Answer{200, l->document, mimeOf(l->format).toLatin1()};
  return error(404, u"validation"_s, u"file_not_found"_s, u"no such download"_s);
}

} // namespace pb::test
