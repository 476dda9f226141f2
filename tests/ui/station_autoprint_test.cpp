// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Auto-print as app/station wires it: completing an order in the StationWindow prints its slip
// through the JournaledPrinter to the sandboxed cupsd, whose packbench-pdf queue writes a PDF we read back.
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/cupssandbox.h"
#include "tests/support/rawprinterport.h"
#include "tests/support/stationbench.h"
#include "tests/support/verify.h"
#include "tests/support/zplraster.h"
#include "ui/packview.h"
#include "ui/printing/journaledprinter.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

using namespace pb;
using namespace Qt::StringLiterals;
using pb::test::press;
using pb::test::scan;
using namespace std::chrono_literals;

class StationAutoPrintTest final : public QObject, private test::DemoStationBench {
  Q_OBJECT

private:
  std::optional<test::CupsCapture> m_cups;
  std::unique_ptr<printing::JournaledPrinter> m_printer;

  // The bench switched on and the packer signed in. An empty label printer: no label.
  bool switchOnAndSignIn(const QString &printerName, const QString &labelPrinter = {})
  {
    ui::StationOptions options;
    options.printer = m_printer.get(); // as app/station wires it
    options.autoPrint = true;
    options.slipPrinter = printerName;
    options.labelPrinter = labelPrinter;
    m_window = showWindow(options);
    return m_window->isActiveWindow() && signIn(*m_window);
  }

  // Signs in, F8, scans every item and F9; returns the packed order.
  qint64 packNextOrder(const QString &printerName, const QString &labelPrinter = {})
  {
    if (!switchOnAndSignIn(printerName, labelPrinter))
      return 0;
    packing::PackSession *session = scanNextOrder(*m_window);
    if (!session)
      return 0;
    const qint64 fo = session->header().fulfillmentOrderId;
    press(Qt::Key_F9);
    return fo;
  }

