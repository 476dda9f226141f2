// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/carriers/carriererror.h"
#include "core/carriers/carriertypes.h"

#include <QJsonObject>

// ShipEngine (ShipStation API v2) bodies as its OpenAPI definition names them
// (../shared/reference/carriers/shipengine-openapi.yaml): our types to request bodies, answers to our types.
// Optional fields we have no value for are left out, never sent empty (the definition's minLength 1).
namespace pb::carriers::shipengine {

QJsonObject addressJson(const Address &address);
QJsonObject shipmentJson(const Shipment &shipment);

QJsonObject rateRequestBody(const RateRequest &request);           // POST /v1/rates
QJsonObject labelRequestBody(const LabelPurchase &purchase);       // POST /v1/labels
QJsonObject labelFromRateRequestBody(const LabelOptions &options); // POST /v1/labels/rates/{rate_id}
QJsonObject manifestRequestBody(const ManifestRequest &request);   // POST /v1/manifests

// monetary_value {currency, amount} in minor units (amount 12.34 usd → 1234 USD).
Money moneyFromJson(const QJsonObject &value);
int currencyExponent(const QString &currency);

CarrierResult<RateQuote> parseRates(const QJsonObject &body);
// A label answer (create, create from rate, get by external id). Inline bytes are base64, optionally
// as a data: URI; an http(s) href is kept as downloadUrl for a separate fetch.
CarrierResult<Label> parseLabel(const QJsonObject &body);
CarrierResult<VoidOutcome> parseVoid(const QJsonObject &body);
CarrierResult<TrackingInfo> parseTracking(const QJsonObject &body);
CarrierResult<QList<Manifest>> parseManifests(const QJsonObject &body);

// The error_response_body's request_id, error codes and messages, joined for a log line.
void readErrorBody(const QJsonObject &body, CarrierError *error);

} // namespace pb::carriers::shipengine
