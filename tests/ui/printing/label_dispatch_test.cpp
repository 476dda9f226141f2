// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Labels to raw TCP printers (a local QTcpServer stands in for the printer's port 9100), through
// printing::JournaledPrinter and the print-job journal: byte-exact delivery, refusals, stalls, retries and
// moves, and a printer that never answers does not hold the event loop.
#include "core/base/clock.h"
#include "core/documents/printjournal.h"
#include "core/documents/slipdata.h"
#include "core/documents/zpl.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/verify.h"
#include "tests/support/zplraster.h"
#include "ui/printing/journaledprinter.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pb;
using namespace pb::documents;
using pb::printing::JournaledPrinter;
using pb::printing::LabelTarget;
using namespace Qt::StringLiterals;

namespace {

// Accepts connections and keeps everything each one sent.
class FakeLabelPrinter final : public QObject {
public:
  explicit FakeLabelPrinter(bool read = true)
      : m_read(read)
  {
    QObject::connect(&server, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket *socket = server.nextPendingConnection()) {
        m_sockets.append(socket);
        if (!m_read) {
          socket->setReadBufferSize(1); // Qt stops reading too: the kernel buffers fill and the sender stalls
          continue;
        }
        QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] { received += socket->readAll(); });
        QObject::connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
          received += socket->readAll();
          ++closed;
        });
      }
    });
  }
  bool listen(quint16 port = 0) { return server.listen(QHostAddress::LocalHost, port); }
  QString spec() const { return u"tcp://127.0.0.1:%1"_s.arg(server.serverPort()); }

  QTcpServer server;
  QByteArray received;
  int closed = 0;

private:
  bool m_read;
  QList<QTcpSocket *> m_sockets;
};

// A port nobody listens on: bind, note the port, close.
quint16 deadPort()
{
  QTcpServer probe;
  probe.listen(QHostAddress::LocalHost, 0);
  const quint16 port = probe.serverPort();
  probe.close();
  return port;
}

} // namespace

class LabelDispatchTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  qint64 m_fo = 0;

  JournaledPrinter::Policy fastPolicy(int maxAttempts = 3)
  {
    JournaledPrinter::Policy policy;
    policy.maxAttempts = maxAttempts;
    policy.retryDelayMs = 50;
    policy.timeouts.connectMs = 1000;
    policy.timeouts.writeMs = 500;
    return policy;
  }

