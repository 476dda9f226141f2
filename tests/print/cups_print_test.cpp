// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Prints through the sandboxed cupsd for real and reads the PDF the queue wrote back.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPrinter>
#include <QPrinterInfo>
#include <QProcess>
#include <QTest>
#include <QTextDocument>

class CupsPrintTest final : public QObject {
  Q_OBJECT

private:
  QString m_output;

  static QString pdfText(const QString &path)
  {
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    p.waitForFinished(30'000);
    return QString::fromUtf8(p.readAllStandardOutput());
  }

private Q_SLOTS:
  void initTestCase()
  {
    const QString dir = qEnvironmentVariable("PACKBENCH_TEST_CUPS_DIR");
    QVERIFY2(!dir.isEmpty(), "PACKBENCH_TEST_CUPS_DIR not set: run through ctest so the cups fixture starts");
    m_output = dir + QStringLiteral("/out/packbench-pdf.pdf");
    QVERIFY2(QFileInfo::exists(qEnvironmentVariable("CUPS_SERVER")), "sandboxed cupsd socket missing");
  }

  void queue_isVisibleToQt()
  {
    const QStringList names = QPrinterInfo::availablePrinterNames();
    QVERIFY2(names.contains(QStringLiteral("packbench-pdf")), qPrintable(names.join(QLatin1Char(','))));
  }

  void printedPage_arrivesAsPdf_withItsText()
  {
    QFile::remove(m_output);
    QPrinter printer(QPrinterInfo::printerInfo(QStringLiteral("packbench-pdf")), QPrinter::HighResolution);
    QVERIFY(printer.isValid());
    printer.setDocName(QStringLiteral("packbench-smoke"));
    QTextDocument doc;
    doc.setHtml(
        QStringLiteral("<h1>Packing slip #1001</h1><p>SKU NW-TD-001 &times; 2</p><p>SKU NW-MCS-005 &times; 1</p>"));
    doc.print(&printer);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(m_output).size() > 0, 30'000);
    QString text;
    // The backend writes the file in pieces; wait until pdftotext sees the whole page.
    QTRY_VERIFY_WITH_TIMEOUT((text = pdfText(m_output)).contains(QStringLiteral("NW-MCS-005")), 30'000);
    QVERIFY(text.contains(QStringLiteral("Packing slip #1001")));
    QVERIFY(text.contains(QStringLiteral("NW-TD-001")));
  }

  void unknownPrinter_isInvalid()
  {
    const QPrinterInfo info = QPrinterInfo::printerInfo(QStringLiteral("no-such-printer"));
    QVERIFY(info.isNull());
  }
};

QTEST_MAIN(CupsPrintTest)
#include "cups_print_test.moc"
