// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"

#include <QSqlDatabase>

namespace pb::db {

// Loads the fictional demo shop (":/demo/demo-data.json") into an empty database in one
// transaction; ship-by times are relative to now. Returns the number of orders added (0 if the
// database already had a shop).
Result<int> seedDemoData(QSqlDatabase &db, const Clock &clock,
                         const QString &jsonPath = QStringLiteral(":/demo/demo-data.json"));

} // namespace pb::db
