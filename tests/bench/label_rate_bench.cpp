// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #14: carrier labels bought per minute by the hub's label threads against the carrier's limit of 200 requests
// a minute per API key, which the carrier fake (its own process) enforces with 429 + Retry-After. N boxes wait for
// their label (packbench_request_label, as stations ask); W CarrierLabelThreads, one RequestPacer for the key (as
// packbench-hub wires them), buy them all. The baseline is the limit itself, in the same run: with a sliding
// window the k-th purchase can go no earlier than floor(k / limit) windows after the first, so N = k * limit + 1
// purchases take at least k windows. Reports labels a minute, the ratio to the limit (target >= 0.95) and the
// 429s the fake answered (target: none after the first). Last line: one JSON object.
#include "core/base/clock.h"
#include "core/carriers/keypacers.h"
#include "core/db/sql.h"
#include "core/hub/carrierlabelthread.h"
#include "tests/bench/benchcheck.h"
#include "tests/bench/fakecarrierprocess.h"
#include "tests/support/labelworld.h"
#include "tests/support/testdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <memory>
#include <vector>

using namespace pb;
using bench::check;
using bench::fail;
using bench::out;

namespace {

int envNumber(const char *name, int fallback)
{
  bool ok = false;
  const int value = qEnvironmentVariableIntValue(name, &ok);
  return ok && value >= 0 ? value : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
  QCoreApplication app(argc, argv);
  constexpr int kLimit = 200; // ShipEngine's documented limit per API key
  constexpr qint64 kWindowMs = 60'000;
  // Default 401: two whole windows after the first purchase (about 2 minutes).
  const int labels = std::max(2, envNumber("PACKBENCH_BENCH_LABELS", 2 * kLimit + 1));
  const int workers = std::max(1, envNumber("PACKBENCH_BENCH_WORKERS", 2));
  const int latencyMs = envNumber("PACKBENCH_BENCH_LATENCY_MS", 300);
  // 0: the fake skips its OpenAPI check (synchronous; its first check is slow and delays what queues behind it).
  const bool contractCheck = envNumber("PACKBENCH_BENCH_CONTRACT_CHECK", 1) != 0;

  auto scratch = check(test::createMigratedDatabase(QStringLiteral("labelrate")), "database");
  QSqlDatabase db = scratch.db;
  const test::LabelWorld world = check(test::createLabelWorld(db), "label world");
  for (int i = 0; i < labels; ++i) {
    const test::BenchOrder order = check(test::addBenchOrder(db, world), "order");
    check(test::requestLabel(db, world, order, 1, 500 + i), "label request");
  }
  out() << labels << " boxes wait for their label" << Qt::endl;

  bench::FakeCarrierProcess fake(latencyMs, QStringLiteral("%1/%2").arg(kLimit).arg(kWindowMs), contractCheck);
  const SystemClock clock;
  carriers::KeyPacers pacers(clock); // one pacer for the key, shared by every thread (app/hub/main.cpp)
  const carriers::ShipEngineSettings carrier = fake.clientSettings(kLimit);
  std::vector<std::unique_ptr<hub::CarrierLabelThread>> threads;
  QElapsedTimer wall;
  wall.start();
  for (int w = 0; w < workers; ++w) {
    hub::CarrierLabelSettings settings;
    settings.database = scratch.settings;
    settings.carrier = carrier;
    settings.pacer = pacers.forKey(carrier);
    settings.worker.workerId = QStringLiteral("bench-rate-%1").arg(w);
    threads.push_back(std::make_unique<hub::CarrierLabelThread>(settings));
    threads.back()->start();
  }
  // Each thread blocks in its own event loop; this one only looks at the requests now and then.
  QEventLoop loop;
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, &loop, [&]() {
    if (test::scalar(db, QStringLiteral("SELECT count(*) FROM label_requests WHERE state = 'bought'")) == labels)
      loop.quit();
    if (wall.elapsed() > 20 * 60 * 1000)
      fail(QStringLiteral("not all bought after 20 minutes"));
  });
  poll.start(250);
  loop.exec();
  for (auto &thread : threads)
    thread->requestStop();
  threads.clear(); // joined