private Q_SLOTS:
  void initTestCase()
  {
    const test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    auto db = test::openDemoSqlite(m_dir.filePath(u"labels.sqlite"_s), u"labels"_s, clock);
    VERIFY_OK(db);
    m_db = db.value();
    m_fo = 1;
  }

  void houseLabel_hasShipToOrderNameAndCode128()
  {
    SlipData slip = sampleSlip(3);
    slip.shippingAddress[u"name"_s] = u"Zoë ^Caret~Tilde_Under"_s;
    const QByteArray zpl = houseLabelZpl(slip);
    QVERIFY(zpl.startsWith("^XA"));
    QVERIFY(zpl.trimmed().endsWith("^XZ"));
    QVERIFY(zpl.contains("^CI28"));
    QVERIFY(zpl.contains("^BCN,160,N,N,N^FH^FD#1002^FS"));
    QVERIFY(zpl.contains("5116 Juniper Ave"));
    // Field data never carries a raw control character: ^ ~ _ are hex-escaped under ^FH.
    QVERIFY(zpl.contains(u"Zoë _5ECaret_7ETilde_5FUnder"_s.toUtf8()));
    QVERIFY(zpl.contains("^FDBOX 1 OF 1^FS")); // one box: the courier knows it is the whole order
    const QByteArray second = houseLabelZpl(sampleSlip(3), 2, 3);
    QVERIFY(second.contains("^FDBOX 2 OF 3^FS"));
    QVERIFY(second.contains(" item(s) in 3 boxes · "));
    // As the printer puts it on paper, to look at (docs/screenshots/house-label-box-2-of-3.png).
    const test::ZplPage page = test::rasteriseZpl(second);
    QVERIFY2(page.unsupported.isEmpty(), qPrintable(page.unsupported.join(u' ')));
    QCOMPARE(page.barcodeData, QStringList{u"#1002"_s});
    if (const QString artifacts = qEnvironmentVariable("PACKBENCH_LABEL_ARTIFACTS"); !artifacts.isEmpty())
      QVERIFY(page.image.save(artifacts + u"/house-label-box-2-of-3.png"_s));
  }

  void target_parse_data()
  {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("describe");
    QTest::newRow("tcp default port") << u"tcp://zebra-1"_s << true << u"tcp://zebra-1:9100"_s;
    QTest::newRow("tcp port") << u"tcp://10.0.0.5:6101"_s << true << u"tcp://10.0.0.5:6101"_s;
    QTest::newRow("cups queue") << u"Zebra_GK420d"_s << true << u"Zebra_GK420d"_s;
    QTest::newRow("empty") << QString() << false << QString();
    QTest::newRow("shell metacharacters") << u"q; rm -rf /"_s << false << QString();
    QTest::newRow("tcp without host") << u"tcp://"_s << false << QString();
  }

  void target_parse()
  {
    QFETCH(QString, spec);
    QFETCH(bool, ok);
    QFETCH(QString, describe);
    auto target = LabelTarget::parse(spec);
    QCOMPARE(target.ok(), ok);
    if (ok)
      QCOMPARE(target.value().describe(), describe);
    else
      QCOMPARE(target.error().kind, ErrorKind::InvalidInput);
  }

  void label_toListener_arrivesByteExact_andIsJournaledDone()
  {
    FakeLabelPrinter printer;
    QVERIFY(printer.listen());
    JournaledPrinter dispatcher(m_db, fastPolicy());
    QSignalSpy printed(&dispatcher, &JournaledPrinter::jobPrinted);
    const QByteArray zpl = houseLabelZpl(sampleSlip(4));
    auto job = dispatcher.printLabel(m_fo, printer.spec(), zpl, PrintFormat::Zpl, u"house-label"_s);
    QVERIFY2(job.ok(), qPrintable(job.ok() ? QString() : job.error().message));
    QTRY_COMPARE(printer.closed, 1);
    QCOMPARE(printer.received, zpl);
    QTRY_COMPARE(printed.count(), 1);
    auto row = PrintJournal(m_db).get(job.value());
    QVERIFY(row.ok());
    QCOMPARE(row.value().status, PrintStatus::Done);
    QCOMPARE(row.value().attempts, 1);
    QCOMPARE(row.value().payload, zpl);
    QCOMPARE(row.value().kind, PrintKind::Label);
  }

  void houseLabel_forFulfillmentOrder_isBuiltFromTheDatabase()
  {
    FakeLabelPrinter printer;
    QVERIFY(printer.listen());
    JournaledPrinter dispatcher(m_db, fastPolicy());
    auto job = dispatcher.printHouseLabel(m_fo, printer.spec(), 1, 1);
    QVERIFY2(job.ok(), qPrintable(job.ok() ? QString() : job.error().message));
    QTRY_COMPARE(printer.closed, 1);
    QVERIFY(printer.received.startsWith("^XA"));
    QVERIFY(printer.received.contains("^BCN"));
    QCOMPARE(PrintJournal(m_db).get(job.value()).value().payload, printer.received);
    QVERIFY(!dispatcher.printHouseLabel(987654, printer.spec(), 1, 1).ok()); // unknown order: nothing sent
  }

  void refusedConnection_alerts_retries_andSucceedsWhenPrinterReturns()
  {
    const quint16 port = deadPort();
    JournaledPrinter::Policy policy = fastPolicy();
    policy.retryDelayMs = 1000; // the printer is back on its port well before the retry
    JournaledPrinter dispatcher(m_db, policy);
    QSignalSpy failed(&dispatcher, &JournaledPrinter::jobFailed);
    QSignalSpy printed(&dispatcher, &JournaledPrinter::jobPrinted);
    const QByteArray zpl = "^XA^FDretry me^FS^XZ";
    auto job = dispatcher.printLabel(m_fo, u"tcp://127.0.0.1:%1"_s.arg(port), zpl, PrintFormat::Zpl, u"test"_s);
    QVERIFY(job.ok()); // journaled; the refusal follows
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).toLongLong(), job.value());
    QVERIFY(failed.at(0).at(2).toBool()); // a retry is scheduled
    const qint64 id = failed.at(0).at(0).toLongLong();
    QCOMPARE(PrintJournal(m_db).get(id).value().status, PrintStatus::Retrying);
    QVERIFY(!PrintJournal(m_db).get(id).value().lastError.isEmpty());

    FakeLabelPrinter printer; // the printer comes back on the same port before the retry
    QVERIFY(printer.listen(port));
    QTRY_COMPARE(printed.count(), 1);
    QTRY_COMPARE(printer.received, zpl);
    auto row = PrintJournal(m_db).get(id);
    QCOMPARE(row.value().status, PrintStatus::Done);
    QCOMPARE(row.value().attempts, 2);
  }

  void deadPrinter_exhaustsRetries_jobStaysFailed_andCanBeMoved()
  {
    JournaledPrinter dispatcher(m_db, fastPolicy(2));
    QSignalSpy failed(&dispatcher, &JournaledPrinter::jobFailed);
    const QByteArray zpl = "^XA^FDmove me^FS^XZ";
    auto job = dispatcher.printLabel(m_fo, u"tcp://127.0.0.1:%1"_s.arg(deadPort()), zpl, PrintFormat::Zpl, u"test"_s);
    QVERIFY(job.ok());
    QTRY_COMPARE(failed.count(), 2);
    QVERIFY(!failed.at(1).at(2).toBool()); // no more retries
    const qint64 id = failed.at(0).at(0).toLongLong();
    PrintJournal journal(m_db);
    QCOMPARE(journal.get(id).value().status, PrintStatus::Failed);
    QCOMPARE(journal.get(id).value().attempts, 2);
    auto open = journal.openJobs();
    QVERIFY(open.ok());
    QVERIFY(std::any_of(open.value().cbegin(), open.value().cend(), [&](const PrintJob &j) { return j.id == id; }));

    FakeLabelPrinter spare;
    QVERIFY(spare.listen());
    auto moved = dispatcher.move(id, spare.spec());
    QVERIFY2(moved.ok(), qPrintable(moved.ok() ? QString() : moved.error().message));
    QTRY_COMPARE(spare.received, zpl);
    QCOMPARE(journal.get(id).value().status, PrintStatus::Moved);
    QCOMPARE(journal.get(id).value().movedToJobId, moved.value());
    QTRY_COMPARE(journal.get(moved.value()).value().status, PrintStatus::Done);
    QVERIFY(!dispatcher.move(id, spare.spec()).ok()); // a moved job is closed
  }

  // A label whose bytes were cleared (a customer's redaction, or the hub's retention) cannot go out again: before,
  // a reprint sent the label printer nothing and was journaled as printed.
  void labelWhoseBytesWereCleared_isRefused_neverPrintedEmpty()
  {
    FakeLabelPrinter printer;
    QVERIFY(printer.listen());
    JournaledPrinter dispatcher(m_db, fastPolicy(1));
    QSignalSpy printed(&dispatcher, &JournaledPrinter::jobPrinted);
    QSignalSpy failed(&dispatcher, &JournaledPrinter::jobFailed);
    auto done = dispatcher.printLabel(m_fo, printer.spec(), "^XA^FDold^FS^XZ", PrintFormat::Zpl, u"old"_s);
    auto stuck = dispatcher.printLabel(m_fo, u"tcp://127.0.0.1:%1"_s.arg(deadPort()), "^XA^FDstuck^FS^XZ",
                                       PrintFormat::Zpl, u"stuck"_s);
    QVERIFY(done.ok() && stuck.ok());
    QTRY_COMPARE(printed.count(), 1);
    QTRY_COMPARE(failed.count(), 1);
    QSqlQuery clear(m_db);
    QVERIFY(clear.exec(
        u"UPDATE print_jobs SET payload = NULL WHERE id IN (%1, %2)"_s.arg(done.value()).arg(stuck.value())));
    const QByteArray before = printer.received;

    auto reprinted = dispatcher.reprint(done.value());
    QVERIFY(!reprinted.ok());
    QVERIFY2(reprinted.error().message.contains(u"no longer kept"_s), qPrintable(reprinted.error().message));
    QVERIFY(!dispatcher.move(stuck.value(), printer.spec()).ok());
    Status retried = dispatcher.retry(stuck.value());
    QVERIFY(!retried);
    QVERIFY2(retried.error().message.contains(u"Buy a new label"_s), qPrintable(retried.error().message));
    QTest::qWait(200);
    QCOMPARE(printed.count(), 1);
    QCOMPARE(printer.received, before);
    PrintJournal journal(m_db);
    QCOMPARE(journal.get(stuck.value()).value().status, PrintStatus::Failed); // not moved, nothing new journaled
  }

  void stalledPrinter_timesOut_withAlert_andJobIsKept()
  {
    FakeLabelPrinter stalled(false); // accepts, never reads: the socket buffers fill up
    QVERIFY(stalled.listen());
    JournaledPrinter dispatcher(m_db, fastPolicy(1));
    QSignalSpy failed(&dispatcher, &JournaledPrinter::jobFailed);
    const QByteArray big(64 * 1024 * 1024, 'Z');
    auto job = dispatcher.printLabel(m_fo, stalled.spec(), big, PrintFormat::Zpl, u"stall"_s);
    QVERIFY(job.ok());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10'000);
    QVERIFY2(failed.at(0).at(1).toString().contains(u"stopped taking data"_s),
             qPrintable(failed.at(0).at(1).toString()));
    QVERIFY(!failed.at(0).at(2).toBool()); // one attempt allowed: no retry
    const qint64 id = failed.at(0).at(0).toLongLong();
    auto row = PrintJournal(m_db).get(id);
    QCOMPARE(row.value().status, PrintStatus::Failed);
    QCOMPARE(row.value().payload.size(), big.size());
  }
  // A printer whose port takes no connection (its listen backlog is full): connecting hangs until the timeout.
  // The send must not hold the caller's event loop meanwhile: a timer keeps firing while the job waits.
  void unansweringPrinter_neverHoldsTheEventLoop()
  {
    QTcpServer silent;
    silent.setListenBacklogSize(0);
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    silent.pauseAccepting(); // never accept(): the kernel queues one connection, then drops every SYN
    QTcpSocket filler;
    filler.connectToHost(QHostAddress::LocalHost, silent.serverPort());
    QVERIFY(filler.waitForConnected(2000));
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, silent.serverPort());
    QVERIFY2(!probe.waitForConnected(300), "the listener still takes connections");
    probe.abort();

    JournaledPrinter::Policy policy = fastPolicy(1);
    policy.timeouts.connectMs = 1500;
    JournaledPrinter dispatcher(m_db, policy);
    QSignalSpy failed(&dispatcher, &JournaledPrinter::jobFailed);
    int ticks = 0;
    int ticksAtFailure = -1;
    QTimer heartbeat;
    heartbeat.setInterval(20);
    connect(&heartbeat, &QTimer::timeout, this, [&ticks] { ++ticks; });
    connect(&dispatcher, &JournaledPrinter::jobFailed, this, [&] { ticksAtFailure = ticks; });
    heartbeat.start();
    auto job = dispatcher.printLabel(m_fo, u"tcp://127.0.0.1:%1"_s.arg(silent.serverPort()), "^XA^XZ", PrintFormat::Zpl,
                                     u"silent"_s);
    QVERIFY(job.ok());
    QCOMPARE(failed.count(), 0); // the call came back before the printer could answer
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10'000);
    QVERIFY2(ticksAtFailure > 0, "the event loop stood still while the printer did not answer");
    QVERIFY2(failed.at(0).at(1).toString().contains(u"did not accept the connection"_s),
             qPrintable(failed.at(0).at(1).toString()));
  }
};

QTEST_MAIN(LabelDispatchTest) // a GUI application: the label raster draws its text
#include "label_dispatch_test.moc"
