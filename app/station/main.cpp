// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench: the pack-station GUI. With no database configured it runs on an embedded demo SQLite.
#include "app/common/startup.h"
#include "app/common/stopsignals.h"
#include "app/station/benchlock.h"
#include "app/station/printersetup.h"
#include "app/station/selftest.h"
#include "core/base/version.h"
#include "core/db/connectionsupervisor.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/documents/printjournal.h"
#include "core/documents/sliptemplate.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "core/queue/queuenotifier.h"
#include "core/queue/stationregistration.h"
#include "core/queue/stationsite.h"
#include "core/station/offlinejournal.h"
#include "ui/benchscreen.h"
#include "ui/commandsheet.h"
#include "ui/databasewaitwindow.h"
#include "ui/printing/journaledprinter.h"
#include "ui/serialscannersource.h"
#include "ui/slippreviewdialog.h"
#include "ui/stationwindow.h"

#include <QApplication>
#include <QDir>
#include <QFutureWatcher>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTimer>
#include <QTranslator>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdio>
#include <string_view>

namespace {

Q_LOGGING_CATEGORY(lcStation, "packbench.app.station")

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
  return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
         !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// Options that need no screen: answer them offscreen rather than abort for want of a display.
bool needsNoScreen(int argc, char *argv[])
{
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--help" || arg == "-h" || arg == "--version" || arg == "-v" || arg == "--print-config" ||
        arg == "--screenshot" || arg.starts_with("--screenshot=") || arg == "--self-test" || arg == "--command-sheet" ||
        arg.starts_with("--command-sheet="))
      return true;
  }
  return false;
}

// The journal of offline packing in this user's data folder. When it cannot be opened the station still works (an
// outage then pauses the bench as before), and says so on its screen and in --self-test.
pb::Result<std::unique_ptr<pb::station::OfflineJournal>> openOfflineJournal()
{
  const QString path = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                           .filePath(QStringLiteral("offline-journal.sqlite"));
  auto opened = pb::station::OfflineJournal::open(path);
  if (!opened) {
    qCWarning(lcStation).noquote() << "offline packing off: journal" << path << "not opened:" << opened.error().message;
    return pb::makeError(opened.error().kind, QStringLiteral("%1: %2").arg(path, opened.error().message));
  }
  return opened;
}

// What the waiting screen says of the bench: the order it held when it stopped, and what was done to it offline.
pb::ui::WaitingBench waitingBench(const QString &stationName, const pb::station::OfflineJournal *journal)
{
  pb::ui::WaitingBench bench{stationName, {}, 0};
  if (!journal)
    return bench;
  if (auto held = journal->heldOrder(); held && held->has_value())
    bench.heldOrderName = (*held)->order.header.orderName;
  if (auto kept = journal->pendingCount(); kept)
    bench.eventsKept = *kept;
  return bench;
}

