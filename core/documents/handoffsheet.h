// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace pb::documents {

// The driver hand-off sheet of an end of day (docs/carriers.md "End of day"): what the driver signs for when the
// parcels leave the dock. The station fills it from the carrier manifests; ui/printing renders it.
struct HandoffSheet {
  struct Carrier {
    QString name;       // UPS, USPS … as the driver knows it
    QString manifestId; // the carrier's manifest the parcels are on
    int parcels = 0;
  };
  QDateTime madeAt; // local time of the end of day
  QString warehouse;
  QString station;
  QList<Carrier> carriers;

  int totalParcels() const
  {
    int total = 0;
    for (const Carrier &c : carriers)
      total += c.parcels;
    return total;
  }
};

} // namespace pb::documents
