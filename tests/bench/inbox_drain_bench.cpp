// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Inbox drain rate: N pending orders/create rows (8 lines each, the webhook ingest benchmark's body)
// (then N orders/updated for them, baseline and batched only)
// mapped into orders, fulfillment orders and lines, as fast as one connection goes. Side by side in
// the same run, rounds interleaved: the old loop (inboxbaseline.cpp: a row per transaction, PREPARE/
// DEALLOCATE per statement), InboxProcessor with batch size 1 (statement cache only), and batched.
// Last line: one JSON object. Fails only on errors or wrong results; the ratio is reported, not asserted.
// usage: inbox_drain_bench [ROWS] [ROUNDS] [MODE,MODE…] (all modes by default; the ratio needs baseline and batched)
#include "core/db/connection.h"
#include "core/db/sql.h"
#include "core/db/statementcache.h"
#include "core/shopify/inboxprocessor.h"
#include "core/shopify/webhookinbox.h"
#include "tests/bench/benchcheck.h"
#include "tests/bench/inboxbaseline.h"
#include "tests/support/testdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace pb;

namespace {

const QString kShop = QStringLiteral("bench.myshopify.com");
constexpr int kRowsPerPass = 200; // as InboxThread
constexpr int kLines = 8;
constexpr int kPrefill = 20000; // earlier orders already in the database

using bench::check;
using bench::checkStatus;
using bench::fail;
using bench::out;

QString loadAverage()
{
  QFile file(QStringLiteral("/proc/loadavg"));
  if (!file.open(QIODevice::ReadOnly))
    return {};
  return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

// The body of tests/bench/webhook_ingest_bench.sh, with its own order and line ids; an update
// changes the first line's quantity.
QByteArray orderBody(qint64 orderId, const QString &updatedAt, int firstQuantity)
{
  QJsonArray items;
  for (int i = 0; i < kLines; ++i) {
    items.append(QJsonObject{{QStringLiteral("id"), double(orderId * 100 + i)},
                             {QStringLiteral("title"), QStringLiteral("Widget %1").arg(i)},
                             {QStringLiteral("sku"), QStringLiteral("W-%1").arg(i)},
                             {QStringLiteral("quantity"), i == 0 ? firstQuantity : 1},
                             {QStringLiteral("fulfillable_quantity"), i == 0 ? firstQuantity : 1},
                             {QStringLiteral("price"), QStringLiteral("9.99")}});
  }
  const QJsonObject order{
      {QStringLiteral("id"), double(orderId)},
      {QStringLiteral("admin_graphql_api_id"), QStringLiteral("gid://shopify/Order/%1").arg(orderId)},
      {QStringLiteral("name"), QStringLiteral("#%1").arg(orderId)},
      {QStringLiteral("email"), QStringLiteral("bench@example.com")},
      {QStringLiteral("updated_at"), updatedAt},
      {QStringLiteral("currency"), QStringLiteral("USD")},
      {QStringLiteral("total_price"), QStringLiteral("79.92")},
      {QStringLiteral("line_items"), items},
      {QStringLiteral("shipping_address"), QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Bench")},
                                                       {QStringLiteral("last_name"), QStringLiteral("Mark")},
                                                       {QStringLiteral("address1"), QStringLiteral("1 Loop")},
                                                       {QStringLiteral("city"), QStringLiteral("Reno")},
                                                       {QStringLiteral("zip"), QStringLiteral("89501")}}}};
  return QJsonDocument(order).toJson(QJsonDocument::Compact);
}

// A database that has been in use: earlier orders, packed, with their lines, and fresh statistics.
// (On empty tables with empty-table statistics PostgreSQL plans sequential scans, which measures
// nothing a running hub sees.)
void prefill(QSqlDatabase &admin, int orders)
{
  checkStatus(db::inTransaction(
                  admin,
                  [&]() -> Status {
                    const QStringList steps{
                        QStringLiteral("INSERT INTO shops (domain, name) VALUES (?, ?)"),
                        QStringLiteral("INSERT INTO locations (shop_id, code, name) SELECT id, 'default', "
                                       "'Default' FROM shops"),
                        QStringLiteral("INSERT INTO orders (shop_id, shopify_id, name, email, currency, "
                                       "total_minor, shopify_updated_at) SELECT s.id, (7000000 + g)::text, "
                                       "'#' || g, 'old@example.com', 'USD', 7992, now() - interval '1 day' "
                                       "FROM shops s, generate_series(1, ?) g"),
                        QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, pack_state) "
                                       "SELECT o.id, l.id, 'packed' FROM orders o JOIN locations l ON "
                                       "l.shop_id = o.shop_id"),
                        QStringLiteral("INSERT INTO fulfillment_order_lines (fulfillment_order_id, "
                                       "line_item_shopify_id, title, sku, quantity, remaining_quantity, "
                                       "price_minor) SELECT f.id, (o.shopify_id::bigint * 100 + i)::text, "
                                       "'Widget ' || i, 'W-' || i, 1, 0, 999 FROM fulfillment_orders f "
                                       "JOIN orders o ON o.id = f.order_id, generate_series(0, 7) i")};
                    for (const QString &sql : steps) {
                      const QVariantList values = sql.startsWith(u"INSERT INTO shops")     ? QVariantList{kShop, kShop}
                                                  : sql.contains(u"generate_series(1, ?)") ? QVariantList{orders}
                                                                                           : QVariantList{};
                      if (auto ran = db::exec(admin, sql, values); !ran)
                        return ran.error();
                    }
                    return {};
                  }),
              "prefill");
}

