// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A print server that takes the connection and never answers (a CUPS_SERVER on another machine that is overloaded or
// half down): libcups waits a minute for every question. Printing to the default printer, listing the printers a
// lead may move a job to and the slip preview's Print must not wait for it on the window's thread.
#include "core/documents/printjournal.h"
#include "core/documents/slipdata.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/verify.h"
#include "ui/printing/journaledprinter.h"
#include "ui/printjobsmodel.h"
#include "ui/slippreviewdialog.h"

#include <QApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {

// Listens and never accepts: the kernel completes each connection, the request sits unread, no answer comes.
class SilentPrintServer final {
public:
  // The same port each time (libcups keeps the address it read first).
  bool listen()
  {
    if (!m_server.listen(QHostAddress::LocalHost, m_port))
      return false;
    m_port = m_server.serverPort();
    m_server.pauseAccepting();
    return true;
  }
  QByteArray address() const { return "127.0.0.1:" + QByteArray::number(m_port); }
  // Closes the listener: the connections still waiting in its queue are reset, and every CUPS call gives up at once.
  void hangUp() { m_server.close(); }

private:
  QTcpServer m_server;
  quint16 m_port = 0;
};

QByteArray pngLabel()
{
  QImage image(400, 600, QImage::Format_RGB32);
  image.fill(Qt::white);
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return bytes;
}

// Well under the minute libcups waits for a silent server, well over what a call that does not wait takes.
constexpr qint64 kNoWaitMs = 5000;

} // namespace

class PrintServerHangTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  SilentPrintServer m_server; // before any CUPS call: libcups reads CUPS_SERVER once per thread

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_server.listen());
    m_server.hangUp();
    qputenv("CUPS_SERVER", m_server.address());
    const test::ManualClock clock(QDateTime(QDate(2026, 12, 6), QTime(8, 0), Qt::UTC));
    auto db = test::openDemoSqlite(m_dir.filePath(u"hang.sqlite"_s), u"hang"_s, clock);
    VERIFY_OK(db);
    m_db = db.value();
  }

  void init() { QVERIFY(m_server.listen()); }
  void cleanup() { m_server.hangUp(); } // before a printer is destroyed: it waits for its threads

  void labelForTheDefaultPrinter_andThePrinterList_doNotWaitForTheServer()
  {
    auto printer = std::make_unique<printing::JournaledPrinter>(m_db, printing::JournaledPrinter::Policy{});
    QSignalSpy jobFailed(printer.get(), &printing::JournaledPrinter::jobFailed);
    QElapsedTimer took;
    took.start();
    auto job = printer->printLabel(1, QString(), pngLabel(), documents::PrintFormat::Png, u"label:hang-test"_s);
    VERIFY_OK(job);
    const QStringList printers = printer->systemPrinters();
    QVERIFY2(took.elapsed() < kNoWaitMs, qPrintable(u"held the window's thread %1 ms"_s.arg(took.elapsed())));
    QVERIFY(printers.isEmpty()); // nothing listed yet: the list comes when CUPS answers

    // The window's thread turns while the send waits for the server: the job stays in flight, journaled for "the
    // default printer".
    QTest::qWait(300);
    QCOMPARE(jobFailed.count(), 0);
    QCOMPARE(printer->jobsInFlight(), 1);
    auto waiting = documents::PrintJournal(m_db).get(job.value());
    VERIFY_OK(waiting);
    QCOMPARE(waiting.value().printer, QString());
    QCOMPARE(waiting.value().status, documents::PrintStatus::Queued);

    m_server.hangUp(); // the server goes away for good: the send fails with a reason, kept in the journal
    QTRY_COMPARE_WITH_TIMEOUT(jobFailed.count(), 1, 20000);
    const QString reason = jobFailed.first().at(1).toString();
    QVERIFY2(reason.contains(u"default printer"_s), qPrintable(reason));
    auto journaled = documents::PrintJournal(m_db).get(job.value());
    VERIFY_OK(journaled);
    QCOMPARE(journaled.value().status, documents::PrintStatus::Failed);
    QCOMPARE(journaled.value().lastError, reason);
    // The lead's print-jobs list says where it was meant to go.
    auto recent = documents::PrintJournal(m_db).recentJobs(10);
    VERIFY_OK(recent);
    ui::PrintJobsModel model;
    model.setJobs(recent.value());
    QCOMPARE(model.data(model.index(0, ui::PrintJobsModel::Printer), Qt::DisplayRole).toString(),
             u"(default printer)"_s);
  }

  // The station closing while a send waits for a silent print server: it does not wait minutes for it (the bench's
  // restart needs the bench lock it holds); the job stays open in the journal, to be sent again.
  void closingWhileASendWaits_doesNotWaitForTheServer()
  {
    printing::JournaledPrinter::Policy policy;
    policy.exitWaitMs = 500;
    auto printer = std::make_unique<printing::JournaledPrinter>(m_db, policy);
    auto first = printer->printLabel(1, QString(), pngLabel(), documents::PrintFormat::Png, u"label:closing-1"_s);
    auto second = printer->printLabel(1, QString(), pngLabel(), documents::PrintFormat::Png, u"label:closing-2"_s);
    VERIFY_OK(first);
    VERIFY_OK(second);
    QTest::qWait(300); // the first is with the server, the second waits its turn
    QElapsedTimer took;
    took.start();
    printer.reset();
    QVERIFY2(took.elapsed() < kNoWaitMs, qPrintable(u"closing took %1 ms"_s.arg(took.elapsed())));
    for (qint64 id : {first.value(), second.value()})
      QCOMPARE(documents::PrintJournal(m_db).get(id).value().status, documents::PrintStatus::Queued);
    // The next start marks them failed, with why: nothing would send them by itself.
    auto left = documents::PrintJournal(m_db).failLeftUnsent();
    VERIFY_OK(left);
    QCOMPARE(left.value(), 2);
    for (qint64 id : {first.value(), second.value()})
      QCOMPARE(documents::PrintJournal(m_db).get(id).value().status, documents::PrintStatus::Failed);
  }

  // `packbench --slip-preview` with no slip printer set: the click comes back at once, the default printer is looked
  // for with the send.
  void slipPreviewsPrint_toTheDefault_doesNotWaitForTheServer()
  {
    ui::SlipPreviewDialog preview(documents::sampleSlip(3), printing::SlipPaper::A4);
    auto *print = preview.findChild<QPushButton *>(u"slipPreviewPrint"_s);
    auto *status = preview.findChild<QLabel *>(u"slipPreviewStatus"_s);
    QVERIFY(print && status);
    QElapsedTimer took;
    took.start();
    print->click();
    QVERIFY2(took.elapsed() < kNoWaitMs, qPrintable(u"held the window's thread %1 ms"_s.arg(took.elapsed())));
    QCOMPARE(status->text(), u"Sending to the default printer…"_s);
    QVERIFY(!print->isEnabled());
    QTest::qWait(300);
    QCOMPARE(status->text(), u"Sending to the default printer…"_s); // still waiting for the server

    m_server.hangUp();
    QTRY_COMPARE_WITH_TIMEOUT(status->text(),
                              u"No printer: set printing.slip_printer, or a default printer on this computer"_s, 20000);
    QVERIFY(print->isEnabled());
  }
};

QTEST_MAIN(PrintServerHangTest)
#include "print_server_hang_test.moc"
