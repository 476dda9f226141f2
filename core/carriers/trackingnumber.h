// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace pb::carriers {

// A carrier tracking number recognised in a scan.
struct TrackingNumber {
  QString number;                  // normalised: no spaces, upper-case, without a USPS routing prefix (420 + ZIP)
  QString courierCode;             // the dataset's courier_code: "ups", "fedex", "s10" …
  QString courierName;             // for the packer: "UPS", "Royal Mail Group plc" (an S10 number's post)
  QString formatId;                // the dataset's format id ("fedex_12"), or its name when it has none
  QString formatName;              // "FedEx Express (12)"
  QString company;                 // Shopify trackingInfo.company (core/carriers/trackingcompany.h)
  QString url;                     // the company's tracking page for this number; empty when the dataset has none
  bool checkDigitVerified = false; // the format has a check digit and it is right (else: pattern only)
  QHash<QString, QString> details; // the dataset's lookups that matched: "Service Type" → "UPS … Ground"
};

// Whether the order's shipping method ("FedEx 2Day") names the reading's company or courier.
bool shippingMethodNames(QStringView shippingMethod, const TrackingNumber &reading);

// Recognises tracking numbers with the courier dataset in resources/tracking-numbers (tracking_number_data,
// MIT): each format's regex (named groups SerialNumber, CheckDigit …) must match the whole scan once spaces
// are removed and letters upper-cased, its checksum must hold (serial_number_format's prepend_if applied
// first), and every "additional.exists" lookup must find its group's value (an S10 number's country).
// A serial of only zeros is refused whatever its check digit says: every weighted checksum passes it.
class TrackingNumberRecognizer final {
public:
  // From the embedded dataset (:/tracking-numbers), loaded once; thread-safe.
  static const TrackingNumberRecognizer &builtIn();
  // From dataset files on disk (tests, tools). A format with a bad regex or an unknown checksum: InvalidInput.
  static Result<TrackingNumberRecognizer> load(const QStringList &jsonFiles);

  // Every format that accepts the scan: those with a verified check digit first, then dataset order.
  QList<TrackingNumber> recognise(QStringView scanned) const;
  // The strongest reading; among equally strong readings of different companies, the one whose company or
  // courier the shipping method names (the order's shipping line, "UPS Ground"), else the first.
  std::optional<TrackingNumber> recogniseBest(QStringView scanned, QStringView shippingMethod = {}) const;

  qsizetype formatCount() const;
  // The company's tracking page for a number (its dataset template), empty when there is none. The number
  // must be normalised; the database computes the same from its copy of the templates (migration 0018).
  QString trackingUrl(const QString &company, const QString &number) const;
  // company → URL template with %s, as the dataset gives them.
  QHash<QString, QString> urlTemplates() const;

  // Spaces (and GS1 group separators) out, letters upper-cased.
  static QString normalise(QStringView scanned);
  // Longer scans are no tracking number (the longest format has 34 characters).
  static constexpr qsizetype kMaxLength = 64;

private:
  struct Data;
  explicit TrackingNumberRecognizer(std::shared_ptr<const Data> data);
  std::shared_ptr<const Data> m_data;
};

} // namespace pb::carriers
