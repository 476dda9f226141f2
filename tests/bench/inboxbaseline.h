// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QSqlDatabase>

namespace pb::bench::baseline {

// The inbox loop before batching and statement caching (one row per transaction), for comparison.
Result<int> processPending(QSqlDatabase &db, int maxRows);

} // namespace pb::bench::baseline
