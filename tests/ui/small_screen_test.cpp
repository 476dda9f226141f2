// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Benches often have a 1024×768 screen: every screen and panel of the station fits one, in English and in German,
// with an item whose title is long, and the manual quantity box shows a three-digit count.
#include "core/db/sql.h"
#include "tests/support/screenshot.h"
#include "tests/support/stationbench.h"
#include "tests/support/verify.h"
#include "ui/leadapprovalpanel.h"
#include "ui/packview.h"
#include "ui/printing/journaledprinter.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTranslator>

#include <memory>

using namespace pb;
using test::press;

namespace {
constexpr QSize kBenchScreen(1024, 768);
const QString kLongTitle = QStringLiteral("Trailhead 28L Daypack with rain cover, laptop sleeve and hip belt, "
                                          "limited edition in recycled ripstop");
} // namespace

class SmallScreenTest final : public QObject, private test::DemoStationBench {
  Q_OBJECT

private:
  // Empty when the window fits the bench screen (what it shows there is saved to look at), else how much it needs.
  static QString overTheBenchScreen(ui::StationWindow &window, const QString &language, const QString &what)
  {
    QApplication::processEvents();
    const QSize least = window.minimumSizeHint();
    if (least.width() > kBenchScreen.width() || least.height() > kBenchScreen.height())
      return QStringLiteral("%1 needs at least %2×%3").arg(what).arg(least.width()).arg(least.height());
    window.resize(kBenchScreen);
    QApplication::processEvents();
    if (!test::saveScreenshot(window, QStringLiteral("small-screen-%1-%2.png").arg(language, what)))
      return QStringLiteral("no screenshot of ") + what;
    return {};
  }

