// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Claim throughput and latency through OrderQueue at 1/8/32/64 claimers, side by side with pgbench
// driving the very same claim SQL (-M prepared) on the same durable cluster and the same data.
// Last line: one JSON object. Fails only on errors or a double claim; the ratio is reported, not asserted.
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/queue/claimsql.h"
#include "core/queue/orderqueue.h"
#include "tests/bench/benchcheck.h"
#include "tests/support/queueworld.h"
#include "tests/support/testdatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace pb;
using namespace std::chrono_literals;

namespace {

struct Run {
  double perSecond = 0;
  double p50Ms = 0;
  double p99Ms = 0;
  qint64 count = 0;
};

using bench::check;
using bench::checkStatus;
using bench::fail;
using bench::out;

double percentile(std::vector<qint64> &samplesUs, double p)
{
  if (samplesUs.empty())
    return 0;
  const size_t index = std::min(samplesUs.size() - 1, static_cast<size_t>(p * static_cast<double>(samplesUs.size())));
  std::nth_element(samplesUs.begin(), samplesUs.begin() + static_cast<std::ptrdiff_t>(index), samplesUs.end());
  return static_cast<double>(samplesUs[index]) / 1000.0;
}

// Mean of two rounds (latency percentiles averaged too: both rounds have the same length).
Run combine(const Run &sofar, const Run &next, int round)
{
  if (round == 0)
    return next;
  return Run{(sofar.perSecond + next.perSecond) / 2, (sofar.p50Ms + next.p50Ms) / 2, (sofar.p99Ms + next.p99Ms) / 2,
             sofar.count + next.count};
}

// Every order back to queued, leases and audit rows gone (with what refers to them: label requests, since 0018),
// table vacuumed: each run starts alike.
void resetQueue(const QSqlDatabase &db)
{
  check(db::execStatic(db, QStringLiteral("TRUNCATE scan_events, claims, audit_log CASCADE")), "truncate");
  check(
      db::exec(db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued' WHERE pack_state <> 'queued'")),
      "requeue");
  check(db::execStatic(db, QStringLiteral("VACUUM ANALYZE fulfillment_orders, claims, audit_log")), "vacuum");
  check(db::execStatic(db, QStringLiteral("CHECKPOINT")), "checkpoint");
}

qint64 doubleClaims(const QSqlDatabase &db)
{
  return test::scalar(db, QStringLiteral("SELECT count(*) - count(DISTINCT fulfillment_order_id) FROM claims"));
}

Run runOurs(const db::ConnectionSettings &settings, const test::QueueWorld &world, int clients, int seconds)
{
  std::vector<std::vector<qint64>> latencies(static_cast<size_t>(clients));
  std::vector<QString> errors(static_cast<size_t>(clients));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::atomic<qint64> deadlineMs{0};
  QElapsedTimer wall;
  std::vector<std::unique_ptr<QThread>> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back(QThread::create([&, i] {
      const QString name = QStringLiteral("bench-%1-%2").arg(clients).arg(i);
      {
        auto opened = db::openDatabase(settings, name);
        if (!opened) {
          errors[static_cast<size_t>(i)] = opened.error().message;
          ++ready;
          return;
        }
        const SystemClock clock;
        queue::OrderQueue queue(*opened, clock, 120s);
        auto &mine = latencies[static_cast<size_t>(i)];
        mine.reserve(200'000);
        ++ready;
        while (!go.load())
          QThread::yieldCurrentThread();
        QElapsedTimer timer;
        while (wall.elapsed() < deadlineMs.load()) {
          timer.start();
          auto claim = queue.claimNext(world.stationId, world.locationId);
          const qint64 us = timer.nsecsElapsed() / 1000;
          if (!claim) {
            errors[static_cast<size_t>(i)] = claim.error().message;
            break;
          }
          if (!claim->has_value()) {
            errors[static_cast<size_t>(i)] = QStringLiteral("queue ran dry: seed more orders");
            break;
          }
          mine.push_back(us);
        }
      }
      QSqlDatabase::removeDatabase(name);
    }));
    threads.back()->start();
  }
  while (ready.load() < clients)
    QThread::msleep(5);
  deadlineMs = seconds * 1000LL;
  wall.start();
  go = true;
  for (auto &thread : threads)
    thread->wait();
  const double elapsed = static_cast<double>(wall.nsecsElapsed()) / 1e9;
  for (const QString &error : errors) {
    if (!error.isEmpty())
      fail(QStringLiteral("claimer: ") + error);
  }
  std::vector<qint64> all;
  for (const auto &mine : latencies)
    all.insert(all.end(), mine.begin(), mine.end());
  Run run;
  run.count = static_cast<qint64>(all.size());
  run.perSecond = static_cast<double>(all.size()) / elapsed;
  run.p50Ms = percentile(all, 0.50);
  run.p99Ms = percentile(all, 0.99);
  return run;
}

// The claim SQL with pgbench variables; the packer is NULL as in the OrderQueue runs.
QString pgbenchScript()
{
  QString sql = queue::claimNextPostgresSql();
  const QStringList names{QStringLiteral(":loc"),     QStringLiteral(":now"),    QStringLiteral(":station"),
                          QStringLiteral("NULL"),     QStringLiteral(":now"),    QStringLiteral(":now"),
                          QStringLiteral(":expires"), QStringLiteral(":now"),    QStringLiteral(":kind"),
                          QStringLiteral(":actor"),   QStringLiteral(":station")};
  QString script;
  int next = 0;
  for (const QChar c : sql) {
    if (c == u'?' && next < names.size())
      script += names.at(next++);
    else
      script += c;
  }
  if (next != names.size() || script.contains(u'?'))
    fail(QStringLiteral("claim SQL has an unexpected number of parameters"));
  return script + QStringLiteral(";\n");
}

Run runPgbench(const QString &pgbench, const db::ConnectionSettings &settings, const test::QueueWorld &world,
               int clients, int seconds)
{
  QTemporaryDir dir;
  QFile file(dir.filePath(QStringLiteral("claim.sql")));
  if (!file.open(QIODevice::WriteOnly))
    fail(QStringLiteral("cannot write pgbench script"));
  file.write(pgbenchScript().toUtf8());
  file.close();
  const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
  const QString expires = QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::ISODateWithMs);
  const QStringList args{QStringLiteral("-h"),
                         settings.host,
                         QStringLiteral("-p"),
                         QString::number(settings.port),
                         QStringLiteral("-U"),
                         settings.user,
                         QStringLiteral("-n"),
                         QStringLiteral("-M"),
                         QStringLiteral("prepared"),
                         QStringLiteral("-c"),
                         QString::number(clients),
                         QStringLiteral("-j"),
                         QString::number(clients),
                         QStringLiteral("-T"),
                         QString::number(seconds),
                         QStringLiteral("-f"),
                         file.fileName(),
                         QStringLiteral("-l"),
                         QStringLiteral("--log-prefix"),
                         dir.filePath(QStringLiteral("log")),
                         QStringLiteral("-D"),
                         QStringLiteral("loc=%1").arg(world.locationId),
                         QStringLiteral("-D"),
                         QStringLiteral("station=%1").arg(world.stationId),
                         QStringLiteral("-D"),
                         QStringLiteral("actor=%1").arg(world.stationId),
                         QStringLiteral("-D"),
                         QStringLiteral("kind=station"),
                         QStringLiteral("-D"),
                         QStringLiteral("now=") + now,
                         QStringLiteral("-D"),
                         QStringLiteral("expires=") + expires,
                         settings.name};
  QProcess process;
  process.start(pgbench, args);
  if (!process.waitForFinished(seconds * 1000 + 120'000) || process.exitCode() != 0)
    fail(QStringLiteral("pgbench failed: ") + QString::fromUtf8(process.readAllStandardError()) +
         QString::fromUtf8(process.readAllStandardOutput()));
  const QString report = QString::fromUtf8(process.readAllStandardOutput());
  static const QRegularExpression tps(QStringLiteral(R"(tps = ([0-9.]+) \(without initial connection time\))"));
  const auto match = tps.match(report);
  if (!match.hasMatch())
    fail(QStringLiteral("cannot read pgbench tps from: ") + report);
  std::vector<qint64> all;
  for (const QString &log : QDir(dir.path()).entryList({QStringLiteral("log.*")}, QDir::Files)) {
    QFile f(dir.filePath(log));
    if (!f.open(QIODevice::ReadOnly))
      continue;
    while (!f.atEnd()) { // client_id transaction_no time_us script_no epoch epoch_us
      const QList<QByteArray> fields = f.readLine().split(' ');
      if (fields.size() >= 3)
        all.push_back(fields.at(2).toLongLong());
    }
  }
  Run run;
  run.perSecond = match.captured(1).toDouble();
  run.count = static_cast<qint64>(all.size());
  run.p50Ms = percentile(all, 0.50);
  run.p99Ms = percentile(all, 0.99);
  return run;
}

} // namespace

int main(int argc, char *argv[])
{
  QCoreApplication app(argc, argv);
  const auto env = QProcessEnvironment::systemEnvironment();
  const int seconds = env.value(QStringLiteral("PACKBENCH_BENCH_SECONDS"), QStringLiteral("8")).toInt();
  const int orders = env.value(QStringLiteral("PACKBENCH_BENCH_ORDERS"), QStringLiteral("200000")).toInt();
  const QString pgbench = env.value(QStringLiteral("PACKBENCH_PGBENCH"));
  if (pgbench.isEmpty() || !QFile::exists(pgbench))
    fail(QStringLiteral("pgbench not found (PACKBENCH_PGBENCH=%1)").arg(pgbench));

  const db::ConnectionSettings settings = check(test::createScratchDatabase(QStringLiteral("bench")), "database");
  QSqlDatabase admin = check(db::openDatabase(settings, QStringLiteral("bench-admin")), "open");
  check(db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(admin), "migrate");
  const test::QueueWorld world = check(test::createQueueWorld(admin), "world");
  check(test::addQueuedOrdersBulk(admin, world.shopId, world.locationId, orders), "orders");
  const QString fsync =
      QString::number(test::scalar(admin, QStringLiteral("SELECT (current_setting('fsync') = 'on')::int")));
  out() << "queue claim benchmark: " << orders << " queued orders at one location, " << seconds << " s per run, fsync "
        << (fsync == u"1" ? "on" : "OFF") << ", " << QThread::idealThreadCount() << " CPUs" << Qt::endl;

  QJsonArray results;
  bool met = true;
  for (const int clients : {1, 8, 32, 64}) {
    // Two rounds in opposite order so drifting machine load does not favour either side.
    Run ours;
    Run base;
    qint64 oursDoubles = 0;
    qint64 baseDoubles = 0;
    for (int round = 0; round < 2; ++round) {
      for (int side = 0; side < 2; ++side) {
        resetQueue(admin);
        if ((side == 0) == (round == 0)) {
          const Run r = runOurs(settings, world, clients, seconds);
          const qint64 rows = test::scalar(admin, QStringLiteral("SELECT count(*) FROM claims"));
          if (rows != r.count)
            fail(QStringLiteral("claims table has %1 rows, claimers counted %2").arg(rows).arg(r.count));
          oursDoubles += doubleClaims(admin);
          ours = combine(ours, r, round);
        } else {
          const Run r = runPgbench(pgbench, settings, world, clients, seconds);
          baseDoubles += doubleClaims(admin);
          base = combine(base, r, round);
        }
      }
    }
    if (oursDoubles != 0 || baseDoubles != 0)
      fail(QStringLiteral("double claims: ours %1, pgbench %2").arg(oursDoubles).arg(baseDoubles));
    const double ratio = base.perSecond > 0 ? ours.perSecond / base.perSecond : 0;
    met = met && ratio >= 0.9;
    out() << QString::asprintf(
                 "clients %2d: ours %8.0f claims/s p50 %6.2f ms p99 %6.2f ms | pgbench %8.0f tps p50 %6.2f "
                 "ms p99 %6.2f ms | ratio %.2f | double claims 0",
                 clients, ours.perSecond, ours.p50Ms, ours.p99Ms, base.perSecond, base.p50Ms, base.p99Ms, ratio)
          << Qt::endl;
    results.append(QJsonObject{{QStringLiteral("clients"), clients},
                               {QStringLiteral("ours_claims_per_s"), qRound(ours.perSecond)},
                               {QStringLiteral("ours_p50_ms"), ours.p50Ms},
                               {QStringLiteral("ours_p99_ms"), ours.p99Ms},
                               {QStringLiteral("pgbench_tps"), qRound(base.perSecond)},
                               {QStringLiteral("pgbench_p50_ms"), base.p50Ms},
                               {QStringLiteral("pgbench_p99_ms"), base.p99Ms},
                               {QStringLiteral("ratio"), qRound(ratio * 100) / 100.0},
                               {QStringLiteral("double_claims"), 0}});
  }
  const QJsonObject summary{{QStringLiteral("benchmark"), QStringLiteral("queue_claim")},
                            {QStringLiteral("seconds_per_run"), seconds},
                            {QStringLiteral("orders"), orders},
                            {QStringLiteral("fsync"), fsync == u"1"},
                            {QStringLiteral("target_ratio"), 0.9},
                            {QStringLiteral("target_met"), met},
                            {QStringLiteral("results"), results}};
  out() << QJsonDocument(summary).toJson(QJsonDocument::Compact) << Qt::endl;
  return 0;
}
