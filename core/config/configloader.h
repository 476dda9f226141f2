// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/config/config.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace pb::config {

// Every layer the loader reads, lowest precedence first.
struct LoadOptions {
  Scope program = Scope::Both;
  QString systemFile;   // e.g. /etc/packbench/packbench.conf, shared by both programs; missing is fine
  QString programFile;  // e.g. /etc/packbench/station.conf, the package's conffile; missing is fine
  QString userFile;     // e.g. ~/.config/packbench/packbench.conf; missing is fine
  QString explicitFile; // --config FILE; missing is an error
  QProcessEnvironment environment;
  QStringList overrides; // --set key=value
};

// Builds the effective Config from all layers. Any unknown key, bad value or unsafe secret is an
// error naming the key and where it came from; nothing partial is returned. A file that is there but
// cannot be read (its folder or itself denies this account) is an error too, never skipped as absent.
Result<Config> loadConfig(const LoadOptions &options);

// Default locations of the system, per-program and user files.
QString defaultSystemFile();
QString defaultProgramFile(Scope program); // /etc/packbench/station.conf or hub.conf
QString defaultUserFile();

} // namespace pb::config
