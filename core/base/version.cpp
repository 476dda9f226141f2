// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/version.h"

namespace pb {

QString versionString()
{
  return QStringLiteral(PACKBENCH_VERSION);
}

} // namespace pb
