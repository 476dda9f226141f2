// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pb::carriers {

// An amount in the currency's minor units (cents), as everywhere in Packbench.
struct Money {
  qint64 minor = 0;
  QString currency; // ISO 4217, upper case

  bool operator==(const Money &) const = default;
};

struct Address {
  QString name;
  QString phone; // required by carriers for the sender
  QString companyName;
  QString addressLine1;
  QString addressLine2;
  QString addressLine3;
  QString cityLocality;
  QString stateProvince;
  QString postalCode;
  QString countryCode; // ISO 3166-1 alpha-2
  std::optional<bool> residential;
};

// One box. Weight is required; dimensions are sent only when all three are known.
struct Parcel {
  int weightGrams = 0;
  int lengthMm = 0;
  int widthMm = 0;
  int heightMm = 0;
  QString packageCode; // carrier package type, e.g. "package" (empty: the carrier's default)
  QString reference;   // printed on the label (label_messages.reference1), e.g. the order name
};

struct Shipment {
  QString carrierId;   // se-… (rates: may be empty, rate_options.carrier_ids decides)
  QString serviceCode; // e.g. ups_ground (rates: may be empty)
  // Unique per carrier account and per package: the key that finds a label whose answer was lost.
  QString externalShipmentId;
  QDateTime shipDate; // UTC; the carrier's date of collection
  Address shipTo;
  Address shipFrom;
  QList<Parcel> parcels;
};

struct RateRequest {
  Shipment shipment;
  QStringList carrierIds;   // at least one
  QStringList serviceCodes; // empty: every service of those carriers
};

struct Rate {
  QString rateId;
  QString carrierId;
  QString carrierCode;
  QString carrierName;
  QString serviceCode;
  QString serviceType;
  Money shipping;
  Money insurance;
  Money confirmation;
  Money other;
  Money total() const
  {
    return {shipping.minor + insurance.minor + confirmation.minor + other.minor, shipping.currency};
  }
  std::optional<int> deliveryDays;
  QDateTime estimatedDelivery; // invalid when the carrier gives none
  bool guaranteed = false;
  bool trackable = false;
  QString validationStatus; // valid, invalid, has_warnings, unknown
  QStringList warnings;
  QStringList errors;
};

struct RateQuote {
  QString shipmentId; // the carrier's shipment the rates belong to
  QList<Rate> rates;
  QList<Rate> invalidRates;
  QStringList errors;
};

enum class LabelFormat { Pdf, Png, Zpl };
QString labelFormatName(LabelFormat format); // "pdf", "png", "zpl"
std::optional<LabelFormat> labelFormatFromName(const QString &name);

struct LabelOptions {
  LabelFormat format = LabelFormat::Zpl;
  QString layout = QStringLiteral("4x6"); // 4x6, letter, A4, A6
};

struct LabelPurchase {
  Shipment shipment; // carrierId, serviceCode and externalShipmentId required
  LabelOptions options;
};

struct Label {
  QString labelId;
  QString status; // processing, completed, error, voided
  QString shipmentId;
  QString externalShipmentId;
  QString carrierId;
  QString carrierCode;
  QString serviceCode;
  QString trackingNumber;      // the first package's
  QStringList trackingNumbers; // one per package
  QString trackingUrl;
  Money shipmentCost;
  Money insuranceCost;
  QDateTime createdAt;
  QDateTime shipDate;
  LabelFormat format = LabelFormat::Pdf;
  QString layout;
  QByteArray bytes;    // the label itself (inline download, or fetched from downloadUrl)
  QString downloadUrl; // where the carrier keeps it, when it was not sent inline
  bool voided = false;
  bool trackable = false;
  // Set when the purchase's answer was lost and the label was found by external_shipment_id instead.
  bool recovered = false;
};

struct VoidOutcome {
  bool approved = false;
  QString message;
  QString reasonCode; // e.g. label_already_voided
};

// ShipEngine's status codes (status_code): UN, AC, IT, DE, EX, AT, NY, SP.
enum class TrackingStatus {
  Unknown,
  Accepted,
  InTransit,
  Delivered,
  Exception,
  AttemptedDelivery,
  NotYetInSystem,
  DeliveredToServicePoint
};
TrackingStatus trackingStatusFromCode(const QString &code);

struct TrackingEvent {
  QDateTime occurredAt;
  TrackingStatus status = TrackingStatus::Unknown;
  QString statusCode;
  QString statusDetailCode; // e.g. OUT_FOR_DELIVERY, when the carrier gives one
  QString description;
  QString carrierStatusCode;
  QString cityLocality;
  QString stateProvince;
  QString postalCode;
  QString countryCode;
};

struct TrackingInfo {
  QString trackingNumber;
  QString carrierCode;
  TrackingStatus status = TrackingStatus::Unknown;
  QString statusCode;
  QString statusDetailCode;
  QString statusDescription;
  QString carrierStatusCode;
  QString trackingUrl;
  QString exceptionDescription;
  QDateTime shipDate;
  QDateTime estimatedDelivery;
  QDateTime actualDelivery;
  QList<TrackingEvent> events; // oldest first
};

// End of day: either every label of one carrier and warehouse shipped that day, or the given labels.
struct ManifestRequest {
  QString carrierId;
  QString warehouseId;
  QDateTime shipDate;
  QStringList labelIds; // alone: manifest exactly these (one manifest per carrier among them)
  QStringList excludedLabelIds;
};

struct Manifest {
  QString manifestId;
  QString formId;
  QString carrierId;
  QString warehouseId;
  QString submissionId;
  QDateTime createdAt;
  QDateTime shipDate;
  int shipments = 0;
  QStringList labelIds;
  QString downloadUrl;
  QByteArray pdf; // fetched from downloadUrl
};

} // namespace pb::carriers
