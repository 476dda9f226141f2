// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #14: from the packer's last scan to the carrier label's ZPL at the label printer's raw port, through the real
// parts: StationController (the scan, the request through packbench_request_label, NOTIFY packbench_label heard by a
// QueueNotifier, the label printed through printing::JournaledPrinter to a TCP listener on its own thread) and the
// hub's CarrierLabelThread (NOTIFY packbench_label_request, LabelWorker, the ShipEngine adapter) against the carrier
// fake as its own process, answering in 0 ms and in 300 ms. The baseline, in the same run and interleaved package by
// package: the same purchase (POST /v1/labels, same body) sent to the same fake by a bare HTTP client, i.e. the
// carrier's own time. Reports p50/p99 of both, our overhead and the ratio. Last line: one JSON object.
#include "core/carriers/shipenginejson.h"
#include "core/db/demodata.h"
#include "core/db/sql.h"
#include "core/hub/carrierlabelthread.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "core/queue/queuenotifier.h"
#include "core/station/stationcontroller.h"
#include "tests/bench/benchcheck.h"
#include "tests/bench/fakecarrierprocess.h"
#include "tests/support/fakecarrier.h"
#include "tests/support/labelworld.h"
#include "tests/support/packfixture.h"
#include "tests/support/rawprinterport.h"
#include "tests/support/testdatabase.h"
#include "ui/printing/journaledprinter.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <functional>

using namespace pb;
using bench::check;
using bench::checkStatus;
using bench::fail;
using bench::out;

namespace {

QElapsedTimer g_clock; // one monotonic clock for every timestamp of the run

double sinceStartMs()
{
  return static_cast<double>(g_clock.nsecsElapsed()) / 1e6;
}

// Wall-clock milliseconds, to place the database's own timestamps (same machine, same clock) on the way.
double wallMs()
{
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(now).count()) / 1000.0;
}

// Runs the event loop until done() holds (checked every millisecond); false after timeoutMs.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
  if (done())
    return true;
  QEventLoop loop;
  QTimer check;
  QElapsedTimer waited;
  waited.start();
  bool ok = false;
  QObject::connect(&check, &QTimer::timeout, &loop, [&]() {
    if (done() || waited.elapsed() > timeoutMs) {
      ok = done();
      loop.quit();
    }
  });
  check.start(1);
  loop.exec();
  return ok;
}

double percentile(QList<double> values, double p)
{
  if (values.isEmpty())
    return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<qsizetype>(std::ceil(p * static_cast<double>(values.size()))) - 1;
  return values.at(std::clamp<qsizetype>(index, 0, values.size() - 1));
}

// The label printer's raw port, on a thread of its own as a printer is a device of its own: a label has arrived when
// its bytes end with ^XZ (the ZPL end of format), whatever the station's thread does right after writing them.
class LabelPrinter {
public:
  LabelPrinter()
      : m_port(new test::RawPrinterPort)
  {
    if (!m_port->isListening())
      fail(QStringLiteral("the label printer's port does not listen"));
    m_target = m_port->target();
    m_port->onLabelEnd = [this](qsizetype index) {
      const QMutexLocker lock(&m_mutex);
      m_lastAtMs = sinceStartMs();
      m_last = m_port->jobs().at(index);
      ++m_received;
    };
    m_port->moveToThread(&m_thread);
    m_thread.start();
  }
  ~LabelPrinter()
  {
    m_thread.quit();
    m_thread.wait();
    delete m_port;
  }
  Q_DISABLE_COPY_MOVE(LabelPrinter)

  QString target() const { return m_target; }
  int received() const
  {
    const QMutexLocker lock(&m_mutex);
    return m_received;
  }
  double lastAtMs() const
  {
    const QMutexLocker lock(&m_mutex);
    return m_lastAtMs;
  }
  QByteArray last() const
  {
    const QMutexLocker lock(&m_mutex);
    return m_last;
  }

private:
  QThread m_thread;
  test::RawPrinterPort *m_port;
  QString m_target;
  mutable QMutex m_mutex;
  int m_received = 0;
  double m_lastAtMs = 0;
  QByteArray m_last;
};

