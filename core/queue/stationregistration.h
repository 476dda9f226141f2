// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>

namespace pb::queue {

// This installation's own station identity: a UUID created once and kept in `directory` (the station's
// local data directory), so two benches never share a station row however their hosts are named. The
// file name carries a hash of the machine id: a home directory shared by two machines, or a disk image
// cloned to a new machine, still gives each machine its own identity.
Result<QString> stationInstallationId(const QString &directory);

} // namespace pb::queue
