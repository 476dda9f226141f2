// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QHostAddress>

namespace pb::hub {

// hub.listen_address as an address to bind: an IP address, or "localhost" for 127.0.0.1. Anything else (a host name,
// a typo) is InvalidInput: QHostAddress reads it as the null address, which would bind every IPv6 interface.
Result<QHostAddress> listenAddress(const QString &configured);

// A listening TCP socket opened with SO_REUSEPORT, so several threads can each accept on the same
// port (the kernel spreads new connections across them). Owns the descriptor until take().
class SharedListener final {
public:
  SharedListener() = default;
  ~SharedListener();
  SharedListener(SharedListener &&other) noexcept;
  SharedListener &operator=(SharedListener &&other) noexcept;
  Q_DISABLE_COPY(SharedListener)

  // Binds address:port (0 = any free port) and listens; Unavailable when the port is taken, InvalidInput for the null
  // address.
  static Result<SharedListener> open(const QHostAddress &address, quint16 port);

  quint16 port() const;
  // Hands the descriptor over (to QTcpServer::setSocketDescriptor); this object no longer closes it.
  qintptr take();

private:
  explicit SharedListener(int fd);

  int m_fd = -1;
};

} // namespace pb::hub
