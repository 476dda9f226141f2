// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QLockFile>

#include <memory>

namespace pb::app {

// One station program per user and bench. A second start (the icon clicked again while the first window opens, or a
// restart while the old program is still closing) would pack as the same station beside it and share its offline
// journal, so one bench could hold two orders and replay one journal twice. The lock lives in the station's data
// folder, beside its installation id; a program that died (kill -9, a power cut) leaves a lock the next start takes
// over (QLockFile checks that its process is gone).
// Conflict, naming the running program's process id, when another holds it; the lock, held until it is destroyed,
// otherwise. A lock that cannot be written at all does not stop the station (it is logged).
Result<std::unique_ptr<QLockFile>> lockTheBench(const QString &dataDir);

} // namespace pb::app
