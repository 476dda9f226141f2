// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/config/configkeys.h"

#include <QHash>
#include <QString>

namespace pb::config {

// Where an effective value came from; later sources override earlier ones.
enum class Source { Default, SystemFile, UserFile, ConfigFile, Environment, CommandLine };

QString sourceName(Source source);

struct ConfigValue {
  QString value;
  Source source = Source::Default;
  QString origin; // file path or variable name, for --print-config
};

// The effective, validated configuration of one program. Immutable once loaded.
class Config {
public:
  Config();

  QString get(const Key<QString> &key) const;
  int get(const Key<int> &key) const;
  bool get(const Key<bool> &key) const;

  const ConfigValue &entry(const KeyDef &key) const;
  void set(const KeyDef &key, ConfigValue value);

  // key = value (source) lines, secrets masked; for --print-config.
  QString describe(Scope scope) const;

private:
  QHash<QString, ConfigValue> m_values;
};

bool parseBool(const QString &text, bool *ok);

} // namespace pb::config