int envNumber(const char *name, int fallback)
{
  bool ok = false;
  const int value = qEnvironmentVariableIntValue(name, &ok);
  return ok && value > 0 ? value : fallback;
}

QVariant value(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
  auto q = db::exec(db, sql, values);
  if (!q)
    fail(QStringLiteral("query: ") + q.error().message);
  return q.value().next() ? q->value(0) : QVariant();
}

carriers::Address shipFrom()
{
  carriers::Address a;
  a.name = QStringLiteral("Packbench Warehouse");
  a.phone = QStringLiteral("555-0100");
  a.addressLine1 = QStringLiteral("2 Dock Road");
  a.cityLocality = QStringLiteral("Reno");
  a.stateProvince = QStringLiteral("NV");
  a.postalCode = QStringLiteral("89501");
  a.countryCode = QStringLiteral("US");
  return a;
}

// The warehouse's ship-from address as carrier_locations keeps it (the hub reads it for each purchase).
QJsonObject shipFromJson()
{
  const carriers::Address a = shipFrom();
  return QJsonObject{{QStringLiteral("name"), a.name},
                     {QStringLiteral("phone"), a.phone},
                     {QStringLiteral("address_line1"), a.addressLine1},
                     {QStringLiteral("city_locality"), a.cityLocality},
                     {QStringLiteral("state_province"), a.stateProvince},
                     {QStringLiteral("postal_code"), a.postalCode},
                     {QStringLiteral("country_code"), a.countryCode}};
}

// The order the bench takes next: one demo item, the test ship-to address, box 1 weighed (a scale wrote it), first
// in line. Its fulfillment order id.
qint64 queueOrder(const QSqlDatabase &db, int n)
{
  const qint64 fo =
      check(test::createClaimedOrder(db, QStringLiteral("#B%1").arg(n), {{QStringLiteral("NW-T2D-001"), 1}}), "order");
  const QString shipTo = QString::fromUtf8(QJsonDocument(test::testShipTo()).toJson(QJsonDocument::Compact));
  value(db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued', priority = 100000 + ? WHERE id = ?"),
        {n, fo});
  value(db,
        QStringLiteral("UPDATE orders SET shipping_address = ?::jsonb WHERE id = (SELECT order_id FROM "
                       "fulfillment_orders WHERE id = ?)"),
        {shipTo, fo});
  value(db, QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, weight_grams) VALUES (?, 1, 900)"),
        {fo});
  return fo;
}

// The same purchase as the hub's (the adapter's own request body), sent by a bare HTTP client: the carrier's time.
class BarePurchaser {
public:
  explicit BarePurchaser(const QUrl &baseUrl)
      : m_url(baseUrl.resolved(QUrl(QStringLiteral("/v1/labels"))))
  {}

  double buyMs(const QString &externalId)
  {
    carriers::LabelPurchase purchase;
    carriers::Shipment &s = purchase.shipment;
    s.carrierId = test::FakeCarrier::upsCarrierId();
    s.serviceCode = QStringLiteral("ups_ground");
    s.externalShipmentId = externalId;
    s.shipDate = QDateTime::currentDateTimeUtc();
    const QJsonObject to = test::testShipTo();
    s.shipTo.name = to.value(QStringLiteral("name")).toString();
    s.shipTo.addressLine1 = to.value(QStringLiteral("address1")).toString();
    s.shipTo.cityLocality = to.value(QStringLiteral("city")).toString();
    s.shipTo.stateProvince = to.value(QStringLiteral("province_code")).toString();
    s.shipTo.postalCode = to.value(QStringLiteral("zip")).toString();
    s.shipTo.countryCode = to.value(QStringLiteral("country_code")).toString();
    s.shipFrom = shipFrom();
    carriers::Parcel parcel;
    parcel.weightGrams = 900;
    parcel.reference = externalId;
    s.parcels = {parcel};
    const QByteArray body =
        QJsonDocument(carriers::shipengine::labelRequestBody(purchase)).toJson(QJsonDocument::Compact);
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("API-Key", test::FakeCarrier::apiKey());
    const double start = sinceStartMs();
    QNetworkReply *reply = m_network.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const double took = sinceStartMs() - start;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    if (status != 200 || !answer.contains("tracking_number"))
      fail(QStringLiteral("bare purchase answered %1: %2").arg(status).arg(QString::fromUtf8(answer.left(300))));
    return took;
  }

private:
  QUrl m_url;
  QNetworkAccessManager m_network;
};

