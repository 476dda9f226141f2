// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>

#include <memory>

namespace pb::test {

// A network path to the test cluster that can be cut like a pulled cable: a network namespace joined to this one by
// a veth pair, and inside it a relay (tests/support/tcp-unix-relay.py) from address():port() to the cluster's Unix
// socket. cut() takes the far end of the pair down: packets from here are dropped without a reset, so only TCP
// keepalives and tcp_user_timeout can tell. Needs root and iproute2; everything is removed again on destruction.
class NetworkCut {
public:
  NetworkCut(QString relayScript, QString unixSocket);
  ~NetworkCut();
  NetworkCut(const NetworkCut &) = delete;
  NetworkCut &operator=(const NetworkCut &) = delete;

  // Why a namespace cannot be made here (not root, no `ip`, not allowed in this container), or empty.
  static QString unavailableReason();
  // Creates the namespace, the pair and the relay; empty on success, else what failed.
  QString setUp();
  const QString &address() const { return m_address; }
  quint16 port() const { return 6432; }
  bool cut();
  bool restore();

private:
  bool ip(const QStringList &args) const;

  QString m_relayScript;
  QString m_unixSocket;
  QString m_namespace;
  QString m_hostLink;
  QString m_farLink;
  QString m_address;
  QString m_hostAddress;
  std::unique_ptr<QProcess> m_relay;
};

} // namespace pb::test