int refuseToStart(const QString &message, bool quiet)
{
  QTextStream(stderr) << "packbench: " << message << Qt::endl;
  if (!quiet)
    QMessageBox::critical(nullptr, QApplication::translate("main", "Packbench cannot start"), message);
  return pb::app::ExitDatabase;
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
  const QCommandLineOption commandSheet(
      QStringList{QStringLiteral("command-sheet")},
      QApplication::translate("main", "Write a printable PDF of the command barcodes to <pdf> and exit."),
      QStringLiteral("pdf"));
  parser.addOption(commandSheet);
  const QCommandLineOption selfTest(
      QStringList{QStringLiteral("self-test")},
      QApplication::translate("main", "Start as for a packer, check the database, the shop scope, the queue and its "
                                      "notifications, print the results and exit (0 = all passed)."));
  parser.addOption(selfTest);
  const QCommandLineOption slipPreview(
      QStringList{QStringLiteral("slip-preview")},
      QApplication::translate("main",
                              "Show the packing slip (printing.slip_template, printing.slip_paper) on a sample "
                              "order, to print on printing.slip_printer; with --screenshot, save it and exit."));
  parser.addOption(slipPreview);

  pb::config::Config config;
  // Started from the desktop menu, stderr goes nowhere: a configuration that stops the station says so on screen.
  const auto showConfigError = [&](const QString &message) {
    if (!parser.isSet(screenshot) && !parser.isSet(selfTest) && !common.printConfig(parser) &&
        QGuiApplication::platformName() != u"offscreen")
      QMessageBox::critical(nullptr, QApplication::translate("main", "Packbench cannot start"), message);
  };
  if (auto exitCode = pb::app::loadConfiguration(parser, common, pb::config::Scope::Station, &config, showConfigError))
    return *exitCode;

  // printing.slip_template names the merchant's slip; one that cannot be read or does not parse is found here, before
  // the shift, not as the built-in slip printed in its place all day.
  pb::documents::CustomSlipTemplate slipTemplate;
  QString problem = pb::app::printingConfigProblem(config);
  if (const QString path = config.get(pb::config::keys::PrintSlipTemplate); problem.isEmpty() && !path.isEmpty()) {
    if (auto loaded = pb::documents::loadSlipTemplate(path))
      slipTemplate = *std::move(loaded);
    else
      problem = QStringLiteral("printing.slip_template: ") + loaded.error().message;
  }
  if (!problem.isEmpty()) {
    QTextStream(stderr) << "packbench: " << problem << Qt::endl;
    showConfigError(problem);
    return pb::app::ExitBadConfig;
  }

  const pb::printing::SlipPaper slipPaper = // the config has checked it is one of the three
      pb::printing::slipPaperNamed(config.get(pb::config::keys::PrintSlipPaper))
          .value_or(pb::printing::SlipPaper::Letter);
  // The merchant's slip checked on a sample order before a shift prints it: no database, nothing journaled.
  if (parser.isSet(slipPreview)) {
    pb::ui::SlipPreviewDialog preview(pb::documents::sampleSlip(), slipPaper, slipTemplate.source, slipTemplate.folder);
    preview.setPrinter(config.get(pb::config::keys::PrintSlipPrinter));
    if (!parser.isSet(screenshot)) {
      preview.exec();
      return pb::app::ExitOk;
    }
    preview.show();
    scheduleScreenshot(preview, parser.value(screenshot));
    return QApplication::exec();
  }

  if (parser.isSet(commandSheet)) {
    const bool written = pb::ui::writeCommandSheet(parser.value(commandSheet));
    QTextStream(written ? stdout : stderr)
        << (written ? "command sheet written to " : "could not write ") << parser.value(commandSheet) << Qt::endl;
    return written ? pb::app::ExitOk : pb::app::ExitFailure;
  }

  // No dialog when nobody is there to close it.
  const bool quiet = parser.isSet(screenshot) || parser.isSet(selfTest);
  // A packer's run holds the bench; the checks (--self-test, --screenshot) may run beside it.
  std::unique_ptr<QLockFile> benchLock;
  if (!quiet) {
    auto locked = pb::app::lockTheBench(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation));
    if (!locked) {
      QTextStream(stderr) << "packbench: " << locked.error().message << Qt::endl;
      if (QGuiApplication::platformName() != u"offscreen")
        QMessageBox::information(nullptr, QApplication::translate("main", "Packbench is already running"),
                                 locked.error().message);
      return pb::app::finishRun(pb::app::ExitFailure);
    }
    benchLock = std::move(locked).value();
  }
  const pb::SystemClock clock;
  using namespace pb::config::keys;
  const auto settings = pb::db::ConnectionSettings::fromConfig(config);
  const bool embedded = settings.driver == pb::db::Driver::Sqlite;
  const QString stationName = config.get(StationId).isEmpty() ? QSysInfo::machineHostName() : config.get(StationId);
  // Offline packing: the held order and what is done to it while the central database is away (issue #15).
  std::unique_ptr<pb::station::OfflineJournal> offlineJournal;
  QString offlineJournalProblem; // configured, but its journal did not open
  if (!embedded && config.get(StationOfflinePacking)) {
    if (auto opened = openOfflineJournal(); opened)
      offlineJournal = std::move(opened).value();
    else
      offlineJournalProblem = opened.error().message;
  }
  auto db = pb::app::openConfiguredDatabase(config, clock, QStringLiteral("station-main"));
  // Switched on before the central database answers (a morning start, a restart during an outage), or upgraded before
  // the database's migrate ran: wait for it on a screen that says so, rather than stop. A database newer than this
  // program, edited migrations or a site that does not fit still stop below.
  while (!db && (db.error().kind == pb::ErrorKind::Unavailable || pb::db::isSchemaBehind(db.error())) && !embedded &&
         !quiet) {
    qCWarning(lcStation).noquote() << "waiting for the central database:" << db.error().message;
    if (!pb::ui::waitForCentralDatabase(settings, waitingBench(stationName, offlineJournal.get()), db.error()))
      return pb::app::finishRun(pb::app::ExitDatabase);
    db = pb::app::openConfiguredDatabase(config, clock, QStringLiteral("station-main"));
  }
  if (!db) {
    QTextStream(stderr) << "packbench: " << db.error().message << Qt::endl;
    if (!quiet)
      QMessageBox::critical(nullptr, QApplication::translate("main", "Packbench cannot start"), db.error().message);
    return pb::app::ExitDatabase;
  }

  pb::ui::StationIdentity identity;
  identity.stationName = stationName;
  identity.locationCode = config.get(StationLocation);
  identity.databaseLabel =
      embedded ? QApplication::translate("main", "Embedded demo database (SQLite): %1").arg(settings.sqlitePath)
               : QApplication::translate("main", "Central database (PostgreSQL)");

  pb::ui::StationOptions options;
  options.decoder.prefix = config.get(ScanningPrefix);
  options.decoder.suffix = config.get(ScanningSuffix);
  options.decoder.badgePrefix = config.get(ScanningBadgePrefix);
  options.wedge.maxGapMs = config.get(ScanningMaxGapMs);
  options.wedge.minLength = config.get(ScanningMinLength);
  options.wedge.suffix = config.get(ScanningSuffix);
  options.wedge.undoCapsLock = config.get(ScanningUndoCapsLock);
  options.wedge.layout = pb::scanning::scannerLayoutNamed(config.get(ScanningScannerLayout))
                             .value_or(pb::scanning::ScannerLayout::Desktop);
  options.pack.autoComplete = config.get(PackingAutoComplete);
  options.pack.manualNeedsLead = config.get(PackingManualNeedsLead);
  options.sounds = config.get(StationSounds);
  options.idleLockMinutes = config.get(StationIdleLockMinutes);
  options.idleRelease = std::chrono::minutes(config.get(StationIdleReleaseMinutes));
  // Both drivers claim through the leased queue; on PostgreSQL row-level security scopes it to one shop.
  // The supervisor notices when the central database goes away and restores each session when it is back.
  pb::db::ConnectionSupervisor::Options supervision;
  supervision.checkReachOffThread = true; // reconnect attempts must not freeze the window while packing offline
  pb::db::ConnectionSupervisor supervisor(clock, supervision);
  auto site = pb::queue::resolveStationSite(*db, config.get(StationShop), identity.locationCode);
  if (!site)
    return refuseToStart(site.error().message, quiet);
  identity.shopId = site->shopId;
  identity.locationId = site->locationId;
  std::optional<qint64> shopId;
  if (!embedded) {
    if (pb::Status scoped = pb::queue::setSessionShop(*db, site->shopId); !scoped)
      return refuseToStart(scoped.error().message, quiet);
    shopId = site->shopId;
    supervisor.watch(db->connectionName(), [shop = site->shopId](const QSqlDatabase &reopened) {
      return pb::queue::setSessionShop(reopened, shop);
    });
    options.supervisor = &supervisor;
  }
  if (offlineJournal) {
    options.offlineJournal = offlineJournal.get();
    options.prefetch = config.get(StationPrefetch) > 0;
  }
  const std::optional<qint64> locationId = site->locationId;
  // The station is this installation (a UUID in its data directory); the host name is only what leads read.
  auto installation =
      pb::queue::stationInstallationId(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation));
  if (!installation)
    return refuseToStart(installation.error().message, quiet);
  auto stationId = pb::queue::registerStation(*db, *installation, identity.stationName, locationId);
  if (!stationId)
    return refuseToStart(stationId.error().message, quiet);
  options.stationId = *stationId;
  pb::queue::OrderQueue queue(*db, clock);
  pb::packing::LeasedQueueWorkflow workflow(*db, queue, *stationId);
  options.workflow = &workflow;
  options.keepAliveInterval = std::chrono::duration_cast<std::chrono::milliseconds>(queue.lease()) / 3;
  // Every slip and label goes through the journaled printer: journaled first, sent without blocking the window,
  // retried, and reprinted or moved from the lead's print-jobs list (a reprint sends the journaled bytes again:
  // it never buys a second carrier label).
  pb::printing::JournaledPrinter printer(*db, {});
  printer.setSlipLayout(slipPaper, slipTemplate.source, slipTemplate.folder);
  if (!quiet) { // what the last run left in flight is never sent by itself: the lead sees it as failed, with why
    if (auto left = pb::documents::PrintJournal(*db).failLeftUnsent(); !left)
      qCWarning(lcStation).noquote() << "print jobs left unsent by the last run not marked:" << left.error().message;
    else if (*left > 0)
      qCInfo(lcStation) << *left << "print jobs left unsent by the last run are marked failed";
  }
  options.printer = &printer;
  options.autoPrint = config.get(PrintAutoPrint);
  options.slipPrinter = config.get(PrintSlipPrinter);
  // Carrier labels come from the hub, which holds the carrier key; only with the central database. Without them a
  // label printer gets the house label.
  const bool carrierLabels = config.get(PrintCarrierLabels) && !embedded;
  if (config.get(PrintCarrierLabels) && embedded)
    qCWarning(lcStation) << "printing.carrier_labels needs the central database (the hub buys labels): off";
  if (carrierLabels) {
    options.carrierLabelFormat = config.get(PrintCarrierLabelFormat);
    // PDF and PNG labels print through CUPS, on printing.label_pdf_printer or the system default.
    options.labelPdfPrinter = config.get(PrintLabelPdfPrinter); // empty: the default, found when a label is sent
  }
  options.labelPrinter = config.get(PrintLabelPrinter); // checked at the start (printingConfigProblem)

  pb::ui::StationWindow window(*db, clock, identity, options);
  if (parser.isSet(screenshot)) // a --screenshot keeps the window's own size
    window.show();
  else
    pb::ui::showOnWholeScreen(window);
  QFutureWatcher<QStringList> printerCheck;
  QObject::connect(&printerCheck, &QFutureWatcher<QStringList>::finished, &window, [&window, &printerCheck] {
    for (const QString &unreachable : printerCheck.result()) {
      qCWarning(lcStation).noquote() << unreachable;
      window.showSetupWarning(unreachable);
    }
  });
  printerCheck.setFuture(QtConcurrent::run(pb::app::missingPrinters, pb::app::configuredQueues(config)));
  if (!offlineJournalProblem.isEmpty()) // the lead learns it now, not in the middle of an outage
    window.showSetupWarning(QApplication::translate("main", "Offline packing is off at this bench: its journal %1")
                                .arg(offlineJournalProblem));
  if (!config.get(ScanningSerialPort).isEmpty()) {
    auto *serial =
        new pb::ui::SerialScannerSource(config.get(ScanningSerialPort), config.get(ScanningSerialBaud), &window);
    window.attachSerialScanner(serial);
    serial->start(); // retries by itself until the scanner is plugged in
  }
  // LISTEN/NOTIFY needs a connection of its own; without it the 30 s poll still finds the work.
  std::unique_ptr<pb::queue::QueueNotifier> notifier;
  if (!embedded) {
    if (auto listenDb = pb::app::openConfiguredDatabase(config, clock, QStringLiteral("station-notify")); listenDb) {
      notifier = std::make_unique<pb::queue::QueueNotifier>(*listenDb);
      QObject::connect(notifier.get(), &pb::queue::QueueNotifier::workAvailable, &window,
                       &pb::ui::StationWindow::refreshQueue);
      QObject::connect(notifier.get(), &pb::queue::QueueNotifier::orderChanged, &window,
                       &pb::ui::StationWindow::orderChanged);
      QObject::connect(notifier.get(), &pb::queue::QueueNotifier::labelChanged, &window,
                       &pb::ui::StationWindow::labelChanged);
      QObject::connect(notifier.get(), &pb::queue::QueueNotifier::manifestChanged, &window,
                       &pb::ui::StationWindow::manifestChanged);
      if (pb::Status listening = notifier->start(); !listening)
        QTextStream(stderr) << "packbench: not listening for queue changes: " << listening.error().message << Qt::endl;
      supervisor.watch(listenDb->connectionName(),
                       [listener = notifier.get()](const QSqlDatabase &) { return listener->start(); });
    } else {
      QTextStream(stderr) << "packbench: not listening for queue changes: " << listenDb.error().message << Qt::endl;
    }
  }
  if (!embedded)
    supervisor.start();
  // SIGTERM (logout, shutdown, systemd) and Ctrl+C: hand the open order back per its lease rules, then quit.
  pb::app::StopSignals stopSignals;
  QObject::connect(&stopSignals, &pb::app::StopSignals::stopRequested, &window, [&window]() {
    qCInfo(lcStation).noquote() << "stopping:" << window.stopForShutdown();
    QCoreApplication::quit();
  });
  if (parser.isSet(selfTest))
    pb::app::scheduleSelfTest({*db, settings.describe(), &window, notifier.get(), shopId, locationId,
                               identity.locationCode, offlineJournal ? offlineJournal->path() : QString(),
                               offlineJournalProblem, printerCheck.result()}); // a command-line check may wait
  else if (parser.isSet(screenshot)) {
    printerCheck.waitForFinished(); // the picture shows what the check said (it takes 3 s at the most)
    scheduleScreenshot(window, parser.value(screenshot));
  }
  qCInfo(lcStation).noquote() << "station" << identity.stationName << "ready at"
                              << (identity.locationCode.isEmpty() ? QStringLiteral("its first location")
                                                                  : identity.locationCode);
  return pb::app::finishRun(QApplication::exec());
}
