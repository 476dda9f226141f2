// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A serial scanner played by a pseudo-terminal: the test writes what the scanner would send.
#include "ui/serialscannersource.h"

#include "tests/support/fakeserialport.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace pb;

class SerialScannerSourceTest final : public QObject {
  Q_OBJECT

private:
  std::unique_ptr<test::FakeSerialPort> m_scanner;

  void send(const QByteArray &bytes) { QVERIFY(m_scanner->send(bytes)); }

private Q_SLOTS:
  void init()
  {
    m_scanner = std::make_unique<test::FakeSerialPort>();
    QVERIFY(m_scanner->isOpen());
  }

  void cleanup() { m_scanner.reset(); }

  void linesBecomeScans()
  {
    ui::SerialScannerSource source(m_scanner->path(), 9600);
    QSignalSpy scans(&source, &ui::SerialScannerSource::scanned);
    QVERIFY(source.start());
    send(QByteArrayLiteral("081234500016\r\n]C0PB*ACK\r"));
    QTRY_COMPARE(scans.count(), 2);
    QCOMPARE(scans.at(0).first().toString(), QStringLiteral("081234500016"));
    QCOMPARE(scans.at(1).first().toString(), QStringLiteral("]C0PB*ACK"));
    send(QByteArrayLiteral("0109501101530003\x1d"));
    send(QByteArrayLiteral("21SN7\n")); // a GS1 scan split across two reads
    QTRY_COMPARE(scans.count(), 3);
    QCOMPARE(scans.at(2).first().toString(), QStringLiteral("0109501101530003\x1d") + QStringLiteral("21SN7"));
  }

  // The cable pulled: the port is closed and said lost once, not left open failing every read (it spun through
  // hundreds of read errors a second), and it is tried again every 2 s.
  void unplugged_isClosedAndSaidOnce()
  {
    ui::SerialScannerSource source(m_scanner->path(), 9600);
    QSignalSpy changes(&source, &ui::SerialScannerSource::connectionChanged);
    QVERIFY(source.start());
    QCOMPARE(changes.count(), 1);
    m_scanner.reset();
    QTRY_VERIFY(!source.isOpen());
    QTest::qWait(2500); // past one retry
    QCOMPARE(changes.count(), 2);
    QCOMPARE(changes.last().first().toBool(), false);
  }

  void missingPort_isReportedNotFatal()
  {
    ui::SerialScannerSource source(QStringLiteral("/dev/packbench-no-such-scanner"), 9600);
    QVERIFY(!source.start());
    QVERIFY(!source.isOpen());
  }
};

QTEST_GUILESS_MAIN(SerialScannerSourceTest)
#include "serialscannersource_test.moc"
