// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace pb::test {

// A serial scanner played by a pseudo-terminal: the program under test opens path() as its scanning.serial_port,
// the test writes what the scanner would send. The port side is raw, as a real serial line is.
class FakeSerialPort {
public:
  FakeSerialPort();
  ~FakeSerialPort();
  FakeSerialPort(const FakeSerialPort &) = delete;
  FakeSerialPort &operator=(const FakeSerialPort &) = delete;

  bool isOpen() const { return m_scanner >= 0; }
  QString path() const { return m_path; } // the port's device name, /dev/pts/N
  bool send(const QByteArray &bytes) const;
  bool scan(const QString &code) const { return send(code.toUtf8() + "\r\n"); } // a code as a scanner ends it

private:
  int m_scanner = -1;
  int m_port = -1;
  QString m_path;
};

} // namespace pb::test
