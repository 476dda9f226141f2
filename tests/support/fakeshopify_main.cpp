// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-fake-shopify: the tests' Shopify fake as a program, for manual runs and benchmarks.
// Admin GraphQL at /admin/api/<version>/graphql.json with the plan's leaky bucket and optional
// faults; a few control routes under /fake/; signs and sends orders/* webhooks to a hub.
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifycatalogue.h"
#include "tests/support/shopifypayloads.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

using namespace pb;

namespace {

// Restore rates from shopify.dev "GraphQL Admin API rate limits"; the page gives no bucket sizes,
// so the bucket is 20 s of restore, the ratio of the older published table (1000 at 50/s).
struct Plan {
  const char *name;
  double restoreRate;
};
constexpr Plan kPlans[] = {{"standard", 100}, {"advanced", 200}, {"plus", 1000}, {"enterprise", 2000}};

QTextStream &out()
{
  static QTextStream stream(stdout);
  return stream;
}

QHttpServerResponse json(const QJsonObject &object, QHttpServerResponse::StatusCode status)
{
  return QHttpServerResponse(QByteArrayLiteral("application/json"), QJsonDocument(object).toJson(), status);
}

// Orders first..first+count-1 with two lines (quantities 1 and 2), as restOrder() describes them;
// with lines > 0 that many lines of quantity 1 instead (big orders for paging; webhooks still say two).
void addOrders(test::FakeShopify &fake, qint64 first, int count, int lines = 0)
{
  for (qint64 id = first; id < first + count; ++id) {
    if (lines > 0)
      fake.addFulfillmentOrder(QString::number(id), id, QList<int>(lines, 1)); // line items id*1000+i
    else
      fake.addOrder(QString::number(id), {1, 2});
  }
}

int sendOrderWebhooks(test::FakeShopify &fake, const QUrl &url, const QByteArray &secret, const QString &topic,
                      const QString &shop, qint64 first, int count)
{
  int accepted = 0;
  for (qint64 id = first; id < first + count; ++id) {
    const QByteArray body = test::compact(test::restOrder(id, QDateTime::currentDateTimeUtc()));
    const int status =
        fake.sendWebhook(url, secret, topic, body, QStringLiteral("fake-%1-%2").arg(topic).arg(id), shop);
    accepted += status == 200 ? 1 : 0;
    if (status != 200)
      out() << "webhook " << topic << " for order " << id << ": HTTP " << status << Qt::endl;
  }
  return accepted;
}

} // namespace

