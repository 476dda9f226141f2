// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/common/startup.h"

#include "core/config/configloader.h"
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/logging/logging.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

namespace pb::app {

namespace {
Q_LOGGING_CATEGORY(lcStartup, "packbench.app.startup")
}

std::optional<int> loadConfiguration(QCommandLineParser &parser, const config::CommonOptions &common,
                                     config::Scope program, config::Config *config,
                                     const std::function<void(const QString &)> &showError)
{
  parser.process(*QCoreApplication::instance()); // handles --help and --version itself
  QTextStream err(stderr);
  auto loaded = config::loadConfig(common.loadOptions(parser, program));
  if (!loaded) {
    err << QCoreApplication::applicationName() << ": " << loaded.error().message << Qt::endl;
    if (showError)
      showError(loaded.error().message);
    return ExitBadConfig;
  }
  if (common.printConfig(parser)) {
    QTextStream(stdout) << loaded->describe(program);
    return ExitOk;
  }
  *config = *loaded;
  const Status logging = logging::setup(logging::optionsFromConfig(*config, QCoreApplication::applicationName()));
  if (!logging) {
    err << QCoreApplication::applicationName() << ": " << logging.error().message << Qt::endl;
    return ExitBadConfig;
  }
  qCInfo(lcStartup).noquote() << QCoreApplication::applicationName() << QCoreApplication::applicationVersion()
                              << "starting, environment" << config->get(config::keys::Environment);
  return std::nullopt;
}

Result<QSqlDatabase> openConfiguredDatabase(const config::Config &config, const Clock &clock,
                                            const QString &connectionName)
{
  const db::ConnectionSettings settings = db::ConnectionSettings::fromConfig(config);
  QSqlDatabase db;
  {
    auto opened = db::openDatabase(settings, connectionName);
    if (!opened)
      return opened.error();
    db = *opened;
  }
  const db::MigrationRunner migrations(db::MigrationRunner::defaultDirectory(db));
  if (settings.driver == db::Driver::Sqlite) {
    auto migrated = migrations.migrate(db);
    if (!migrated)
      return migrated.error();
    auto seeded = db::seedDemoData(db, clock);
    if (!seeded)
      return seeded.error();
    return db;
  }
  if (Status verified = migrations.verify(db); !verified) {
    db.close(); // the caller may try again under the same name (a station waiting for the upgrade's migrate)
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connectionName);
    return verified.error();
  }
  return db;
}

int finishRun(int code)
{
  qCInfo(lcStartup).noquote() << QCoreApplication::applicationName() << "stopped, exit code" << code;
  logging::shutdown();
  return code;
}

} // namespace pb::app