// What one drain maps: N deliveries of one topic for consecutive order ids.
struct Load {
  QString topic;
  qint64 firstOrderId = 0;
  QString updatedAt;
  int firstQuantity = 1;
};

// N pending rows, statistics fresh and a checkpoint behind: every round starts alike.
void seed(QSqlDatabase &admin, int rows, const Load &load, const QString &tag)
{
  {
    db::StatementCache statements(admin);
    checkStatus(db::inTransaction(admin,
                                  [&]() -> Status {
                                    for (int i = 0; i < rows; ++i) {
                                      shopify::WebhookDelivery delivery;
                                      delivery.shopDomain = kShop;
                                      delivery.topic = load.topic;
                                      delivery.webhookId = QStringLiteral("%1-%2").arg(tag).arg(i);
                                      delivery.apiVersion = QStringLiteral("2026-01");
                                      delivery.body =
                                          orderBody(load.firstOrderId + i, load.updatedAt, load.firstQuantity);
                                      auto stored = shopify::webhookinbox::storeBatch(statements, {delivery});
                                      if (!stored)
                                        return stored.error();
                                    }
                                    return {};
                                  }),
                "seed");
  }
  check(db::execStatic(admin, QStringLiteral("VACUUM ANALYZE webhook_inbox, orders, fulfillment_orders, "
                                             "fulfillment_order_lines")),
        "vacuum");
  check(db::execStatic(admin, QStringLiteral("CHECKPOINT")), "checkpoint");
}

struct Mode {
  QString name;
  std::function<Result<int>(QSqlDatabase &)> pass; // one InboxThread pass: up to kRowsPerPass rows
};

