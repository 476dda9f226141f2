// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/config/config.h"

#include <QString>

namespace pb::logging {

struct LogOptions {
  QString level = QStringLiteral("info"); // trace|debug|info|warn|error
  bool json = false;                      // JSON lines instead of text
  QString filePath;                       // empty: console only
  int maxSizeMb = 10;
  int maxFiles = 5;
  bool console = true;
};

// Resolves log.* keys; the default file lives in the user's data directory.
LogOptions optionsFromConfig(const config::Config &config, const QString &programName);

// Routes all Qt messages (qCInfo(category) …) into spdlog console and rotating-file sinks.
// Every message passes redact() first. Safe to call again to reconfigure.
Status setup(const LogOptions &options);

// Flushes and detaches the sinks (restores Qt's default handler).
void shutdown();

} // namespace pb::logging
