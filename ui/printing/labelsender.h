// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

class QProcess;
class QTcpSocket;
class QTimer;

namespace pb::printing {

// Where a label goes: "tcp://host:9100" (raw socket, the printer's JetDirect port) or a CUPS
// queue name (sent raw with `lp -o raw`).
struct LabelTarget {
  enum class Kind { RawTcp, CupsRaw };
  Kind kind = Kind::CupsRaw;
  QString host;
  quint16 port = 9100;
  QString queue;

  static Result<LabelTarget> parse(const QString &spec);
  QString describe() const;
};

struct SendTimeouts {
  int connectMs = 3000;
  int writeMs = 5000;    // no progress for this long: the printer stopped taking data
  int processMs = 15000; // lp
};

// Sends one label's bytes to a label printer exactly as they are, without blocking the thread it lives on:
// the socket or `lp` runs on the event loop, and finished() says how it went. Unavailable when the printer is
// off, refuses the connection, stalls past the timeout or CUPS rejects the job. One send per object.
class LabelSender final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(LabelSender)

public:
  explicit LabelSender(QObject *parent = nullptr);
  ~LabelSender() override;

  void start(const LabelTarget &target, const QByteArray &data, const SendTimeouts &timeouts = {});

Q_SIGNALS:
  // Emitted once, always after start() has returned; `error` says why when !ok.
  void finished(bool ok, const QString &error);

private:
  void startTcp();
  void startCups();
  void writeMore();
  void finish(const Status &status);

  LabelTarget m_target;
  QByteArray m_data;
  SendTimeouts m_timeouts;
  QTcpSocket *m_socket = nullptr;
  QProcess *m_lp = nullptr;
  QTimer *m_deadline = nullptr; // connect, stall or lp time-out
  qint64 m_written = 0;         // handed to the socket
  bool m_done = false;
};

} // namespace pb::printing
