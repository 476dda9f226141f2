// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The lead's print-jobs list in the StationWindow, driven by keys only: F4 opens it, a failed label is sent to
// another printer (M, arrows, Enter, badge and PIN), a printed one is reprinted (R), Esc goes back. The label
// printers are local sockets; PACKBENCH_SCREENSHOT_DIR, when set, receives print-jobs.png.
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/screenshot.h"
#include "tests/support/stationbench.h"
#include "tests/support/verify.h"
#include "ui/leadapprovalpanel.h"
#include "ui/packview.h"
#include "ui/printing/journaledprinter.h"
#include "ui/printjobsmodel.h"
#include "ui/printjobsview.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using namespace std::chrono_literals;

class PrintJobsViewTest final : public QObject, private test::DemoStationBench {
  Q_OBJECT

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openBench(QStringLiteral("jobs"), QStringLiteral("bench-4"))); }

  void failedLabel_isMovedByALead_thenReprinted_byKeysAlone()
  {
    QTcpServer spare; // the printer the lead picks
    QVERIFY(spare.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    connect(&spare, &QTcpServer::newConnection, this, [&]() {
      while (QTcpSocket *socket = spare.nextPendingConnection())
        connect(socket, &QTcpSocket::readyRead, this, [&received, socket]() { received += socket->readAll(); });
    });
    QTcpServer probe; // the bench's label printer is off: nobody listens on its port
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString dead = QStringLiteral("tcp://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();
    const QString spareTarget = QStringLiteral("tcp://127.0.0.1:%1").arg(spare.serverPort());

    printing::JournaledPrinter printer(m_db, {1, 0, {}});
    ui::StationOptions options;
    options.printer = &printer;
    options.autoPrint = true;
    options.slipPrinter = QStringLiteral("no-such-printer");
    options.labelPrinter = dead;
    auto window = showWindow(options);
    window->resize(1180, 760);
    QVERIFY(window->isActiveWindow());
    QSignalSpy printed(&printer, &printing::JournaledPrinter::jobPrinted);
    QVERIFY(printer.printHouseLabel(1, spareTarget, 1, 1).ok()); // earlier, this bench printed on its spare printer
    QVERIFY(printed.wait());
    QTRY_VERIFY(received.count("^XA") == 1);
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QTRY_VERIFY(window->packer().has_value());
    press(Qt::Key_F4); // a packer's list too: every change in it needs a lead
    QVERIFY(window->isShowingPrintJobs());
    press(Qt::Key_Escape);
    QVERIFY(!window->isShowingPrintJobs());
    press(Qt::Key_F8);
    packing::PackSession *session = window->packView()->session();
    QVERIFY(session);
    const qint64 fo = session->header().fulfillmentOrderId;
    for (const packing::PackLine &line : session->lines())
      for (int i = line.verified; i < line.expected; ++i)
        scan(test::barcodeFor(m_db, line.sku));
    press(Qt::Key_F9);
    QTRY_VERIFY(
        window->packView()->banner()->headline().contains(QStringLiteral("the slip and the label did not print")));
    press(Qt::Key_F4); // not on the pack screen
    QVERIFY(!window->isShowingPrintJobs());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Q, Qt::ControlModifier,
                    60); // the packer leaves; the lead comes
    test::scanBadgeAndTypePin(QStringLiteral("PB-1002"), QStringLiteral("1002"));
    QTRY_VERIFY(window->packer().has_value());
    QTRY_VERIFY(!window->packView()->isVisible()); // the finished order stays behind: the queue shows

    press(Qt::Key_F4);
    QVERIFY(window->isShowingPrintJobs());
    ui::PrintJobsView *view = window->printJobsView();
    QTRY_VERIFY(view->model()->rowCount() >= 2);
    const documents::PrintJobSummary label = view->model()->jobs().at(0);
    QCOMPARE(label.kind, documents::PrintKind::Label);
    QCOMPARE(label.fulfillmentOrderId, fo);
    QCOMPARE(label.status, documents::PrintStatus::Failed);
    QCOMPARE(view->model()->data(view->model()->index(0, ui::PrintJobsModel::State), Qt::DisplayRole).toString(),
             QStringLiteral("FAILED"));
    QCOMPARE(view->model()->data(view->model()->index(0, ui::PrintJobsModel::Kind), Qt::DisplayRole).toString(),
             QStringLiteral("Label · box 1"));
    QCOMPARE(QApplication::focusWidget(), view->table());
    QCOMPARE(view->table()->currentIndex().row(), 0);

    press(Qt::Key_M); // which printer? the bench's own (dead) one is not offered
    QVERIFY(view->printerList()->isVisible());
    QVERIFY(view->printerList()->findItems(dead, Qt::MatchExactly).isEmpty());
    QCOMPARE(view->printerList()->currentItem()->text(), spareTarget); // the other label printer it used
    // The CUPS queues are listed off the window's thread: they join the open chooser when they come, and the lead's
    // place in it stays.
    QTRY_VERIFY(!view->printerList()->findItems(QStringLiteral("packbench-pdf"), Qt::MatchExactly).isEmpty());
    QCOMPARE(view->printerList()->currentItem()->text(), spareTarget);
    QCOMPARE(QApplication::focusWidget(), view->printerList());
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("print-jobs-choose-printer.png")));
    press(Qt::Key_Return);
    ui::LeadApprovalPanel *panel = window->leadPanel();
    QTRY_VERIFY(panel->isVisible());
    QVERIFY2(panel->question().contains(spareTarget), qPrintable(panel->question()));
    QCOMPARE(received.count("^XA"), 1); // nothing moves before a lead approves
    scan(QStringLiteral("PB-9001"));    // the lead's badge, then the PIN by hand
    test::typeSlowly(QStringLiteral("9001"), 60);
    press(Qt::Key_Return);
    QTRY_VERIFY(received.count("^XA") == 2);
    QTRY_VERIFY(!panel->isVisible());
    QCOMPARE(test::text(m_db, QStringLiteral("SELECT status FROM print_jobs WHERE id = ?"), {label.id}),
             QStringLiteral("moved"));
    QTRY_COMPARE(view->model()->jobs().at(0).status, documents::PrintStatus::Done);
    QCOMPARE(view->model()->jobs().at(0).printer, spareTarget);
    QCOMPARE(QApplication::focusWidget(), view->table());

    view->table()->selectRow(0);
    press(Qt::Key_R); // the moved copy printed: R prints it once more, after a lead's badge and PIN
    QTRY_VERIFY(panel->isVisible());
    scan(QStringLiteral("PB-9001"));
    test::typeSlowly(QStringLiteral("9001"), 60);
    press(Qt::Key_Return);
    QTRY_VERIFY(received.count("^XA") == 3);
    QTRY_COMPARE(view->model()->jobs().at(0).status, documents::PrintStatus::Done);
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("print-jobs.png")));

    // Weeks later its bytes are gone (hub.label_retention_days): R says so at once, and no lead is asked.
    const qint64 reprinted = view->model()->jobs().at(0).id;
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE print_jobs SET payload = NULL WHERE id = ?"), {reprinted}).ok());
    view->table()->selectRow(0);
    press(Qt::Key_R);
    QTRY_COMPARE(window->banner()->headline(), QStringLiteral("Print job %1 cannot be reprinted").arg(reprinted));
    QVERIFY2(window->banner()->hint().contains(QStringLiteral("Buy a new label")),
             qPrintable(window->banner()->hint()));
    QVERIFY(!panel->isVisible());
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("print-jobs-label-gone.png")));
    QCOMPARE(received.count("^XA"), 3);
    press(Qt::Key_Escape);
    QVERIFY(!window->isShowingPrintJobs());
  }
};

QTEST_MAIN(PrintJobsViewTest)
#include "printjobs_view_test.moc"
