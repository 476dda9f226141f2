// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace pb::queue {

// The shop and warehouse one station packs for.
struct StationSite {
  qint64 shopId = 0;
  QString shopDomain;
  std::optional<qint64> locationId; // none configured: the station starts on the shop's first location
};

// Resolves station.shop (a shop domain, may be empty) and station.location (a location code, may be
// empty). Location codes are unique per shop only, so a code is always looked up within one shop; a
// code two shops share needs the shop named. Errors say which setting to fix.
Result<StationSite> resolveStationSite(const QSqlDatabase &db, const QString &shopDomain, const QString &locationCode);

} // namespace pb::queue
