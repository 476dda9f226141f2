// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/config/commandline.h"

#include <QCoreApplication>

namespace pb::config {

CommonOptions::CommonOptions()
    : m_config(QStringList{QStringLiteral("c"), QStringLiteral("config")},
               QCoreApplication::translate("CommonOptions",
                                           "Read configuration from <file> (overrides system and user files)."),
               QStringLiteral("file"))
    , m_set(QStringList{QStringLiteral("set")},
            QCoreApplication::translate("CommonOptions", "Override one key, e.g. --set log.level=debug (repeatable)."),
            QStringLiteral("key=value"))
    , m_printConfig(
          QStringList{QStringLiteral("print-config")},
          QCoreApplication::translate("CommonOptions",
                                      "Print the effective configuration and where each value came from, then exit."))
    , m_noSystemConfig(QStringList{QStringLiteral("no-default-files")},
                       QCoreApplication::translate("CommonOptions", "Ignore the system and user config files."))
{}

void CommonOptions::addTo(QCommandLineParser &parser) const
{
  parser.addOptions({m_config, m_set, m_printConfig, m_noSystemConfig});
}

bool CommonOptions::printConfig(const QCommandLineParser &parser) const
{
  return parser.isSet(m_printConfig);
}

LoadOptions CommonOptions::loadOptions(const QCommandLineParser &parser, Scope program) const
{
  LoadOptions options;
  options.program = program;
  if (!parser.isSet(m_noSystemConfig)) {
    options.systemFile = defaultSystemFile();
    options.programFile = defaultProgramFile(program);
    options.userFile = defaultUserFile();
  }
  options.explicitFile = parser.value(m_config);
  options.environment = QProcessEnvironment::systemEnvironment();
  options.overrides = parser.values(m_set);
  return options;
}

} // namespace pb::config
