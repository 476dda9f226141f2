// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/carriers/carriererror.h"
#include "core/carriers/carriertypes.h"

#include <QEventLoop>

#include <functional>
#include <optional>

namespace pb::carriers {

template <typename T> using Done = std::function<void(CarrierResult<T>)>;

// A carrier label API, asynchronous: each call returns at once and calls `done` exactly once, later, on
// the thread that owns the carrier (never from inside the call itself). Destroying the carrier drops
// calls in flight without calling them back. Implementations pace themselves under the carrier's rate
// limit and retry what is safe to retry; what they give back is final for that call.
class Carrier {
public:
  virtual ~Carrier();

  virtual void rates(const RateRequest &request, Done<RateQuote> done) = 0;
  // Buys a label exactly once per shipment.externalShipmentId: when an answer is lost the carrier is
  // asked for the label by that id before anything is bought again (Label::recovered says so).
  virtual void buyLabel(const LabelPurchase &purchase, Done<Label> done) = 0;
  // Buys the label of a rate from rates(); externalShipmentId is the one that rate's shipment carried.
  virtual void buyLabelFromRate(const QString &rateId, const QString &externalShipmentId, const LabelOptions &options,
                                Done<Label> done) = 0;
  // NotFound when the carrier has no label for that id (nothing was bought).
  virtual void findLabel(const QString &externalShipmentId, Done<Label> done) = 0;
  // Approved, or already voided (reasonCode label_already_voided), is final; refused is not an error.
  virtual void voidLabel(const QString &labelId, Done<VoidOutcome> done) = 0;
  virtual void tracking(const QString &carrierCode, const QString &trackingNumber, Done<TrackingInfo> done) = 0;
  // One manifest per carrier among the labels, each with its PDF.
  virtual void createManifest(const ManifestRequest &request, Done<QList<Manifest>> done) = 0;
  // The manifests the carrier already made that hold any of these labels, each with its PDF (an empty list: none is on
  // a manifest). How an end of day whose answer was lost learns what the carrier did before sending labels again.
  virtual void findManifests(const QStringList &labelIds, Done<QList<Manifest>> done) = 0;
};

// Runs one asynchronous call to its end on this thread's event loop, for worker threads and tests.
template <typename T, typename Call> CarrierResult<T> waitFor(Call &&call)
{
  std::optional<CarrierResult<T>> result;
  QEventLoop loop;
  call([&](CarrierResult<T> r) {
    result.emplace(std::move(r));
    loop.quit();
  });
  if (!result)
    loop.exec();
  return std::move(*result);
}

} // namespace pb::carriers
