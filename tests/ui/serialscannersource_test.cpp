// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A serial scanner played by a pseudo-terminal: the test writes what the scanner would send.
#include "ui/serialscannersource.h"

#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

using namespace pb;

class SerialScannerSourceTest final : public QObject {
  Q_OBJECT

private:
  int m_master = -1;
  int m_slave = -1;
  QString m_slavePath;

  void send(const QByteArray &bytes) { QCOMPARE(::write(m_master, bytes.constData(), bytes.size()), bytes.size()); }

private Q_SLOTS:
  void init()
  {
    char name[256] = {};
    QVERIFY(::openpty(&m_master, &m_slave, name, nullptr, nullptr) == 0);
    termios raw{};
    QVERIFY(::tcgetattr(m_slave, &raw) == 0);
    ::cfmakeraw(&raw);
    QVERIFY(::tcsetattr(m_slave, TCSANOW, &raw) == 0);
    m_slavePath = QString::fromLocal8Bit(name);
  }

  void cleanup()
  {
    ::close(m_slave);
    ::close(m_master);
  }

  void linesBecomeScans()
  {
    ui::SerialScannerSource source(m_slavePath, 9600);
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

  void missingPort_isReportedNotFatal()
  {
    ui::SerialScannerSource source(QStringLiteral("/dev/packbench-no-such-scanner"), 9600);
    QVERIFY(!source.start());
    QVERIFY(!source.isOpen());
  }
};

QTEST_GUILESS_MAIN(SerialScannerSourceTest)
#include "serialscannersource_test.moc"
