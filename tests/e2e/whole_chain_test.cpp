// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The whole chain as a warehouse runs it: the Shopify fake holds a catalogue, two warehouses and orders
// (one split across both); signed products and orders webhooks (with duplicates) reach the real
// packbench-hub; two real packbench stations, one per warehouse, each on its own Xvfb, are driven only by
// X keyboard events typed as a wedge scanner types them (xdotool): badge scan and typed PIN, F8, UPC-A / EAN-13 /
// GTIN-14 forms and mixed-case SKUs, PB*COMPLETE; the first Reno order goes in two boxes (F6), each with a pre-printed
// UPS label whose tracking barcode the packer scans. The fake must end with exactly one fulfillment per fulfillment
// order carrying exactly the scanned quantities (the two-box one with company UPS and both numbers and tracking
// URLs), and every document it got must be valid. Then the hub's tracking thread asks the carrier fake about both
// parcels and Shopify gets their fulfillment events. Last, Columbus ships one of two bandanas with F10: its slip says
// "1 of 2" and Shopify keeps the other open. A label bought by the hub instead: bought_label_chain_test.cpp.
#include "core/db/sql.h"
#include "tests/support/chaintest.h"
#include "tests/support/cupscapture.h"
#include "tests/support/fakecarrier.h"
#include "tests/support/fakeserialport.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifycatalogue.h"
#include "tests/support/rawprinterport.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"
#include "tests/support/zplraster.h"

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

#include <signal.h> // kill(2)

using namespace pb;

namespace {
const QByteArray kSecret = QByteArrayLiteral("whole-chain-secret");
const QString kShop = QStringLiteral("chain.myshopify.com");
const QString kReno = QStringLiteral("70001");
const QString kColumbus = QStringLiteral("70002");

// Every printed form a packer may scan for a variant (Shopify numeric variant id -> codes).
const QHash<QString, QStringList> kScanForms{
    {QStringLiteral("80011"),
     {QStringLiteral("036000291452"), QStringLiteral("0036000291452"),  // UPC-A, EAN-13
      QStringLiteral("00036000291452"), QStringLiteral("TNT-2P-GRN")}}, // GTIN-14, SKU
    {QStringLiteral("80012"), {QStringLiteral("4006381333931"), QStringLiteral("04006381333931")}},
    {QStringLiteral("80021"), {QStringLiteral("10036000291459")}},
    {QStringLiteral("80031"), {QStringLiteral("BnD-Red-M")}}, // no barcode: its mixed-case SKU
    // The merchant gave the blue tent the green one's barcode (Shopify allows it): each scan counts for the colour
    // still short on the order.
    {QStringLiteral("80013"), {QStringLiteral("036000291452")}},
};

// Pre-printed UPS labels (valid numbers of the courier dataset, ../shared/reference/tracking-numbers/ups.json): the
// first scanned as the label's human-readable line with spaces, as some scanners send it.
const QStringList kUpsLabels{QStringLiteral("1Z 5R89 3903 5756 7127"), QStringLiteral("1Z879E930346834440")};
const QStringList kUpsNumbers{QStringLiteral("1Z5R89390357567127"), QStringLiteral("1Z879E930346834440")};
const QString kUpsUrl = QStringLiteral("https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=");

// A line of a Shopify order the fake routes to `location`, with the variant's title as the catalogue has it.
test::FakeShopify::OrderLine orderLine(const QString &id, const QString &variant, const QString &title,
                                       const QString &sku, int quantity, const QString &location)
{
  static const QHash<QString, QString> variantTitles{{QStringLiteral("80011"), QStringLiteral("Green")},
                                                     {QStringLiteral("80012"), QStringLiteral("Orange")},
                                                     {QStringLiteral("80013"), QStringLiteral("Blue")},
                                                     {QStringLiteral("80031"), QStringLiteral("Red / M")}};
  test::FakeShopify::OrderLine line;
  line.lineItemId = id;
  line.variantId = variant;
  line.title = title;
  line.variantTitle = variantTitles.value(variant);
  line.sku = sku;
  line.quantity = quantity;
  line.locationId = location;
  return line;
}
} // namespace

