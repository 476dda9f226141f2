// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/keyedcounts.h"

#include <QSqlDatabase>

namespace pb::outbox {

// Outbox rows not done yet, per status (the hub's /metrics and /healthz). Reads only those rows
// (index outbox_unsettled, migration 0024), however many are done.
Result<db::KeyedCounts> unsettledCounts(const QSqlDatabase &db);

} // namespace pb::outbox