double drain(QSqlDatabase &admin, QSqlDatabase &inbox, const Mode &mode, int rows, const Load &load)
{
  const qint64 ordersBefore = test::scalar(admin, QStringLiteral("SELECT count(*) FROM orders"));
  const qint64 linesBefore = test::scalar(admin, QStringLiteral("SELECT count(*) FROM fulfillment_order_lines"));
  QElapsedTimer timer;
  timer.start();
  int settled = 0;
  for (;;) {
    const int done = check(mode.pass(inbox), "drain");
    settled += done;
    if (done < kRowsPerPass)
      break;
  }
  const double seconds = double(timer.nsecsElapsed()) / 1e9;
  // Every row mapped once, completely.
  const qint64 pending = test::scalar(admin, QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status <> "
                                                            "'processed'"));
  const qint64 orders = test::scalar(admin, QStringLiteral("SELECT count(*) FROM orders")) - ordersBefore;
  const qint64 lines =
      test::scalar(admin, QStringLiteral("SELECT count(*) FROM fulfillment_order_lines")) - linesBefore;
  const bool creates = load.topic == u"orders/create";
  // Updates: the first line of each order now has the new quantity, nothing was added.
  const qint64 changed = test::scalar(
      admin,
      QStringLiteral("SELECT count(*) FROM fulfillment_order_lines WHERE quantity = ? AND "
                     "remaining_quantity = ? AND line_item_shopify_id::bigint BETWEEN ? AND ?"),
      {load.firstQuantity, load.firstQuantity, load.firstOrderId * 100, (load.firstOrderId + rows - 1) * 100});
  const bool complete =
      creates ? orders == rows && lines == qint64(rows) * kLines : orders == 0 && lines == 0 && changed == rows;
  if (settled != rows || pending != 0 || !complete)
    fail(QStringLiteral("%1 %2: settled %3, not processed %4, orders +%5, lines +%6, changed %7 (expected %8 rows)")
             .arg(mode.name, load.topic)
             .arg(settled)
             .arg(pending)
             .arg(orders)
             .arg(lines)
             .arg(changed)
             .arg(rows));
  return rows / seconds;
}

} // namespace

