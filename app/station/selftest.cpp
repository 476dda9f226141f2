// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/station/selftest.h"

#include "app/common/startup.h"
#include "core/db/sql.h"
#include "core/db/transportsecurity.h"
#include "core/queue/queuenotifier.h"
#include "ui/queuetablemodel.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

namespace pb::app {

namespace {

constexpr int kNotifyTimeoutMs = 5'000;

void report(const QString &line)
{
  QTextStream(stdout) << "packbench self-test: " << line << Qt::endl;
}

void finish(bool passed, const QString &why = {})
{
  report(passed ? QStringLiteral("passed") : QStringLiteral("FAILED: %1").arg(why));
  QCoreApplication::exit(passed ? ExitOk : ExitDatabase);
}

// Empty when the session is scoped to the expected shop; else why not.
QString checkShopScope(const SelfTestSubject &s)
{
  auto scope =
      db::exec(s.db, QStringLiteral("SELECT s.domain FROM shops s "
                                    "WHERE s.id = NULLIF(current_setting('packbench.shop_id', true), '')::bigint"));
  if (!scope)
    return scope.error().message;
  if (!scope.value().next())
    return QStringLiteral("the session is not scoped to a shop");
  report(QStringLiteral("shop scope (row-level security): %1").arg(scope.value().value(0).toString()));
  return {};
}

void run(const SelfTestSubject &s)
{
  report(QStringLiteral("database %1").arg(s.databaseDescription));
  if (db::isPostgres(s.db))
    report(QStringLiteral("database transport: %1").arg(db::describeTransport(s.db)));
  if (s.shopId) {
    if (const QString problem = checkShopScope(s); !problem.isEmpty())
      return finish(false, problem);
  }
  if (!s.offlineJournalProblem.isEmpty())
    return finish(false,
                  QStringLiteral("offline packing is on (station.offline_packing) but its journal did not open: ") +
                      s.offlineJournalProblem);
  if (!s.offlineJournalPath.isEmpty())
    report(QStringLiteral("offline packing: journal %1").arg(s.offlineJournalPath));
  // Not a failure: a queue may be added while the station runs (its jobs wait in the print-jobs list meanwhile).
  for (const QString &problem : s.printerProblems)
    report(QStringLiteral("warning: %1").arg(problem));
  if (s.window->banner()->tone() == ui::StatusBanner::Tone::Error)
    return finish(false, s.window->banner()->headline());
  report(QStringLiteral("queue: %1 order(s) waiting at %2")
             .arg(s.window->queueModel()->rowCount())
             .arg(s.locationCode.isEmpty() ? QStringLiteral("the first location") : s.locationCode));
  if (!db::isPostgres(s.db))
    return finish(true);
  if (!s.notifier || !s.notifier->isListening())
    return finish(false, QStringLiteral("not listening for queue notifications"));
  // A NOTIFY on the work channel must come back through the station's own LISTEN connection.
  auto *timeout = new QTimer(s.notifier);
  timeout->setSingleShot(true);
  QObject::connect(timeout, &QTimer::timeout, s.notifier,
                   []() { finish(false, QStringLiteral("no queue notification within %1 ms").arg(kNotifyTimeoutMs)); });
  QObject::connect(s.notifier, &queue::QueueNotifier::workAvailable, timeout, [timeout]() {
    timeout->stop();
    report(QStringLiteral("queue notifications: ok"));
    finish(true);
  });
  timeout->start(kNotifyTimeoutMs);
  if (auto sent = db::exec(s.db, QStringLiteral("SELECT pg_notify('packbench_queue', ?)"),
                           {QString::number(s.locationId.value_or(0))});
      !sent)
    finish(false, sent.error().message);
}

} // namespace

void scheduleSelfTest(const SelfTestSubject &subject)
{
  QTimer::singleShot(0, subject.window, [subject]() { run(subject); });
}

} // namespace pb::app
