// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/fakeserialport.h"

#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace pb::test {

FakeSerialPort::FakeSerialPort()
{
  char name[256] = {};
  if (::openpty(&m_scanner, &m_port, name, nullptr, nullptr) != 0) {
    m_scanner = m_port = -1;
    return;
  }
  termios raw{};
  // A terminal's line discipline would turn CR into LF and echo back; a serial line passes bytes as sent.
  if (::tcgetattr(m_port, &raw) != 0 || (::cfmakeraw(&raw), ::tcsetattr(m_port, TCSANOW, &raw)) != 0) {
    ::close(m_port);
    ::close(m_scanner);
    m_scanner = m_port = -1;
    return;
  }
  m_path = QString::fromLocal8Bit(name);
}

FakeSerialPort::~FakeSerialPort()
{
  if (m_port >= 0)
    ::close(m_port);
  if (m_scanner >= 0)
    ::close(m_scanner);
}

bool FakeSerialPort::send(const QByteArray &bytes) const
{
  return isOpen() && ::write(m_scanner, bytes.constData(), size_t(bytes.size())) == bytes.size();
}

} // namespace pb::test
