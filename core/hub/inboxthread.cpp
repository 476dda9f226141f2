// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/inboxthread.h"

#include "core/base/clock.h"
#include "core/db/reconnector.h"
#include "core/shopify/inboxprocessor.h"

#include <QLoggingCategory>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcInboxThread, "packbench.core.hub.inboxthread")
constexpr int kSweepMs = 5000;
constexpr int kRowsPerPass = 200; // then back to the event loop, so a stop is not held up by a backlog
constexpr int kExpiryEveryMs = 3'600'000;
constexpr int kExpiryRetryMs = 60'000; // after a failed batch (the database away)
constexpr int kExpiryBatch = 1'000;    // rows blanked per statement: a year's backlog never holds up mapping
} // namespace

InboxThread::InboxThread(db::ConnectionSettings database, int nice, int batchSize, QObject *parent)
    : QThread(parent)
    , m_database(std::move(database))
    , m_nice(nice)
    , m_batchSize(batchSize)
{
  setObjectName(QStringLiteral("inbox"));
}

InboxThread::~InboxThread()
{
  quit();
  wait();
}

void InboxThread::wake()
{
  const QMutexLocker lock(&m_receiverLock);
  if (!m_receiver || m_wakeQueued.exchange(true))
    return;
  QMetaObject::invokeMethod(
      m_receiver,
      [this]() {
        m_wakeQueued = false;
        m_drain();
      },
      Qt::QueuedConnection);
}

void InboxThread::run()
{
#ifdef Q_OS_LINUX
  // Per thread on Linux: under contention this thread yields the CPU to the ingest threads (nice 0).
  if (m_nice > 0 && setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), m_nice) != 0)
    qCInfo(lcInboxThread) << "could not lower the inbox thread's priority";
#endif
  const QString name = QStringLiteral("hub-inbox");
  {
    const SystemClock clock;
    // Opens the connection the first time too, with the same backoff as a reopen.
    db::Reconnector reconnector(m_database, name, clock, db::Reconnector::Backoff{});
    std::unique_ptr<shopify::InboxProcessor> processor;
    QObject receiver;
    QTimer sweep;
    // One pass: (re)open the connection if needed, map up to kRowsPerPass rows, queue another if more wait.
    auto drain = [&]() {
      if (Status open = reconnector.ensureOpen(); !open)
        return; // the reconnector logs its attempts; the sweep or the next wake tries again
      if (!processor) {
        processor = std::make_unique<shopify::InboxProcessor>(reconnector.database(), m_batchSize);
        processor->setMirrorFulfillmentOrders(m_mirror);
      }
      auto done = processor->processPending(kRowsPerPass);
      if (!done) {
        reconnector.noteError(done.error());
        qCWarning(lcInboxThread).noquote() << "inbox processing failed:" << done.error().message;
        return;
      }
      if (*done >= kRowsPerPass)
        wake();
    };
    QObject::connect(&sweep, &QTimer::timeout, &receiver, drain);
    sweep.start(kSweepMs);
    QTimer expiry;
    expiry.setSingleShot(true);
    RetentionSweep retention(m_retention);
    // One batch of each kind; the next follows at once while there are more, else in an hour.
    auto expire = [&]() {
      int next = kExpiryRetryMs;
      if (Status open = reconnector.ensureOpen(); open) {
        auto more = retention.step(reconnector.database(), clock.nowUtc(), kExpiryBatch);
        if (!more) {
          reconnector.noteError(more.error());
          qCWarning(lcInboxThread).noquote() << "customer data past its retention not blanked:" << more.error().message;
        } else {
          next = *more ? 0 : kExpiryEveryMs;
        }
      }
      expiry.start(next);
    };
    QObject::connect(&expiry, &QTimer::timeout, &receiver, expire);
    {
      const QMutexLocker lock(&m_receiverLock);
      m_receiver = &receiver;
      m_drain = drain;
    }
    drain();
    if (retention.enabled())
      expire();
    exec();
    {
      const QMutexLocker lock(&m_receiverLock);
      m_receiver = nullptr;
      m_drain = {};
    }
    processor.reset();
  }
  QSqlDatabase::removeDatabase(name);
}

} // namespace pb::hub
