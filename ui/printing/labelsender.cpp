// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printing/labelsender.h"

#include <QProcess>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace pb::printing {

Result<LabelTarget> LabelTarget::parse(const QString &spec)
{
  LabelTarget target;
  const QString s = spec.trimmed();
  if (s.isEmpty())
    return makeError(ErrorKind::InvalidInput, LabelSender::tr("no label printer configured"));
  if (s.startsWith(u"tcp://"_s)) {
    const QUrl url(s);
    if (!url.isValid() || url.host().isEmpty())
      return makeError(ErrorKind::InvalidInput,
                       LabelSender::tr("bad label printer address '%1' (want tcp://host:9100)").arg(s));
    target.kind = Kind::RawTcp;
    target.host = url.host();
    target.port = static_cast<quint16>(url.port(9100));
    return target;
  }
  static const QString allowed = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."_s;
  for (const QChar c : s)
    if (!allowed.contains(c))
      return makeError(ErrorKind::InvalidInput, LabelSender::tr("bad CUPS queue name '%1'").arg(s));
  target.kind = Kind::CupsRaw;
  target.queue = s;
  return target;
}

QString LabelTarget::describe() const
{
  return kind == Kind::RawTcp ? u"tcp://%1:%2"_s.arg(host).arg(port) : queue;
}

LabelSender::LabelSender(QObject *parent)
    : QObject(parent)
    , m_deadline(new QTimer(this))
{
  m_deadline->setSingleShot(true);
}

LabelSender::~LabelSender() = default;

void LabelSender::start(const LabelTarget &target, const QByteArray &data, const SendTimeouts &timeouts)
{
  m_target = target;
  m_data = data;
  m_timeouts = timeouts;
  if (target.kind == LabelTarget::Kind::RawTcp)
    startTcp();
  else
    startCups();
}

void LabelSender::startTcp()
{
  m_socket = new QTcpSocket(this);
  connect(m_socket, &QTcpSocket::connected, this, &LabelSender::writeMore);
  connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
    m_deadline->start(m_timeouts.writeMs); // progress: the stall clock starts over
    if (m_socket->bytesToWrite() == 0 && m_written == m_data.size()) {
      m_socket->disconnectFromHost(); // nothing left in Qt's buffer: closes at once, the kernel flushes the rest
      finish({});
    }
  });
  connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
    const bool connected = m_written > 0;
    finish(makeError(
        ErrorKind::Unavailable,
        connected ? tr("writing to label printer %1 failed: %2").arg(m_target.describe(), m_socket->errorString())
                  : tr("label printer %1 did not accept the connection: %2")
                        .arg(m_target.describe(), m_socket->errorString())));
  });
  connect(m_deadline, &QTimer::timeout, this, [this] {
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
      finish(makeError(ErrorKind::Unavailable, tr("label printer %1 did not accept the connection: no answer in %2 ms")
                                                   .arg(m_target.describe())
                                                   .arg(m_timeouts.connectMs)));
      return;
    }
    finish(
        makeError(ErrorKind::Unavailable, tr("label printer %1 stopped taking data (%2 of %3 bytes sent): no progress "
                                             "in %4 ms")
                                              .arg(m_target.describe())
                                              .arg(m_data.size() - m_socket->bytesToWrite())
                                              .arg(m_data.size())
                                              .arg(m_timeouts.writeMs)));
  });
  m_deadline->start(m_timeouts.connectMs);
  m_socket->connectToHost(m_target.host, m_target.port);
}

void LabelSender::writeMore()
{
  // Qt buffers it all; bytesWritten reports each piece the kernel takes.
  const qint64 n = m_socket->write(m_data);
  if (n != m_data.size()) {
    finish(makeError(ErrorKind::Unavailable,
                     tr("writing to label printer %1 failed: %2").arg(m_target.describe(), m_socket->errorString())));
    return;
  }
  m_written = n;
  m_deadline->start(m_timeouts.writeMs);
  if (m_data.isEmpty()) {
    m_socket->disconnectFromHost();
    finish({});
  }
}

void LabelSender::startCups()
{
  m_lp = new QProcess(this);
  connect(m_lp, &QProcess::started, this, [this] {
    m_lp->write(m_data);
    m_lp->closeWriteChannel();
  });
  connect(m_lp, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
    if (error == QProcess::FailedToStart)
      finish(makeError(ErrorKind::Unavailable, tr("cannot run lp: %1").arg(m_lp->errorString())));
  });
  connect(m_lp, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
    if (status == QProcess::NormalExit && exitCode == 0) {
      finish({});
      return;
    }
    finish(makeError(ErrorKind::Unavailable,
                     tr("CUPS refused the label for %1: %2")
                         .arg(m_target.queue, QString::fromUtf8(m_lp->readAllStandardError()).trimmed())));
  });
  connect(m_deadline, &QTimer::timeout, this, [this] {
    finish(makeError(ErrorKind::Unavailable, tr("lp did not finish for queue %1").arg(m_target.queue)));
    m_lp->kill();
  });
  m_deadline->start(m_timeouts.processMs);
  m_lp->start(u"lp"_s, {u"-d"_s, m_target.queue, u"-o"_s, u"raw"_s, u"-t"_s, u"packbench-label"_s, u"-"_s});
}

void LabelSender::finish(const Status &status)
{
  if (m_done)
    return;
  m_done = true;
  m_deadline->stop();
  if (!status && m_socket)
    m_socket->abort();
  const bool ok = status.ok();
  const QString error = ok ? QString() : status.error().message;
  // Queued: the outcome never arrives inside start(), whatever failed how early.
  QMetaObject::invokeMethod(
      this, [this, ok, error] { Q_EMIT finished(ok, error); }, Qt::QueuedConnection);
}

} // namespace pb::printing
