// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Auto-print as app/station wires it: completing an order in the StationWindow prints its slip
// through the JournaledPrinter to the sandboxed cupsd, whose packbench-pdf queue writes a PDF we read back.
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/cupscapture.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "ui/packview.h"
#include "ui/printing/journaledprinter.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QFileInfo>
#include <QPrinterInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using namespace std::chrono_literals;

class StationAutoPrintTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  std::optional<test::CupsCapture> m_cups;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};
  qint64 m_stationId = 0;
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_workflow;
  std::unique_ptr<printing::JournaledPrinter> m_printer;

  // Signs in, F8, scans every item and F9; returns the packed order. An empty label printer: no label.
  qint64 packNextOrder(const QString &printerName, const QString &labelPrinter = {})
  {
    ui::StationOptions options;
    options.workflow = m_workflow.get();
    options.stationId = m_stationId;
    options.sounds = false;
    options.printer = m_printer.get(); // as app/station wires it
    options.autoPrint = true;
    options.slipPrinter = printerName;
    options.labelPrinter = labelPrinter;
    m_window = std::make_unique<ui::StationWindow>(
        m_db, m_clock, ui::StationIdentity{QStringLiteral("bench-p"), QStringLiteral("RNO"), QStringLiteral("demo")},
        options);
    m_window->show();
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
      return 0;
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    if (!QTest::qWaitFor([&]() { return m_window->packer().has_value(); }))
      return 0;
    press(Qt::Key_F8);
    packing::PackSession *session = m_window->packView()->session();
    if (!session)
      return 0;
    const qint64 fo = session->header().fulfillmentOrderId;
    const QList<packing::PackLine> lines = session->lines(); // a resumed order may be partly scanned already
    for (const packing::PackLine &line : lines)
      for (int i = line.verified; i < line.expected; ++i)
        scan(test::barcodeFor(m_db, line.sku));
    press(Qt::Key_F9);
    return fo;
  }

  QString text(const QString &sql, qint64 fo)
  {
    auto q = db::exec(m_db, sql, {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

  std::unique_ptr<ui::StationWindow> m_window;

private Q_SLOTS:
  void initTestCase()
  {
    auto cups = test::CupsCapture::fromEnvironment();
    QVERIFY2(cups.ok(), qPrintable(cups.ok() ? QString() : cups.error().message));
    m_cups.emplace(cups.value());
    QVERIFY2(QFileInfo::exists(qEnvironmentVariable("CUPS_SERVER")), "sandboxed cupsd socket missing");
    QVERIFY(QPrinterInfo::availablePrinterNames().contains(QStringLiteral("packbench-pdf")));
    auto db = test::openDemoSqlite(m_dir.filePath(QStringLiteral("print.sqlite")), QStringLiteral("print"), m_clock);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    auto station = queue::registerStation(m_db, QStringLiteral("bench-p"), std::nullopt);
    QVERIFY(station.ok());
    m_stationId = *station;
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock, 120s);
    m_workflow = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, m_stationId);
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
    QCOMPARE(text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), fo),
             QStringLiteral("packed"));
    const QString orderName = text(
        QStringLiteral("SELECT o.name FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE f.id = ?"),
        fo);
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
    const QString orderName = text(
        QStringLiteral("SELECT o.name FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE f.id = ?"),
        fo);
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
    QCOMPARE(text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), fo),
             QStringLiteral("packed"));
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
    QCOMPARE(text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), fo),
             QStringLiteral("packed"));
    const QString orderName = text(
        QStringLiteral("SELECT o.name FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE f.id = ?"),
        fo);
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

  void deadLabelPrinter_warns_jobJournaledFailed_orderStaysPacked()
  {
    QTcpServer probe; // a port nobody listens on
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const qint64 fo = packNextOrder(QStringLiteral("packbench-pdf"), QStringLiteral("tcp://127.0.0.1:%1").arg(port));
    QVERIFY(fo > 0);
    QCOMPARE(text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), fo),
             QStringLiteral("packed"));
    QTRY_VERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("label did not print")));
    QCOMPARE(m_window->packView()->banner()->tone(), ui::StatusBanner::Tone::Warning);
    QTRY_COMPARE(
        text(QStringLiteral("SELECT status FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'label'"), fo),
        QStringLiteral("failed"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = CAST(? AS text)"), fo),
             QStringLiteral("1"));
  }
};

QTEST_MAIN(StationAutoPrintTest)
#include "station_autoprint_test.moc"
