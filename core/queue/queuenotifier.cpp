// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/queue/queuenotifier.h"

#include "core/db/sql.h"

#include <QLoggingCategory>

namespace pb::queue {

namespace {
Q_LOGGING_CATEGORY(lcNotifier, "packbench.core.queue.queuenotifier")
}

QueueNotifier::QueueNotifier(QSqlDatabase db, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
{}

QueueNotifier::~QueueNotifier()
{
  stop();
}

Status QueueNotifier::start()
{
  QSqlDriver *driver = m_db.driver();
  if (!db::isPostgres(m_db) || !driver || !driver->hasFeature(QSqlDriver::EventNotifications))
    return {}; // SQLite: the station's slow fallback poll is all there is
  if (!m_db.isOpen())
    return makeError(ErrorKind::Unavailable, QStringLiteral("queue notifications: database connection is closed"));
  // A reopened connection has lost its LISTENs even if the driver still lists them.
  for (const QString &channel : driver->subscribedToNotifications())
    driver->unsubscribeFromNotification(channel);
  for (const QString &channel : {kQueueChannel, kOrderChangedChannel, kLabelChannel, kManifestChannel}) {
    if (!driver->subscribeToNotification(channel))
      return db::toError(driver->lastError(), QStringLiteral("listen %1").arg(channel));
  }
  if (!m_listening)
    connect(driver, &QSqlDriver::notification, this, &QueueNotifier::onNotification);
  m_listening = true;
  qCInfo(lcNotifier) << "listening for queue notifications";
  return {};
}

void QueueNotifier::stop()
{
  if (!m_listening)
    return;
  if (QSqlDriver *driver = m_db.driver()) {
    disconnect(driver, &QSqlDriver::notification, this, &QueueNotifier::onNotification);
    if (m_db.isOpen()) {
      for (const QString &channel : driver->subscribedToNotifications())
        driver->unsubscribeFromNotification(channel);
    }
  }
  m_listening = false;
}

void QueueNotifier::onNotification(const QString &channel, QSqlDriver::NotificationSource, const QVariant &payload)
{
  bool ok = false;
  const qint64 id = payload.toString().toLongLong(&ok);
  if (!ok) {
    qCWarning(lcNotifier) << "ignoring notification with a malformed payload on" << channel;
    return;
  }
  if (channel == kQueueChannel)
    Q_EMIT workAvailable(id);
  else if (channel == kOrderChangedChannel)
    Q_EMIT orderChanged(id);
  else if (channel == kLabelChannel)
    Q_EMIT labelChanged(id);
  else if (channel == kManifestChannel)
    Q_EMIT manifestChanged(id);
}

} // namespace pb::queue
