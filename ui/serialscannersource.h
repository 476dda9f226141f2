// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>

#include <optional>

class QSerialPort;
class QTimer;

namespace pb::ui {

// A scanner on a serial (USB-CDC) port: each line it sends is one scan. Reopens the port when
// the scanner is unplugged and plugged back in.
class SerialScannerSource final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(SerialScannerSource)

public:
  SerialScannerSource(QString portName, int baudRate, QObject *parent = nullptr);
  ~SerialScannerSource() override;

  bool start();
  bool isOpen() const;

Q_SIGNALS:
  void scanned(const QString &raw);
  // Once at the first try, then on every change (not on each retry): the station shows whether its scanner is there.
  void connectionChanged(bool connected, const QString &portName);

private:
  void report(bool connected);
  void readAvailable();
  void handleError();
  void retry();

  QString m_portName;
  int m_baudRate;
  QSerialPort *m_port = nullptr;
  QTimer *m_retry = nullptr;
  QByteArray m_buffer;
  std::optional<bool> m_reported; // the last connectionChanged
};

} // namespace pb::ui