class WholeChainTest final : public test::ChainTest {
  Q_OBJECT

private:
  db::ConnectionSettings m_pg;
  test::FakeCarrier m_carrier; // knows the two UPS parcels (labels printed elsewhere)
  QProcess m_hub;
  quint16 m_hubPort = 0;
  using Bench = test::ChainStation;
  Bench m_reno{QStringLiteral("RNO"), QStringLiteral("PB-7009")};
  // Columbus's bench has a small monitor, a German desktop and keyboard, and a scanner still set to the factory's US
  // keyboard (usFactoryScanner, set at the start): the same chain, on what its packers have.
  Bench m_columbus{QStringLiteral("CMH"), QStringLiteral("PB-7010"), QStringLiteral("1024x768x24"),
                   QStringLiteral("de_DE")};
  qint64 m_twoBoxOrder = 0;                // the fulfillment order packed in two boxes with scanned labels
  std::optional<test::CupsCapture> m_cups; // the Columbus station prints its slips to the sandboxed CUPS queue
  test::RawPrinterPort m_columbusLabels;   // and its house labels on a Zebra's raw port
  qint64 m_columbusTwoBoxes = 0;           // the Columbus order packed in two boxes (a house label each)
  QByteArray m_columbusOutput;             // its station's output read so far (columbusSaid)
  qint64 m_jobsBefore = 0;

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }
  test::ProgramRun hubCommand(const QStringList &args, const QByteArray &input = {})
  {
    return m_programs.hubCommand(args, input);
  }
  static bool xdotool(const Bench &bench, const QStringList &args) { return test::ChainPrograms::xdotool(bench, args); }
  static bool scan(const Bench &bench, const QString &code) { return test::ChainPrograms::scan(bench, code); }
  void screenshot(const Bench &bench, const QString &what) { m_programs.screenshot(bench, what); }

  void addCatalogue()
  {
    test::FakeCatalogue &catalogue = m_fake.catalogue();
    const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-3600);
    auto product = [&](const QString &id, const QString &title) {
      test::FakeCatalogue::Product p;
      p.id = id;
      p.title = title;
      p.updatedAt = at;
      return p;
    };
    test::FakeCatalogue::Product tent = product(QStringLiteral("8001"), QStringLiteral("Trail Tent 2P"));
    tent.variants = {{QStringLiteral("80011"),
                      QStringLiteral("Green"),
                      QStringLiteral("TNT-2P-GRN"),
                      QStringLiteral("036000291452"),
                      QStringLiteral("249.00"),
                      2100,
                      QStringLiteral("GRAMS"),
                      {},
                      {},
                      at},
                     {QStringLiteral("80012"),
                      QStringLiteral("Orange"),
                      QStringLiteral("TNT-2P-ORN"),
                      QStringLiteral("4006381333931"),
                      QStringLiteral("249.00"),
                      2100,
                      QStringLiteral("GRAMS"),
                      {},
                      {},
                      at},
                     {QStringLiteral("80013"),
                      QStringLiteral("Blue"),
                      QStringLiteral("TNT-2P-BLU"),
                      QStringLiteral("036000291452"),
                      QStringLiteral("249.00"),
                      2100,
                      QStringLiteral("GRAMS"),
                      {},
                      {},
                      at}};
    catalogue.addProduct(tent);
    test::FakeCatalogue::Product mug = product(QStringLiteral("8002"), QStringLiteral("Enamel Camp Mug"));
    mug.variants = {{QStringLiteral("80021"),
                     QStringLiteral("Default Title"),
                     QStringLiteral("MUG-ENM-01"),
                     QStringLiteral("10036000291459"),
                     QStringLiteral("14.00"),
                     300,
                     QStringLiteral("GRAMS"),
                     {},
                     {},
                     at}};
    catalogue.addProduct(mug);
    // Never announced by a webhook: the hub must fetch it when an order names it.
    test::FakeCatalogue::Product bandana = product(QStringLiteral("8003"), QStringLiteral("Bandana"));
    bandana.variants = {{QStringLiteral("80031"),
                         QStringLiteral("Red / M"),
                         QStringLiteral("BnD-Red-M"),
                         {},
                         QStringLiteral("9.00"),
                         40,
                         QStringLiteral("GRAMS"),
                         {},
                         {},
                         at}};
    catalogue.addProduct(bandana);
  }

  void addOrders()
  {
    const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-600);
    m_fake.addRoutedOrder({QStringLiteral("9101"),
                           QStringLiteral("#9101"),
                           at,
                           {orderLine(QStringLiteral("910101"), QStringLiteral("80011"),
                                      QStringLiteral("Trail Tent 2P"), QStringLiteral("TNT-2P-GRN"), 3, kReno),
                            orderLine(QStringLiteral("910102"), QStringLiteral("80021"),
                                      QStringLiteral("Enamel Camp Mug"), QStringLiteral("MUG-ENM-01"), 1, kReno)}});
    // Shopify split this one: the tent ships from Reno, the mug and the bandanas from Columbus.
    m_fake.addRoutedOrder({QStringLiteral("9102"),
                           QStringLiteral("#9102"),
                           at.addSecs(1),
                           {orderLine(QStringLiteral("910201"), QStringLiteral("80012"),
                                      QStringLiteral("Trail Tent 2P"), QStringLiteral("TNT-2P-ORN"), 2, kReno),
                            orderLine(QStringLiteral("910202"), QStringLiteral("80021"),
                                      QStringLiteral("Enamel Camp Mug"), QStringLiteral("MUG-ENM-01"), 1, kColumbus),
                            orderLine(QStringLiteral("910203"), QStringLiteral("80031"), QStringLiteral("Bandana"),
                                      QStringLiteral("BnD-Red-M"), 2, kColumbus)}});
    m_fake.addRoutedOrder({QStringLiteral("9103"),
                           QStringLiteral("#9103"),
                           at.addSecs(2),
                           {orderLine(QStringLiteral("910301"), QStringLiteral("80011"),
                                      QStringLiteral("Trail Tent 2P"), QStringLiteral("TNT-2P-GRN"), 1, kColumbus),
                            orderLine(QStringLiteral("910302"), QStringLiteral("80031"), QStringLiteral("Bandana"),
                                      QStringLiteral("BnD-Red-M"), 1, kColumbus),
                            orderLine(QStringLiteral("910303"), QStringLiteral("80013"),
                                      QStringLiteral("Trail Tent 2P"), QStringLiteral("TNT-2P-BLU"), 1, kColumbus)}});
  }

  int webhook(const QString &topic, const QJsonObject &body, const QString &id)
  {
    return m_fake.sendWebhookToHub(m_hubPort, kSecret, kShop, topic, body, id);
  }

  void startHub()
  {
    QProcessEnvironment env = m_programs.hubEnv(kSecret, m_fake.accessToken());
    env.insert(QStringLiteral("PACKBENCH_CARRIER_API_KEY"), QString::fromLatin1(test::FakeCarrier::apiKey()));
    m_hubPort = m_programs.startHub(m_hub, env,
                                    {QStringLiteral("shopify.shop=") + kShop,
                                     QStringLiteral("shopify.admin_base_url=") + m_fake.adminBaseUrl().toString(),
                                     QStringLiteral("shopify.location_codes=RNO=%1,CMH=Columbus DC").arg(kReno),
                                     QStringLiteral("hub.reconcile_interval_seconds=0"),
                                     QStringLiteral("carrier.api_base_url=") + m_carrier.baseUrl().toString(),
                                     QStringLiteral("tracking.first_interval_seconds=1")});
    QVERIFY(m_hubPort > 0);
  }

  // The order on the bench: the station's oldest open claim (the next one, claimed ahead by station.prefetch, is
  // newer).
  // Reno prints nothing (its labels are pre-printed); Columbus prints each slip when the order is complete, on the
  // computer's default printer (no printing.slip_printer: the CUPS sandbox's default is packbench-pdf), and a house
  // label for each box on its Zebra.
  void startBench(Bench &bench)
  {
    const QStringList columbusPrints{
        QStringLiteral("printing.auto_print=true"),
        QStringLiteral("printing.slip_template=") + m_dir.filePath(QStringLiteral("cmh-slip.liquid")),
        QStringLiteral("scanning.scanner_layout=us"), // its scanner still has the factory's US keyboard
        QStringLiteral("printing.label_printer=") + m_columbusLabels.target()};
    m_programs.startStation(bench, kShop, QStringLiteral("e2e_") + bench.code.toLower(),
                            m_dir.filePath(QStringLiteral("password-") + bench.code),
                            &bench == &m_columbus ? columbusPrints : QStringList{});
  }

  // Order `id` (#id) of two red bandanas, routed to Columbus, in by signed webhook; its queued fulfillment order, or 0.
  qint64 bandanasQueuedAtColumbus(const QString &id)
  {
    const test::FakeShopify::OrderLine bandanas =
        orderLine(id + QStringLiteral("01"), QStringLiteral("80031"), QStringLiteral("Bandana"),
                  QStringLiteral("BnD-Red-M"), 2, kColumbus);
    m_fake.addRoutedOrder({id, QStringLiteral("#") + id, QDateTime::currentDateTimeUtc().addSecs(-60), {bandanas}});
    if (orderCreated(id) != 200)
      return 0;
    const QString queued =
        QStringLiteral("SELECT coalesce((SELECT f.id FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id JOIN "
                       "locations l ON l.id = f.location_id WHERE o.name = ? AND l.code = 'CMH' AND "
                       "f.pack_state = 'queued'), 0)");
    const QString name = QStringLiteral("#") + id;
    qint64 fo = 0;
    return QTest::qWaitFor([&]() { return (fo = scalar(queued, {QVariant(name)})) > 0; }, 30000) ? fo : 0;
  }

  // What the Columbus station wrote so far, every run of it (cleanupTestCase looks for customer data in it).
  bool columbusSaid(const QByteArray &needle, qsizetype times = 1)
  {
    m_columbusOutput += m_columbus.process->readAll();
    return m_columbusOutput.count(needle) >= times;
  }

  qint64 openClaim(const Bench &bench)
  {
    return scalar(QStringLiteral("SELECT coalesce((SELECT fulfillment_order_id FROM claims WHERE station_id = ? AND "
                                 "released_at IS NULL ORDER BY id LIMIT 1), 0)"),
                  {bench.stationId});
  }

  qint64 labelsOn(qint64 fo)
  {
    return scalar(QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND tracking_number IS "
                                 "NOT NULL"),
                  {fo});
  }

  // The packer scans a pre-printed carrier label's barcode: it goes on the current box, never counted as an item.
  // Order `id` (named #id) of `quantity` green tents (line item id + "01"), all routed to Reno; orderCreated(id)
  // sends its orders/create webhook to the hub.
  test::FakeShopify::Order tentsForReno(const QString &id, int quantity)
  {
    const test::FakeShopify::OrderLine tents =
        orderLine(id + QStringLiteral("01"), QStringLiteral("80011"), QStringLiteral("Trail Tent 2P"),
                  QStringLiteral("TNT-2P-GRN"), quantity, kReno);
    const test::FakeShopify::Order order{
        id, QLatin1Char('#') + id, QDateTime::currentDateTimeUtc().addSecs(-60), {tents}};
    m_fake.addRoutedOrder(order);
    return order;
  }

  int orderCreated(const QString &id)
  {
    return webhook(QStringLiteral("orders/create"), m_fake.orderWebhookPayload(id), QStringLiteral("o-") + id);
  }

  // A query for the fulfillment order of order `id` at Reno while its pack_state is one of `states` (SQL list), or 0.
  static QString renoOrderIn(const QString &id, const QString &states)
  {
    return QStringLiteral("SELECT coalesce((SELECT f.id FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                          "JOIN locations l ON l.id = f.location_id WHERE o.name = '#%1' AND l.code = 'RNO' AND "
                          "f.pack_state IN (%2)), 0)")
        .arg(id, states);
  }

  // Order `id` of `tents` green tents in by webhook and queued at Reno: its fulfillment order (0: it never was).
  qint64 tentOrderQueuedAtReno(const QString &id, int tents)
  {
    tentsForReno(id, tents);
    if (orderCreated(id) != 200)
      return 0;
    const QString queued = renoOrderIn(id, QStringLiteral("'queued'"));
    qint64 fo = 0;
    return QTest::qWaitFor([&] { return (fo = scalar(queued)) > 0; }, 30000) ? fo : 0;
  }

  // F8 at Reno: true once the bench holds fulfillment order `fo`.
  bool renoTakes(qint64 fo)
  {
    return xdotool(m_reno, {QStringLiteral("key"), QStringLiteral("F8")}) &&
           QTest::qWaitFor([&] { return openClaim(m_reno) == fo; }, 20000);
  }

  void scanLabel(Bench &bench, qint64 fo, const QString &label)
  {
    const qint64 before = labelsOn(fo);
    QVERIFY(scan(bench, label));
    QTRY_COMPARE_WITH_TIMEOUT(labelsOn(fo), before + 1, 15000);
  }

  // Takes the next order with F8 and packs every remaining unit with the scanner, then PB*COMPLETE. With labels,
  // the order goes in one box per label: the units are split evenly, each box gets its label scanned, F6 between.
  // F8, every unit scanned by real key events, PB*COMPLETE. With labels, each box gets its pre-printed label scanned
  // first; without, houseBoxes > 1 splits the units over that many boxes (F6) for the bench's own house labels.
  void packNext(Bench &bench, int *unitsScanned, const QStringList &labels = {}, int houseBoxes = 1)
  {
    QVERIFY(xdotool(bench, {QStringLiteral("key"), QStringLiteral("F8")}));
    qint64 fo = 0;
    QTRY_VERIFY_WITH_TIMEOUT((fo = openClaim(bench)) > 0, 20000);
    auto lines =
        db::exec(m_db,
                 QStringLiteral("SELECT l.remaining_quantity, v.shopify_id FROM fulfillment_order_lines l JOIN "
                                "variants v ON v.id = l.variant_id WHERE l.fulfillment_order_id = ? AND "
                                "l.remaining_quantity > 0 ORDER BY l.id"),
                 {fo});
    VERIFY_OK(lines);
    QList<std::pair<int, QString>> wanted;
    while (lines.value().next())
      wanted.append({lines->value(0).toInt(), lines->value(1).toString()});
    QVERIFY2(!wanted.isEmpty(), "a claimed order without scannable lines");
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines WHERE fulfillment_order_id = ? AND "
                                   "remaining_quantity > 0 AND variant_id IS NULL"),
                    {fo}),
             0);
    screenshot(bench, QStringLiteral("claimed"));
    int units = 0;
    for (const auto &line : wanted)
      units += line.first;
    const int boxes = labels.isEmpty() ? houseBoxes : int(labels.size());
    QVERIFY2(boxes <= units, "more boxes than units");
    const int perBox = (units + boxes - 1) / boxes;
    int box = 0;
    if (!labels.isEmpty())
      scanLabel(bench, fo, labels.at(box)); // the label first, as a packer sticks it on the empty box
    int scanned = 0;
    for (const auto &[quantity, variant] : wanted) {
      const QStringList forms = kScanForms.value(variant);
      QVERIFY2(!forms.isEmpty(), qPrintable(QStringLiteral("no scan form for variant %1").arg(variant)));
      for (int unit = 0; unit < quantity; ++unit) {
        if (scanned == perBox * (box + 1) && box + 1 < boxes) {
          QVERIFY(xdotool(bench, {QStringLiteral("key"), QStringLiteral("F6")})); // the next box
          ++box;
          QTest::qWait(300);
          if (!labels.isEmpty())
            scanLabel(bench, fo, labels.at(box));
        }
        QVERIFY(scan(bench, forms.at((scanned + unit) % forms.size())));
        ++scanned;
        // Each scan is accepted before the next (a packer looks for the green light).
        QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id "
                                                        "= ? AND outcome = 'ok'"),
                                         {fo}),
                                  qint64(scanned), 15000);
      }
    }
    screenshot(bench, QStringLiteral("verified"));
    if (boxes > 1) {
      QCOMPARE(box + 1, boxes);
      QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT box_no) FROM scan_events WHERE fulfillment_order_id = ? "
                                     "AND outcome = 'ok'"),
                      {fo}),
               qint64(boxes));
      (labels.isEmpty() ? m_columbusTwoBoxes : m_twoBoxOrder) = fo;
    }
    QVERIFY(scan(bench, QStringLiteral("PB*COMPLETE")));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND "
                                                    "pack_state = 'packed'"),
                                     {fo}),
                              1, 20000);
    *unitsScanned += scanned;
  }

