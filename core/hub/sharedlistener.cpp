// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/sharedlistener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace pb::hub {

namespace {
constexpr int kBacklog = 1024;

Error socketError(const QHostAddress &address, quint16 port, const char *step, int code)
{
  return makeError(ErrorKind::Unavailable, QStringLiteral("cannot listen on %1:%2 (%3: %4)")
                                               .arg(address.toString())
                                               .arg(port)
                                               .arg(QLatin1String(step), QString::fromLocal8Bit(std::strerror(code))));
}
} // namespace

SharedListener::SharedListener(int fd)
    : m_fd(fd)
{}

SharedListener::~SharedListener()
{
  if (m_fd >= 0)
    ::close(m_fd);
}

SharedListener::SharedListener(SharedListener &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{}

SharedListener &SharedListener::operator=(SharedListener &&other) noexcept
{
  if (this != &other) {
    if (m_fd >= 0)
      ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
  }
  return *this;
}

Result<QHostAddress> listenAddress(const QString &configured)
{
  const QString text = configured.trimmed();
  if (text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
    return QHostAddress(QHostAddress::LocalHost);
  const QHostAddress address(text);
  if (address.isNull())
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("hub.listen_address: '%1' is not an IP address (127.0.0.1 or localhost for this "
                                    "machine only, 0.0.0.0 for every IPv4 address, :: for every IPv6 address)")
                         .arg(text));
  return address;
}

Result<SharedListener> SharedListener::open(const QHostAddress &address, quint16 port)
{
  if (address.isNull()) // never read as "::", every IPv6 interface
    return makeError(ErrorKind::InvalidInput, QStringLiteral("cannot listen: no address to bind"));
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_INET6;
  bool v6Only = true;
  if (address.protocol() == QAbstractSocket::IPv4Protocol) {
    family = AF_INET;
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(port);
    in.sin_addr.s_addr = htonl(address.toIPv4Address());
    std::memcpy(&storage, &in, sizeof in);
    length = sizeof in;
  } else {
    // QHostAddress::Any means both families: one IPv6 socket that also takes IPv4, as Qt does.
    v6Only = address != QHostAddress::Any;
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(port);
    const Q_IPV6ADDR bytes = address == QHostAddress::Any ? Q_IPV6ADDR{} : address.toIPv6Address();
    std::memcpy(&in6.sin6_addr, &bytes, sizeof bytes);
    std::memcpy(&storage, &in6, sizeof in6);
    length = sizeof in6;
  }
  SharedListener socket(::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (socket.m_fd < 0)
    return socketError(address, port, "socket", errno);
  const int on = 1;
  const int v6OnlyValue = v6Only ? 1 : 0;
  if (::setsockopt(socket.m_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
      ::setsockopt(socket.m_fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0 ||
      (family == AF_INET6 &&
       ::setsockopt(socket.m_fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6OnlyValue, sizeof v6OnlyValue) != 0))
    return socketError(address, port, "setsockopt", errno);
  if (::bind(socket.m_fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0)
    return socketError(address, port, "bind", errno);
  if (::listen(socket.m_fd, kBacklog) != 0)
    return socketError(address, port, "listen", errno);
  return socket;
}

quint16 SharedListener::port() const
{
  sockaddr_storage storage{};
  socklen_t length = sizeof storage;
  if (m_fd < 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
    return 0;
  if (storage.ss_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, &storage, sizeof in);
    return ntohs(in.sin_port);
  }
  sockaddr_in6 in6{};
  std::memcpy(&in6, &storage, sizeof in6);
  return ntohs(in6.sin6_port);
}

qintptr SharedListener::take()
{
  return std::exchange(m_fd, -1);
}

} // namespace pb::hub
