// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/carriers/carrier.h"
#include "core/carriers/shipenginetransport.h"

#include <QObject>

namespace pb::carriers {

// The ShipEngine / ShipStation API v2 adapter (docs/carriers.md): rates, labels (inline ZPL/PDF/PNG),
// void, lookup by external_shipment_id, tracking and manifests, as the OpenAPI definition in
// ../shared/reference/carriers/shipengine-openapi.yaml says. Lives on one thread (the hub's carrier
// worker); give several instances on one key the same RequestPacer.
class ShipEngineCarrier final : public QObject, public Carrier {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(ShipEngineCarrier)

public:
  ShipEngineCarrier(ShipEngineSettings settings, std::shared_ptr<RequestPacer> pacer, QObject *parent = nullptr);
  ~ShipEngineCarrier() override;

  void rates(const RateRequest &request, Done<RateQuote> done) override;
  void buyLabel(const LabelPurchase &purchase, Done<Label> done) override;
  void buyLabelFromRate(const QString &rateId, const QString &externalShipmentId, const LabelOptions &options,
                        Done<Label> done) override;
  void findLabel(const QString &externalShipmentId, Done<Label> done) override;
  void voidLabel(const QString &labelId, Done<VoidOutcome> done) override;
  void tracking(const QString &carrierCode, const QString &trackingNumber, Done<TrackingInfo> done) override;
  void createManifest(const ManifestRequest &request, Done<QList<Manifest>> done) override;
  void findManifests(const QStringList &labelIds, Done<QList<Manifest>> done) override;

  ShipEngineTransport &transport() { return *m_transport; }
  // Labels found by external_shipment_id after a purchase's answer was lost (none bought twice).
  int recoveredLabels() const { return m_recovered; }

private:
  struct Purchase;
  struct ManifestLookup;
  void purchase(std::shared_ptr<Purchase> p);
  void recover(std::shared_ptr<Purchase> p, const CarrierError &why);
  void withBytes(Label label, Done<Label> done);
  void lookUpManifests(std::shared_ptr<ManifestLookup> lookup);
  void fetchManifests(QList<Manifest> manifests, qsizetype next, Done<QList<Manifest>> done);
  template <typename T> void later(Done<T> done, CarrierError error);

  ShipEngineTransport *m_transport;
  int m_recovered = 0;
};

// Checks a purchase before it is sent: what the carrier would refuse anyway, said in our words.
std::optional<CarrierError> validatePurchase(const LabelPurchase &purchase);

} // namespace pb::carriers
