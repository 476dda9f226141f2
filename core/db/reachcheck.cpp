// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/reachcheck.h"

#include "core/db/migrations.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>
#include <QThread>

#include <algorithm>
#include <atomic>

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

void ReachCheck::start(const ConnectionSettings &settings, bool verifySchema)
{
  run([settings, verifySchema](const QString &name) {
    Status outcome;
    {
      auto opened = openDatabase(settings, name); // removes its connection again when it fails
      if (!opened)
        return Status{opened.error()};
      QSqlDatabase db = *opened;
      if (verifySchema)
        outcome = MigrationRunner(MigrationRunner::defaultDirectory(db)).verify(db);
      db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return outcome;
  });
}

void ReachCheck::startClone(const QString &connectionName)
{
  run([connectionName](const QString &name) {
    Status outcome;
    {
      // Cloning a connection from another thread is what this overload is for; nothing else of it is touched.
      QSqlDatabase probe = QSqlDatabase::cloneDatabase(connectionName, name);
      if (!probe.open())
        outcome = makeError(ErrorKind::Unavailable, probe.lastError().text().isEmpty() ? QStringLiteral("no answer")
                                                                                       : probe.lastError().text());
      probe.close();
    }
    QSqlDatabase::removeDatabase(name);
    return outcome;
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

void ReachCheck::run(std::function<Status(const QString &name)> attempt)
{
  if (m_running)
    return;
  m_running = true;
  if (m_thread)
    m_thread->wait(); // the last try's thread has said finished; let it end before it is replaced
  const QString name = QStringLiteral("reach-check-%1").arg(++g_tries);
  m_thread.reset(QThread::create([this, name, attempt = std::move(attempt)]() { m_outcome = attempt(name); }));
  connect(m_thread.get(), &QThread::finished, this, [this]() {
    m_running = false;
    const bool reached = m_outcome.ok();
    Q_EMIT finished(reached, reached ? QString() : m_outcome.error().message,
                    !reached && isSchemaBehind(m_outcome.error()));
  });
  m_thread->start();
}

} // namespace pb::db
