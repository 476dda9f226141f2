// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/config/config.h"

namespace pb::config {

QString sourceName(Source source)
{
  switch (source) {
  case Source::Default: return QStringLiteral("default");
  case Source::SystemFile: return QStringLiteral("system file");
  case Source::UserFile: return QStringLiteral("user file");
  case Source::ConfigFile: return QStringLiteral("--config file");
  case Source::Environment: return QStringLiteral("environment");
  case Source::CommandLine: return QStringLiteral("command line");
  }
  return {};
}

bool parseBool(const QString &text, bool *ok)
{
  const QString t = text.trimmed().toLower();
  *ok = true;
  if (t == u"true" || t == u"yes" || t == u"on" || t == u"1")
    return true;
  if (t == u"false" || t == u"no" || t == u"off" || t == u"0")
    return false;
  *ok = false;
  return false;
}

Config::Config()
{
  // Built once and shared (implicitly): every load starts from the defaults, the fuzzer thousands of times a second.
  static const QHash<QString, ConfigValue> defaults = [] {
    QHash<QString, ConfigValue> values;
    for (const KeyDef *key : allKeys())
      values.insert(toQString(key->name), ConfigValue{toQString(key->defaultValue), Source::Default, {}});
    return values;
  }();
  m_values = defaults;
}

QString Config::get(const Key<QString> &key) const
{
  return entry(key.def).value;
}

int Config::get(const Key<int> &key) const
{
  return entry(key.def).value.toInt();
}

bool Config::get(const Key<bool> &key) const
{
  bool ok = false;
  return parseBool(entry(key.def).value, &ok);
}

const ConfigValue &Config::entry(const KeyDef &key) const
{
  const auto it = m_values.constFind(toQString(key.name));
  Q_ASSERT(it != m_values.constEnd());
  return *it;
}

void Config::set(const KeyDef &key, ConfigValue value)
{
  m_values.insert(toQString(key.name), std::move(value));
}

QString Config::describe(Scope scope) const
{
  QString out;
  for (const KeyDef *key : allKeys()) {
    if ((static_cast<int>(key->scope) & static_cast<int>(scope)) == 0)
      continue;
    const ConfigValue &v = entry(*key);
    QString shown = v.value;
    if (key->secret)
      shown = v.value.isEmpty() ? QStringLiteral("(not set)") : QStringLiteral("******** (set)");
    QString from = sourceName(v.source);
    if (!v.origin.isEmpty())
      from += QStringLiteral(": ") + v.origin;
    out += QStringLiteral("%1 = %2    # %3\n").arg(toQString(key->name), shown, from);
  }
  return out;
}

} // namespace pb::config
