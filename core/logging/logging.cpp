// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/logging/logging.h"

#include "core/logging/jsonlineformatter.h"
#include "core/logging/redaction.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <unordered_map>

namespace pb::logging {

namespace {

constexpr auto kTextPattern = "%Y-%m-%dT%H:%M:%S.%e%z %^%-5l%$ [%n] %v";

// One spdlog logger per Qt logging category, all writing to the same sinks.
struct LogState {
  std::mutex mutex;
  std::vector<spdlog::sink_ptr> sinks;
  std::unordered_map<std::string, std::shared_ptr<spdlog::logger>> loggers;
  spdlog::level::level_enum level = spdlog::level::info;
};

LogState &state()
{
  static LogState s;
  return s;
}

spdlog::level::level_enum levelFromName(const QString &name)
{
  if (name == u"trace")
    return spdlog::level::trace;
  if (name == u"debug")
    return spdlog::level::debug;
  if (name == u"warn")
    return spdlog::level::warn;
  if (name == u"error")
    return spdlog::level::err;
  return spdlog::level::info;
}

spdlog::level::level_enum levelFromQt(QtMsgType type)
{
  switch (type) {
  case QtDebugMsg: return spdlog::level::debug;
  case QtInfoMsg: return spdlog::level::info;
  case QtWarningMsg: return spdlog::level::warn;
  case QtCriticalMsg: return spdlog::level::err;
  case QtFatalMsg: return spdlog::level::critical;
  }
  return spdlog::level::info;
}

std::shared_ptr<spdlog::logger> loggerFor(const char *category)
{
  LogState &s = state();
  const std::lock_guard lock(s.mutex);
  const std::string name = category ? category : "default";
  auto it = s.loggers.find(name);
  if (it != s.loggers.end())
    return it->second;
  auto logger = std::make_shared<spdlog::logger>(name, s.sinks.begin(), s.sinks.end());
  logger->set_level(s.level);
  logger->flush_on(spdlog::level::info); // a kill -9 or power cut must not take the last minutes of the log with it
  s.loggers.emplace(name, logger);
  return logger;
}

void routeQtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
  const auto logger = loggerFor(context.category);
  const QByteArray text = redact(message).toUtf8();
  logger->log(levelFromQt(type), std::string_view(text.constData(), static_cast<size_t>(text.size())));
  if (type == QtFatalMsg) {
    logger->flush();
    std::abort();
  }
}

} // namespace

LogOptions optionsFromConfig(const config::Config &config, const QString &programName)
{
  LogOptions options;
  options.level = config.get(config::keys::LogLevel);
  options.json = config.get(config::keys::LogFormat) == u"json";
  options.maxSizeMb = config.get(config::keys::LogMaxSizeMb);
  options.maxFiles = config.get(config::keys::LogMaxFiles);
  const QString file = config.get(config::keys::LogFile);
  if (file == u"-")
    options.filePath.clear();
  else if (file.isEmpty())
    options.filePath = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                           .filePath(QStringLiteral("logs/%1.log").arg(programName));
  else
    options.filePath = file;
  return options;
}

Status setup(const LogOptions &options)
{
  std::vector<spdlog::sink_ptr> sinks;
  try {
    if (options.console)
      sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    if (!options.filePath.isEmpty()) {
      if (!QDir().mkpath(QFileInfo(options.filePath).absolutePath()))
        return makeError(ErrorKind::Unavailable,
                         QStringLiteral("cannot create log directory for %1").arg(options.filePath));
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          options.filePath.toStdString(), static_cast<size_t>(options.maxSizeMb) * 1024 * 1024,
          static_cast<size_t>(options.maxFiles)));
    }
  } catch (const spdlog::spdlog_ex &e) {
    return makeError(ErrorKind::Unavailable,
                     QStringLiteral("cannot open log file %1: %2").arg(options.filePath, QString::fromUtf8(e.what())));
  }
  for (auto &sink : sinks) {
    if (options.json)
      sink->set_formatter(std::make_unique<JsonLineFormatter>());
    else
      sink->set_pattern(kTextPattern);
  }
  {
    LogState &s = state();
    const std::lock_guard lock(s.mutex);
    s.sinks = std::move(sinks);
    s.level = levelFromName(options.level);
    s.loggers.clear();
  }
  // Debug output of our own categories is costly to format; switch it off below the chosen level.
  const bool debugOn = options.level == u"debug" || options.level == u"trace";
  QLoggingCategory::setFilterRules(debugOn ? QStringLiteral("packbench.*.debug=true")
                                           : QStringLiteral("packbench.*.debug=false"));
  qInstallMessageHandler(routeQtMessage);
  return {};
}

void shutdown()
{
  qInstallMessageHandler(nullptr);
  LogState &s = state();
  const std::lock_guard lock(s.mutex);
  for (auto &[name, logger] : s.loggers)
    logger->flush();
  s.loggers.clear();
  s.sinks.clear();
}

} // namespace pb::logging
