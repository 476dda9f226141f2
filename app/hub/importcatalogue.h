// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/config/config.h"

namespace pb::app {

// `packbench-hub import-catalogue [--force]`: the initial catalogue import of shopify.shop, run to the
// end in the foreground (a bulk operation: start or resume, poll, download, write). The serving hub
// does the same on its own when a shop was never imported; this is for a first install or a re-import.
int runImportCatalogue(const config::Config &config, bool force);

} // namespace pb::app
