// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pb::shopify {

class GraphQlClient;

// Stations name their warehouse by a short code (station.location=RNO); Shopify names it by a location
// id. shopify.location_codes maps one to the other: "RNO=74213,CMH=Columbus DC" (id or exact name).
struct LocationCodes {
  QHash<QString, QString> codeByLocationId;
  QHash<QString, QString> codeByName;

  // InvalidInput names the entry that is wrong.
  static Result<LocationCodes> parse(const QString &setting);
  // The mapped code, else "L<id>".
  QString codeFor(const QString &locationId, const QString &name) const;
};

struct RemoteLocation {
  QString id; // numeric
  QString name;
  bool active = true;
};

// Keeps the shop's locations in step with Shopify's (hub start, and when an order names one not seen).
namespace locationsync {

Result<QList<RemoteLocation>> fetch(GraphQlClient &client);
// Upserts by Shopify id; a row a person made with the mapped code (and no Shopify id) is adopted.
// Returns how many rows were made or changed.
Result<int> apply(QSqlDatabase &db, qint64 shopId, const QList<RemoteLocation> &remote, const LocationCodes &codes);
Result<int> sync(GraphQlClient &client, QSqlDatabase &db, qint64 shopId, const LocationCodes &codes);

} // namespace locationsync
} // namespace pb::shopify
