// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Prints packing slips and labels through the sandboxed cupsd and reads back what the queue wrote:
// text with pdftotext, the barcode with pdftoppm + zxing-cpp.
#include "core/db/sql.h"
#include "core/documents/printjournal.h"
#include "tests/support/code128read.h"
#include "tests/support/cupssandbox.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"
#include "ui/printing/barcodeimage.h"
#include "ui/printing/journaledprinter.h"
#include "ui/slippreviewdialog.h"

#include <QBuffer>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace pb;
using namespace Qt::StringLiterals;

namespace {

// CupsCapture's journaled PDFs, read by the poppler tools.
using test::pdfPageCount;
using test::pdfText;

} // namespace

class SlipPrintTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  std::optional<test::CupsCapture> m_cups;
  QString m_output; // the PDF of the last job waitForPdf() found
  QSqlDatabase m_db;
  qint64 m_giftOrderFo = 0; // #1002: three lines and a gift message
  qint64 m_longFo = 0;      // 60 lines

  // Waits for a job printed after `before` whose PDF holds `needle`; on a time-out, fails with cupsd's error_log.
  bool waitForPdf(qint64 before, const QString &needle)
  {
    auto pdf = m_cups->waitForText(before, needle);
    if (!pdf) {
      qWarning().noquote() << pdf.error().message;
      return false;
    }
    m_output = pdf.value();
    return true;
  }

  // The journaled printer as the station builds it, laying slips out on `paper`.
  std::unique_ptr<printing::JournaledPrinter> slipPrinter(printing::SlipPaper paper)
  {
    auto printer = std::make_unique<printing::JournaledPrinter>(m_db, printing::JournaledPrinter::Policy{});
    printer->setSlipLayout(paper);
    return printer;
  }

  qint64 foFor(const QString &orderName)
  {
    auto q = db::exec(m_db,
                      u"SELECT fo.id FROM fulfillment_orders fo JOIN orders o ON o.id = fo.order_id WHERE o.name = ?"_s,
                      {orderName});
    return q && q.value().next() ? q.value().value(0).toLongLong() : 0;
  }

  QStringList skusOf(qint64 fo)
  {
    QStringList skus;
    auto q =
        db::exec(m_db, u"SELECT sku FROM fulfillment_order_lines WHERE fulfillment_order_id = ? ORDER BY id"_s, {fo});
    while (q && q.value().next())
      skus << q.value().value(0).toString();
    return skus;
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto cups = test::cupsSandbox();
    VERIFY_OK(cups);
    m_cups.emplace(cups.value());

    const test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
    auto db = test::openDemoSqlite(m_dir.filePath(u"station.sqlite"_s), u"slip-print"_s, clock);
    VERIFY_OK(db);
    m_db = db.value();
    m_giftOrderFo = foFor(u"#1002"_s);
    QVERIFY(m_giftOrderFo > 0);
    m_longFo = foFor(u"#1003"_s);
    QVERIFY(m_longFo > 0);
    QVERIFY(db::exec(m_db, u"DELETE FROM fulfillment_order_lines WHERE fulfillment_order_id = ?"_s, {m_longFo}).ok());
    for (int i = 1; i <= 60; ++i)
      QVERIFY(
          db::exec(m_db,
                   u"INSERT INTO fulfillment_order_lines (fulfillment_order_id, title, variant_title, sku, quantity, "
                   "remaining_quantity) VALUES (?, ?, ?, ?, ?, ?)"_s,
                   {m_longFo, u"Line item number %1"_s.arg(i), u"Size %1"_s.arg(i % 4),
                    u"LONG-%1"_s.arg(i, 3, 10, QChar(u'0')), 1 + i % 3, 1 + i % 3})
              .ok());
  }

  void printSlip_arrivesAsPdf_withOrderNameAndEverySku()
  {
    const qint64 before = m_cups->lastJob();
    auto printer = slipPrinter(printing::SlipPaper::Letter);
    QSignalSpy printed(printer.get(), &printing::JournaledPrinter::jobPrinted);
    auto job = printer->printSlip(m_giftOrderFo, u"packbench-pdf"_s);
    QVERIFY2(job.ok(), qPrintable(job.ok() ? QString() : job.error().message));
    QTRY_COMPARE(printed.count(), 1);
    QVERIFY2(waitForPdf(before, u"Total items"_s), "the slip never arrived in the PDF queue");
    const QString text = pdfText(m_output);
    QVERIFY(text.contains(u"#1002"_s));
    const QStringList skus = skusOf(m_giftOrderFo);
    QVERIFY(!skus.isEmpty());
    for (const QString &sku : skus)
      QVERIFY2(text.contains(sku), qPrintable(sku));
    QVERIFY(text.contains(u"Happy birthday"_s));
    auto row = documents::PrintJournal(m_db).get(job.value());
    QVERIFY(row.ok());
    QCOMPARE(row.value().status, documents::PrintStatus::Done);
    QCOMPARE(row.value().attempts, 1);
  }

  // No slip printer set: the job goes to the default printer, whose name the send finds off the window's thread; the
  // journal then names it (the sandbox's default is packbench-pdf).
  void slipForTheDefaultPrinter_isJournaledWithTheQueueItWentTo()
  {
    const qint64 before = m_cups->lastJob();
    auto printer = slipPrinter(printing::SlipPaper::Letter);
    QSignalSpy printed(printer.get(), &printing::JournaledPrinter::jobPrinted);
    auto job = printer->printSlip(m_giftOrderFo, QString());
    VERIFY_OK(job);
    auto queued = documents::PrintJournal(m_db).get(job.value());
    VERIFY_OK(queued);
    QCOMPARE(queued.value().printer, QString()); // nothing asked of CUPS on this thread
    QTRY_COMPARE(printed.count(), 1);
    QVERIFY2(waitForPdf(before, u"Total items"_s), "the slip never arrived in the default queue");
    auto row = documents::PrintJournal(m_db).get(job.value());
    VERIFY_OK(row);
    QCOMPARE(row.value().printer, u"packbench-pdf"_s);
    QCOMPARE(row.value().status, documents::PrintStatus::Done);
    // A reprint goes where the first one went.
    QSignalSpy reprinted(printer.get(), &printing::JournaledPrinter::jobPrinted);
    auto again = printer->reprint(job.value());
    VERIFY_OK(again);
    QTRY_COMPARE(reprinted.count(), 1);
    QCOMPARE(documents::PrintJournal(m_db).get(again.value()).value().printer, u"packbench-pdf"_s);
  }

  void printedSlip_barcodeDecodesToOrderName()
  {
    QVERIFY2(!m_output.isEmpty() && pdfText(m_output).contains(u"#1002"_s),
             "run after printSlip_arrivesAsPdf_withOrderNameAndEverySku");
    QCOMPARE(test::readCode128OnFirstPage(m_output, m_dir.filePath(u"page"_s), 200), u"#1002"_s);
  }

  // `packbench --slip-preview`: the merchant's template on the sample order, printed from the preview without a
  // journal row (a sample is no order).
  void slipPreview_printsTheSampleThroughTheMerchantsTemplate_outsideTheJournal()
  {
    const qint64 before = m_cups->lastJob();
    const qint64 journaled = test::scalar(m_db, u"SELECT count(*) FROM print_jobs"_s);
    ui::SlipPreviewDialog preview(documents::sampleSlip(3), printing::SlipPaper::A4,
                                  u"<h1>PREVIEW {{ order.name }}</h1>{% for line in line_items_in_shipment %}"
                                  "<p>SKU {{ line.sku }}</p>{% endfor %}"_s);
    preview.setPrinter(u"packbench-pdf"_s);
    auto *print = preview.findChild<QPushButton *>(u"slipPreviewPrint"_s);
    auto *status = preview.findChild<QLabel *>(u"slipPreviewStatus"_s);
    print->click();
    // The click came back before the slip was rendered and sent: the window's thread is not held by the printer.
    QCOMPARE(status->text(), u"Sending to packbench-pdf…"_s);
    QVERIFY(!print->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), u"Sent to packbench-pdf"_s, 20000);
    QVERIFY(print->isEnabled());
    QVERIFY2(waitForPdf(before, u"PREVIEW #1002"_s), "the sample slip never arrived in the PDF queue");
    QVERIFY(pdfText(m_output).contains(u"SKU "_s + documents::sampleSlip(3).lines.first().sku));
    QCOMPARE(test::scalar(m_db, u"SELECT count(*) FROM print_jobs"_s), journaled);
  }

  void longOrder_flowsOntoPages_withHeaderAndPageNumbers()
  {
    const qint64 before = m_cups->lastJob();
    auto printer = slipPrinter(printing::SlipPaper::A4);
    QVERIFY(printer->printSlip(m_longFo, u"packbench-pdf"_s).ok());
    QVERIFY2(waitForPdf(before, u"Total items"_s), "the long slip never arrived");
    const int pages = pdfPageCount(m_output);
    QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
    for (int p = 1; p <= pages; ++p) {
      const QString text = pdfText(m_output, p);
      QVERIFY2(text.contains(u"Page %1 of %2"_s.arg(p).arg(pages)), qPrintable(text));
      QVERIFY2(text.contains(u"QTY"_s) && text.contains(u"SKU"_s), qPrintable(u"no table header on page %1"_s.arg(p)));
      QVERIFY(text.contains(u"#1003"_s));
      if (p > 1)
        QVERIFY(text.contains(u"continued"_s));
    }
    const QString all = pdfText(m_output);
    for (const QString &sku : skusOf(m_longFo))
      QVERIFY2(all.contains(sku), qPrintable(sku));
  }

  void missingPrinter_raisesAlert_andJobCanBeMoved()
  {
    auto printer = slipPrinter(printing::SlipPaper::Letter);
    QSignalSpy failed(printer.get(), &printing::JournaledPrinter::jobFailed);
    auto job = printer->printSlip(m_giftOrderFo, u"no-such-printer"_s);
    QVERIFY(job.ok()); // journaled; the refusal follows
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(!failed.at(0).at(2).toBool()); // a missing queue does not come back by itself: no retry
    QVERIFY(failed.at(0).at(1).toString().contains(u"no-such-printer"_s));
    const qint64 failedId = failed.at(0).at(0).toLongLong();
    documents::PrintJournal journal(m_db);
    auto row = journal.get(failedId);
    QVERIFY(row.ok());
    QCOMPARE(row.value().status, documents::PrintStatus::Failed);
    QVERIFY(!row.value().lastError.isEmpty());

    const qint64 before = m_cups->lastJob();
    auto moved = printer->move(failedId, u"packbench-pdf"_s);
    QVERIFY2(moved.ok(), qPrintable(moved.ok() ? QString() : moved.error().message));
    QVERIFY(waitForPdf(before, u"#1002"_s));
    QCOMPARE(journal.get(failedId).value().status, documents::PrintStatus::Moved);
    QCOMPARE(journal.get(failedId).value().movedToJobId, moved.value());
    QTRY_COMPARE(journal.get(moved.value()).value().status, documents::PrintStatus::Done);
  }

  void stoppedPrinter_raisesAlert_andRetrySucceedsOnceItIsBack()
  {
    const QString ppd = u"/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd"_s;
    QCOMPARE(QProcess::execute(u"lpadmin"_s, {u"-p"_s, u"packbench-stopped"_s, u"-E"_s, u"-v"_s, u"file:///dev/null"_s,
                                              u"-P"_s, ppd}),
             0);
    QCOMPARE(QProcess::execute(u"cupsdisable"_s, {u"packbench-stopped"_s}), 0);
    auto printer = slipPrinter(printing::SlipPaper::Letter);
    QSignalSpy failed(printer.get(), &printing::JournaledPrinter::jobFailed);
    QSignalSpy printed(printer.get(), &printing::JournaledPrinter::jobPrinted);
    auto job = printer->printSlip(m_giftOrderFo, u"packbench-stopped"_s);
    QVERIFY(job.ok());
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(1).toString().contains(u"stopped"_s), qPrintable(failed.at(0).at(1).toString()));
    const qint64 id = failed.at(0).at(0).toLongLong();
    documents::PrintJournal journal(m_db);
    QCOMPARE(journal.get(id).value().status, documents::PrintStatus::Failed);

    QCOMPARE(QProcess::execute(u"cupsenable"_s, {u"packbench-stopped"_s}), 0);
    const Status retried = printer->retry(id);
    QVERIFY2(retried.ok(), qPrintable(retried.ok() ? QString() : retried.error().message));
    QTRY_COMPARE(printed.count(), 1);
    QProcess::execute(u"lpadmin"_s, {u"-x"_s, u"packbench-stopped"_s});
    QCOMPARE(journal.get(id).value().status, documents::PrintStatus::Done);
    QCOMPARE(journal.get(id).value().attempts, 2);
    QCOMPARE(printer->retry(id).error().kind, ErrorKind::Conflict); // a done job is closed
  }

  void zplLabel_sentRawToCupsQueue_arrivesByteExact()
  {
    // The file:// backend writes nothing for raw jobs, so read the job's spool file (PreserveJobFiles).
    const QDir spool(qEnvironmentVariable("PACKBENCH_TEST_CUPS_DIR") + u"/spool"_s);
    const QStringList before = spool.entryList({u"d*"_s}, QDir::Files);
    const QByteArray zpl = "^XA^FO50,50^A0N,40,40^FDPackbench raw test^FS^XZ\n";
    auto printer = slipPrinter(printing::SlipPaper::Letter);
    QSignalSpy printed(printer.get(), &printing::JournaledPrinter::jobPrinted);
    auto job = printer->printLabel(m_giftOrderFo, u"packbench-pdf"_s, zpl, documents::PrintFormat::Zpl, u"raw"_s);
    QVERIFY(job.ok());
    QTRY_COMPARE_WITH_TIMEOUT(printed.count(), 1, 30'000); // lp took it
    QStringList added;
    auto newFiles = [&] {
      QStringList now = spool.entryList({u"d*"_s}, QDir::Files);
      now.removeIf([&](const QString &name) { return before.contains(name); });
      return now;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!(added = newFiles()).isEmpty(), 30'000);
    QFile file(spool.filePath(added.constFirst()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), zpl);
  }

  void pngAndPdfCarrierLabels_printThroughQPrinter_andScanBack()
  {
    auto bars = printing::code128Image(u"1Z999AA10123456784"_s, 4, 40);
    QVERIFY(bars.ok());
    QByteArray png;
    QBuffer pngBuffer(&png);
    pngBuffer.open(QIODevice::WriteOnly);
    QVERIFY(bars.value().save(&pngBuffer, "PNG"));
    QByteArray pdf;
    {
      QBuffer pdfBuffer(&pdf);
      pdfBuffer.open(QIODevice::WriteOnly);
      QPdfWriter writer(&pdfBuffer);
      writer.setPageSize(printing::pageSizeFor(printing::SlipPaper::Thermal4x6));
      writer.setResolution(300);
      QPainter painter(&writer);
      painter.setRenderHint(QPainter::LosslessImageRendering);
      painter.drawText(QPointF(60, 100), u"CARRIER LABEL"_s);
      painter.drawImage(QRectF(60, 200, 900, 300), bars.value());
    }
    auto printer = slipPrinter(printing::SlipPaper::Letter);
    QSignalSpy printed(printer.get(), &printing::JournaledPrinter::jobPrinted);
    for (const auto &[data, format] :
         {std::pair{png, documents::PrintFormat::Png}, std::pair{pdf, documents::PrintFormat::Pdf}}) {
      const qint64 before = m_cups->lastJob();
      auto job = printer->printLabel(m_giftOrderFo, u"packbench-pdf"_s, data, format, u"carrier"_s);
      QVERIFY2(job.ok(), qPrintable(job.ok() ? QString() : job.error().message));
      QTRY_COMPARE_WITH_TIMEOUT(documents::PrintJournal(m_db).get(job.value()).value().status,
                                documents::PrintStatus::Done, 30'000);
      auto captured = m_cups->waitForJob(before, [](const QString &) { return true; });
      QVERIFY2(captured.ok(), qPrintable(captured.ok() ? QString() : captured.error().message));
      QCOMPARE(test::readCode128OnFirstPage(captured.value(), m_dir.filePath(u"page"_s), 200), u"1Z999AA10123456784"_s);
      QCOMPARE(documents::PrintJournal(m_db).get(job.value()).value().status, documents::PrintStatus::Done);
    }
    QCOMPARE(printed.count(), 2);
    QSignalSpy failed(printer.get(), &printing::JournaledPrinter::jobFailed);
    QVERIFY(printer->printLabel(m_giftOrderFo, u"packbench-pdf"_s, "not a pdf", documents::PrintFormat::Pdf, {}).ok());
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(1).toString().contains(u"not a readable PDF"_s),
             qPrintable(failed.at(0).at(1).toString()));
  }

  void zplLabel_toUnknownCupsQueue_isRefusedClearly()
  {
    printing::JournaledPrinter printer(m_db, {1, 0, {}});
    QSignalSpy failed(&printer, &printing::JournaledPrinter::jobFailed);
    auto job = printer.printLabel(m_giftOrderFo, u"no-such-queue"_s, "^XA^XZ", documents::PrintFormat::Zpl, u"raw"_s);
    QVERIFY(job.ok());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30'000);
    QVERIFY2(failed.at(0).at(1).toString().contains(u"no-such-queue"_s), qPrintable(failed.at(0).at(1).toString()));
    QCOMPARE(documents::PrintJournal(m_db).get(job.value()).value().status, documents::PrintStatus::Failed);
  }

  // No installed font has Linear A: the slip prints with the gap marked, and the journal says so.
  void slipWithACharacterNoFontHas_printsMarked_andIsJournaledFailed()
  {
    const qint64 fo = foFor(u"#1004"_s);
    QVERIFY(fo > 0);
    QVERIFY(db::exec(m_db,
                     u"UPDATE orders SET shipping_address = json_set(shipping_address, '$.name', ?) "
                     "WHERE name = '#1004'"_s,
                     {QString::fromUcs4(U"Ana \U00010600 Lee", 9)})
                .ok());
    const qint64 before = m_cups->lastJob();
    auto printer = slipPrinter(printing::SlipPaper::Letter);
    QSignalSpy failed(printer.get(), &printing::JournaledPrinter::jobIncomplete);
    QSignalSpy printed(printer.get(), &printing::JournaledPrinter::jobPrinted);
    auto job = printer->printSlip(fo, u"packbench-pdf"_s);
    QVERIFY(job.ok());
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(1).toString().contains(u"U+10600"_s), qPrintable(failed.at(0).at(1).toString()));
    QCOMPARE(printed.count(), 0);
    auto row = documents::PrintJournal(m_db).get(failed.at(0).at(0).toLongLong());
    QVERIFY(row.ok());
    QCOMPARE(row.value().status, documents::PrintStatus::Failed);
    QCOMPARE(row.value().attempts, 1);
    QVERIFY2(row.value().lastError.contains(u"U+10600"_s), qPrintable(row.value().lastError));
    QVERIFY2(waitForPdf(before, u"cannot be printed"_s), "the marked slip never arrived");
    QVERIFY2(pdfText(m_output).contains(u"Ana ? Lee"_s), qPrintable(pdfText(m_output)));
  }
};

QTEST_MAIN(SlipPrintTest)
#include "slip_print_test.moc"
