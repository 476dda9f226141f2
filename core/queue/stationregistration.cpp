// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/queue/stationregistration.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/queue/orderqueue.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSysInfo>
#include <QUuid>

namespace pb::queue {

namespace {
Q_LOGGING_CATEGORY(lcRegistration, "packbench.core.queue.stationregistration")

QString identityFileName()
{
  // machine-id is confidential (machine-id(5)): only a short hash of it goes into the name.
  const QByteArray machine = QSysInfo::machineUniqueId();
  if (machine.isEmpty())
    return QStringLiteral("station-installation-id");
  return QStringLiteral("station-installation-id.%1")
      .arg(QString::fromLatin1(QCryptographicHash::hash(machine, QCryptographicHash::Sha256).toHex().left(12)));
}

// Step one of registration (SQLite; PostgreSQL registers in packbench_register_station): the row this
// installation already has, or a legacy row it adopts by name.
Result<std::optional<qint64>> existingStation(const QSqlDatabase &db, const QString &installationId,
                                              const QString &displayName, const QVariant &location)
{
  auto own =
      db::exec(db, QStringLiteral("UPDATE stations SET name = ?, location_id = ? WHERE install_id = ? RETURNING id"),
               {displayName, location, installationId});
  if (!own)
    return own.error();
  if (own.value().next())
    return std::optional<qint64>(own.value().value(0).toLongLong());
  // Re-checked on the row itself: of two installations adopting one legacy row at once, one gets it.
  auto adopted = db::exec(db,
                          QStringLiteral("UPDATE stations SET install_id = ?, location_id = ? "
                                         "WHERE id = (SELECT id FROM stations WHERE name = ? AND install_id "
                                         "IS NULL ORDER BY id LIMIT 1) AND install_id IS NULL RETURNING id"),
                          {installationId, location, displayName});
  if (!adopted)
    return adopted.error();
  if (adopted.value().next())
    return std::optional<qint64>(adopted.value().value(0).toLongLong());
  return std::optional<qint64>();
}

} // namespace

Result<QString> stationInstallationId(const QString &directory)
{
  if (directory.isEmpty())
    return makeError(
        ErrorKind::InvalidInput,
        QCoreApplication::translate("pb::queue::StationRegistration", "no data directory for the station's identity"));
  const QString path = QDir(directory).filePath(identityFileName());
  QFile existing(path);
  if (existing.open(QIODevice::ReadOnly)) {
    const QUuid id = QUuid::fromString(QString::fromLatin1(existing.readAll()).trimmed());
    if (!id.isNull())
      return id.toString(QUuid::WithoutBraces);
    qCWarning(lcRegistration).noquote() << "station identity file" << path << "is damaged; this bench gets a new one";
  } else if (existing.exists()) {
    return makeError(ErrorKind::Unavailable, QCoreApplication::translate("pb::queue::StationRegistration",
                                                                         "cannot read the station identity file %1: %2")
                                                 .arg(path, existing.errorString()));
  }
  if (!QDir().mkpath(directory))
    return makeError(ErrorKind::Unavailable, QCoreApplication::translate("pb::queue::StationRegistration",
                                                                         "cannot create the data directory %1")
                                                 .arg(directory));
  const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(id.toLatin1() + '\n') < 0 || !file.commit())
    return makeError(
        ErrorKind::Unavailable,
        QCoreApplication::translate("pb::queue::StationRegistration", "cannot write the station identity file %1: %2")
            .arg(path, file.errorString()));
  qCInfo(lcRegistration).noquote() << "new station identity" << id << "kept in" << path;
  return id;
}

Result<qint64> registerStation(const QSqlDatabase &db, const QString &installationId, const QString &displayName,
                               std::optional<qint64> locationId)
{
  const QString name = displayName.trimmed();
  if (name.isEmpty())
    return makeError(ErrorKind::InvalidInput,
                     QCoreApplication::translate("pb::queue::StationRegistration", "station name is empty"));
  if (installationId.trimmed().isEmpty())
    return makeError(ErrorKind::InvalidInput,
                     QCoreApplication::translate("pb::queue::StationRegistration", "station installation id is empty"));
  const QVariant location = db::orNull(locationId);
  if (db::isPostgres(db)) {
    // The database checks the login owns the installation and may work at the location (migration 0012).
    auto registered = db::exec(db, QStringLiteral("SELECT packbench_register_station(?, ?, ?::bigint)"),
                               {installationId.trimmed(), name, location});
    if (!registered)
      return registered.error();
    if (!registered.value().next())
      return makeError(ErrorKind::Internal, QStringLiteral("station registration returned no id"));
    return registered.value().value(0).toLongLong();
  }
  QSqlDatabase connection = db;
  qint64 stationId = 0;
  const Status registered = db::inTransaction(connection, [&]() -> Status {
    auto found = existingStation(db, installationId.trimmed(), name, location);
    if (!found)
      return found.error();
    if (*found) {
      stationId = **found;
      return {};
    }
    auto inserted = db::exec(db,
                             QStringLiteral("INSERT INTO stations (name, install_id, location_id) VALUES (?, ?, ?) "
                                            "RETURNING id"),
                             {name, installationId.trimmed(), location});
    if (!inserted)
      return inserted.error();
    if (!inserted.value().next())
      return makeError(ErrorKind::Internal, QStringLiteral("station insert returned no id"));
    stationId = inserted.value().value(0).toLongLong();
    return {};
  });
  if (!registered)
    return registered.error();
  return stationId;
}

Result<qint64> registerStation(const QSqlDatabase &db, const QString &name, std::optional<qint64> locationId)
{
  return registerStation(db, QStringLiteral("name:") + name.trimmed(), name, locationId);
}

} // namespace pb::queue
