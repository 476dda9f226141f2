// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/networkcut.h"

#include <QCoreApplication>
#include <QStandardPaths>

#include <unistd.h>

namespace pb::test {

NetworkCut::NetworkCut(QString relayScript, QString unixSocket)
    : m_relayScript(std::move(relayScript))
    , m_unixSocket(std::move(unixSocket))
{
  // Names and a /30 of their own per process: two test runs on one machine do not meet.
  const qint64 pid = QCoreApplication::applicationPid();
  m_namespace = QStringLiteral("pbcut%1").arg(pid);
  m_hostLink = QStringLiteral("pbh%1").arg(pid % 1000000);
  m_farLink = QStringLiteral("pbn%1").arg(pid % 1000000);
  const int net = static_cast<int>(pid % 64) * 4;
  m_hostAddress = QStringLiteral("10.213.%1.%2").arg(pid / 64 % 250).arg(net + 1);
  m_address = QStringLiteral("10.213.%1.%2").arg(pid / 64 % 250).arg(net + 2);
}

NetworkCut::~NetworkCut()
{
  if (m_relay) {
    m_relay->kill();
    m_relay->waitForFinished(5000);
  }
  ip({QStringLiteral("netns"), QStringLiteral("delete"), m_namespace}); // takes the pair with it
}

QString NetworkCut::unavailableReason()
{
  if (::geteuid() != 0)
    return QStringLiteral("needs root to make a network namespace (CI runs the tests as root)");
  if (QStandardPaths::findExecutable(QStringLiteral("ip")).isEmpty())
    return QStringLiteral("needs `ip` (iproute2, installed by scripts/install-deps.sh)");
  // A container without CAP_NET_ADMIN runs as root and still may not make one: try, and say so.
  const QString probe = QStringLiteral("pbprobe%1").arg(QCoreApplication::applicationPid());
  QProcess add;
  add.setProcessChannelMode(QProcess::MergedChannels);
  add.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("add"), probe});
  const bool made = add.waitForFinished(10000) && add.exitStatus() == QProcess::NormalExit && add.exitCode() == 0;
  if (!made)
    return QStringLiteral("this machine does not allow a network namespace here: %1")
        .arg(QString::fromLocal8Bit(add.readAll()).trimmed());
  QProcess::execute(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("delete"), probe});
  return {};
}

bool NetworkCut::ip(const QStringList &args) const
{
  QProcess process;
  process.start(QStringLiteral("ip"), args);
  return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QString NetworkCut::setUp()
{
  const QString ns = m_namespace;
  const QList<QStringList> steps{
      {QStringLiteral("netns"), QStringLiteral("add"), ns},
      {QStringLiteral("link"), QStringLiteral("add"), m_hostLink, QStringLiteral("type"), QStringLiteral("veth"),
       QStringLiteral("peer"), QStringLiteral("name"), m_farLink},
      {QStringLiteral("link"), QStringLiteral("set"), m_farLink, QStringLiteral("netns"), ns},
      {QStringLiteral("addr"), QStringLiteral("add"), m_hostAddress + QStringLiteral("/30"), QStringLiteral("dev"),
       m_hostLink},
      {QStringLiteral("link"), QStringLiteral("set"), m_hostLink, QStringLiteral("up")},
      {QStringLiteral("-n"), ns, QStringLiteral("addr"), QStringLiteral("add"), m_address + QStringLiteral("/30"),
       QStringLiteral("dev"), m_farLink},
      {QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"), m_farLink, QStringLiteral("up")},
      {QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
       QStringLiteral("up")},
  };
  for (const QStringList &step : steps) {
    if (!ip(step))
      return QStringLiteral("ip %1 failed").arg(step.join(QLatin1Char(' ')));
  }
  m_relay = std::make_unique<QProcess>();
  m_relay->setProcessChannelMode(QProcess::ForwardedErrorChannel);
  m_relay->start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), ns, QStringLiteral("python3"),
                                        m_relayScript, m_address, QString::number(port()), m_unixSocket});
  if (!m_relay->waitForReadyRead(15000) || !m_relay->readLine().startsWith("listening"))
    return QStringLiteral("the relay in %1 did not start").arg(ns);
  return {};
}

bool NetworkCut::cut()
{
  return ip({QStringLiteral("-n"), m_namespace, QStringLiteral("link"), QStringLiteral("set"), m_farLink,
             QStringLiteral("down")});
}

bool NetworkCut::restore()
{
  return ip({QStringLiteral("-n"), m_namespace, QStringLiteral("link"), QStringLiteral("set"), m_farLink,
             QStringLiteral("up")});
}

} // namespace pb::test