struct Round {
  int latencyMs = 0;
  QList<double> ours;
  QList<double> carrier;
  // Where the time went, on the wall clock: scan -> label_requests.requested_at (the station: scan, complete,
  // request), -> bought_at (the hub: woken, claimed, bought, storing), -> at the printer (stored, NOTIFY, the station
  // reads, journals and sends).
  QList<double> stationAsks;
  QList<double> hubBuys;
  QList<double> stationPrints;
  // bought -> at the printer, split at print_jobs.created_at: the station hears, reads and journals the job; then
  // whatever it does before its event loop sends the bytes.
  QList<double> stationJournals;
  QList<double> journalToPrinter;
};

QJsonObject summary(const Round &round)
{
  const double p50 = percentile(round.ours, 0.50);
  const double p99 = percentile(round.ours, 0.99);
  const double c50 = percentile(round.carrier, 0.50);
  const double c99 = percentile(round.carrier, 0.99);
  return QJsonObject{{QStringLiteral("fake_latency_ms"), round.latencyMs},
                     {QStringLiteral("packages"), round.ours.size()},
                     {QStringLiteral("scan_to_label_p50_ms"), p50},
                     {QStringLiteral("scan_to_label_p99_ms"), p99},
                     {QStringLiteral("carrier_p50_ms"), c50},
                     {QStringLiteral("carrier_p99_ms"), c99},
                     {QStringLiteral("overhead_p50_ms"), p50 - c50},
                     {QStringLiteral("overhead_p99_ms"), p99 - c99},
                     {QStringLiteral("ratio_p50"), c50 > 0 ? p50 / c50 : 0},
                     {QStringLiteral("ratio_p99"), c99 > 0 ? p99 / c99 : 0},
                     {QStringLiteral("scan_to_requested_p50_ms"), percentile(round.stationAsks, 0.50)},
                     {QStringLiteral("requested_to_bought_p50_ms"), percentile(round.hubBuys, 0.50)},
                     {QStringLiteral("bought_to_printer_p50_ms"), percentile(round.stationPrints, 0.50)},
                     {QStringLiteral("bought_to_journaled_p50_ms"), percentile(round.stationJournals, 0.50)},
                     {QStringLiteral("journaled_to_printer_p50_ms"), percentile(round.journalToPrinter, 0.50)},
                     {QStringLiteral("requested_to_bought_p99_ms"), percentile(round.hubBuys, 0.99)},
                     {QStringLiteral("bought_to_printer_p99_ms"), percentile(round.stationPrints, 0.99)}};
}

} // namespace

