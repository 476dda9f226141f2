// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Fulfillments posted per second by the real outbox workers against the Shopify fake's leaky bucket,
// side by side with the ceiling that bucket allows: restore rate / actual points spent per fulfillment
// (the state-check query included). N packed orders are queued in PostgreSQL, W workers (one thread
// and connection each, one shared CostThrottle as in one hub) post them. Fails on a double or missing
// fulfillment; the ratio and the THROTTLED count are reported, not asserted. Last line: one JSON object.
#include "core/base/clock.h"
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/outboxworker.h"
#include "tests/bench/benchcheck.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/testdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

using namespace pb;

namespace {

using bench::check;
using bench::checkStatus;
using bench::fail;
using bench::out;

double envNumber(const char *name, double fallback)
{
  bool ok = false;
  const double value = qEnvironmentVariable(name).toDouble(&ok);
  return ok && value > 0 ? value : fallback;
}

void run(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
  auto done = db::exec(db, sql, values);
  if (!done)
    fail(QStringLiteral("seed: ") + done.error().message);
}

// Packed orders firstId.. with two lines, one or two parcels, and a fulfillment.create outbox row
// each, as a station's finish leaves them. Orders whose id is not a multiple of knownEvery have no
// Shopify fulfillment-order ids yet (orders/create carries none): the worker must look them up first.
void seed(QSqlDatabase &db, qint64 shopId, qint64 locationId, qint64 firstId, int count, int knownEvery)
{
  const qint64 lastId = firstId + count - 1;
  run(db,
      QStringLiteral("INSERT INTO orders (shop_id, shopify_id, name) SELECT ?, g::text, '#' || g FROM "
                     "generate_series(?::bigint, ?::bigint) g"),
      {shopId, firstId, lastId});
  run(db,
      QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, pack_state, shopify_id) SELECT o.id, ?, "
                     "'packed', CASE WHEN o.shopify_id::bigint % ? = 0 THEN 'gid://shopify/FulfillmentOrder/' || "
                     "o.shopify_id END FROM orders o"),
      {locationId, knownEvery});
  run(db, QStringLiteral("INSERT INTO fulfillment_order_lines (fulfillment_order_id, shopify_id, line_item_shopify_id, "
                         "title, quantity, remaining_quantity) SELECT f.id, CASE WHEN f.shopify_id IS NOT NULL THEN "
                         "'gid://shopify/FulfillmentOrderLineItem/' || (o.shopify_id::bigint * 100 + i) END, "
                         "(o.shopify_id::bigint * 100 + i)::text, 'Item', i, i FROM fulfillment_orders f JOIN orders "
                         "o ON o.id = f.order_id, generate_series(1, 2) i"));
  run(db, QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, carrier, tracking_number, tracking_url) "
                         "SELECT f.id, b, 'UPS', '1ZPB' || o.shopify_id || 'B' || b, 'https://track.example/' || "
                         "o.shopify_id || '/' || b FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id, "
                         "generate_series(1, 2) b WHERE b = 1 OR o.shopify_id::bigint % 3 = 0"));
  run(db,
      QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) SELECT ?, "
                     "'fulfillment.create', f.id::text, 'fulfillment.create:' || f.id, jsonb_build_object("
                     "'fulfillment_order_id', f.id, 'notify_customer', true) FROM fulfillment_orders f"),
      {shopId});
}

} // namespace