  // When each label was stored (bought_at: the hub's transaction after the carrier's answer), relative to the first.
  auto rows = db::exec(db, QStringLiteral("SELECT (extract(epoch FROM bought_at - min(bought_at) OVER ()) * 1000)::"
                                          "float8 FROM label_requests WHERE state = 'bought' ORDER BY bought_at"));
  if (!rows)
    fail(rows.error().message);
  QList<double> atMs;
  while (rows.value().next())
    atMs.append(rows->value(0).toDouble());
  if (atMs.size() != labels)
    fail(QStringLiteral("%1 labels stored for %2 boxes").arg(atMs.size()).arg(labels));
  const QJsonObject stats = fake.stats();
  const int bought = stats.value(QStringLiteral("labels_bought")).toInt();
  const int duplicates = stats.value(QStringLiteral("duplicate_purchases")).toInt();
  if (bought != labels || duplicates != 0 || !stats.value(QStringLiteral("contract_errors")).toArray().isEmpty())
    fail(QStringLiteral("the fake sold %1 labels for %2 boxes (%3 duplicate purchases refused; contract errors: %4)")
             .arg(bought)
             .arg(labels)
             .arg(duplicates)
             .arg(QString::fromUtf8(QJsonDocument(stats.value(QStringLiteral("contract_errors")).toArray()).toJson())));

  const double spanMs = atMs.last() - atMs.first();
  const double idealMs = static_cast<double>((labels - 1) / kLimit) * static_cast<double>(kWindowMs);
  const double perMinute = spanMs > 0 ? (labels - 1) / spanMs * 60'000.0 : 0;
  const int rateLimited = stats.value(QStringLiteral("rate_limited")).toInt();
  QJsonArray perWindow; // labels stored in each minute after the first
  for (double from = 0; from <= atMs.last(); from += static_cast<double>(kWindowMs)) {
    int in = 0;
    for (const double at : atMs)
      in += at >= from && at < from + static_cast<double>(kWindowMs) ? 1 : 0;
    perWindow.append(in);
  }
  const double ratio = perMinute / kLimit;
  out() << labels << " labels, " << workers << " label thread(s), carrier latency " << latencyMs << " ms: " << perMinute
        << " labels/min vs the limit " << kLimit << "/min = " << ratio << " (target >= 0.95); span " << spanMs / 1000.0
        << " s vs ideal " << idealMs / 1000.0 << " s; 429s " << rateLimited << " (target <= 1); requests "
        << stats.value(QStringLiteral("requests")).toInt() << Qt::endl;
  const QJsonObject result{{QStringLiteral("bench"), QStringLiteral("label_rate")},
                           {QStringLiteral("labels"), labels},
                           {QStringLiteral("workers"), workers},
                           {QStringLiteral("latency_ms"), latencyMs},
                           {QStringLiteral("contract_check"), contractCheck},
                           {QStringLiteral("limit_per_min"), kLimit},
                           {QStringLiteral("labels_per_min"), perMinute},
                           {QStringLiteral("ratio"), ratio},
                           {QStringLiteral("span_s"), spanMs / 1000.0},
                           {QStringLiteral("ideal_s"), idealMs / 1000.0},
                           {QStringLiteral("per_minute_windows"), perWindow},
                           {QStringLiteral("rate_limited_429"), rateLimited},
                           {QStringLiteral("requests"), stats.value(QStringLiteral("requests")).toInt()},
                           {QStringLiteral("meets_target"), ratio >= 0.95 && rateLimited <= 1},
                           {QStringLiteral("wall_s"), static_cast<double>(wall.elapsed()) / 1000.0}};
  out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
  return 0;
}