int main(int argc, char *argv[])
{
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("packbench-fake-shopify"));
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("A local Shopify Admin GraphQL fake with Shopify's rate limits."));
  parser.addHelpOption();
  const QCommandLineOption port({QStringLiteral("p"), QStringLiteral("port")},
                                QStringLiteral("Port to listen on (0: any free one)."), QStringLiteral("port"),
                                QStringLiteral("0"));
  const QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("Address to listen on."),
                                QStringLiteral("address"), QStringLiteral("127.0.0.1"));
  const QCommandLineOption plan(
      QStringLiteral("plan"), QStringLiteral("standard (100/s), advanced (200/s), plus (1000/s), enterprise (2000/s)."),
      QStringLiteral("plan"), QStringLiteral("standard"));
  const QCommandLineOption bucket(QStringLiteral("bucket"), QStringLiteral("Bucket size in points (maximumAvailable)."),
                                  QStringLiteral("points"));
  const QCommandLineOption restore(QStringLiteral("restore-rate"), QStringLiteral("Points restored per second."),
                                   QStringLiteral("points"));
  const QCommandLineOption serverErrors(QStringLiteral("server-errors"),
                                        QStringLiteral("Share of calls answered 500/503, nothing applied."),
                                        QStringLiteral("p"), QStringLiteral("0"));
  const QCommandLineOption lost(QStringLiteral("lost"), QStringLiteral("Share of calls applied, then answered 502."),
                                QStringLiteral("p"), QStringLiteral("0"));
  const QCommandLineOption slow(QStringLiteral("slow"), QStringLiteral("Share of calls answered after --slow-ms."),
                                QStringLiteral("p"), QStringLiteral("0"));
  const QCommandLineOption slowMs(QStringLiteral("slow-ms"), QStringLiteral("Delay of a slow answer."),
                                  QStringLiteral("ms"), QStringLiteral("15000"));
  const QCommandLineOption latency(QStringLiteral("latency-ms"),
                                   QStringLiteral("Answer every call this much later (network round trip)."),
                                   QStringLiteral("ms"), QStringLiteral("0"));
  const QCommandLineOption throttle(QStringLiteral("throttle"),
                                    QStringLiteral("Share of calls for which the bucket is drained first."),
                                    QStringLiteral("p"), QStringLiteral("0"));
  const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed for the faults."),
                                QStringLiteral("n"), QStringLiteral("1"));
  const QCommandLineOption orders(
      QStringLiteral("orders"), QStringLiteral("Create orders FIRST..FIRST+COUNT-1, one open fulfillment order each."),
      QStringLiteral("first:count"));
  const QCommandLineOption catalogue(
      QStringLiteral("catalogue"),
      QStringLiteral("Generate PRODUCTS products of VARIANTS variants each (ids from 1; barcodes UPC-A, EAN-13, "
                     "GTIN-14, internal, none in turn)."),
      QStringLiteral("products:variants"));
  const QCommandLineOption hub(
      QStringLiteral("webhook-url"),
      QStringLiteral("Hub endpoint for webhooks, e.g. http://127.0.0.1:8080/webhooks/shopify."), QStringLiteral("url"));
  const QCommandLineOption topic(QStringLiteral("webhook-topic"),
                                 QStringLiteral("Topic of the webhooks --orders sends."), QStringLiteral("topic"),
                                 QStringLiteral("orders/create"));
  const QCommandLineOption shop(QStringLiteral("shop"), QStringLiteral("X-Shopify-Shop-Domain of the webhooks."),
                                QStringLiteral("domain"), QStringLiteral("fake.myshopify.com"));
  parser.addOptions({port, bind, plan, bucket, restore, serverErrors, lost, slow, slowMs, latency, throttle, seed,
                     orders, catalogue, hub, topic, shop});
  parser.process(app);

  QTextStream err(stderr);
  const QString planName = parser.value(plan).toLower();
  const Plan *chosen = nullptr;
  for (const Plan &p : kPlans) {
    if (planName == QLatin1String(p.name))
      chosen = &p;
  }
  if (!chosen) {
    err << "unknown --plan " << planName << Qt::endl;
    return 2;
  }
  const double restoreRate = parser.isSet(restore) ? parser.value(restore).toDouble() : chosen->restoreRate;
  const double bucketSize = parser.isSet(bucket) ? parser.value(bucket).toDouble() : 20 * restoreRate;
  if (restoreRate <= 0 || bucketSize <= 0) {
    err << "--bucket and --restore-rate must be positive" << Qt::endl;
    return 2;
  }
  // The webhook secret comes from the environment, never the command line (ps shows arguments).
  const QByteArray secret = qgetenv("PACKBENCH_FAKE_WEBHOOK_SECRET");
  if (parser.isSet(hub) && secret.isEmpty()) {
    err << "--webhook-url needs PACKBENCH_FAKE_WEBHOOK_SECRET (the hub's shopify.webhook_secret)" << Qt::endl;
    return 2;
  }

  test::FakeShopify fake;
  fake.setBucket(bucketSize, restoreRate);
  test::FakeShopify::Faults faults;
  faults.serverError = parser.value(serverErrors).toDouble();
  faults.lost = parser.value(lost).toDouble();
  faults.slow = parser.value(slow).toDouble();
  faults.slowMs = parser.value(slowMs).toInt();
  faults.throttle = parser.value(throttle).toDouble();
  fake.setFaults(faults, parser.value(seed).toUInt());
  fake.setLatencyMs(parser.value(latency).toInt());

  qint64 firstOrder = 0;
  int orderCount = 0;
  if (parser.isSet(orders)) {
    const QStringList parts = parser.value(orders).split(QLatin1Char(':'));
    firstOrder = parts.value(0).toLongLong();
    orderCount = parts.value(1).toInt();
    if (parts.size() != 2 || firstOrder <= 0 || orderCount <= 0) {
      err << "--orders wants FIRST:COUNT, e.g. 1001:500" << Qt::endl;
      return 2;
    }
    addOrders(fake, firstOrder, orderCount);
  }

  if (parser.isSet(catalogue)) {
    const QStringList parts = parser.value(catalogue).split(QLatin1Char(':'));
    const int products = parts.value(0).toInt();
    const int variants = parts.value(1).toInt();
    if (parts.size() != 2 || products <= 0 || variants <= 0 || variants > 2048) {
      err << "--catalogue wants PRODUCTS:VARIANTS, e.g. 1000:100 (at most 2048 variants a product)" << Qt::endl;
      return 2;
    }
    fake.catalogue().generate(1, products, variants, QDateTime::currentDateTimeUtc());
  }

  QHttpServer &server = fake.httpServer();
  // {"first": 1, "count": 10, "variants": 3}: products first.. with that many variants each (the catalogue).
  server.route(
      QStringLiteral("/fake/catalogue"), QHttpServerRequest::Method::Post, [&fake](const QHttpServerRequest &request) {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const qint64 first = body.value(u"first").toVariant().toLongLong();
        const int count = body.value(u"count").toInt();
        const int variants = body.value(u"variants").toInt();
        if (first <= 0 || count <= 0 || count > 1000000 || variants <= 0 || variants > 2048)
          return json(
              {{QStringLiteral("error"), QStringLiteral("want {\"first\": n, \"count\": n, \"variants\": 1..2048}")}},
              QHttpServerResponse::StatusCode::BadRequest);
        fake.catalogue().generate(first, count, variants, QDateTime::currentDateTimeUtc());
        return json({{QStringLiteral("products"), fake.catalogue().productCount()},
                     {QStringLiteral("variants"), fake.catalogue().variantCount()}},
                    QHttpServerResponse::StatusCode::Ok);
      });
  // The products/update webhook body Shopify would send for product <id> (for signed sends by a test).
  server.route(QStringLiteral("/fake/catalogue/product/<arg>"), QHttpServerRequest::Method::Get,
               [&fake](const QString &id) {
                 if (!fake.catalogue().product(id))
                   return json({{QStringLiteral("error"), QStringLiteral("no such product")}},
                               QHttpServerResponse::StatusCode::NotFound);
                 return json(fake.catalogue().restPayload(id), QHttpServerResponse::StatusCode::Ok);
               });
  server.route(QStringLiteral("/fake/stats"), QHttpServerRequest::Method::Get,
               [&fake]() { return json(fake.statsJson(), QHttpServerResponse::StatusCode::Ok); });
  // {"first": 1001, "count": 10}: orders with one open fulfillment order of two lines each ("lines": n for n).
  server.route(QStringLiteral("/fake/orders"), QHttpServerRequest::Method::Post,
               [&fake](const QHttpServerRequest &request) {
                 const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
                 const qint64 first = body.value(u"first").toVariant().toLongLong();
                 const int count = body.value(u"count").toInt();
                 const int lines = body.value(u"lines").toInt();
                 if (first <= 0 || count <= 0 || count > 1000000 || lines < 0 || lines > 999)
                   return json({{QStringLiteral("error"),
                                 QStringLiteral("want {\"first\": n, \"count\": n} and at most 999 \"lines\"")}},
                               QHttpServerResponse::StatusCode::BadRequest);
                 addOrders(fake, first, count, lines);
                 return json({{QStringLiteral("created"), count}}, QHttpServerResponse::StatusCode::Ok);
               });
  // {"maximum": 1000, "restore_rate": 100}: a new, full bucket.
  server.route(QStringLiteral("/fake/bucket"), QHttpServerRequest::Method::Post,
               [&fake](const QHttpServerRequest &request) {
                 const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
                 const double maximum = body.value(u"maximum").toDouble();
                 const double rate = body.value(u"restore_rate").toDouble();
                 if (maximum <= 0 || rate <= 0)
                   return json({{QStringLiteral("error"), QStringLiteral("want positive maximum and restore_rate")}},
                               QHttpServerResponse::StatusCode::BadRequest);
                 fake.setBucket(maximum, rate);
                 return json(fake.statsJson(), QHttpServerResponse::StatusCode::Ok);
               });

  // {"first": 1001, "count": 10}: signed webhooks for those orders to --webhook-url, sent after the answer.
  server.route(
      QStringLiteral("/fake/webhooks"), QHttpServerRequest::Method::Post, [&](const QHttpServerRequest &request) {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const qint64 first = body.value(u"first").toVariant().toLongLong();
        const int count = body.value(u"count").toInt();
        if (!parser.isSet(hub) || first <= 0 || count <= 0 || count > 100000)
          return json(
              {{QStringLiteral("error"), QStringLiteral("want --webhook-url and {\"first\": n, \"count\": n}")}},
              QHttpServerResponse::StatusCode::BadRequest);
        QTimer::singleShot(0, &fake, [&, first, count]() {
          const int accepted = sendOrderWebhooks(fake, QUrl(parser.value(hub)), secret, parser.value(topic),
                                                 parser.value(shop), first, count);
          out() << accepted << " of " << count << " webhook(s) accepted" << Qt::endl;
        });
        return json({{QStringLiteral("queued"), count}}, QHttpServerResponse::StatusCode::Accepted);
      });

  const quint16 bound =
      fake.listen(static_cast<quint16>(parser.value(port).toUInt()), QHostAddress(parser.value(bind)));
  if (bound == 0) {
    err << "cannot listen on " << parser.value(bind) << ':' << parser.value(port) << Qt::endl;
    return 1;
  }
  // First line of output: the base URL (scripts read it to find a port chosen by the system).
  out() << "http://" << parser.value(bind) << ':' << bound << Qt::endl;
  out() << "Admin GraphQL: http://" << parser.value(bind) << ':' << bound
        << "/admin/api/2026-01/graphql.json (X-Shopify-Access-Token: " << fake.accessToken() << ")" << Qt::endl;
  out() << "bucket " << bucketSize << " points, restore " << restoreRate << " points/s; " << orderCount << " order(s), "
        << fake.catalogue().variantCount()
        << " variant(s); GET /fake/stats, /fake/catalogue/product/<id>, POST /fake/orders, /fake/catalogue, "
           "/fake/bucket, /fake/webhooks"
        << Qt::endl;

  if (parser.isSet(hub) && orderCount > 0) {
    QTimer::singleShot(0, &fake, [&]() {
      const int accepted = sendOrderWebhooks(fake, QUrl(parser.value(hub)), secret, parser.value(topic),
                                             parser.value(shop), firstOrder, orderCount);
      out() << accepted << " of " << orderCount << ' ' << parser.value(topic) << " webhook(s) accepted" << Qt::endl;
    });
  }
  return QCoreApplication::exec();
}
