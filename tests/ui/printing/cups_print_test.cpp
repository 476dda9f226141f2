// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Prints through the sandboxed cupsd for real and reads the PDF the queue wrote back.
#include "tests/support/cupscapture.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QPrinter>
#include <QPrinterInfo>
#include <QTest>
#include <QTextDocument>

#include <optional>

class CupsPrintTest final : public QObject {
  Q_OBJECT

private:
  std::optional<pb::test::CupsCapture> m_cups;

private Q_SLOTS:
  void initTestCase()
  {
    auto cups = pb::test::CupsCapture::fromEnvironment();
    QVERIFY2(cups.ok(), qPrintable(cups.ok() ? QString() : cups.error().message));
    m_cups.emplace(cups.value());
    QVERIFY2(QFileInfo::exists(qEnvironmentVariable("CUPS_SERVER")), "sandboxed cupsd socket missing");
  }

  void queue_isVisibleToQt()
  {
    const QStringList names = QPrinterInfo::availablePrinterNames();
    QVERIFY2(names.contains(QStringLiteral("packbench-pdf")), qPrintable(names.join(QLatin1Char(','))));
  }

  void printedPage_arrivesAsPdf_withItsText()
  {
    const qint64 before = m_cups->lastJob();
    QPrinter printer(QPrinterInfo::printerInfo(QStringLiteral("packbench-pdf")), QPrinter::HighResolution);
    QVERIFY(printer.isValid());
    printer.setDocName(QStringLiteral("packbench-smoke"));
    QTextDocument doc;
    doc.setHtml(
        QStringLiteral("<h1>Packing slip #1001</h1><p>SKU NW-TD-001 &times; 2</p><p>SKU NW-MCS-005 &times; 1</p>"));
    doc.print(&printer);
    auto pdf = m_cups->waitForText(before, QStringLiteral("NW-MCS-005"));
    QVERIFY2(pdf.ok(), qPrintable(pdf.ok() ? QString() : pdf.error().message));
    const QString text = pb::test::CupsCapture::pdfText(pdf.value());
    QVERIFY(text.contains(QStringLiteral("Packing slip #1001")));
    QVERIFY(text.contains(QStringLiteral("NW-TD-001")));
  }

  // Two jobs back to back: each arrives whole in its own file, the shorter one with no tail of the other.
  void consecutiveJobs_eachArriveWhole()
  {
    const qint64 before = m_cups->lastJob();
    for (const QString &name : {QStringLiteral("long-job"), QStringLiteral("short")}) {
      QPrinter printer(QPrinterInfo::printerInfo(QStringLiteral("packbench-pdf")), QPrinter::HighResolution);
      printer.setDocName(name);
      QTextDocument doc;
      QString html = QStringLiteral("<h1>%1</h1>").arg(name);
      if (name == u"long-job")
        html += QStringLiteral("<p>filler line</p>").repeated(300);
      doc.setHtml(html);
      doc.print(&printer);
    }
    auto shortPdf = m_cups->waitForText(before, QStringLiteral("short"));
    QVERIFY2(shortPdf.ok(), qPrintable(shortPdf.ok() ? QString() : shortPdf.error().message));
    const QString text = pb::test::CupsCapture::pdfText(shortPdf.value());
    QVERIFY2(!text.contains(QStringLiteral("filler line")), qPrintable(text));
    auto longPdf = m_cups->waitForText(before, QStringLiteral("long-job"));
    QVERIFY2(longPdf.ok(), qPrintable(longPdf.ok() ? QString() : longPdf.error().message));
    QVERIFY(longPdf.value() != shortPdf.value());
  }

  void unknownPrinter_isInvalid()
  {
    const QPrinterInfo info = QPrinterInfo::printerInfo(QStringLiteral("no-such-printer"));
    QVERIFY(info.isNull());
  }
};

QTEST_MAIN(CupsPrintTest)
#include "cups_print_test.moc"
