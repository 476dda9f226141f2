// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/station/benchlock.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>

namespace pb::app {

namespace {
Q_LOGGING_CATEGORY(lcBenchLock, "packbench.app.station.benchlock")
} // namespace

Result<std::unique_ptr<QLockFile>> lockTheBench(const QString &dataDir)
{
  QDir().mkpath(dataDir);
  auto lock = std::make_unique<QLockFile>(QDir(dataDir).filePath(QStringLiteral("station.lock")));
  lock->setStaleLockTime(0); // never stale by age: a station runs for days; only a dead process frees it
  if (lock->tryLock(0))
    return lock;
  if (lock->error() != QLockFile::LockFailedError) {
    qCWarning(lcBenchLock).noquote() << "the bench lock in" << dataDir << "could not be taken (error" << lock->error()
                                     << "): starting without it";
    return lock;
  }
  qint64 pid = 0;
  QString host;
  QString program;
  lock->getLockInfo(&pid, &host, &program);
  return makeError(ErrorKind::Conflict,
                   QCoreApplication::translate("main", "Packbench is already running at this bench (process %1). Use "
                                                       "its window; if none shows, it is still closing: start it "
                                                       "again in a minute.")
                       .arg(pid));
}

} // namespace pb::app
