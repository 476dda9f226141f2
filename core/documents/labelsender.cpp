// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/labelsender.h"

#include <QProcess>
#include <QTcpSocket>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace pb::documents {

Result<LabelTarget> LabelTarget::parse(const QString &spec)
{
  LabelTarget target;
  const QString s = spec.trimmed();
  if (s.isEmpty())
    return makeError(ErrorKind::InvalidInput, u"no label printer configured"_s);
  if (s.startsWith(u"tcp://"_s)) {
    const QUrl url(s);
    if (!url.isValid() || url.host().isEmpty())
      return makeError(ErrorKind::InvalidInput, u"bad label printer address '%1' (want tcp://host:9100)"_s.arg(s));
    target.kind = Kind::RawTcp;
    target.host = url.host();
    target.port = static_cast<quint16>(url.port(9100));
    return target;
  }
  static const QString allowed = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."_s;
  for (const QChar c : s)
    if (!allowed.contains(c))
      return makeError(ErrorKind::InvalidInput, u"bad CUPS queue name '%1'"_s.arg(s));
  target.kind = Kind::CupsRaw;
  target.queue = s;
  return target;
}

QString LabelTarget::describe() const
{
  return kind == Kind::RawTcp ? u"tcp://%1:%2"_s.arg(host).arg(port) : queue;
}

namespace {

Status sendTcp(const LabelTarget &target, const QByteArray &data, const SendTimeouts &timeouts)
{
  QTcpSocket socket;
  socket.connectToHost(target.host, target.port);
  if (!socket.waitForConnected(timeouts.connectMs))
    return makeError(ErrorKind::Unavailable, u"label printer %1 did not accept the connection: %2"_s.arg(
                                                 target.describe(), socket.errorString()));
  qint64 written = 0;
  while (written < data.size()) {
    const qint64 n = socket.write(data.constData() + written, data.size() - written);
    if (n < 0)
      return makeError(ErrorKind::Unavailable,
                       u"writing to label printer %1 failed: %2"_s.arg(target.describe(), socket.errorString()));
    written += n;
  }
  while (socket.bytesToWrite() > 0) {
    if (!socket.waitForBytesWritten(timeouts.writeMs))
      return makeError(ErrorKind::Unavailable,
                       u"label printer %1 stopped taking data (%2 of %3 bytes sent): %4"_s.arg(target.describe())
                           .arg(data.size() - socket.bytesToWrite())
                           .arg(data.size())
                           .arg(socket.errorString()));
  }
  socket.disconnectFromHost();
  if (socket.state() != QAbstractSocket::UnconnectedState)
    socket.waitForDisconnected(timeouts.writeMs);
  return {};
}

Status sendCups(const LabelTarget &target, const QByteArray &data, const SendTimeouts &timeouts)
{
  QProcess lp;
  lp.start(u"lp"_s, {u"-d"_s, target.queue, u"-o"_s, u"raw"_s, u"-t"_s, u"packbench-label"_s, u"-"_s});
  if (!lp.waitForStarted(timeouts.processMs))
    return makeError(ErrorKind::Unavailable, u"cannot run lp: %1"_s.arg(lp.errorString()));
  lp.write(data);
  lp.closeWriteChannel();
  if (!lp.waitForFinished(timeouts.processMs)) {
    lp.kill();
    lp.waitForFinished(1000);
    return makeError(ErrorKind::Unavailable, u"lp did not finish for queue %1"_s.arg(target.queue));
  }
  if (lp.exitStatus() != QProcess::NormalExit || lp.exitCode() != 0)
    return makeError(ErrorKind::Unavailable, u"CUPS refused the label for %1: %2"_s.arg(
                                                 target.queue, QString::fromUtf8(lp.readAllStandardError()).trimmed()));
  return {};
}

} // namespace

Status sendRawLabel(const LabelTarget &target, const QByteArray &data, const SendTimeouts &timeouts)
{
  return target.kind == LabelTarget::Kind::RawTcp ? sendTcp(target, data, timeouts) : sendCups(target, data, timeouts);
}

} // namespace pb::documents
