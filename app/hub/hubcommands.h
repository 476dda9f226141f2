// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/config/config.h"

#include <QCommandLineParser>
#include <QString>

namespace pb::app {

// packbench-hub's administration commands (exit codes as in startup.h):
//   packer add BADGE --name NAME [--role packer|lead|admin]   packer set-pin BADGE
//   packer disable BADGE   packer enable BADGE   packer list
//   station-login create NAME --shop DOMAIN --location CODE[,CODE] [--password-file FILE | --auth cert]
//   station-login list, station-login revoke NAME
//   hub-login create NAME [--auth peer|password|cert] [--password-file FILE]   hub-login list
// A PIN is never an argument: it is typed at a prompt without echo (twice) or read as one line of stdin.
QString adminCommandsHelp();
// The administrator running a command, for the audit log (the account behind sudo when there is one).
QString adminActor();
void addAdminOptions(QCommandLineParser &parser);
bool isAdminCommand(const QString &command);
int runAdminCommand(const config::Config &config, const QCommandLineParser &parser);

} // namespace pb::app
