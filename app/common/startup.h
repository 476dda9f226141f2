// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/config/commandline.h"
#include "core/db/connection.h"

#include <QCommandLineParser>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace pb::app {

// Exit codes shared by both programs (documented in README).
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitBadConfig = 2, ExitDatabase = 3 };

// Parses the command line (already set up with the program's own options), loads the layered
// configuration and starts logging. Returns an exit code when the program must stop now
// (bad configuration, --print-config); otherwise fills *config. A rejected configuration is printed to
// stderr and, when given, passed to showError (the station's dialog: a packer never sees stderr).
std::optional<int> loadConfiguration(QCommandLineParser &parser, const config::CommonOptions &common,
                                     config::Scope program, config::Config *config,
                                     const std::function<void(const QString &)> &showError = {});

// Opens the configured database. The embedded SQLite default is migrated and seeded with demo
// data; PostgreSQL must already be at this binary's schema version (`packbench-hub migrate`).
Result<QSqlDatabase> openConfiguredDatabase(const config::Config &config, const Clock &clock,
                                            const QString &connectionName);

// Logs that the program stopped and flushes the logs (the file sink buffers info lines); returns `code`.
int finishRun(int code);

} // namespace pb::app
