// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/reachcheck.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>
#include <QThread>

#include <algorithm>

namespace pb::db {

namespace {
std::atomic<int> g_tries{0}; // connection names are process-wide: every try gets its own
} // namespace

ReachCheck::ReachCheck(QObject *parent)
    : QObject(parent)
{}

ReachCheck::~ReachCheck()
{
  if (m_thread)
    m_thread->wait();
}

void ReachCheck::start(const ConnectionSettings &settings)
{
  run([settings](const QString &name) {
    {
      auto opened = openDatabase(settings, name); // removes its connection again when it fails
      if (!opened)
        return opened.error().message;
      QSqlDatabase(*opened).close();
    }
    QSqlDatabase::removeDatabase(name);
    return QString();
  });
}

void ReachCheck::startClone(const QString &connectionName)
{
  run([connectionName](const QString &name) {
    QString error;
    {
      // Cloning a connection from another thread is what this overload is for; nothing else of it is touched.
      QSqlDatabase probe = QSqlDatabase::cloneDatabase(connectionName, name);
      if (!probe.open())
        error = probe.lastError().text().isEmpty() ? QStringLiteral("no answer") : probe.lastError().text();
      probe.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
  });
}

bool isLoginRefusal(const QString &libpqMessage)
{
  static const QStringList kRefusals{QStringLiteral("authentication failed"), QStringLiteral("no pg_hba.conf entry"),
                                     QStringLiteral("does not exist"), // the role or the database
                                     QStringLiteral("permission denied"), QStringLiteral("certificate")};
  return std::any_of(kRefusals.cbegin(), kRefusals.cend(),
                     [&](const QString &refusal) { return libpqMessage.contains(refusal, Qt::CaseInsensitive); });
}

void ReachCheck::run(std::function<QString(const QString &name)> attempt)
{
  if (m_running)
    return;
  m_running = true;
  if (m_thread)
    m_thread->wait(); // the last try's thread has said finished; let it end before it is replaced
  const QString name = QStringLiteral("reach-check-%1").arg(++g_tries);
  m_thread.reset(QThread::create([this, name, attempt = std::move(attempt)]() {
    m_error = attempt(name);
    m_reached = m_error.isEmpty();
  }));
  connect(m_thread.get(), &QThread::finished, this, [this]() {
    m_running = false;
    Q_EMIT finished(m_reached, m_error);
  });
  m_thread->start();
}

} // namespace pb::db
