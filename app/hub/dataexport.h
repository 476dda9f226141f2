// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/config/config.h"

#include <QStringList>

namespace pb::app {

// `packbench-hub data-export list | show ID [FILE]`: what customers/data_request produced, for the
// merchant to hand to the customer. show prints the export's JSON (or writes it to a new 0600 FILE),
// marks it delivered and audits that it left; a later customers/redact or shop/redact deletes it.
int runDataExport(const config::Config &config, const QStringList &args);

} // namespace pb::app
