// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace pb::carriers {

// One format's check-digit rule, as the courier dataset's "validation.checksum" object describes it
// (CHECKSUM_ALGORITHMS.md beside the data): mod10, mod7, luhn, s10, mod_37_36 and
// sum_product_with_weightings_and_modulo. An empty name means the format has no check digit.
struct TrackingChecksum {
  QString name;
  int evensMultiplier = 0; // mod10: 0 = not given
  int oddsMultiplier = 0;
  bool reverse = false;
  QList<int> weightings; // s10, sum_product…
  int modulo1 = 0;       // sum_product…
  int modulo2 = 0;

  static TrackingChecksum fromJson(const QJsonObject &json);
  // A name this code does not implement: the format is not loaded rather than accepted unchecked.
  bool isKnown() const;
  bool isEmpty() const { return name.isEmpty(); }
  // serial and checkDigit without spaces, upper-case.
  bool verify(QStringView serial, QStringView checkDigit) const;
};

} // namespace pb::carriers