  QString text(const QString &sql, qint64 fo)
  {
    auto q = db::exec(m_db, sql, {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

  QString packState(qint64 fo)
  {
    return text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), fo);
  }

  QString nameOf(qint64 fo)
  {
    return text(
        QStringLiteral("SELECT o.name FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE f.id = ?"),
        fo);
  }

  // A two-box order open at the bench: the daypack in box 1, the shell in box 2, every item scanned; F9 is the
  // packer's.
  qint64 packTwoBoxes(const QString &name)
  {
    const qint64 fo = openOrderNamed(*m_window, name, {{m_daypack, 1}, {m_shell, 1}});
    if (fo == 0)
      return 0;
    scan(test::barcodeFor(m_db, m_daypack));
    scan(QStringLiteral("PB*NEXTBOX"));
    scan(test::barcodeFor(m_db, m_shell));
    return fo;
  }

  // The Zebra switched off, a two-box order packed and F9: the packer is told neither box has its label; its
  // fulfillment order, or 0 when any step did not happen.
  qint64 finishTwoBoxesWithTheZebraOff(test::RawPrinterPort &printer, const QString &name)
  {
    printer.switchOff();
    if (!switchOnAndSignIn(QStringLiteral("packbench-pdf"), printer.target()))
      return 0;
    const qint64 fo = packTwoBoxes(name);
    if (fo == 0)
      return 0;
    press(Qt::Key_F9);
    const bool told = QTest::qWaitFor([&]() {
      return m_window->packView()->banner()->hint() ==
             QStringLiteral("No label on box 1, 2 yet: scan REPRINT to print the order's labels again");
    });
    return told ? fo : 0;
  }

  QStringList labelReferences(qint64 fo)
  {
    QStringList references;
    auto q =
        db::exec(m_db,
                 QStringLiteral("SELECT reference FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'label' "
                                "AND status = 'done' ORDER BY reference"),
                 {fo});
    while (q && q.value().next())
      references << q->value(0).toString();
    return references;
  }

  std::unique_ptr<ui::StationWindow> m_window;

private Q_SLOTS:
  void initTestCase()
  {
    auto cups = test::cupsSandbox();
    VERIFY_OK(cups);
    m_cups.emplace(cups.value());
    VERIFY_OK(openBench(QStringLiteral("print"), QStringLiteral("bench-p")));
    printing::JournaledPrinter::Policy policy;
    policy.maxAttempts = 1; // a retry would only repeat the failure this test wants to see
    m_printer = std::make_unique<printing::JournaledPrinter>(m_db, policy);
    m_printer->setSlipLayout(printing::SlipPaper::Letter);
  }

  void cleanup() { m_window.reset(); }

  void completedOrder_slipArrivesAsPdf()
  {
    const qint64 before = m_cups->lastJob();
    const qint64 fo = packNextOrder(QStringLiteral("packbench-pdf"));
    QVERIFY(fo > 0);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    const QString orderName = nameOf(fo);
    QVERIFY(!orderName.isEmpty());
    auto slip = m_cups->waitForText(before, orderName);
    QVERIFY2(slip.ok(), qPrintable(slip.ok() ? QString() : slip.error().message));
    QVERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("COMPLETE")));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ?"), fo),
             QStringLiteral("1"));
    QTRY_COMPARE(text(QStringLiteral("SELECT status FROM print_jobs WHERE fulfillment_order_id = ?"), fo),
                 QStringLiteral("done"));
  }

  void reprintScan_printsTheSlipAgain_asANewJournaledJob()
  {
    const qint64 fo = packNextOrder(QStringLiteral("packbench-pdf"));
    QVERIFY(fo > 0);
    const QString orderName = nameOf(fo);
    QTRY_COMPARE(text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ?"), fo),
                 QStringLiteral("1"));
    const qint64 before = m_cups->lastJob();
    scan(QStringLiteral("PB*REPRINT")); // the command on the printed sheet: it used to lead nowhere
    auto again = m_cups->waitForText(before, orderName);
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
    QCOMPARE(
        text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'slip'"), fo),
        QStringLiteral("2"));
    QTRY_VERIFY2(m_window->packView()->banner()->headline().startsWith(QStringLiteral("Reprinted")),
                 qPrintable(m_window->packView()->banner()->headline()));
  }

  void missingPrinter_warnsAndTheOrderStaysPacked()
  {
    const qint64 fo = packNextOrder(QStringLiteral("no-such-printer"));
    QVERIFY(fo > 0);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QTRY_VERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("slip did not print")));
    QCOMPARE(m_window->packView()->banner()->tone(), ui::StatusBanner::Tone::Warning);
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = CAST(? AS text)"), fo),
             QStringLiteral("1"));
  }

  void completedOrder_houseLabelArrivesAtTheTcpLabelPrinter()
  {
    // A local listener stands in for the label printer's port 9100 and keeps every byte it gets.
    QTcpServer printer;
    QVERIFY(printer.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    connect(&printer, &QTcpServer::newConnection, this, [&]() {
      while (QTcpSocket *socket = printer.nextPendingConnection())
        connect(socket, &QTcpSocket::readyRead, this, [&received, socket]() { received += socket->readAll(); });
    });
    const qint64 before = m_cups->lastJob();
    const qint64 fo =
        packNextOrder(QStringLiteral("packbench-pdf"), QStringLiteral("tcp://127.0.0.1:%1").arg(printer.serverPort()));
    QVERIFY(fo > 0);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    const QString orderName = nameOf(fo);
    QTRY_VERIFY_WITH_TIMEOUT(received.trimmed().endsWith("^XZ"), 10'000);
    QVERIFY(received.startsWith("^XA"));
    QVERIFY2(received.contains(orderName.toUtf8()), received.constData());
    QVERIFY(received.contains("^BC")); // the Code 128 of the order name
    QTRY_COMPARE(
        text(QStringLiteral("SELECT status FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'label'"), fo),
        QStringLiteral("done"));
    auto slip = m_cups->waitForText(before, orderName);
    QVERIFY2(slip.ok(), qPrintable(slip.ok() ? QString() : slip.error().message));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ?"), fo),
             QStringLiteral("2")); // slip and label, each journaled
    QVERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("COMPLETE")));
  }

  void twoBoxes_eachBoxGetsItsOwnHouseLabel()
  {
    test::RawPrinterPort printer;
    QVERIFY(switchOnAndSignIn(QStringLiteral("packbench-pdf"), printer.target()));
    const qint64 fo = packTwoBoxes(QStringLiteral("#BOX2"));
    QVERIFY(fo > 0);
    press(Qt::Key_F9);
    QCOMPARE(m_window->packView()->banner()->hint(), QStringLiteral("Seal the 2 boxes · F8 takes the next order"));
    QTRY_COMPARE_WITH_TIMEOUT(labelReferences(fo).size(), 2, 10'000);
    QCOMPARE(labelReferences(fo), QStringList({u"house-label:fulfillment_order=%1;box=1"_s.arg(fo),
                                               u"house-label:fulfillment_order=%1;box=2"_s.arg(fo)}));
    QCOMPARE(printer.jobs().size(), 2);
    // As the printer puts them on paper: each with the order's name and its Code 128, and which box it is.
    for (int box = 1; box <= 2; ++box) {
      const auto label = std::find_if(printer.jobs().cbegin(), printer.jobs().cend(), [box](const QByteArray &zpl) {
        return zpl.contains(QStringLiteral("^FDBOX %1 OF 2^FS").arg(box).toLatin1());
      });
      QVERIFY2(label != printer.jobs().cend(), qPrintable(u"no label for box %1"_s.arg(box)));
      const test::ZplPage page = test::rasteriseZpl(*label);
      QVERIFY2(page.unsupported.isEmpty(), qPrintable(page.unsupported.join(u' ')));
      QCOMPARE(page.barcodeData, QStringList{u"#BOX2"_s});
      QVERIFY(page.texts.contains(u"#BOX2"_s));
      QVERIFY(page.texts.contains(u"BOX %1 OF 2"_s.arg(box)));
      if (const QString artifacts = qEnvironmentVariable("PACKBENCH_LABEL_ARTIFACTS"); !artifacts.isEmpty())
        QVERIFY(page.image.save(u"%1/house-label-box-%2-of-2.png"_s.arg(artifacts).arg(box)));
    }
  }

  void partialAfterNextBox_theEmptyBoxGetsNoLabel()
  {
    test::RawPrinterPort printer;
    QVERIFY(switchOnAndSignIn(QStringLiteral("packbench-pdf"), printer.target()));
    const qint64 fo = openOrderNamed(*m_window, QStringLiteral("#BOX4"), {{m_daypack, 1}, {m_shell, 1}});
    QVERIFY(fo > 0);
    scan(test::barcodeFor(m_db, m_daypack));
    scan(QStringLiteral("PB*NEXTBOX")); // for the shell, which is not on the shelf after all
    press(Qt::Key_F10);
    press(Qt::Key_Return); // "Out of stock"
    QVERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("COMPLETE")));
    QTRY_COMPARE_WITH_TIMEOUT(labelReferences(fo), QStringList{u"house-label:fulfillment_order=%1;box=1"_s.arg(fo)},
                              10'000);
    QCOMPARE(printer.jobs().size(), 1);
    QVERIFY(printer.jobs().first().contains("^FDBOX 1 OF 1^FS"));
  }

  void allScanned_NEXTBOXIsRefused_F9Completes()
  {
    QVERIFY(switchOnAndSignIn(QStringLiteral("packbench-pdf")));
    const qint64 fo = openOrderNamed(*m_window, QStringLiteral("#BOX5"), {{m_daypack, 1}});
    QVERIFY(fo > 0);
    scan(test::barcodeFor(m_db, m_daypack));
    scan(QStringLiteral("PB*NEXTBOX")); // from the command sheet, by mistake
    QCOMPARE(m_window->packView()->banner()->headline(),
             QStringLiteral("Every item is in a box — F9 completes the order"));
    QCOMPARE(m_window->packView()->session()->boxNo(), 1);
    press(Qt::Key_F9);
    QVERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("COMPLETE")));
  }

  // Box 1's label was printed again from the print-jobs list (a lead's reprint), box 2's was not: REPRINT prints box
  // 2's only, so no spare label of box 1 lies on the bench to end up on the next order's box. Once every box has its
  // label, REPRINT prints the slip and every label again.
  void oneOfTwoLabelsMissing_REPRINTPrintsOnlyThatOne()
  {
    test::RawPrinterPort printer;
    const qint64 fo = finishTwoBoxesWithTheZebraOff(printer, QStringLiteral("#BOX6"));
    QVERIFY(fo > 0);
    QVERIFY(printer.switchOn());
    const qint64 boxOne =
        text(QStringLiteral("SELECT id FROM print_jobs WHERE reference = 'house-label:fulfillment_order="
                            "' || CAST(? AS text) || ';box=1'"),
             fo)
            .toLongLong();
    QVERIFY(boxOne > 0);
    QVERIFY(m_printer->reprint(boxOne).ok()); // what the lead's R in the print-jobs list (F4) does
    QTRY_COMPARE(printer.jobs().size(), 1);
    QTRY_COMPARE(labelReferences(fo).size(), 1);

    scan(QStringLiteral("PB*REPRINT"));
    QCOMPARE(m_window->packView()->banner()->headline(), QStringLiteral("Reprinting: label"));
    QTRY_COMPARE(m_window->packView()->banner()->headline(), QStringLiteral("Reprinted: label"));
    QTRY_COMPARE(printer.jobs().size(), 2);
    QVERIFY(printer.jobs().last().contains("^FDBOX 2 OF 2^FS"));

    scan(QStringLiteral("PB*REPRINT")); // every box has its label now: the whole order again
    QTRY_COMPARE(m_window->packView()->banner()->headline(), QStringLiteral("Reprinted: slip and 2 labels"));
    QTRY_COMPARE(printer.jobs().size(), 4);
  }

  void twoBoxes_labelPrinterOff_F8NamesBothBoxes_REPRINTPrintsBoth()
  {
    test::RawPrinterPort printer;
    const qint64 fo = finishTwoBoxesWithTheZebraOff(printer, QStringLiteral("#BOX3"));
    QVERIFY(fo > 0);
    press(Qt::Key_F8);
    QCOMPARE(m_window->packView()->banner()->headline(), QStringLiteral("#BOX3: no label printed for box 1, 2 yet"));
    QCOMPARE(m_window->packView()->session()->header().fulfillmentOrderId, fo); // nothing taken

    QVERIFY(printer.switchOn());
    scan(QStringLiteral("PB*REPRINT"));
    // Only what is missing: the slip printed, so it is not printed twice.
    QCOMPARE(m_window->packView()->banner()->headline(), QStringLiteral("Reprinting: 2 labels"));
    QTRY_COMPARE_WITH_TIMEOUT(labelReferences(fo).size(), 2, 10'000);
    QTRY_COMPARE(m_window->packView()->banner()->headline(), QStringLiteral("Reprinted: 2 labels"));
    QCOMPARE(
        text(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'slip'"), fo),
        QStringLiteral("1"));
    QCOMPARE(m_window->packView()->banner()->hint(),
             QStringLiteral("Put the label on the box · F8 takes the next order"));
    QCOMPARE(printer.jobs().size(), 2);
    press(Qt::Key_F8); // nothing holds it back now
    QTRY_VERIFY(m_window->controller()->hasOpenSession() &&
                m_window->packView()->session()->header().fulfillmentOrderId != fo);
  }

  void deadLabelPrinter_warns_jobJournaledFailed_orderStaysPacked()
  {
    QTcpServer probe; // a port nobody listens on
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const qint64 fo = packNextOrder(QStringLiteral("packbench-pdf"), QStringLiteral("tcp://127.0.0.1:%1").arg(port));
    QVERIFY(fo > 0);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QTRY_VERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("label did not print")));
    QCOMPARE(m_window->packView()->banner()->tone(), ui::StatusBanner::Tone::Warning);
    QTRY_COMPARE(
        text(QStringLiteral("SELECT status FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'label'"), fo),
        QStringLiteral("failed"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = CAST(? AS text)"), fo),
             QStringLiteral("1"));

    // The box has no label: F8 holds the next order back once and names the order.
    const QString name = m_window->packView()->session()->header().orderName;
    press(Qt::Key_F8);
    QCOMPARE(m_window->packView()->banner()->headline(), name + QStringLiteral(": no label printed for box 1 yet"));
    QCOMPARE(m_window->packView()->session()->header().fulfillmentOrderId, fo); // nothing taken
    // The bench is switched off and on: the packer signing in is told again, and F8 holds back once again.
    m_window.reset();
    QVERIFY(switchOnAndSignIn(QStringLiteral("packbench-pdf"), QStringLiteral("tcp://127.0.0.1:%1").arg(port)));
    QCOMPARE(m_window->queueBanner()->headline(), name + QStringLiteral(": no label printed for box 1 yet"));
    QCOMPARE(m_window->queueBanner()->hint(),
             QStringLiteral("Scan REPRINT once the label printer is ready: the order is packed"));
    press(Qt::Key_F8);
    QCOMPARE(m_window->queueBanner()->hint(),
             QStringLiteral("Scan REPRINT once the label printer is ready · F8 again takes the next order anyway"));
    QVERIFY(!m_window->controller()->hasOpenSession());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^next order taken with 1 label")));
    press(Qt::Key_F8); // the packer goes on: the label stays in the print-jobs list
    QTRY_VERIFY(m_window->controller()->hasOpenSession());
    QVERIFY(m_window->packView()->session()->header().fulfillmentOrderId != fo);
  }
};

QTEST_MAIN(StationAutoPrintTest)
#include "station_autoprint_test.moc"
