// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Redaction reaches every place customer data lands: a marker customer is planted through the real entry
// points (signed webhooks into the hub, the inbox processor, the queue, a pack session, the label
// dispatcher), redacted, and then the whole database (pg_dump) and the log are searched for every marker.
#include "core/base/clock.h"
#include "core/db/connection.h"
#include "core/db/sql.h"
#include "core/hub/hubserver.h"
#include "core/logging/logging.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/packers.h"
#include "core/packing/packsession.h"
#include "core/queue/orderqueue.h"
#include "core/shopify/compliance.h"
#include "core/shopify/customerdata.h"
#include "core/shopify/inboxprocessor.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/signedwebhook.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"
#include "ui/printing/journaledprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace pb;

namespace {
const QByteArray kSecret = QByteArrayLiteral("redaction-test-secret");
const QString kShop = QStringLiteral("redaction-test.myshopify.com");
const QString kOtherShop = QStringLiteral("leaving-shop.myshopify.com");

// A customer whose every value is a string found nowhere else.
struct Marker {
  qint64 customerId;
  QString first, last, email, phone, street, city, zip, note;
  QStringList strings() const { return {first, last, email, phone, street, city, zip, note}; }
};

const Marker kRedacted{88017,
                       QStringLiteral("Quorvath"),
                       QStringLiteral("Ellingsby"),
                       QStringLiteral("quorvath.ellingsby@redact-a.example"),
                       QStringLiteral("+44 7700 900417"),
                       QStringLiteral("17 Thimbleweed Lane"),
                       QStringLiteral("Oxhollowmere"),
                       QStringLiteral("ZX9 4QW"),
                       QStringLiteral("Knock for Quorvath twice")};
const Marker kKept{88018,
                   QStringLiteral("Bellisande"),
                   QStringLiteral("Trewithick"),
                   QStringLiteral("bellisande@keep-b.example"),
                   QStringLiteral("+44 7700 900999"),
                   QStringLiteral("3 Saffronwynd Row"),
                   QStringLiteral("Kelderbyfold"),
                   QStringLiteral("KB1 2YY"),
                   QStringLiteral("Leave with Trewithick neighbour")};
const Marker kShopGone{88019,
                       QStringLiteral("Tamsolde"),
                       QStringLiteral("Vennacraig"),
                       QStringLiteral("tamsolde@leaving-c.example"),
                       QStringLiteral("+44 7700 900123"),
                       QStringLiteral("9 Brindlecote Yard"),
                       QStringLiteral("Marrowfenby"),
                       QStringLiteral("MF7 7MM"),
                       QStringLiteral("Vennacraig gate code")};

QJsonObject markedOrder(qint64 id, const Marker &m, const QDateTime &at)
{
  QJsonObject order = test::restOrder(id, at, 2, m.email);
  const QJsonObject address{
      {QStringLiteral("first_name"), m.first}, {QStringLiteral("last_name"), m.last},
      {QStringLiteral("address1"), m.street},  {QStringLiteral("city"), m.city},
      {QStringLiteral("zip"), m.zip},          {QStringLiteral("country_code"), QStringLiteral("GB")},
      {QStringLiteral("phone"), m.phone}};
  order.insert(QStringLiteral("phone"), m.phone);
  order.insert(QStringLiteral("note"), m.note);
  order.insert(QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), double(m.customerId)},
                                                       {QStringLiteral("first_name"), m.first},
                                                       {QStringLiteral("last_name"), m.last},
                                                       {QStringLiteral("email"), m.email}});
  order.insert(QStringLiteral("shipping_address"), address);
  order.insert(QStringLiteral("billing_address"), address);
  return order;
}

QJsonObject customerRequest(const QString &shop, const Marker &m, const QString &ordersKey, const QJsonArray &orders)
{
  return QJsonObject{{QStringLiteral("shop_domain"), shop},
                     {QStringLiteral("shop_id"), shop == kShop        ? 91001.0
                                                 : shop == kOtherShop ? 92002.0
                                                                      : 93003.0},
                     {QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), double(m.customerId)},
                                                              {QStringLiteral("email"), m.email},
                                                              {QStringLiteral("phone"), m.phone}}},
                     {ordersKey, orders}};
}
} // namespace

class RedactionTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  db::ConnectionSettings m_settings;
  std::unique_ptr<hub::HubServer> m_server;
  std::unique_ptr<shopify::InboxProcessor> m_processor;
  QNetworkAccessManager m_network;
  quint16 m_port = 0;
  SystemClock m_clock;
  QDateTime m_t0 = QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);

  int post(const QString &topic, const QByteArray &body, const QString &shop = kShop)
  {
    return test::postWebhook(m_network, test::webhookUrl(m_port), {topic, body, shop, {}, {}, {}, {}}, kSecret);
  }

  bool process()
  {
    auto done = m_processor->processPending();
    if (!done)
      qWarning("process: %s", qPrintable(done.error().message));
    return done.ok();
  }

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }
  QString text(const QString &sql, const QVariantList &values = {}) { return test::text(m_db, sql, values); }

  qint64 fulfillmentOrderOf(const QString &shopifyOrderId)
  {
    return scalar(QStringLiteral("SELECT f.id FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE "
                                 "o.shopify_id = ? ORDER BY f.id LIMIT 1"),
                  {shopifyOrderId});
  }

  // The whole scratch database as pg_dump writes it (bytea as hex, which hits() searches too).
  QByteArray dumpDatabase()
  {
    QProcess dump;
    dump.start(QStringLiteral("pg_dump"),
               {QStringLiteral("--data-only"), QStringLiteral("-h"), m_settings.host, QStringLiteral("-p"),
                QString::number(m_settings.port), QStringLiteral("-U"), m_settings.user, m_settings.name});
    if (!dump.waitForFinished(60000) || dump.exitCode() != 0) {
      qWarning("pg_dump failed: %s", dump.readAllStandardError().constData());
      return {};
    }
    return dump.readAllStandardOutput();
  }

  static int hits(const QByteArray &haystack, const QString &marker)
  {
    const QByteArray plain = marker.toUtf8();
    return int(haystack.toLower().count(plain.toLower()) + haystack.count(plain.toHex()));
  }

  QByteArray logText()
  {
    logging::shutdown(); // flushes the file
    QFile file(m_dir.filePath(QStringLiteral("hub.log")));
    const QByteArray all = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    startLogging();
    return all;
  }

  void startLogging()
  {
    logging::LogOptions options;
    options.level = QStringLiteral("debug");
    options.console = false;
    options.filePath = m_dir.filePath(QStringLiteral("hub.log"));
    QVERIFY(logging::setup(options).ok());
  }

  // Claims, holds (a reason naming the customer), resumes, records a manual quantity and a partial finish
  // (reasons naming the customer), prints the house label and gets a tracking number.
  void packWithNotes(qint64 fo, qint64 stationId, qint64 packerId, const Marker &m, const QString &labelPrinter)
  {
    queue::OrderQueue queue(m_db, m_clock);
    packing::LeasedQueueWorkflow workflow(m_db, queue, stationId);
    const packing::Packer lead{packerId, QStringLiteral("R-1"), QStringLiteral("Lead"), QStringLiteral("lead"), true};
    auto claimed = workflow.take(fo, lead);
    VERIFY_OK(claimed);
    VERIFY_OK(workflow.hold(*claimed, QStringLiteral("%1 %2 phoned: hold").arg(m.first, m.last)));
    VERIFY_OK(workflow.releaseHold(fo, lead, lead));
    auto resumed = workflow.take(fo, lead);
    VERIFY_OK(resumed);
    packing::PackOptions options;
    options.manualNeedsLead = false;
    auto session = packing::PackSession::open(m_db, m_clock, fo, {packerId, resumed->claimId, stationId}, options);
    VERIFY_OK(session);
    const packing::ScanFeedback manual =
        (*session)->enterManual(0, 1, QStringLiteral("label torn, %1 at %2").arg(m.last, m.street));
    QVERIFY2(manual.outcome != packing::Outcome::Refused, qPrintable(manual.detail));
    const packing::ScanFeedback box = (*session)->nextBox(); // the parcel rows the tracking number goes on
    QVERIFY2(box.outcome != packing::Outcome::Refused, qPrintable(box.detail));
    const packing::ScanFeedback partial = (*session)->completePartial(QStringLiteral("%1 takes the rest").arg(m.first));
    QVERIFY2(partial.outcome == packing::Outcome::Completed, qPrintable(partial.detail));
    VERIFY_OK(workflow.finish(*resumed, true)); // packed, and the fulfillment queued in the outbox
    printing::JournaledPrinter labels(m_db, {1, 0, {}});
    QSignalSpy printed(&labels, &printing::JournaledPrinter::jobPrinted);
    auto label = labels.printHouseLabel(fo, labelPrinter, 1, 1);
    VERIFY_OK(label);
    QVERIFY(printed.wait());
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM print_jobs WHERE id = ? AND position(convert_to(?, 'UTF8') "
                                  "in payload) > 0"),
                   {*label, m.street}) == 1);
    // The carrier's tracking number, as the bench records it (no carrier adapter writes it yet).
    QVERIFY(db::exec(m_db,
                     QStringLiteral("UPDATE packages SET tracking_number = ?, tracking_url = ? WHERE "
                                    "fulfillment_order_id = ?"),
                     {QStringLiteral("1Z%1").arg(m.last.toUpper()),
                      QStringLiteral("https://track.example/?n=%1").arg(m.last), fo})
                .ok());
  }

