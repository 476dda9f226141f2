// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/config/configloader.h"

#include "core/config/inifile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace pb::config {

namespace {

const QString kSecretFileSuffix = QStringLiteral("_file");

// Secrets must not be readable by group or others.
bool isPrivateFile(const QString &path)
{
  const QFileDevice::Permissions loose = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                         QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
  return (QFile::permissions(path) & loose) == 0;
}

// A NUL would cut the path short at the C library and other control characters are a paste or typing slip;
// refused here with a clear message instead of "no such file" (or Qt's "Broken filename") later.
QString checkPathText(const QString &path)
{
  const bool hasControl =
      std::any_of(path.cbegin(), path.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
  return hasControl ? QStringLiteral("a path cannot contain control characters") : QString();
}

// Empty when `path` names a file this user can read; else why not (checked at load, not at first use).
QString checkReadableFile(const QString &path, bool mustBePrivate)
{
  if (path.isEmpty())
    return {};
  if (QString problem = checkPathText(path); !problem.isEmpty())
    return problem;
  // QPSQL turns every ';' of the connect options into a space, so such a path would reach libpq cut up.
  if (path.contains(QLatin1Char(';')))
    return QStringLiteral("a path with ';' cannot be passed to the PostgreSQL client library");
  const QFileInfo info(path);
  if (!info.exists())
    return QStringLiteral("no such file");
  if (!info.isFile())
    return QStringLiteral("not a regular file");
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return QStringLiteral("cannot read it: %1").arg(file.errorString());
  if (mustBePrivate && !isPrivateFile(path))
    return QStringLiteral("a private key must have mode 0600 or stricter");
  return {};
}

// The account we run as, for messages that tell an administrator whom to grant access.
QString accountName()
{
  const passwd *entry = ::getpwuid(::geteuid());
  return entry ? QString::fromLocal8Bit(entry->pw_name) : QString::number(::geteuid());
}

// Why `path` cannot be read and what to do about it; used for config and secret files alike.
QString unreadableProblem(const QString &path, const QString &reason, bool secret)
{
  const QString fix = secret ? QStringLiteral("give it to that account with mode 0600 (chown %1 FILE; chmod 0600 FILE) "
                                              "in a folder it may enter")
                                   .arg(accountName())
                             : QStringLiteral("make it and every folder above it readable by that account (a config "
                                              "file holds no secrets: chmod 0644 FILE, chmod 0755 its folder), or "
                                              "start with --no-default-files to ignore the system and user files");
  return QStringLiteral("%1: cannot be read by user '%2' (%3); Packbench stops rather than run on other "
                        "settings. To fix: %4")
      .arg(path, accountName(), reason, fix);
}

// QFile::exists() is false for a file in a folder this account may not enter, which would make an
// unreadable /etc/packbench look like no configuration at all: only ENOENT/ENOTDIR mean absent.
bool isAbsent(const QString &path, QString *whyUnreachable)
{
  struct stat info {};
  if (::stat(QFile::encodeName(path).constData(), &info) == 0)
    return false;
  const int error = errno;
  if (error == ENOENT || error == ENOTDIR)
    return true;
  *whyUnreachable = QString::fromLocal8Bit(std::strerror(error));
  return false;
}

QString validate(const KeyDef &key, const QString &value)
{
  switch (key.type) {
  case ValueType::String: return {};
  case ValueType::Path: return checkPathText(value);
  case ValueType::File: return checkReadableFile(value, false);
  case ValueType::PrivateFile: return checkReadableFile(value, true);
  case ValueType::Int: {
    bool ok = false;
    const int n = value.toInt(&ok);
    if (!ok || n < key.min || n > key.max)
      return QStringLiteral("expected a whole number from %1 to %2").arg(key.min).arg(key.max);
    return {};
  }
  case ValueType::Bool: {
    bool ok = false;
    parseBool(value, &ok);
    return ok ? QString() : QStringLiteral("expected true or false");
  }
  case ValueType::Enum: {
    const QStringList allowed = toQString(key.allowed).split(QLatin1Char('|'));
    return allowed.contains(value) ? QString()
                                   : QStringLiteral("expected one of: %1").arg(allowed.join(QStringLiteral(", ")));
  }
  case ValueType::Url: {
    if (value.isEmpty())
      return {};
    const QUrl url(value, QUrl::StrictMode);
    const bool web = url.scheme() == u"http" || url.scheme() == u"https";
    return url.isValid() && web && !url.host().isEmpty() ? QString() : QStringLiteral("expected an http(s) URL");
  }
  }
  return {};
}

// Applies layers one at a time and collects every problem, so a user fixes them all in one go.
class Layering {
public:
  explicit Layering(Scope program)
      : m_program(program)
  {}

  // origin: "file:line" or a variable name; inlineSecretAllowed: the origin itself is private.
  void apply(const QString &name, const QString &value, Source source, const QString &origin, bool inlineSecretAllowed)
  {
    if (name.endsWith(kSecretFileSuffix)) {
      const KeyDef *secret = findKey(name.chopped(kSecretFileSuffix.size()));
      if (secret && secret->secret) {
        applySecretFile(*secret, value, source, origin);
        return;
      }
    }
    const KeyDef *key = findKey(name);
    if (!key) {
      m_problems << QCoreApplication::translate("pb::config::ConfigLoader", "%1: unknown key '%2'").arg(origin, name);
      return;
    }
    if (!inScope(*key, origin))
      return;
    if (key->secret && !inlineSecretAllowed) {
      m_problems << QCoreApplication::translate("pb::config::ConfigLoader",
                                                "%1: secret '%2' may only come from a private (0600) file, '%2_file' "
                                                "or the environment")
                        .arg(origin, name);
      return;
    }
    set(*key, value, source, origin);
  }

  Result<Config> finish()
  {
    // A client certificate is useless without its key and the other way round: say so before connecting.
    const bool hasCert = !m_config.get(keys::DatabaseSslCert).isEmpty();
    const bool hasKey = !m_config.get(keys::DatabaseSslKey).isEmpty();
    if (hasCert != hasKey)
      m_problems << QCoreApplication::translate("pb::config::ConfigLoader",
                                                "'database.ssl_cert' and 'database.ssl_key' must be set together");
    if (!m_problems.isEmpty())
      return makeError(ErrorKind::InvalidInput,
                       QCoreApplication::translate("pb::config::ConfigLoader", "configuration rejected:\n  ") +
                           m_problems.join(QStringLiteral("\n  ")));
    return m_config;
  }

  void addProblem(const QString &problem) { m_problems << problem; }

private:
  bool inScope(const KeyDef &key, const QString &origin)
  {
    if (m_program == Scope::Station && key.scope == Scope::Hub) {
      if (key.secret)
        m_problems << QCoreApplication::translate(
                          "pb::config::ConfigLoader",
                          "%1: '%2' is a hub secret; stations never hold Shopify or carrier secrets")
                          .arg(origin, toQString(key.name));
      return false; // other hub-only keys in a shared file are simply not ours
    }
    return !(m_program == Scope::Hub && key.scope == Scope::Station);
  }

  void applySecretFile(const KeyDef &key, const QString &path, Source source, const QString &origin)
  {
    if (!inScope(key, origin))
      return;
    if (path.trimmed().isEmpty()) { // "key_file =" names nothing: say so rather than open ""
      m_problems << QCoreApplication::translate("pb::config::ConfigLoader", "%1: '%2_file' names no file")
                        .arg(origin, toQString(key.name));
      return;
    }
    if (const QString problem = checkPathText(path); !problem.isEmpty()) {
      m_problems << QCoreApplication::translate("pb::config::ConfigLoader", "%1: cannot read secret file for '%2': %3")
                        .arg(origin, toQString(key.name), problem);
      return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
      QString unreachable;
      const QString why = isAbsent(path, &unreachable) ? path + QStringLiteral(": ") + file.errorString()
                                                       : unreadableProblem(path, file.errorString(), true);
      m_problems << QCoreApplication::translate("pb::config::ConfigLoader", "%1: cannot read secret file for '%2': %3")
                        .arg(origin, toQString(key.name), why);
      return;
    }
    if (!isPrivateFile(path)) {
      m_problems << QCoreApplication::translate("pb::config::ConfigLoader",
                                                "%1: secret file '%2' for '%3' must have mode 0600 or stricter")
                        .arg(origin, path, toQString(key.name));
      return;
    }
    const QString secret = QString::fromUtf8(file.readAll()).trimmed();
    set(key, secret, source, origin + QStringLiteral(" (") + path + QLatin1Char(')'));
  }

  void set(const KeyDef &key, const QString &value, Source source, const QString &origin)
  {
    const QString why = validate(key, value);
    if (!why.isEmpty()) {
      // Never echo a secret's value, even a malformed one.
      const QString shown = key.secret ? QStringLiteral("(hidden)") : QLatin1Char('\'') + value + QLatin1Char('\'');
      m_problems << QCoreApplication::translate("pb::config::ConfigLoader", "%1: invalid value %2 for '%3': %4")
                        .arg(origin, shown, toQString(key.name), why);
      return;
    }
    m_config.set(key, ConfigValue{value, source, origin});
  }

  Scope m_program;
  Config m_config;
  QStringList m_problems;
};

void applyFile(Layering &layering, const QString &path, Source source, bool required)
{
  QString unreachable;
  if (isAbsent(path, &unreachable)) {
    if (required)
      layering.addProblem(
          QCoreApplication::translate("pb::config::ConfigLoader", "%1: config file not found").arg(path));
    return;
  }
  if (!unreachable.isEmpty()) {
    layering.addProblem(unreadableProblem(path, unreachable, false));
    return;
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    layering.addProblem(unreadableProblem(path, file.errorString(), false));
    return;
  }
  const auto entries = parseIni(QString::fromUtf8(file.readAll()), path);
  if (!entries) {
    layering.addProblem(entries.error().message);
    return;
  }
  const bool privateFile = isPrivateFile(path);
  for (const IniEntry &entry : *entries)
    layering.apply(entry.key, entry.value, source, QStringLiteral("%1:%2").arg(path).arg(entry.line), privateFile);
}

// Each key's variable names, worked out once rather than on every load.
struct EnvironmentNames {
  const KeyDef *key;
  QString value; // PACKBENCH_DATABASE_HOST
  QString file;  // PACKBENCH_DATABASE_PASSWORD_FILE
};

const std::vector<EnvironmentNames> &environmentNames()
{
  static const std::vector<EnvironmentNames> names = [] {
    std::vector<EnvironmentNames> all;
    for (const KeyDef *key : allKeys()) {
      const QString name = environmentName(*key);
      all.push_back({key, name, name + QStringLiteral("_FILE")});
    }
    return all;
  }();
  return names;
}

const QSet<QString> &knownEnvironmentNames()
{
  static const QSet<QString> known = [] {
    QSet<QString> all;
    for (const EnvironmentNames &names : environmentNames())
      all << names.value << names.file;
    return all;
  }();
  return known;
}

void applyEnvironment(Layering &layering, const QProcessEnvironment &env)
{
  for (const EnvironmentNames &names : environmentNames()) {
    const KeyDef *key = names.key;
    if (env.contains(names.value))
      layering.apply(toQString(key->name), env.value(names.value), Source::Environment, names.value, true);
    if (key->secret && env.contains(names.file))
      layering.apply(toQString(key->name) + kSecretFileSuffix, env.value(names.file), Source::Environment, names.file,
                     true);
  }
  const QSet<QString> &known = knownEnvironmentNames();
  // A typo in a variable name would otherwise be silently ignored.
  for (const QString &name : env.keys()) {
    if (name.startsWith(u"PACKBENCH_") && !name.startsWith(u"PACKBENCH_TEST_") && !known.contains(name))
      layering.addProblem(QStringLiteral("environment: unknown variable '%1'").arg(name));
  }
}

} // namespace

Result<Config> loadConfig(const LoadOptions &options)
{
  Layering layering(options.program);
  if (!options.systemFile.isEmpty())
    applyFile(layering, options.systemFile, Source::SystemFile, false);
  if (!options.programFile.isEmpty())
    applyFile(layering, options.programFile, Source::SystemFile, false);
  if (!options.userFile.isEmpty())
    applyFile(layering, options.userFile, Source::UserFile, false);
  if (!options.explicitFile.isEmpty())
    applyFile(layering, options.explicitFile, Source::ConfigFile, true);
  applyEnvironment(layering, options.environment);
  for (const QString &override : options.overrides) {
    const qsizetype eq = override.indexOf(QLatin1Char('='));
    if (eq <= 0) {
      layering.addProblem(QStringLiteral("--set '%1': expected key=value").arg(override));
      continue;
    }
    layering.apply(override.left(eq).trimmed(), override.mid(eq + 1).trimmed(), Source::CommandLine,
                   QStringLiteral("--set"), false); // argv is visible in ps
  }
  return layering.finish();
}

QString defaultSystemFile()
{
  return QStringLiteral("/etc/packbench/packbench.conf");
}

QString defaultProgramFile(Scope program)
{
  switch (program) {
  case Scope::Station: return QStringLiteral("/etc/packbench/station.conf");
  case Scope::Hub: return QStringLiteral("/etc/packbench/hub.conf");
  case Scope::Both: break;
  }
  return {};
}

QString defaultUserFile()
{
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
  return QDir(dir).filePath(QStringLiteral("packbench/packbench.conf"));
}

} // namespace pb::config
