// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/transportsecurity.h"

#include "core/db/connection.h"
#include "core/db/connectionstate.h"

#include <QStringList>

#include <libpq-fe.h>

namespace pb::db {

namespace {

const QStringList kSslModes = {QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
                               QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};

bool isSocketDirectory(const QString &host)
{
  return host.isEmpty() || host.startsWith(QLatin1Char('/')) || host.startsWith(QLatin1Char('@'));
}

// libpq's conninfo quoting: the value in single quotes, backslash and quote escaped.
QString quoted(QString value)
{
  value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
  value.replace(QLatin1Char('\''), QStringLiteral("\\'"));
  return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

bool isLocalHost(const QString &host)
{
  if (isSocketDirectory(host))
    return true;
  const QString h = host.trimmed().toLower();
  if (h == u"localhost" || h == u"localhost." || h == u"::1" || h == u"[::1]")
    return true;
  // 127.0.0.0/8, written as a dotted quad.
  const QStringList parts = h.split(QLatin1Char('.'));
  if (parts.size() != 4 || parts.first() != u"127")
    return false;
  for (const QString &part : parts) {
    bool ok = false;
    const int n = part.toInt(&ok);
    if (!ok || n < 0 || n > 255)
      return false;
  }
  return true;
}

bool verifiesServer(const QString &sslMode)
{
  return sslMode == u"verify-ca" || sslMode == u"verify-full";
}

Result<QString> tlsConnectOptions(const ConnectionSettings &settings)
{
  const QString mode = settings.effectiveSslMode();
  if (!kSslModes.contains(mode))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("database.sslmode '%1' is not one of: auto, %2")
                                                  .arg(mode, kSslModes.join(QStringLiteral(", "))));
  if (settings.sslCert.isEmpty() != settings.sslKey.isEmpty())
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("database.ssl_cert and database.ssl_key must be set together"));
  QStringList options{QStringLiteral("sslmode=") + mode};
  const QList<std::pair<const char *, QString>> files = {
      {"sslrootcert", settings.sslRootCert}, {"sslcert", settings.sslCert}, {"sslkey", settings.sslKey}};
  for (const auto &[name, path] : files) {
    if (path.isEmpty())
      continue;
    // QPSQL turns every ';' of the option string into a space, quoted or not.
    if (path.contains(QLatin1Char(';')))
      return makeError(ErrorKind::InvalidInput,
                       QStringLiteral("%1 path '%2' contains ';', which the Qt PostgreSQL driver cannot pass on")
                           .arg(QLatin1String(name), path));
    options << QLatin1String(name) + QLatin1Char('=') + quoted(path);
  }
  return options.join(QLatin1Char(';'));
}

QString tlsFailureHint(const QString &libpqMessage, const ConnectionSettings &settings)
{
  const QString m = libpqMessage;
  const QString mode = settings.effectiveSslMode();
  if (m.contains(u"certificate verify failed"))
    return QStringLiteral(" (the server's certificate is not signed by a CA in database.ssl_root_cert%1)")
        .arg(settings.sslRootCert.isEmpty() ? QStringLiteral(", which is not set")
                                            : QStringLiteral(" ") + settings.sslRootCert);
  if (m.contains(u"does not match host name"))
    return QStringLiteral(" (database.host must be a name the server's certificate lists; with sslmode verify-full "
                          "the name is checked)");
  if (m.contains(u"root certificate file"))
    return QStringLiteral(" (set database.ssl_root_cert to the CA that signed the server's certificate)");
  if (m.contains(u"server does not support SSL"))
    return QStringLiteral(" (database.sslmode %1 needs TLS, which this server does not offer)").arg(mode);
  if (m.contains(u"no encryption") || m.contains(u"SSL off"))
    return QStringLiteral(" (the server accepts this login only over TLS: database.sslmode is %1)").arg(mode);
  if (m.contains(u"certificate authentication failed") || m.contains(u"requires a valid client certificate") ||
      m.contains(u"certificate required"))
    return QStringLiteral(" (the server logs this role in by client certificate: set database.ssl_cert and "
                          "database.ssl_key to a certificate issued for it)");
  if (m.contains(u"alert unknown ca") || m.contains(u"alert bad certificate"))
    return QStringLiteral(" (the server does not accept database.ssl_cert: it was not issued by a CA the server "
                          "trusts)");
  if (m.contains(u"private key file") || m.contains(u"certificate file"))
    return QStringLiteral(" (check database.ssl_cert and database.ssl_key)");
  return {};
}

QString describeTransport(const QSqlDatabase &db)
{
  PGconn *connection = pgConnection(db);
  if (!connection)
    return QStringLiteral("no connection");
  const char *host = PQhost(connection);
  if (host && isSocketDirectory(QString::fromLocal8Bit(host)))
    return QStringLiteral("a unix socket");
  if (!PQsslInUse(connection))
    return QStringLiteral("no TLS");
  const char *protocol = PQsslAttribute(connection, "protocol");
  const char *cipher = PQsslAttribute(connection, "cipher");
  return QStringLiteral("%1 (%2)").arg(QString::fromLatin1(protocol ? protocol : "TLS"),
                                       QString::fromLatin1(cipher ? cipher : "unknown cipher"));
}

} // namespace pb::db