private Q_SLOTS:
  void initTestCase()
  {
    QVERIFY(m_dir.isValid());
    startLogging();
    auto scratch = test::createMigratedDatabase(QStringLiteral("redaction"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_db = scratch->db;
    hub::WebhookSettings webhooks;
    webhooks.shops.add({kShop, {}, kSecret, {}});
    webhooks.shops.add({kOtherShop, {}, kSecret, {}});
    webhooks.shops.add({QStringLiteral("hub-role.myshopify.com"), {}, kSecret, {}});
    webhooks.maxBodyBytes = 65536;
    m_server = std::make_unique<hub::HubServer>(m_settings, std::move(webhooks), 2);
    auto port = m_server->listen(QHostAddress::LocalHost, 0);
    VERIFY_OK(port);
    m_port = *port;
    m_processor = std::make_unique<shopify::InboxProcessor>(m_db);
  }

  // A short customer id occurs in prices, zip codes and other ids: it must not blank unrelated deliveries.
  void customersRedact_shortCustomerId_leavesUnrelatedDeliveries()
  {
    QJsonObject unrelated = test::restOrder(61001, m_t0, 1, QStringLiteral("cressida@unrelated.example"));
    unrelated.insert(QStringLiteral("total_price"), QStringLiteral("512.00")); // contains the other customer's id
    QJsonObject theirs = test::restOrder(61002, m_t0, 1, QStringLiteral("short-id@redact.example"));
    theirs.insert(QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), 512.0}});
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(unrelated)), 200);
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(theirs)), 200);
    QVERIFY(process());
    const QJsonObject redact{{QStringLiteral("shop_domain"), kShop},
                             {QStringLiteral("shop_id"), 91001.0},
                             {QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), 512.0}}},
                             {QStringLiteral("orders_to_redact"), QJsonArray{}}};
    QCOMPARE(post(QStringLiteral("customers/redact"), test::compact(redact)), 200);
    QVERIFY(process());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE position('short-id@redact.example' in "
                                   "convert_from(body, 'UTF8')) > 0")),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE position('cressida@unrelated.example' "
                                   "in convert_from(body, 'UTF8')) > 0")),
             1);
    QCOMPARE(text(QStringLiteral("SELECT email FROM orders WHERE shopify_id = '61001'")),
             QStringLiteral("cressida@unrelated.example"));
    QCOMPARE(text(QStringLiteral("SELECT coalesce(email, 'null') FROM orders WHERE shopify_id = '61002'")),
             QStringLiteral("null"));
  }

  void dataRequest_exportsTheCustomersData()
  {
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(markedOrder(71001, kRedacted, m_t0))), 200);
    QVERIFY(process());
    QCOMPARE(
        post(QStringLiteral("customers/data_request"),
             test::compact(customerRequest(kShop, kRedacted, QStringLiteral("orders_requested"), QJsonArray{71001.0}))),
        200);
    QVERIFY(process());
    const qint64 exportId = scalar(QStringLiteral("SELECT max(id) FROM customer_data_exports"));
    QVERIFY(exportId > 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'customer.data_request' AND "
                                   "details->>'export_id' = ?::text AND (details->>'orders_held')::int = 1"),
                    {exportId}),
             1);
    auto listed = shopify::customerdata::listExports(m_db);
    VERIFY_OK(listed);
    QCOMPARE(listed->last().customerId, QString::number(kRedacted.customerId));
    QVERIFY(!listed->last().deliveredAt.isValid());
    auto exported = shopify::customerdata::deliverExport(m_db, exportId, QStringLiteral("test"));
    VERIFY_OK(exported);
    const QJsonObject order = exported->value(u"orders").toArray().first().toObject();
    QCOMPARE(order.value(u"email").toString(), kRedacted.email);
    QCOMPARE(order.value(u"shipping_address").toObject().value(u"address1").toString(), kRedacted.street);
    QCOMPARE(order.value(u"note").toString(), kRedacted.note);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM customer_data_exports WHERE id = ? AND delivered_at IS NOT "
                                   "NULL"),
                    {exportId}),
             1);
    auto missing = shopify::customerdata::deliverExport(m_db, exportId + 1000, QStringLiteral("test"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
  }

  void customersRedact_leavesNoMarkerInTheDatabaseOrTheLog()
  {
    // Both customers' orders, a delivery that is not JSON (a dead letter quoting the email and phone).
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(markedOrder(71002, kRedacted, m_t0))), 200);
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(markedOrder(72001, kKept, m_t0))), 200);
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(markedOrder(71004, kRedacted, m_t0)).left(200) +
                                                       kRedacted.email.toUtf8() + ' ' + kRedacted.phone.toUtf8()),
             200);
    QVERIFY(process());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status = 'dead'")), 1);
    // A database error quoting a value (a unique violation's detail) kept as a delivery's error.
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE webhook_inbox SET error = ? WHERE status = 'dead'"),
                     {QStringLiteral("Key (email)=(%1) already exists").arg(kRedacted.email)})
                .ok());

    // Packing at a bench: reasons typed by the packer, the house label printed, a tracking number.
    QTcpServer printer;
    QVERIFY(printer.listen(QHostAddress::LocalHost, 0));
    const QString labelPrinter = QStringLiteral("tcp://127.0.0.1:%1").arg(printer.serverPort());
    const qint64 location = scalar(QStringLiteral("SELECT min(id) FROM locations"));
    auto station = queue::registerStation(m_db, QStringLiteral("redaction-bench"), location);
    VERIFY_OK(station);
    QVERIFY(db::exec(m_db, QStringLiteral("INSERT INTO packers (badge_id, name, role) VALUES ('R-1', 'Lead', 'lead')"))
                .ok());
    const qint64 packer = scalar(QStringLiteral("SELECT id FROM packers WHERE badge_id = 'R-1'"));
    packWithNotes(fulfillmentOrderOf(QStringLiteral("71002")), *station, packer, kRedacted, labelPrinter);
    packWithNotes(fulfillmentOrderOf(QStringLiteral("72001")), *station, packer, kKept, labelPrinter);
    // A Shopify error quoting the order's contact (outbox), as the worker records it.
    QVERIFY(
        db::exec(m_db, QStringLiteral("UPDATE outbox SET last_error = ? WHERE aggregate_id = ?::text"),
                 {QStringLiteral("userErrors: %1").arg(kRedacted.email), fulfillmentOrderOf(QStringLiteral("71002"))})
            .ok());
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE last_error IS NOT NULL")) >= 1);

    // Everything is there before: the dump finds every marker of both customers.
    QByteArray before = dumpDatabase();
    QVERIFY(!before.isEmpty());
    for (const QString &marker : kRedacted.strings())
      QVERIFY2(hits(before, marker) > 0, qPrintable(marker));

    // The request, then a delivery still waiting behind it for an order it names.
    QCOMPARE(post(QStringLiteral("customers/redact"),
                  test::compact(customerRequest(kShop, kRedacted, QStringLiteral("orders_to_redact"),
                                                QJsonArray{71001.0, 71002.0, 71003.0}))),
             200);
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(markedOrder(71003, kRedacted, m_t0))), 200);
    QVERIFY(process());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE shopify_id = '71003'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status = 'pending'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT (details->>'orders_redacted')::int FROM audit_log WHERE action = "
                                   "'customer.redact' ORDER BY id DESC LIMIT 1")),
             2);

    const QByteArray after = dumpDatabase();
    QVERIFY(!after.isEmpty());
    for (const QString &marker : kRedacted.strings())
      QVERIFY2(hits(after, marker) == 0, qPrintable(QStringLiteral("%1 still in the database").arg(marker)));
    QVERIFY(!after.contains(QStringLiteral("1Z%1").arg(kRedacted.last.toUpper()).toUtf8()));
    // The other customer is intact: contact data, raw deliveries, label, reasons, tracking.
    for (const QString &marker : kKept.strings())
      QVERIFY2(hits(after, marker) > 0, qPrintable(QStringLiteral("%1 lost").arg(marker)));
    QCOMPARE(text(QStringLiteral("SELECT shipping_address->>'address1' FROM orders WHERE shopify_id = '72001'")),
             kKept.street);
    QCOMPARE(text(QStringLiteral("SELECT tracking_number FROM packages WHERE fulfillment_order_id = ?"),
                  {fulfillmentOrderOf(QStringLiteral("72001"))}),
             QStringLiteral("1Z%1").arg(kKept.last.toUpper()));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE details->>'reason' LIKE ?"),
                    {QString(u'%' + kKept.first + u'%')}),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE details->>'reason' = '[redacted]'")), 1);

    const QByteArray log = logText();
    QVERIFY(!log.isEmpty());
    for (const QString &marker : kRedacted.strings())
      QVERIFY2(hits(log, marker) == 0, qPrintable(QStringLiteral("%1 in the log").arg(marker)));
  }

  void auditLog_acceptsOnlyRedactionUpdates()
  {
    QVERIFY(
        db::exec(m_db, QStringLiteral("INSERT INTO audit_log (actor_kind, action, subject_kind, subject_id, details) "
                                      "VALUES ('system', 'hold', 'x', '1', '{\"reason\": \"r\", \"claim_id\": 4}')"))
            .ok());
    const qint64 id = scalar(QStringLiteral("SELECT max(id) FROM audit_log"));
    QVERIFY(!db::exec(m_db,
                      QStringLiteral("UPDATE audit_log SET details = '{\"reason\": \"forged\", \"claim_id\": 4}' "
                                     "WHERE id = ?"),
                      {id})
                 .ok());
    QVERIFY(!db::exec(m_db,
                      QStringLiteral("UPDATE audit_log SET details = '{\"reason\": \"[redacted]\"}' WHERE id = ?"),
                      {id})
                 .ok());
    QVERIFY(!db::exec(m_db,
                      QStringLiteral("UPDATE audit_log SET action = 'x', details = '{\"reason\": \"[redacted]\", "
                                     "\"claim_id\": 4}' WHERE id = ?"),
                      {id})
                 .ok());
    QVERIFY(!db::exec(m_db, QStringLiteral("DELETE FROM audit_log WHERE id = ?"), {id}).ok());
    QVERIFY(db::exec(m_db,
                     QStringLiteral("UPDATE audit_log SET details = '{\"reason\": \"[redacted]\", \"claim_id\": 4}' "
                                    "WHERE id = ?"),
                     {id})
                .ok());
  }

  void shopRedact_removesTheShopsCustomerDataAndCredentials()
  {
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(markedOrder(73001, kShopGone, m_t0)), kOtherShop),
             200);
    QVERIFY(process());
    const qint64 shop = scalar(QStringLiteral("SELECT id FROM shops WHERE domain = ?"), {kOtherShop});
    QVERIFY(shop > 0);
    QVERIFY(db::exec(m_db,
                     QStringLiteral("INSERT INTO shop_credentials (shop_id, access_token, webhook_secret) VALUES (?, "
                                    "'shpat_leaving', 'whsec_leaving')"),
                     {shop})
                .ok());
    QCOMPARE(post(QStringLiteral("customers/data_request"),
                  test::compact(
                      customerRequest(kOtherShop, kShopGone, QStringLiteral("orders_requested"), QJsonArray{73001.0})),
                  kOtherShop),
             200);
    QVERIFY(process());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM customer_data_exports WHERE shop_id = ?"), {shop}), 1);
    QCOMPARE(post(QStringLiteral("shop/redact"),
                  test::compact(
                      QJsonObject{{QStringLiteral("shop_domain"), kOtherShop}, {QStringLiteral("shop_id"), 92002.0}}),
                  kOtherShop),
             200);
    QVERIFY(process());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shop_credentials WHERE shop_id = ?"), {shop}), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM customer_data_exports WHERE shop_id = ?"), {shop}), 0);
    const QByteArray after = dumpDatabase();
    for (const QString &marker : kShopGone.strings())
      QVERIFY2(hits(after, marker) == 0, qPrintable(QStringLiteral("%1 still in the database").arg(marker)));
    QVERIFY(!after.contains("shpat_leaving"));
    for (const QString &marker : kKept.strings())
      QVERIFY2(hits(after, marker) > 0, qPrintable(QStringLiteral("%1 lost").arg(marker)));
  }

  // The hub runs redaction as a packbench_hub login: its grants (0013) must cover every write.
  void redaction_runsWithTheHubRolesGrants()
  {
    const QString shopDomain = QStringLiteral("hub-role.myshopify.com");
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(markedOrder(74001, kShopGone, m_t0)), shopDomain),
             200);
    QVERIFY(process());
    const qint64 shop = scalar(QStringLiteral("SELECT id FROM shops WHERE domain = ?"), {shopDomain});
    const qint64 fo = fulfillmentOrderOf(QStringLiteral("74001"));
    QVERIFY(shop > 0 && fo > 0);
    QVERIFY(
        db::exec(m_db, QStringLiteral("INSERT INTO shop_credentials (shop_id, access_token) VALUES (?, 'tok')"), {shop})
            .ok());
    QVERIFY(db::exec(m_db,
                     QStringLiteral("INSERT INTO print_jobs (fulfillment_order_id, kind, printer, format, payload, "
                                    "last_error) VALUES (?, 'label', 'p', 'zpl', 'x', 'e')"),
                     {fo})
                .ok());
    QVERIFY(db::exec(m_db,
                     QStringLiteral("INSERT INTO audit_log (actor_kind, action, subject_kind, subject_id, details) "
                                    "VALUES ('system', 'hold', 'fulfillment_order', ?::text, '{\"reason\": \"r\"}')"),
                     {fo})
                .ok());
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET hold_reason = 'r' WHERE id = ?"), {fo}).ok());
    QVERIFY(
        db::exec(m_db,
                 QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, tracking_number) VALUES (?, 1, "
                                "'1ZHUB')"),
                 {fo})
            .ok());
    int orders = 0;
    QVERIFY(shopify::compliance::exportDataRequest(
                m_db, shop, shopDomain,
                customerRequest(shopDomain, kShopGone, QStringLiteral("orders_requested"), QJsonArray{74001.0}),
                &orders)
                .ok());

    auto opened = db::openDatabase(m_settings, QStringLiteral("as-hub-role"));
    VERIFY_OK(opened);
    QSqlDatabase hubDb = *opened;
    QSqlDatabase *hub = &hubDb;
    VERIFY_OK(db::execStatic(*hub, QStringLiteral("SET ROLE packbench_hub")));
    QVERIFY(db::exec(*hub, QStringLiteral("SELECT 1 FROM shop_credentials")).ok());
    auto scrubbed = shopify::compliance::redactShop(*hub, shop, shopDomain);
    VERIFY_OK(scrubbed);
    QCOMPARE(scrubbed->orders, 1);
    QCOMPARE(scrubbed->printJobs, 1);
    QCOMPARE(scrubbed->holdReasons, 1);
    QCOMPARE(scrubbed->packages, 1);
    QCOMPARE(scrubbed->auditEntries, 1);
    QCOMPARE(scrubbed->exports, 1);
    QCOMPARE(scrubbed->credentials, 1);
    QVERIFY(scrubbed->inboxRows >= 1);
    // The role still cannot rewrite history.
    QVERIFY(!db::exec(*hub, QStringLiteral("UPDATE audit_log SET action = 'forged' WHERE subject_id = ?::text"), {fo})
                 .ok());
    QVERIFY(!db::exec(*hub, QStringLiteral("DELETE FROM audit_log WHERE subject_id = ?::text"), {fo}).ok());
  }

  void cleanupTestCase()
  {
    m_processor.reset();
    m_server.reset();
    logging::shutdown();
  }
};

QTEST_GUILESS_MAIN(RedactionTest)
#include "redaction_test.moc"