private Q_SLOTS:
  void initTestCase()
  {
    VERIFY_XDOTOOL();
    m_columbus.usFactoryScanner = true;
    auto scratch = test::createScratchDatabase(QStringLiteral("chain"));
    VERIFY_OK(scratch);
    m_pg = *scratch;
    auto db = db::openDatabase(m_pg, QStringLiteral("chain-admin"));
    VERIFY_OK(db);
    m_db = *db;
    m_programs.setDatabase(m_pg, m_db);
    QVERIFY(m_fake.listen() > 0);
    QVERIFY(m_carrier.listen() > 0);
    for (const QString &number : kUpsNumbers) { // both parcels are already out for delivery when first asked
      m_carrier.addParcel(QStringLiteral("ups"), number);
      QVERIFY(m_carrier.advanceTracking(number, 2));
    }
    m_fake.addLocation(kReno, QStringLiteral("Reno Warehouse"));
    m_fake.addLocation(kColumbus, QStringLiteral("Columbus DC"));
    addCatalogue();
    addOrders();
    auto cups = test::CupsCapture::fromEnvironment();
    VERIFY_OK(cups);
    m_cups.emplace(*cups);
    // The Columbus merchant's own slip: what its station prints on completion.
    QFile slip(m_dir.filePath(QStringLiteral("cmh-slip.liquid")));
    QVERIFY(slip.open(QIODevice::WriteOnly));
    slip.write(
        "<h1>Columbus DC packing list</h1><p>Order {{ order.name }}</p>"
        "{% for line in line_items_in_shipment %}<p>{{ line.shipping_quantity }} of {{ line.quantity }} x {{ line.sku "
        "}}</p>{% endfor %}"); // as Shopify's own template: what is in the box of what was ordered
  }

  void operator_setsUpTheDatabase_packersAndStationLogins()
  {
    const auto migrated = hubCommand({QStringLiteral("migrate")});
    QVERIFY2(migrated.exitCode == 0, qPrintable(migrated.err));
    for (const Bench *bench : {&m_reno, &m_columbus}) {
      const auto added = hubCommand({QStringLiteral("packer"), QStringLiteral("add"), bench->badge,
                                     QStringLiteral("--name"), QStringLiteral("Packer ") + bench->code},
                                    QByteArrayLiteral("4711\n"));
      QVERIFY2(added.exitCode == 0, qPrintable(added.err + added.out));
    }
  }

  void webhooks_bringTheCatalogueAndOrders_throughTheHub()
  {
    startHub();
    // Products first (each twice: Shopify may deliver twice), then the orders, one of them twice.
    int status = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        (status = webhook(QStringLiteral("products/create"), m_fake.catalogue().restPayload(QStringLiteral("8001")),
                          QStringLiteral("p-8001"))) == 200,
        20000);
    QCOMPARE(webhook(QStringLiteral("products/create"), m_fake.catalogue().restPayload(QStringLiteral("8001")),
                     QStringLiteral("p-8001")),
             200);
    QCOMPARE(webhook(QStringLiteral("products/create"), m_fake.catalogue().restPayload(QStringLiteral("8002")),
                     QStringLiteral("p-8002")),
             200);
    for (const QString &order : {QStringLiteral("9101"), QStringLiteral("9102"), QStringLiteral("9103")})
      QCOMPARE(
          webhook(QStringLiteral("orders/create"), m_fake.orderWebhookPayload(order), QStringLiteral("o-") + order),
          200);
    QCOMPARE(webhook(QStringLiteral("orders/create"), m_fake.orderWebhookPayload(QStringLiteral("9102")),
                     QStringLiteral("o-9102")),
             200);
    // Four fulfillment orders, each queued at its warehouse with every line tied to a catalogue variant.
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN locations l ON "
                                                    "l.id = f.location_id WHERE f.pack_state = 'queued'")),
                              4, 60000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN locations l ON l.id = f.location_id "
                                   "WHERE l.code = 'RNO'")),
             2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN locations l ON l.id = f.location_id "
                                   "WHERE l.code = 'CMH'")),
             2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines WHERE variant_id IS NULL")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM barcodes")) > 0, true);
  }

  void operator_issuesStationLogins_mappedToEachWarehouse()
  {
    // A station login reaches one shop and its own warehouse only (issue #12): made once the hub knows both.
    for (const Bench *bench : {&m_reno, &m_columbus}) {
      const auto login = hubCommand({QStringLiteral("station-login"), QStringLiteral("create"),
                                     QStringLiteral("e2e_") + bench->code.toLower(), QStringLiteral("--shop"), kShop,
                                     QStringLiteral("--location"), bench->code, QStringLiteral("--password-file"),
                                     m_dir.filePath(QStringLiteral("password-") + bench->code)});
      QVERIFY2(login.exitCode == 0, qPrintable(login.err + login.out));
      QVERIFY2(login.out.contains(QStringLiteral("location = ") + bench->code), qPrintable(login.out));
    }
    const auto listed = hubCommand({QStringLiteral("station-login"), QStringLiteral("list")});
    QVERIFY2(listed.exitCode == 0 &&
                 listed.out.contains(QStringLiteral("e2e_rno\t") + kShop + QStringLiteral("\tRNO\tactive")),
             qPrintable(listed.err + listed.out));
  }

  void stationSelfTest_passesForItsWarehouseCode()
  {
    // RNO exists only because the hub synced Shopify's locations and mapped the code.
    QProcessEnvironment env = m_programs.sandboxEnv(QStringLiteral("selftest"));
    env.remove(QStringLiteral("DISPLAY"));
    const auto run = test::runProgram(
        QStringLiteral(PACKBENCH_STATION_BINARY),
        QStringList{QStringLiteral("--self-test"), QStringLiteral("--no-default-files")} +
            m_programs.databaseArgs(QStringLiteral("e2e_rno")) +
            QStringList{QStringLiteral("--set"),
                        QStringLiteral("database.password_file=") + m_dir.filePath(QStringLiteral("password-RNO")),
                        QStringLiteral("--set"), QStringLiteral("station.shop=") + kShop, QStringLiteral("--set"),
                        QStringLiteral("station.location=RNO"), QStringLiteral("--set"), QStringLiteral("log.file=-")},
        m_dir.path(), env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
  }

  void twoStations_packEachWarehousesPart_byRealKeyboard()
  {
    m_jobsBefore = m_cups->lastJob();
    for (Bench *bench : {&m_reno, &m_columbus}) {
      startBench(*bench);
      if (QTest::currentTestFailed())
        return;
      screenshot(*bench, QStringLiteral("started"));
      // The bench screen is the station's: no window manager runs here, so the window sizes itself to the screen.
      QByteArray geometry;
      QVERIFY(bench->x->xdotool({QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--name"),
                                 QStringLiteral("^Packbench"), QStringLiteral("getwindowgeometry"),
                                 QStringLiteral("--shell")},
                                &geometry));
      const QStringList screen = bench->screen.split(QLatin1Char('x')); // e.g. 1024x768x24
      QVERIFY2(geometry.contains(QByteArray("WIDTH=" + screen.at(0).toLatin1() + '\n')) &&
                   geometry.contains(QByteArray("HEIGHT=" + screen.at(1).toLatin1() + '\n')),
               geometry.constData());
      m_programs.signIn(*bench, QStringLiteral("4711"));
      if (QTest::currentTestFailed())
        return;
      QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM claims WHERE station_id = ?"), {bench->stationId}), 0);
      screenshot(*bench, QStringLiteral("signed-in"));
    }
    int units = 0;
    packNext(m_reno, &units, kUpsLabels); // two boxes, a pre-printed UPS label on each
    packNext(m_reno, &units);
    // The Columbus packer left Caps Lock on: the scanner's capitals come as small letters and the other way round
    // (the bandana's SKU BnD-Red-M, PB*COMPLETE), and the station still reads each code as printed.
    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("Caps_Lock")}));
    packNext(m_columbus, &units, {}, 2); // the mug and a bandana in one box, the other bandana in a second
    packNext(m_columbus, &units);
    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("Caps_Lock")}));
    QCOMPARE(units, 3 + 1 + 2 + 1 + 2 + 1 + 1 + 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM scan_events WHERE outcome IN ('wrong_item', 'unknown', "
                                   "'over_scan')")),
             0);
  }

  // Each order Columbus completed came out of the CUPS queue as a slip on the merchant's template, naming the order
  // and the SKUs packed, and its print job is recorded as done.
  void columbus_printedEachSlip_onTheMerchantsTemplate()
  {
    QStringList orders;
    auto rows = db::exec(m_db, QStringLiteral("SELECT o.name FROM fulfillment_orders f JOIN orders o ON o.id = "
                                              "f.order_id JOIN locations l ON l.id = f.location_id WHERE l.code = "
                                              "'CMH' AND f.pack_state = 'packed' ORDER BY o.name"));
    VERIFY_OK(rows);
    while (rows.value().next())
      orders << rows->value(0).toString();
    QCOMPARE(orders.size(), 2);
    for (const QString &order : std::as_const(orders)) {
      auto pdf = m_cups->waitForJob(m_jobsBefore, [&order](const QString &path) {
        const QString text = test::CupsCapture::pdfText(path);
        return text.contains(QStringLiteral("Order ") + order) && text.contains(QStringLiteral("Columbus DC"));
      });
      VERIFY_OK(pdf);
      const QString text = test::CupsCapture::pdfText(*pdf);
      QVERIFY2(text.contains(QStringLiteral("Columbus DC packing list")), qPrintable(text));
      QVERIFY2(!text.contains(QStringLiteral("Custom slip template not used")), qPrintable(text));
      QVERIFY2(text.contains(QRegularExpression(QStringLiteral("\\d+ x \\S+"))), qPrintable(text));
      if (order == orders.first()) // as the packer holds it: the first page, beside the screenshots
        QCOMPARE(QProcess::execute(QStringLiteral("pdftoppm"),
                                   {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"),
                                    QStringLiteral("-singlefile"), *pdf,
                                    QStringLiteral(PACKBENCH_E2E_SCREENSHOT_DIR "/CMH-printed-slip")}),
                 0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM print_jobs p JOIN fulfillment_orders f ON "
                                                    "f.id = p.fulfillment_order_id JOIN locations l ON l.id = "
                                                    "f.location_id WHERE l.code = 'CMH' AND p.kind = 'slip' AND "
                                                    "p.status = 'done' AND p.printer = 'packbench-pdf'")),
                              2, 20000); // the default's name, found by the send and written on the job
  }

  // Columbus ships without carrier labels: its bench printed its own address label for each box, the two-box order's
  // saying which box is which, each journaled as printed.
  void columbus_printedAHouseLabelForEachBox()
  {
    QVERIFY(m_columbusTwoBoxes > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_columbusLabels.jobs().size(), 3, 20000); // two for one order, one for the other
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM print_jobs p JOIN fulfillment_orders f ON "
                                                    "f.id = p.fulfillment_order_id JOIN locations l ON l.id = "
                                                    "f.location_id WHERE l.code = 'CMH' AND p.kind = 'label' AND "
                                                    "p.status = 'done'")),
                              3, 20000);
    auto name = db::exec(m_db,
                         QStringLiteral("SELECT o.name FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                        "WHERE f.id = ?"),
                         {m_columbusTwoBoxes});
    VERIFY_OK(name);
    QVERIFY(name.value().next());
    const QString twoBoxName = name->value(0).toString();
    QStringList boxesOfTwo;
    int wholeOrders = 0;
    for (const QByteArray &zpl : m_columbusLabels.jobs()) {
      const test::ZplPage label = test::rasteriseZpl(zpl);
      QVERIFY2(label.unsupported.isEmpty(), qPrintable(label.unsupported.join(QLatin1Char(' '))));
      QCOMPARE(label.barcodeData.size(), 1); // the order's name, for the lead's scanner
      QVERIFY(label.texts.contains(label.barcodeData.first()));
      QVERIFY2(label.texts.contains(QStringLiteral("Columbus DC")), qPrintable(label.texts.join(u'|')));
      if (label.barcodeData.first() != twoBoxName) {
        wholeOrders += label.texts.contains(QStringLiteral("BOX 1 OF 1")) ? 1 : 0;
        continue;
      }
      for (const QString &text : label.texts) {
        if (text.startsWith(QStringLiteral("BOX ")))
          boxesOfTwo << text;
      }
    }
    boxesOfTwo.sort();
    QCOMPARE(boxesOfTwo, QStringList({QStringLiteral("BOX 1 OF 2"), QStringLiteral("BOX 2 OF 2")}));
    QCOMPARE(wholeOrders, 1);
  }

  void shopify_holdsOneFulfillmentPerFulfillmentOrder_withTheScannedQuantities()
  {
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND "
                                                    "status = 'done'")),
                              4, 60000);
    // What the stations verified, per Shopify line item, from the scan log.
    QHash<QString, int> scanned;
    auto rows = db::exec(m_db, QStringLiteral("SELECT l.line_item_shopify_id, sum(e.quantity) FROM scan_events e JOIN "
                                              "fulfillment_order_lines l ON l.id = e.line_id WHERE e.outcome = 'ok' "
                                              "GROUP BY 1"));
    VERIFY_OK(rows);
    while (rows.value().next())
      scanned.insert(rows->value(0).toString(), rows->value(1).toInt());
    QCOMPARE(m_fake.fulfillmentOrders().size(), 4);
    QHash<QString, int> fulfilled;
    for (const auto &fo : m_fake.fulfillmentOrders()) {
      QCOMPARE(fo.status, QStringLiteral("CLOSED"));
      QCOMPARE(fo.fulfillmentIds.size(), 1);
      for (const auto &[lineItem, quantity] : m_fake.fulfillments().value(fo.fulfillmentIds.first()).lines)
        fulfilled[lineItem] += quantity;
    }
    QCOMPARE(fulfilled, scanned);
    QCOMPARE(m_fake.stats().invalidDocuments, 0);
  }

  void shopify_getsBothScannedLabels_withCompanyNumbersAndUrls()
  {
    QVERIFY(m_twoBoxOrder > 0);
    // Each box kept its own label, with the courier and the company recognised at the bench.
    auto boxes = db::exec(m_db,
                          QStringLiteral("SELECT box_no, tracking_number, tracking_courier, tracking_company, "
                                         "tracking_url FROM packages WHERE fulfillment_order_id = ? ORDER BY box_no"),
                          {m_twoBoxOrder});
    VERIFY_OK(boxes);
    for (int box = 1; box <= 2; ++box) {
      QVERIFY(boxes.value().next());
      QCOMPARE(boxes->value(0).toInt(), box);
      QCOMPARE(boxes->value(1).toString(), kUpsNumbers.at(box - 1));
      QCOMPARE(boxes->value(2).toString(), QStringLiteral("ups"));
      QCOMPARE(boxes->value(3).toString(), QStringLiteral("UPS"));
      QCOMPARE(boxes->value(4).toString(), QString(kUpsUrl + kUpsNumbers.at(box - 1)));
    }
    QVERIFY(!boxes.value().next());
    // The hub's outbox posted them: the fulfillment at Shopify carries the company, both numbers and both URLs.
    auto kept = db::exec(m_db, QStringLiteral("SELECT shopify_fulfillment_id FROM fulfillment_orders WHERE id = ?"),
                         {m_twoBoxOrder});
    VERIFY_OK(kept);
    QVERIFY(kept.value().next());
    const QString made = kept->value(0).toString();
    QVERIFY2(m_fake.fulfillments().contains(made), qPrintable(made));
    const test::FakeShopify::Fulfillment shipped = m_fake.fulfillments().value(made);
    QCOMPARE(shipped.company, QStringLiteral("UPS"));
    QCOMPARE(shipped.numbers, kUpsNumbers);
    QCOMPARE(shipped.urls, (QStringList{kUpsUrl + kUpsNumbers.at(0), kUpsUrl + kUpsNumbers.at(1)}));
    // Every other fulfillment went out without tracking: nothing was scanned for them.
    for (const auto &fulfillment : m_fake.fulfillments()) {
      if (fulfillment.id != shipped.id)
        QVERIFY2(fulfillment.numbers.isEmpty(), qPrintable(fulfillment.id));
    }
    // And the hub kept the fulfillment's id for later tracking events.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shopify_fulfillments WHERE fulfillment_order_id = ?"),
                    {m_twoBoxOrder}),
             1);
  }

  void hubTrackingThread_postsEachParcelsEvents_once()
  {
    // The hub follows both boxes (carrier code ups from the company), asks the carrier fake, and its outbox posts
    // IN_TRANSIT and OUT_FOR_DELIVERY for each parcel on the fulfillment.
    auto kept = db::exec(m_db, QStringLiteral("SELECT shopify_fulfillment_id FROM fulfillment_orders WHERE id = ?"),
                         {m_twoBoxOrder});
    VERIFY_OK(kept);
    QVERIFY(kept.value().next());
    const QString fulfillment = kept->value(0).toString();
    auto statuses = [&](const QString &number) {
      QStringList out;
      for (const auto &event : m_fake.fulfillments().value(fulfillment).events) {
        if (event.message.startsWith(number))
          out.append(event.status);
      }
      return out;
    };
    const QStringList expected{QStringLiteral("IN_TRANSIT"), QStringLiteral("OUT_FOR_DELIVERY")};
    // Generous: on a loaded CI machine this test once took 202 s in all and the second event came after 60 s.
    QTRY_COMPARE_WITH_TIMEOUT(statuses(kUpsNumbers.at(0)), expected, 150000);
    QTRY_COMPARE_WITH_TIMEOUT(statuses(kUpsNumbers.at(1)), expected, 60000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking WHERE fulfillment_order_id = ? AND "
                                   "carrier_code = 'ups' AND status_detail_code = 'OUT_FOR_DELIVERY'"),
                    {m_twoBoxOrder}),
             2);
    // Nothing else was followed: the other orders left without tracking numbers.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shipment_tracking")), 2);
    QCOMPARE(m_fake.stats().fulfillmentEvents, 4);
    QCOMPARE(m_fake.stats().invalidDocuments, 0);
    QCOMPARE(m_carrier.stats().invalidRequests + m_carrier.stats().invalidResponses, 0);
  }

  // Shopify cancels an order while a packer has it on the bench: the orders/cancelled webhook reaches the hub, the
  // station hears of it and stops the packer, the scans and PB*COMPLETE that follow record nothing, and no
  // fulfillment goes to Shopify. (The controller and reconnect tests write the cancellation themselves.)
  void orderCancelledInShopify_whileOnTheBench_stopsThePacker_andNothingShips()
  {
    const qsizetype fulfillmentsBefore = m_fake.fulfillments().size();
    const qint64 fo = tentOrderQueuedAtReno(QStringLiteral("9104"), 2);
    QVERIFY(fo > 0);
    QVERIFY(renoTakes(fo));
    const QString tent = kScanForms.value(QStringLiteral("80011")).first();
    const QString okScans =
        QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND outcome = 'ok'");
    QVERIFY(scan(m_reno, tent));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(okScans, {fo}), 1, 15000);

    QJsonObject cancelled = m_fake.orderWebhookPayload(QStringLiteral("9104"));
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    cancelled.insert(QStringLiteral("cancelled_at"), now);
    cancelled.insert(QStringLiteral("cancel_reason"), QStringLiteral("customer"));
    cancelled.insert(QStringLiteral("updated_at"), now);
    QCOMPARE(webhook(QStringLiteral("orders/cancelled"), cancelled, QStringLiteral("c-9104")), 200);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'cancelled'"),
               {fo}),
        1, 30000);
    // The bench lets the order go by itself: its claim closes without anyone pressing a key.
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND released_at IS NULL"),
               {fo}),
        0, 30000);
    screenshot(m_reno, QStringLiteral("cancelled-on-the-bench"));

    // The packer, not looking, scans the second tent and completes: none of it lands.
    QVERIFY(scan(m_reno, tent));
    QVERIFY(scan(m_reno, QStringLiteral("PB*COMPLETE")));
    QTest::qWait(2000);
    QCOMPARE(scalar(okScans, {fo}), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'cancelled'"),
                    {fo}),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create'")), 4);
    QCOMPARE(m_fake.fulfillments().size(), fulfillmentsBefore);
    QCOMPARE(m_fake.stats().invalidDocuments, 0);
  }

  // Shopify edits an order (one tent of two removed) while a packer has it on the bench: the orders/edited webhook
  // reaches the hub, which reads the fulfillment order again from Shopify; the version moves, the station stops the
  // packer ("changed", not "cancelled") and gives the order back. Packed again from the start, Shopify gets one
  // fulfillment of the new quantity. (station_flow_test writes the edit itself.)
  void orderEditedInShopify_whileOnTheBench_isPackedAgain_andShipsTheNewQuantity()
  {
    const qsizetype fulfillmentsBefore = m_fake.fulfillments().size();
    const qint64 fo = tentOrderQueuedAtReno(QStringLiteral("9105"), 2);
    QVERIFY(fo > 0);
    const QString orderAtReno = renoOrderIn(QStringLiteral("9105"), QStringLiteral("'queued'"));
    const qint64 versionBefore = scalar(QStringLiteral("SELECT version FROM fulfillment_orders WHERE id = ?"), {fo});
    QVERIFY(renoTakes(fo));
    const QString tent = kScanForms.value(QStringLiteral("80011")).first();
    const QString okScans = QStringLiteral(
        "SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND outcome = 'ok' AND claim_id = (SELECT "
        "max(id) FROM claims WHERE fulfillment_order_id = ?)");
    QVERIFY(scan(m_reno, tent));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(okScans, {fo, fo}), 1, 15000);

    // The customer keeps one tent: Shopify's fulfillment order now asks for one, and the edit's webhook says so.
    test::FakeShopify::Order order = tentsForReno(QStringLiteral("9105"), 1);
    order.updatedAt = QDateTime::currentDateTimeUtc();
    m_fake.addRoutedOrder(order);
    const QJsonObject edit{{QStringLiteral("order_edit"),
                            QJsonObject{{QStringLiteral("id"), 9105001.0},
                                        {QStringLiteral("order_id"), 9105.0},
                                        {QStringLiteral("committed_at"), order.updatedAt.toString(Qt::ISODate)},
                                        {QStringLiteral("line_items"),
                                         QJsonObject{{QStringLiteral("additions"), QJsonArray{}},
                                                     {QStringLiteral("removals"),
                                                      QJsonArray{QJsonObject{{QStringLiteral("id"), 910501.0},
                                                                             {QStringLiteral("delta"), 1}}}}}}}}};
    QCOMPARE(webhook(QStringLiteral("orders/edited"), edit, QStringLiteral("e-9105")), 200);
    QTRY_VERIFY_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT version FROM fulfillment_orders WHERE id = ?"), {fo}) > versionBefore, 30000);
    QCOMPARE(scalar(QStringLiteral("SELECT sum(quantity) FROM fulfillment_order_lines WHERE fulfillment_order_id = ?"),
                    {fo}),
             1);
    // The bench lets the order go by itself, back to the queue to be packed afresh.
    QTRY_COMPARE_WITH_TIMEOUT(openClaim(m_reno), 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(orderAtReno), fo, 10000);
    screenshot(m_reno, QStringLiteral("edited-on-the-bench"));

    // Packed again from the start: one tent, and that is what Shopify is told.
    QVERIFY(renoTakes(fo));
    QVERIFY(scan(m_reno, tent));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(okScans, {fo, fo}), 1, 15000);
    QVERIFY(scan(m_reno, QStringLiteral("PB*COMPLETE")));
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'packed'"), {fo}),
        1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.fulfillments().size(), fulfillmentsBefore + 1, 60000);
    const auto remote = m_fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/91051"));
    QCOMPARE(remote.fulfillmentIds.size(), 1);
    const auto lines = m_fake.fulfillments().value(remote.fulfillmentIds.first()).lines;
    QCOMPARE(lines, (QList<std::pair<QString, int>>{{QStringLiteral("910501"), 1}}));
    QCOMPARE(m_fake.stats().invalidDocuments, 0);
  }

  // Reno's bench gets a serial scanner instead of the keyboard wedge: the real station restarted with
  // scanning.serial_port on a pseudo-terminal this test writes to as the scanner does (each code and CR LF). The badge
  // and every code come from it; the PIN and F8 from the keyboard. Shopify gets the order's fulfillment.
  void serialScanner_atReno_signsInAndPacksAnOrder()
  {
    const test::FakeSerialPort scanner;
    QVERIFY(scanner.isOpen());
    m_reno.process->terminate();
    QVERIFY(m_reno.process->waitForFinished(15000));
    m_programs.startStation(m_reno, kShop, QStringLiteral("e2e_rno"), m_dir.filePath(QStringLiteral("password-RNO")),
                            {QStringLiteral("scanning.serial_port=") + scanner.path()});
    if (QTest::currentTestFailed())
      return;
    const qint64 sessionsBefore = scalar(QStringLiteral("SELECT coalesce(max(id), 0) FROM sign_in_sessions"));
    QByteArray log;
    QTRY_VERIFY_WITH_TIMEOUT((log += m_reno.process->readAll()).contains("serial scanner on"), 15000);
    QVERIFY(scanner.scan(m_reno.badge));
    QTest::qWait(500);
    QVERIFY(test::ChainPrograms::typeAsPerson(m_reno, QStringLiteral("4711")));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM sign_in_sessions WHERE station_id = ? AND "
                                                    "ended_at IS NULL AND id > ?"),
                                     {m_reno.stationId, sessionsBefore}),
                              1, 15000);

    const qsizetype fulfillmentsBefore = m_fake.fulfillments().size();
    const qint64 fo = tentOrderQueuedAtReno(QStringLiteral("9106"), 2);
    QVERIFY(fo > 0);
    QVERIFY(renoTakes(fo));
    const QStringList tentForms = kScanForms.value(QStringLiteral("80011"));
    QVERIFY(scanner.scan(tentForms.first())); // UPC-A
    QVERIFY(scanner.scan(tentForms.last()));  // its mixed-case SKU: no Shift to lose on a serial line
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? "
                                                    "AND outcome = 'ok'"),
                                     {fo}),
                              2, 15000);
    screenshot(m_reno, QStringLiteral("serial-scanner-verified"));
    QVERIFY(scanner.scan(QStringLiteral("PB*COMPLETE")));
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'packed'"), {fo}),
        1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.fulfillments().size(), fulfillmentsBefore + 1, 60000);
    const auto remote = m_fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/91061"));
    QCOMPARE(remote.fulfillmentIds.size(), 1);
    QCOMPARE(m_fake.fulfillments().value(remote.fulfillmentIds.first()).lines,
             (QList<std::pair<QString, int>>{{QStringLiteral("910601"), 2}}));
  }

  // F10 without a carrier label, through the real programs: an order of two bandanas at Columbus, one on the shelf.
  // The packer scans one, F10 and Enter ("Out of stock"). The slip that prints lists the one in the box; Shopify gets
  // a fulfillment of one bandana and keeps the other open; here the order stays packed.
  void columbus_oneOfTwoOnTheShelf_F10ShipsPartial_theSlipListsWhatIsInTheBox()
  {
    const qsizetype fulfillmentsBefore = m_fake.fulfillments().size();
    const qint64 jobsBefore = m_cups->lastJob();
    const qsizetype labelsBefore = m_columbusLabels.jobs().size();
    const qint64 fo = bandanasQueuedAtColumbus(QStringLiteral("9107"));
    QVERIFY(fo > 0);

    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("F8")}));
    QTRY_COMPARE_WITH_TIMEOUT(openClaim(m_columbus), fo, 20000);
    QVERIFY(scan(m_columbus, kScanForms.value(QStringLiteral("80031")).first()));
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND outcome = 'ok'"),
               {fo}),
        1, 15000);
    // The packer opens a second box for the other bandana, then finds none on the shelf: box 2 stays empty.
    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("F6")}));
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND box_no = 2"), {fo}), 1,
        15000);
    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("F10")}));
    QTest::qWait(700); // the reasons open and take the keyboard
    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("Return")})); // "Out of stock"
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'packed'"), {fo}),
        1, 20000);
    QTest::qWait(300);
    screenshot(m_columbus, QStringLiteral("shipped-partial"));

    // The slip in the box says what is in it: one bandana of the two ordered.
    auto pdf = m_cups->waitForJob(jobsBefore, [](const QString &path) {
      return test::CupsCapture::pdfText(path).contains(QStringLiteral("Order #9107"));
    });
    VERIFY_OK(pdf);
    const QString slip = test::CupsCapture::pdfText(*pdf);
    QVERIFY2(slip.contains(QStringLiteral("1 of 2 x BnD-Red-M")), qPrintable(slip));

    // Shopify: one bandana fulfilled, the other still open on its fulfillment order.
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.fulfillments().size(), fulfillmentsBefore + 1, 60000);
    std::optional<test::FakeShopify::Fulfillment> shipped;
    for (const auto &fulfillment : m_fake.fulfillments())
      if (fulfillment.lines.size() == 1 && fulfillment.lines.first().first == QStringLiteral("910701"))
        shipped = fulfillment;
    QVERIFY(shipped.has_value());
    QCOMPARE(shipped->lines.first().second, 1);
    QVERIFY(shipped->numbers.isEmpty()); // no label was scanned or bought
    // One house label, for the box that ships: none for the empty box 2.
    QTRY_COMPARE_WITH_TIMEOUT(m_columbusLabels.jobs().size(), labelsBefore + 1, 20000);
    QTest::qWait(1000); // a second label would arrive now
    QCOMPARE(m_columbusLabels.jobs().size(), labelsBefore + 1);
    const test::ZplPage label = test::rasteriseZpl(m_columbusLabels.jobs().last());
    QCOMPARE(label.barcodeData, QStringList{QStringLiteral("#9107")});
    QVERIFY2(label.texts.contains(QStringLiteral("BOX 1 OF 1")), qPrintable(label.texts.join(u'|')));
    const test::FakeShopify::FulfillmentOrder open = m_fake.fulfillmentOrders().value(shipped->fulfillmentOrderId);
    QCOMPARE(open.lines.size(), 1);
    QCOMPARE(open.lines.first().remaining, 1);
    QVERIFY2(open.status != QStringLiteral("CLOSED"), qPrintable(open.status));
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'packed'"), {fo}),
        1);
    QCOMPARE(m_fake.stats().invalidDocuments, 0);
  }

  // Columbus's Zebra is off when a two-box order is finished, and the station is killed before anyone prints the
  // labels. Started again, the sign-in names both boxes, F8 holds the next order back once, and PB*REPRINT prints a
  // label for each box once the printer is on.
  void columbus_labelPrinterOff_killed_signInNamesBothBoxes_REPRINTPrintsThem()
  {
    m_columbusLabels.switchOff();
    const qint64 fo = bandanasQueuedAtColumbus(QStringLiteral("9108"));
    QVERIFY(fo > 0);
    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("F8")}));
    QTRY_COMPARE_WITH_TIMEOUT(openClaim(m_columbus), fo, 20000);
    const QString scanned = QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                           "outcome = 'ok'");
    QVERIFY(scan(m_columbus, kScanForms.value(QStringLiteral("80031")).first()));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(scanned, {fo}), 1, 15000);
    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("F6")})); // the second bandana in box 2
    QTest::qWait(300);
    QVERIFY(scan(m_columbus, kScanForms.value(QStringLiteral("80031")).first()));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(scanned, {fo}), 2, 15000);
    // Every bandana is in a box: F6 opens no third, empty one (it would have had a label of its own).
    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("F6")}));
    QTest::qWait(700);
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND box_no = 3"), {fo}), 0);
    screenshot(m_columbus, QStringLiteral("every-item-in-a-box"));
    QVERIFY(scan(m_columbus, QStringLiteral("PB*COMPLETE")));
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'packed'"), {fo}),
        1, 20000);
    const qsizetype firstFailures = m_columbusOutput.count("failed (attempt 1 of 3)");
    QTRY_VERIFY_WITH_TIMEOUT(columbusSaid("failed (attempt 1 of 3)", firstFailures + 2), 20000); // both labels
    ::kill(pid_t(m_columbus.process->processId()), SIGKILL); // between the printer's retries
    QVERIFY(m_columbus.process->waitForFinished(10000));
    m_columbusOutput += m_columbus.process->readAll();
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND kind = 'label' "
                                   "AND status = 'done'"),
                    {fo}),
             0);

    startBench(m_columbus);
    if (QTest::currentTestFailed())
      return;
    m_programs.signIn(m_columbus, QStringLiteral("4711"));
    QTRY_VERIFY_WITH_TIMEOUT(columbusSaid("2 label(s) of fulfillment order"), 15000); // "… not printed before the
                                                                                      // restart"
    QTest::qWait(500);
    screenshot(m_columbus, QStringLiteral("restarted-labels-not-printed"));
    QVERIFY(xdotool(m_columbus, {QStringLiteral("key"), QStringLiteral("F8")}));
    QTRY_VERIFY_WITH_TIMEOUT(columbusSaid("next order held back once: 2 label(s)"), 15000);

    QVERIFY(m_columbusLabels.switchOn());
    const qsizetype labelsBefore = m_columbusLabels.jobs().size();
    QVERIFY(scan(m_columbus, QStringLiteral("PB*REPRINT")));
    QTRY_COMPARE_WITH_TIMEOUT(m_columbusLabels.jobs().size(), labelsBefore + 2, 15000);
    QStringList boxes;
    for (qsizetype job = labelsBefore; job < m_columbusLabels.jobs().size(); ++job) {
      const test::ZplPage label = test::rasteriseZpl(m_columbusLabels.jobs().at(job));
      QCOMPARE(label.barcodeData, QStringList{QStringLiteral("#9108")});
      for (const QString &text : label.texts) {
        if (text.startsWith(QStringLiteral("BOX ")))
          boxes << text;
      }
    }
    boxes.sort();
    QCOMPARE(boxes, QStringList({QStringLiteral("BOX 1 OF 2"), QStringLiteral("BOX 2 OF 2")}));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? "
                                                    "AND kind = 'label' AND status = 'done'"),
                                     {fo}),
                              2, 15000);
  }

  void cleanup() { m_programs.reportLogsOfAFailure(); }

  void cleanupTestCase()
  {
    for (Bench *bench : {&m_reno, &m_columbus}) {
      if (bench->process && bench->process->state() != QProcess::NotRunning) {
        bench->process->terminate();
        bench->process->waitForFinished(10000);
        const QByteArray log = bench->process->readAll() + (bench == &m_columbus ? m_columbusOutput : QByteArray());
        QVERIFY2(!log.contains("robin9101@example.com"), "customer data must never reach the station log");
      }
    }
    if (m_hub.state() != QProcess::NotRunning) {
      m_hub.terminate();
      QVERIFY(m_hub.waitForFinished(30000));
      const QByteArray log = m_hub.readAll();
      QVERIFY2(!log.contains(m_fake.accessToken()), "the access token must never reach the log");
      QVERIFY2(!log.contains(kSecret), "the webhook secret must never reach the log");
      QVERIFY2(!log.contains(test::FakeCarrier::apiKey()), "the carrier key must never reach the log");
      for (const QString &number : kUpsNumbers)
        QVERIFY2(!log.contains(number.toLatin1()), "tracking numbers are customer data: never in the hub's log");
    }
  }
};

QTEST_GUILESS_MAIN(WholeChainTest)
#include "whole_chain_test.moc"
