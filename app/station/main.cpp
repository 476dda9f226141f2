// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench: the pack-station GUI. With no database configured it runs on an embedded demo SQLite.
#include "app/common/startup.h"
#include "core/base/version.h"
#include "ui/stationwindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSysInfo>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <string_view>

namespace {

void installTranslations(QApplication &app)
{
  auto *qtTranslator = new QTranslator(&app);
  if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(qtTranslator);
  auto *ourTranslator = new QTranslator(&app);
  // English carries the plural forms, so it is the fallback for locales we have not translated.
  if (ourTranslator->load(QLocale(), QStringLiteral("packbench"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
      ourTranslator->load(QStringLiteral(":/i18n/packbench_en")))
    QApplication::installTranslator(ourTranslator);
}

// Saves the window to a PNG once it has been laid out, then quits (for headless demos and docs).
void scheduleScreenshot(QWidget &window, const QString &path)
{
  QTimer::singleShot(300, &window, [&window, path]() {
    const bool saved = window.grab().save(path);
    QTextStream(stdout) << (saved ? "screenshot saved to " : "could not save screenshot to ") << path << Qt::endl;
    QCoreApplication::exit(saved ? 0 : 1);
  });
}

bool hasDisplay()
{
  return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
         qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

// Options that need no screen: answer them offscreen rather than abort for want of a display.
bool needsNoScreen(int argc, char *argv[])
{
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--help" || arg == "-h" || arg == "--version" || arg == "-v" || arg == "--print-config" ||
        arg == "--screenshot" || arg.starts_with("--screenshot="))
      return true;
  }
  return false;
}

} // namespace

int main(int argc, char *argv[])
{
  if (!hasDisplay()) {
    if (!needsNoScreen(argc, argv)) {
      std::fputs("packbench: no display (DISPLAY is not set). Run it on a desktop, use --screenshot FILE, "
                 "or scripts/run-station, which falls back to a virtual display.\n",
                 stderr);
      return pb::app::ExitFailure;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
  }
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("packbench"));
  QApplication::setOrganizationName(QStringLiteral("Packbench"));
  QApplication::setApplicationDisplayName(QStringLiteral("Packbench"));
  QApplication::setApplicationVersion(pb::versionString());
  installTranslations(app);

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QApplication::translate("main", "Packbench pack station: scan, verify, print, ship."));
  parser.addHelpOption();
  parser.addVersionOption();
  const pb::config::CommonOptions common;
  common.addTo(parser);
  const QCommandLineOption screenshot(
      QStringList{QStringLiteral("screenshot")},
      QApplication::translate("main", "Save a screenshot of the station window to <png> and exit."),
      QStringLiteral("png"));
  parser.addOption(screenshot);

  pb::config::Config config;
  if (auto exitCode = pb::app::loadConfiguration(parser, common, pb::config::Scope::Station, &config))
    return *exitCode;

  const pb::SystemClock clock;
  auto db = pb::app::openConfiguredDatabase(config, clock, QStringLiteral("station-main"));
  if (!db) {
    QTextStream(stderr) << "packbench: " << db.error().message << Qt::endl;
    if (!parser.isSet(screenshot))
      QMessageBox::critical(nullptr, QApplication::translate("main", "Packbench cannot start"), db.error().message);
    return pb::app::ExitDatabase;
  }

  using namespace pb::config::keys;
  const bool embedded = config.get(DatabaseDriver) == u"sqlite";
  pb::ui::StationIdentity identity;
  identity.stationName = config.get(StationId).isEmpty() ? QSysInfo::machineHostName() : config.get(StationId);
  identity.locationCode = config.get(StationLocation);
  identity.databaseLabel = embedded ? QApplication::translate("main", "Embedded demo database (SQLite): %1")
                                          .arg(pb::db::ConnectionSettings::fromConfig(config).sqlitePath)
                                    : QApplication::translate("main", "Central database (PostgreSQL)");

  pb::ui::StationWindow window(*db, clock, identity);
  window.show();
  if (parser.isSet(screenshot))
    scheduleScreenshot(window, parser.value(screenshot));
  return QApplication::exec();
}