  // A queued order of twelve daypacks whose title is long, taken and open on the window as F8 would.
  qint64 openLongTitledOrder(ui::StationWindow &window, const QString &name)
  {
    auto fo = test::createClaimedOrder(m_db, name, {{QStringLiteral("NW-T2D-002"), 12}});
    if (!fo ||
        !db::exec(m_db, QStringLiteral("UPDATE fulfillment_order_lines SET title = ? WHERE fulfillment_order_id = ?"),
                  {kLongTitle, *fo}) ||
        !db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued' WHERE id = ?"), {*fo}))
      return 0;
    auto taken = m_workflow->take(*fo, *window.packer());
    return taken && window.openOrder(*taken) ? *fo : 0;
  }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openBench(QStringLiteral("smallscreen"), QStringLiteral("bench-1024"))); }

  void everyScreen_fitsA1024x768Bench_data()
  {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("de") << QStringLiteral("de");
  }

  void everyScreen_fitsA1024x768Bench()
  {
    QFETCH(QString, language);
    QTranslator catalogue; // built after it is installed, the widgets take their German text from it
    QVERIFY(catalogue.load(QStringLiteral(":/i18n/packbench_") + language));
    QVERIFY(QCoreApplication::installTranslator(&catalogue));
    // A label printer that is off: the print jobs list has a failed job with the printer's reason in it.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString deadPrinter = QStringLiteral("tcp://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();
    printing::JournaledPrinter printer(m_db, {1, 0, {}});
    QSignalSpy failed(&printer, &printing::JournaledPrinter::jobFailed);
    QVERIFY(printer.printHouseLabel(1, deadPrinter, 1, 1).ok());
    QVERIFY(failed.wait());
    ui::StationOptions options;
    options.printer = &printer;
    auto shown = showWindow(options);
    ui::StationWindow &window = *shown;
    const auto signOut = qScopeGuard([&]() {
      window.signOut(); // hands the order back: the next language's run starts from the same queue
      QCoreApplication::removeTranslator(&catalogue);
    });
    QVERIFY(window.isActiveWindow());
    // What app/station says at the start when the print service is down and the offline journal cannot open.
    window.showSetupWarning(QCoreApplication::translate(
        "main", "The print service (CUPS) does not answer: nothing prints until it does; what fails waits in the "
                "print jobs list (F4)"));
    window.showSetupWarning(QCoreApplication::translate("main", "Offline packing is off at this bench: its journal %1")
                                .arg(QStringLiteral("/var/lib/packbench/offline-journal.sqlite cannot be opened")));
    auto *warnings = window.findChild<QLabel *>(QStringLiteral("setupWarnings"));
    QVERIFY(warnings && warnings->isVisible());
    QCOMPARE(warnings->text().count(QLatin1Char('\n')), 1); // one line each
    QCOMPARE(overTheBenchScreen(window, language, QStringLiteral("sign-in")), QString());
    QVERIFY(signIn(window));
    QCOMPARE(overTheBenchScreen(window, language, QStringLiteral("queue")), QString());
    press(Qt::Key_F4);
    QVERIFY(window.isShowingPrintJobs());
    QVERIFY(window.findChild<QTableView *>(QStringLiteral("printJobsTable"))->model()->rowCount() > 0);
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("queueKeysLabel"))->isVisible()); // the list's own keys only
    // The printer's reason is in the bench's language too.
    const QString problem = window.findChild<QLabel *>(QStringLiteral("printJobProblem"))->text();
    QVERIFY2(problem.contains(language == u"de" ? QStringLiteral("nimmt keine Verbindung an")
                                                : QStringLiteral("did not accept the connection")),
             qPrintable(problem));
    QCOMPARE(overTheBenchScreen(window, language, QStringLiteral("print-jobs")), QString());
    press(Qt::Key_F4);
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("queueKeysLabel"))->isVisible());
    // A lead's approval on the queue page, with the longest question it asks.
    auto *lead = window.findChild<ui::LeadApprovalPanel *>();
    QVERIFY(lead);
    lead->ask(QCoreApplication::translate("pb::station::StationController",
                                          "Take order %1 over from the other station? Packing starts again from the "
                                          "first item here.")
                  .arg(QStringLiteral("#1035-WEB-EXPRESS")));
    QCOMPARE(overTheBenchScreen(window, language, QStringLiteral("lead-approval")), QString());
    lead->hide();

    QVERIFY(openLongTitledOrder(window, QStringLiteral("#SMALL-") + language) > 0);
    QCOMPARE(overTheBenchScreen(window, language, QStringLiteral("pack")), QString());
    press(Qt::Key_F2);
    auto *quantity = window.packView()->findChild<QSpinBox *>(QStringLiteral("manualQuantity"));
    QVERIFY(quantity && quantity->isVisible());
    QCOMPARE(overTheBenchScreen(window, language, QStringLiteral("manual-quantity")), QString());
    // The headline names the long title: set smaller, its hint still shows under it (the banner's height is fixed).
    ui::StatusBanner *banner = window.packView()->banner();
    QVERIFY(banner->headline().contains(kLongTitle));
    QVERIFY2(banner->heightForWidth(banner->width()) <= banner->height(),
             qPrintable(QStringLiteral("the banner needs %1 px of its %2")
                            .arg(banner->heightForWidth(banner->width()))
                            .arg(banner->height())));
    auto *digits = quantity->findChild<QLineEdit *>();
    QVERIFY(digits);
    QVERIFY2(digits->width() >= digits->fontMetrics().horizontalAdvance(QStringLiteral("999")),
             qPrintable(QStringLiteral("the quantity box is %1 px wide").arg(digits->width())));
    press(Qt::Key_Escape);
    press(Qt::Key_F4);
    QCOMPARE(overTheBenchScreen(window, language, QStringLiteral("hold")), QString());
    press(Qt::Key_Escape);
    press(Qt::Key_F10);
    QCOMPARE(overTheBenchScreen(window, language, QStringLiteral("ship-partial")), QString());
    press(Qt::Key_Escape);
    Q_EMIT window.controller()->weightRequested(1); // a carrier label needs the box's weight
    QCOMPARE(overTheBenchScreen(window, language, QStringLiteral("box-weight")), QString());
  }
};

QTEST_MAIN(SmallScreenTest)
#include "small_screen_test.moc"
