// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/config/configloader.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace pb::config {

// Options both programs share: --config, --set, --print-config (plus Qt's --help/--version).
class CommonOptions {
public:
  CommonOptions();
  void addTo(QCommandLineParser &parser) const;

  bool printConfig(const QCommandLineParser &parser) const;
  // Layer sources for loadConfig(), taken from the parsed command line and the process.
  LoadOptions loadOptions(const QCommandLineParser &parser, Scope program) const;

private:
  QCommandLineOption m_config;
  QCommandLineOption m_set;
  QCommandLineOption m_printConfig;
  QCommandLineOption m_noSystemConfig;
};

} // namespace pb::config