int main(int argc, char **argv)
{
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  const int rows = args.size() > 1 ? args.at(1).toInt() : 5000;
  const int rounds = args.size() > 2 ? args.at(2).toInt() : 2;
  if (rows < kRowsPerPass || rounds < 1)
    fail(QStringLiteral("usage: inbox_drain_bench [ROWS >= %1] [ROUNDS >= 1]").arg(kRowsPerPass));

  auto scratch = check(test::createMigratedDatabase(QStringLiteral("inboxdrain")), "database");
  QSqlDatabase admin = scratch.db;
  const QString fsync = test::scalar(admin, QStringLiteral("SELECT setting = 'on' FROM pg_settings WHERE name = "
                                                           "'fsync'")) == 1
                            ? QStringLiteral("on")
                            : QStringLiteral("OFF");
  QSqlDatabase inbox = check(db::openDatabase(scratch.settings, QStringLiteral("bench-inbox")), "inbox connection");

  const int batch = shopify::InboxProcessor::kDefaultBatchSize;
  // Long-lived processors, as InboxThread keeps one: the cached modes run with warm statements.
  shopify::InboxProcessor cacheOnly(inbox, 1);
  shopify::InboxProcessor batched(inbox, batch);
  shopify::InboxProcessor batched64(inbox, 64);
  const std::vector<Mode> modes{
      {QStringLiteral("baseline"), [](QSqlDatabase &db) { return bench::baseline::processPending(db, kRowsPerPass); }},
      {QStringLiteral("cache_only"), [&](QSqlDatabase &) { return cacheOnly.processPending(kRowsPerPass); }},
      {QStringLiteral("batched"), [&](QSqlDatabase &) { return batched.processPending(kRowsPerPass); }},
      {QStringLiteral("batched_64"), [&](QSqlDatabase &) { return batched64.processPending(kRowsPerPass); }},
  };
  const QString loadBefore = loadAverage();
  out() << "inbox drain benchmark: " << rows << " pending orders/create rows of " << kLines << " lines, " << rounds
        << " round(s) per mode, on " << kPrefill << " earlier orders, fsync " << fsync << ", "
        << QThread::idealThreadCount() << " CPUs, load " << loadBefore << Qt::endl;

  prefill(admin, kPrefill);
  qint64 nextOrderId = 8100000;
  const QStringList only = args.size() > 3 ? args.at(3).split(QLatin1Char(',')) : QStringList{};
  std::vector<std::vector<double>> rates(modes.size());
  for (int round = 0; round < rounds; ++round) {
    // Opposite order every other round, so drifting machine load favours no mode.
    for (size_t k = 0; k < modes.size(); ++k) {
      const size_t m = round % 2 == 0 ? k : modes.size() - 1 - k;
      if (!only.isEmpty() && !only.contains(modes[m].name))
        continue;
      const Load load{QStringLiteral("orders/create"), nextOrderId, QStringLiteral("2026-11-26T08:00:00Z"), 1};
      seed(admin, rows, load, QStringLiteral("r%1-%2").arg(round).arg(modes[m].name));
      nextOrderId += rows;
      const double rate = drain(admin, inbox, modes[m], rows, load);
      rates[m].push_back(rate);
      out() << QString::asprintf("round %d %-10s %8.1f orders/s", round + 1, qPrintable(modes[m].name), rate)
            << Qt::endl;
    }
  }

  // Then orders/updated for the first drain's first orders (one line's quantity changes), baseline
  // against batched, same rounds and order rule; a fifth as many rows (the old loop manages ~30/s).
  const size_t updated[] = {0, 2};
  const int updates = std::max(kRowsPerPass, rows / 5);
  std::vector<std::vector<double>> updateRates(2);
  int stamp = 0;
  for (int round = 0; round < rounds; ++round) {
    for (size_t k = 0; k < 2; ++k) {
      const size_t u = round % 2 == 0 ? k : 1 - k;
      const Mode &mode = modes[updated[u]];
      if (!only.isEmpty() && !only.contains(mode.name))
        continue;
      ++stamp;
      const Load load{QStringLiteral("orders/updated"), 8100000,
                      QStringLiteral("2026-11-26T09:%1:00Z").arg(stamp, 2, 10, QLatin1Char('0')), 1 + stamp};
      seed(admin, updates, load, QStringLiteral("u%1-%2").arg(round).arg(mode.name));
      const double rate = drain(admin, inbox, mode, updates, load);
      updateRates[u].push_back(rate);
      out() << QString::asprintf("round %d %-10s %8.1f updates/s", round + 1, qPrintable(mode.name), rate) << Qt::endl;
    }
  }

  auto mean = [](const std::vector<double> &values) {
    double sum = 0;
    for (double v : values)
      sum += v;
    return values.empty() ? 0.0 : sum / double(values.size());
  };
  const double base = std::max(mean(rates[0]), 1e-9);
  QJsonObject results;
  for (size_t m = 0; m < modes.size(); ++m) {
    QJsonArray each;
    for (double r : rates[m])
      each.append(qRound(r * 10) / 10.0);
    const double rate = mean(rates[m]);
    results.insert(modes[m].name, QJsonObject{{QStringLiteral("orders_per_s"), qRound(rate * 10) / 10.0},
                                              {QStringLiteral("rounds"), each},
                                              {QStringLiteral("vs_baseline"), qRound(rate / base * 100) / 100.0}});
  }
  const double batchedRate = mean(rates[2]);
  const double updateBase = std::max(mean(updateRates[0]), 1e-9);
  const QJsonObject updateResults{{QStringLiteral("rows"), updates},
                                  {QStringLiteral("baseline_per_s"), qRound(mean(updateRates[0]) * 10) / 10.0},
                                  {QStringLiteral("batched_per_s"), qRound(mean(updateRates[1]) * 10) / 10.0},
                                  {QStringLiteral("ratio"), qRound(mean(updateRates[1]) / updateBase * 100) / 100.0}};
  const QJsonObject summary{{QStringLiteral("benchmark"), QStringLiteral("inbox_drain")},
                            {QStringLiteral("rows"), rows},
                            {QStringLiteral("lines_per_order"), kLines},
                            {QStringLiteral("earlier_orders"), kPrefill},
                            {QStringLiteral("rounds"), rounds},
                            {QStringLiteral("batch_size"), batch},
                            {QStringLiteral("fsync"), fsync == u"on"},
                            {QStringLiteral("load_before"), loadBefore},
                            {QStringLiteral("load_after"), loadAverage()},
                            {QStringLiteral("results"), results},
                            {QStringLiteral("ratio"), qRound(batchedRate / base * 100) / 100.0},
                            {QStringLiteral("updates"), updateResults},
                            {QStringLiteral("target"), QStringLiteral(">= 200 orders/s and >= 3x baseline")},
                            {QStringLiteral("target_met"), batchedRate >= 200 && batchedRate >= 3 * base}};
  out() << QJsonDocument(summary).toJson(QJsonDocument::Compact) << Qt::endl;
  return 0;
}
