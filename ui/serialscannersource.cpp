// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/serialscannersource.h"

#include <QLoggingCategory>
#include <QSerialPort>
#include <QTimer>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcSerial, "packbench.ui.serialscannersource")
constexpr int kRetryMs = 2000;
constexpr qsizetype kMaxLine = 4096; // a scanner never sends this much without a line end
} // namespace

SerialScannerSource::SerialScannerSource(QString portName, int baudRate, QObject *parent)
    : QObject(parent)
    , m_portName(std::move(portName))
    , m_baudRate(baudRate)
{
  m_port = new QSerialPort(this);
  m_retry = new QTimer(this);
  m_retry->setSingleShot(true);
  m_retry->setInterval(kRetryMs);
  connect(m_retry, &QTimer::timeout, this, &SerialScannerSource::retry);
  connect(m_port, &QSerialPort::readyRead, this, &SerialScannerSource::readAvailable);
  connect(m_port, &QSerialPort::errorOccurred, this, &SerialScannerSource::handleError);
}

SerialScannerSource::~SerialScannerSource() = default;

bool SerialScannerSource::isOpen() const
{
  return m_port->isOpen();
}

bool SerialScannerSource::start()
{
  m_port->setPortName(m_portName);
  m_port->setBaudRate(m_baudRate);
  m_port->setDataBits(QSerialPort::Data8);
  m_port->setParity(QSerialPort::NoParity);
  m_port->setStopBits(QSerialPort::OneStop);
  m_port->setFlowControl(QSerialPort::NoFlowControl);
  if (!m_port->open(QIODevice::ReadOnly)) {
    if (m_reported != false) // once, not every 2 s while it stays away
      qCWarning(lcSerial).noquote() << "cannot open scanner port" << m_portName << ":" << m_port->errorString();
    report(false);
    m_retry->start();
    return false;
  }
  qCInfo(lcSerial).noquote() << "serial scanner on" << m_portName;
  m_buffer.clear();
  report(true);
  return true;
}

void SerialScannerSource::report(bool connected)
{
  if (m_reported == connected)
    return;
  m_reported = connected;
  Q_EMIT connectionChanged(connected, m_portName);
}

void SerialScannerSource::readAvailable()
{
  m_buffer += m_port->readAll();
  qsizetype end = 0;
  while ((end = m_buffer.indexOf('\n')) >= 0 || (end = m_buffer.indexOf('\r')) >= 0) {
    const QByteArray line = m_buffer.first(end);
    m_buffer.remove(0, end + 1);
    const QString raw = QString::fromLatin1(line).trimmed(); // scanners send ASCII (GS is 0x1D)
    if (!raw.isEmpty())
      Q_EMIT scanned(raw);
  }
  if (m_buffer.size() > kMaxLine)
    m_buffer.clear();
}

void SerialScannerSource::handleError()
{
  const QSerialPort::SerialPortError error = m_port->error();
  if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError)
    return;
  // A port that fails to read keeps failing (a pulled cable, a hung-up line): it is closed and opened again every 2 s,
  // rather than left open, where its read notifier fired the same error hundreds of times a second.
  if (m_port->isOpen() && (error == QSerialPort::ResourceError || error == QSerialPort::PermissionError ||
                           error == QSerialPort::ReadError)) {
    qCWarning(lcSerial).noquote() << "scanner port" << m_portName << "lost:" << m_port->errorString();
    m_port->close();
    report(false);
    m_retry->start();
  }
}

void SerialScannerSource::retry()
{
  if (!m_port->isOpen())
    start();
}

} // namespace pb::ui
