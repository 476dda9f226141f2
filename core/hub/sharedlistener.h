// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QHostAddress>

namespace pb::hub {

// A listening TCP socket opened with SO_REUSEPORT, so several threads can each accept on the same
// port (the kernel spreads new connections across them). Owns the descriptor until take().
class SharedListener final {
public:
  SharedListener() = default;
  ~SharedListener();
  SharedListener(SharedListener &&other) noexcept;
  SharedListener &operator=(SharedListener &&other) noexcept;
  Q_DISABLE_COPY(SharedListener)

  // Binds address:port (0 = any free port) and listens; Unavailable when the port is taken.
  static Result<SharedListener> open(const QHostAddress &address, quint16 port);

  quint16 port() const;
  // Hands the descriptor over (to QTcpServer::setSocketDescriptor); this object no longer closes it.
  qintptr take();

private:
  explicit SharedListener(int fd);

  int m_fd = -1;
};

} // namespace pb::hub
