// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

namespace pb::test {

// A label printer's raw port (as a Zebra's 9100) on loopback: each connection's bytes are one job, kept in the order
// the connections came. onLabelEnd (optional) hears a job's index when its bytes end a ZPL label (^XZ).
class RawPrinterPort final : public QTcpServer {
public:
  RawPrinterPort()
  {
    listen(QHostAddress::LocalHost);
    m_port = serverPort();
    connect(this, &QTcpServer::newConnection, this, [this]() {
      while (QTcpSocket *socket = nextPendingConnection()) {
        m_jobs.append(QByteArray());
        const qsizetype index = m_jobs.size() - 1;
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, index]() {
          m_jobs[index] += socket->readAll();
          if (onLabelEnd && m_jobs.at(index).trimmed().endsWith("^XZ"))
            onLabelEnd(index);
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
      }
    });
  }

  // The printer switched off: a connection to its port is refused. switchOn() listens on the same port again.
  void switchOff() { close(); }
  bool switchOn()
  {
    const quint16 port = m_port;
    return listen(QHostAddress::LocalHost, port);
  }

  // printing.label_printer for this port.
  QString target() const { return QStringLiteral("tcp://127.0.0.1:%1").arg(m_port); }
  const QList<QByteArray> &jobs() const { return m_jobs; }

  std::function<void(qsizetype)> onLabelEnd;

private:
  QList<QByteArray> m_jobs;
  quint16 m_port = 0;
};

} // namespace pb::test
