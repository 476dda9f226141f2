// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a configuration file, through the INI parser and then every key it names through
// the loader's validation (as --set overrides, the path of untrusted values), for station and hub.
#include "core/config/configloader.h"
#include "core/config/inifile.h"

#include <cstddef>
#include <cstdint>

using namespace pb::config;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  auto entries = parseIni(text, QStringLiteral("fuzz.conf"));
  if (!entries)
    return 0;
  LoadOptions options;
  for (const IniEntry &entry : *entries)
    options.overrides << entry.key + QLatin1Char('=') + entry.value;
  for (const Scope program : {Scope::Station, Scope::Hub}) {
    options.program = program;
    auto config = loadConfig(options);
    if (config)
      (void)config->describe(program);
  }
  return 0;
}