int main(int argc, char *argv[])
{
  QCoreApplication app(argc, argv);
  // Defaults: the Standard plan (100 points/s; bucket 20 s of restore) and 100 ms round trips.
  const int count = static_cast<int>(envNumber("PACKBENCH_BENCH_FULFILLMENTS", 400));
  const double restoreRate = envNumber("PACKBENCH_BENCH_RESTORE_RATE", 100);
  const double bucketSize = envNumber("PACKBENCH_BENCH_BUCKET", 2000);
  const int workers = static_cast<int>(envNumber("PACKBENCH_BENCH_WORKERS", 2));
  const int knownEvery = static_cast<int>(envNumber("PACKBENCH_BENCH_KNOWN_EVERY", 2));
  const int latencyMs = qEnvironmentVariableIsSet("PACKBENCH_BENCH_LATENCY_MS")
                            ? qEnvironmentVariableIntValue("PACKBENCH_BENCH_LATENCY_MS")
                            : 100;
  constexpr qint64 kFirst = 1000000;

  const db::ConnectionSettings settings = check(test::createScratchDatabase(QStringLiteral("fulfillrate")), "database");
  QSqlDatabase db = check(db::openDatabase(settings, QStringLiteral("bench-main")), "connect");
  check(db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(db), "migrate");
  const qint64 shopId = test::scalar(
      db, QStringLiteral("INSERT INTO shops (domain, name) VALUES ('fake.myshopify.com', 'Fake') RETURNING id"));
  const qint64 locationId = test::scalar(
      db, QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, 'RNO', 'Reno') RETURNING id"),
      {shopId});
  seed(db, shopId, locationId, kFirst, count, knownEvery);

  test::FakeShopify fake;
  if (fake.listen() == 0)
    fail(QStringLiteral("fake Shopify cannot listen"));
  for (qint64 id = kFirst; id < kFirst + count; ++id)
    fake.addOrder(QString::number(id), {1, 2});
  fake.setBucket(bucketSize, restoreRate); // full, as an app's bucket is after a quiet minute
  fake.setLatencyMs(latencyMs);

  shopify::GraphQlSettings client;
  client.endpoint = fake.graphqlEndpoint();
  client.accessToken = fake.accessToken();
  client.timeoutMs = 10000;
  const SystemClock clock;
  shopify::CostThrottle throttle(clock); // one per hub process, shared by its workers
  std::atomic<bool> stop{false};
  std::atomic<int> workerErrors{0};
  std::atomic<int> clientThrottled{0};
  std::vector<std::unique_ptr<QThread>> threads;
  const qint64 startMs = test::FakeShopify::clockMs();
  for (int w = 0; w < workers; ++w) {
    const QString name = QStringLiteral("bench-worker-%1").arg(w);
    threads.emplace_back(QThread::create([&, name]() {
      {
        auto conn = db::openDatabase(settings, name);
        if (!conn) {
          ++workerErrors;
          return;
        }
        shopify::GraphQlClient graphQl(client, throttle);
        shopify::OutboxSettings outbox;
        outbox.workerId = name;
        shopify::OutboxWorker worker(*conn, graphQl, test::FakeShopify::defaultShop(), outbox);
        while (!stop) {
          auto claimed = worker.runOnce();
          if (!claimed)
            ++workerErrors;
          if (!claimed || claimed->claimed == 0)
            shopify::waitMs(20);
        }
        clientThrottled += graphQl.throttledResponses();
      }
      QSqlDatabase::removeDatabase(name);
    }));
    threads.back()->start();
  }
  // The fake answers on this thread's event loop; look at the outbox now and then.
  QElapsedTimer total;
  total.start();
  QEventLoop loop;
  QTimer poll;
  const bool trace = qEnvironmentVariableIsSet("PACKBENCH_BENCH_TRACE");
  QObject::connect(&poll, &QTimer::timeout, &loop, [&]() {
    if (trace) // the client's model of the bucket beside the fake's own figure
      out() << "t=" << total.elapsed() << " ms model " << throttle.available() << " fake " << fake.bucketAvailable()
            << " applied " << fake.stats().fulfillmentCreates << Qt::endl;
    if (test::scalar(db, QStringLiteral("SELECT count(*) FROM outbox WHERE status <> 'done'")) == 0)
      loop.quit();
    if (total.elapsed() > 1800 * 1000)
      fail(QStringLiteral("not done after 30 minutes"));
  });
  poll.start(250);
  loop.exec();
  poll.stop();
  stop = true;
  for (auto &thread : threads) {
    while (!thread->wait(10)) // keep answering calls still in flight
      QCoreApplication::processEvents(QEventLoop::AllEvents);
  }
  if (workerErrors.load() != 0)
    fail(QStringLiteral("%1 worker pass(es) failed").arg(workerErrors.load()));

  // Exactly once: one fulfillment per fulfillment order, all of them.
  const auto &stats = fake.stats();
  if (stats.fulfillmentCreates != count)
    fail(QStringLiteral("%1 fulfillments applied for %2 orders").arg(stats.fulfillmentCreates).arg(count));
  for (const auto &fo : fake.fulfillmentOrders()) {
    if (fo.fulfillmentIds.size() != 1)
      fail(QStringLiteral("%1 has %2 fulfillments").arg(fo.id).arg(fo.fulfillmentIds.size()));
  }

  // The ceiling: Shopify restores restoreRate points a second; each fulfillment spends costPer
  // (actual cost, after the refund) across its calls. Steady phase: from the first moment the
  // bucket ran down to what a lookup needs (its requested cost, plus 10% of the bucket for the
  // client's safety margin): from then on the restore rate, not the initial bucket, sets the pace.
  const double costPer = stats.pointsCharged / count;
  const double ceiling = restoreRate / costPer;
  int maxRequested = 0;
  for (const int cost : stats.requestedCost)
    maxRequested = std::max(maxRequested, cost);
  qint64 steadyFromMs = -1;
  double levelAtSteady = bucketSize;
  for (const auto &[atMs, level] : stats.levelAfterCall) {
    if (level < maxRequested + 0.1 * bucketSize) {
      steadyFromMs = atMs;
      levelAtSteady = level;
      break;
    }
  }
  const QList<qint64> &applied = stats.fulfillmentAppliedMs;
  const qint64 lastMs = applied.last();
  const qint64 firstCallMs = stats.levelAfterCall.first().first;
  int steadyCount = 0;
  for (const qint64 at : applied)
    steadyCount += at > steadyFromMs ? 1 : 0;
  const double steadySeconds = static_cast<double>(lastMs - steadyFromMs) / 1000.0;
  // Never below: the workers, not the bucket, set the pace (no steady phase to speak of).
  const bool drained = steadyFromMs >= 0 && steadySeconds > 1;
  const double steadyRate = drained ? steadyCount / steadySeconds : 0;
  // Whole run: the initial bucket pays for all but the largest requested cost (a lookup runs only
  // while the bucket holds that much), the restore rate for the rest.
  const double levelAtEnd = stats.levelAfterCall.last().second;
  const double idealSeconds = std::max(0.0, (stats.pointsCharged - (bucketSize - maxRequested)) / restoreRate);
  const double runSeconds = static_cast<double>(lastMs - firstCallMs) / 1000.0;

  QJsonObject perOperation;
  for (auto it = stats.calls.cbegin(); it != stats.calls.cend(); ++it)
    perOperation.insert(it.key(), QJsonObject{{QStringLiteral("calls"), it.value()},
                                              {QStringLiteral("requested"), stats.requestedCost.value(it.key())},
                                              {QStringLiteral("actual_per_call"),
                                               stats.actualCost.value(it.key()) / std::max(1, it.value())}});
  out() << "fulfillments " << count << ", workers " << workers << ", latency " << latencyMs << " ms, bucket "
        << bucketSize << " restore " << restoreRate << "/s; " << costPer << " points per fulfillment -> ceiling "
        << ceiling << "/s" << Qt::endl;
  if (!drained)
    out() << "the bucket never ran low: the workers, not Shopify's limit, set the pace" << Qt::endl;
  out() << "whole run " << runSeconds << " s vs ideal " << idealSeconds << " s: ratio "
        << (runSeconds > 0 ? idealSeconds / runSeconds : 0) << "; THROTTLED " << stats.throttled << "; steady phase "
        << steadyCount << " in " << steadySeconds << " s = " << steadyRate << "/s (" << (steadyRate / ceiling)
        << " of the ceiling, bucket " << levelAtSteady << " -> " << levelAtEnd << ")" << Qt::endl;
  const QJsonObject result{
      {QStringLiteral("bench"), QStringLiteral("fulfillment_rate")},
      {QStringLiteral("fulfillments"), count},
      {QStringLiteral("workers"), workers},
      {QStringLiteral("bucket"), bucketSize},
      {QStringLiteral("restore_rate"), restoreRate},
      {QStringLiteral("known_ids_every"), knownEvery},
      {QStringLiteral("latency_ms"), latencyMs},
      {QStringLiteral("points_per_fulfillment"), costPer},
      {QStringLiteral("ceiling_per_s"), ceiling},
      {QStringLiteral("steady_per_s"), steadyRate},
      {QStringLiteral("steady_fulfillments"), steadyCount},
      {QStringLiteral("ratio_steady"), drained ? QJsonValue(steadyRate / ceiling) : QJsonValue()},
      {QStringLiteral("bucket_drained"), drained},
      {QStringLiteral("level_at_steady"), levelAtSteady},
      {QStringLiteral("level_at_end"), levelAtEnd},
      {QStringLiteral("max_requested"), maxRequested},
      {QStringLiteral("run_s"), runSeconds},
      {QStringLiteral("ideal_s"), idealSeconds},
      {QStringLiteral("ratio"), runSeconds > 0 ? idealSeconds / runSeconds : 0},
      {QStringLiteral("throttled"), stats.throttled},
      {QStringLiteral("client_throttled"), clientThrottled.load()},
      {QStringLiteral("requests"), stats.requests},
      {QStringLiteral("wall_s"), static_cast<double>(test::FakeShopify::clockMs() - startMs) / 1000.0},
      {QStringLiteral("operations"), perOperation}};
  out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
  db.close();
  return 0;
}