int main(int argc, char *argv[])
{
  QGuiApplication app(argc, argv); // the journaled printer is QtGui's (QPrinter for PDF labels)
  g_clock.start();
  const int packages = envNumber("PACKBENCH_BENCH_PACKAGES", 150);
  const int warmup = 5; // per round, not counted: first connections, first prepared statements
  QList<int> latencies;
  for (const QString &ms : qEnvironmentVariable("PACKBENCH_BENCH_LATENCIES", QStringLiteral("0,300")).split(u','))
    latencies.append(ms.toInt());

  auto scratch = check(test::createMigratedDatabase(QStringLiteral("labellatency")), "database");
  QSqlDatabase db = scratch.db;
  const SystemClock clock;
  check(db::seedDemoData(db, clock), "demo data");
  const qint64 location = value(db, QStringLiteral("SELECT id FROM locations ORDER BY id LIMIT 1")).toLongLong();
  value(db, QStringLiteral("INSERT INTO carrier_locations (location_id, ship_from) VALUES (?, ?::jsonb)"),
        {location, QString::fromUtf8(QJsonDocument(shipFromJson()).toJson(QJsonDocument::Compact))});
  checkStatus(
      test::addServiceRule(db, QStringLiteral("%"), test::FakeCarrier::upsCarrierId(), QStringLiteral("ups_ground")),
      "service rule");
  const qint64 stationId =
      check(queue::registerStation(db, QStringLiteral("install-latency"), QStringLiteral("bench-latency"), location),
            "station");
  queue::OrderQueue orders(db, clock, std::chrono::seconds(600));
  packing::LeasedQueueWorkflow workflow(db, orders, stationId);
  printing::JournaledPrinter::Policy policy;
  policy.maxAttempts = 1;
  printing::JournaledPrinter printer(db, policy);
  LabelPrinter port;
  auto listenDb = check(db::openDatabase(scratch.settings, QStringLiteral("bench-notify")), "notify connection");
  queue::QueueNotifier notifier(listenDb);
  checkStatus(notifier.start(), "LISTEN");

  station::StationSettings settings;
  settings.workflow = &workflow;
  settings.stationId = stationId;
  settings.locationId = location;
  settings.printer = &printer;
  settings.carrierLabelFormat = QStringLiteral("zpl");
  settings.labelPrinter = port.target();
  settings.pack.autoComplete = true; // the last item's scan completes the order: "last scan"
  settings.idleLockMinutes = 0;
  station::StationController controller(db, clock, settings);
  QObject::connect(&notifier, &queue::QueueNotifier::labelChanged, &controller,
                   &station::StationController::labelChanged);
  controller.signIn(QStringLiteral("PB-1001"), QStringLiteral("1001"));
  if (!waitUntil([&]() { return controller.packer().has_value(); }, 30000))
    fail(QStringLiteral("the demo packer was not signed in"));
  const QString itemBarcode = test::barcodeFor(db, QStringLiteral("NW-T2D-001"));

  QList<Round> rounds;
  int n = 0;
  for (const int latencyMs : latencies) {
    // A limit far above the run's rate: this measures latency, label_rate_bench the pacing.
    bench::FakeCarrierProcess fake(latencyMs, QStringLiteral("100000/60000"));
    hub::CarrierLabelSettings hubSettings;
    hubSettings.database = scratch.settings;
    hubSettings.carrier = fake.clientSettings(100000);
    hubSettings.worker.workerId = QStringLiteral("bench-latency-hub-%1").arg(latencyMs);
    hubSettings.pollMs = 30'000; // NOTIFY is the path measured
    hub::CarrierLabelThread hub(hubSettings);
    hub.start();
    BarePurchaser bare(fake.baseUrl());
    Round round;
    round.latencyMs = latencyMs;
    for (int i = 0; i < warmup + packages; ++i) {
      const qint64 fo = queueOrder(db, ++n);
      controller.refreshQueue();
      controller.takeNextOrder();
      if (!controller.session() || controller.session()->header().fulfillmentOrderId != fo)
        fail(QStringLiteral("package %1: the bench did not take its order").arg(n));
      const int before = port.received();
      const double scannedWall = wallMs();
      const double scannedAt = sinceStartMs();
      controller.handleScan(itemBarcode); // the last (only) item: complete, the label is asked for
      if (!waitUntil([&]() { return port.received() > before; }, 30000))
        fail(QStringLiteral("package %1: no label at the printer after 30 s").arg(n));
      const double ours = port.lastAtMs() - scannedAt;
      const double printedWall = scannedWall + ours;
      if (!waitUntil(
              [&]() {
                return value(db, QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo})
                           .toString() == u"packed";
              },
              30000))
        fail(QStringLiteral("package %1: printed but not recorded as packed").arg(n));
      const QString tracking =
          value(db, QStringLiteral("SELECT tracking_number FROM packages WHERE fulfillment_order_id = ?"), {fo})
              .toString();
      if (tracking.isEmpty() || !port.last().contains(tracking.toLatin1()))
        fail(QStringLiteral("package %1: the printed label is not the one bought").arg(n));
      const double carrier = bare.buyMs(QStringLiteral("bench-bare-%1").arg(n));
      auto times = db::exec(
          db,
          QStringLiteral("SELECT extract(epoch FROM r.requested_at)::float8 * 1000, extract(epoch FROM "
                         "r.bought_at)::float8 * 1000, extract(epoch FROM j.created_at)::float8 * 1000 FROM "
                         "label_requests r JOIN print_jobs j ON j.reference = 'carrier-label:request=' || r.id WHERE "
                         "r.fulfillment_order_id = ?"),
          {fo});
      if (!times || !times.value().next())
        fail(QStringLiteral("package %1: no label request").arg(n));
      if (i >= warmup) {
        round.ours.append(ours);
        round.carrier.append(carrier);
        round.stationAsks.append(times->value(0).toDouble() - scannedWall);
        round.hubBuys.append(times->value(1).toDouble() - times->value(0).toDouble());
        round.stationPrints.append(printedWall - times->value(1).toDouble());
        round.stationJournals.append(times->value(2).toDouble() - times->value(1).toDouble());
        round.journalToPrinter.append(printedWall - times->value(2).toDouble());
      }
    }
    hub.requestStop();
    hub.wait();
    const QJsonObject stats = fake.stats();
    if (!stats.value(QStringLiteral("contract_errors")).toArray().isEmpty())
      fail(QStringLiteral("the carrier fake refused requests: ") +
           QString::fromUtf8(QJsonDocument(stats.value(QStringLiteral("contract_errors")).toArray()).toJson()));
    const QJsonObject s = summary(round);
    out() << "fake latency " << latencyMs << " ms, " << packages << " packages: last scan -> label p50 "
          << s.value(QStringLiteral("scan_to_label_p50_ms")).toDouble() << " ms, p99 "
          << s.value(QStringLiteral("scan_to_label_p99_ms")).toDouble() << " ms; carrier alone p50 "
          << s.value(QStringLiteral("carrier_p50_ms")).toDouble() << " ms, p99 "
          << s.value(QStringLiteral("carrier_p99_ms")).toDouble() << " ms; overhead p50 "
          << s.value(QStringLiteral("overhead_p50_ms")).toDouble() << " ms, p99 "
          << s.value(QStringLiteral("overhead_p99_ms")).toDouble()
          << " ms (target p99 < 100 ms); p50 of scan -> requested "
          << s.value(QStringLiteral("scan_to_requested_p50_ms")).toDouble() << " ms, -> bought "
          << s.value(QStringLiteral("requested_to_bought_p50_ms")).toDouble() << " ms, -> at the printer "
          << s.value(QStringLiteral("bought_to_printer_p50_ms")).toDouble() << " ms (journaled after "
          << s.value(QStringLiteral("bought_to_journaled_p50_ms")).toDouble() << " ms, then "
          << s.value(QStringLiteral("journaled_to_printer_p50_ms")).toDouble() << " ms to the printer); p99 -> bought "
          << s.value(QStringLiteral("requested_to_bought_p99_ms")).toDouble() << " ms, -> at the printer "
          << s.value(QStringLiteral("bought_to_printer_p99_ms")).toDouble() << " ms" << Qt::endl;
    rounds.append(round);
  }

  QJsonArray results;
  double worstOverheadP99 = 0;
  for (const Round &round : rounds) {
    const QJsonObject s = summary(round);
    worstOverheadP99 = std::max(worstOverheadP99, s.value(QStringLiteral("overhead_p99_ms")).toDouble());
    results.append(s);
  }
  const QJsonObject result{{QStringLiteral("bench"), QStringLiteral("label_latency")},
                           {QStringLiteral("packages_per_round"), packages},
                           {QStringLiteral("warmup_per_round"), warmup},
                           {QStringLiteral("rounds"), results},
                           {QStringLiteral("worst_overhead_p99_ms"), worstOverheadP99},
                           {QStringLiteral("target_overhead_p99_ms"), 100},
                           {QStringLiteral("wall_s"), sinceStartMs() / 1000.0}};
  out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
  return 0;
}
