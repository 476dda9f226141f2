// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// POST /webhooks/shopify on a real HubServer and a real PostgreSQL: HMAC, limits, dedupe,
// ordering, dead letters, redaction and the station alert on cancel/edit.
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/hub/hubserver.h"
#include "core/shopify/inboxprocessor.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/signedwebhook.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QTest>
#include <QUuid>

using namespace pb;

namespace {
const QByteArray kSecret = QByteArrayLiteral("test-webhook-secret");
const QString kShop = QStringLiteral("packbench-test.myshopify.com");
// A second shop of the same public app: its webhooks are signed with the same client secret.
const QString kSisterShop = QStringLiteral("packbench-sister.myshopify.com");
// A shop this hub does not serve, although it installed the same app.
const QString kStrangerShop = QStringLiteral("packbench-stranger.myshopify.com");
} // namespace

class WebhookIngestTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;
  db::ConnectionSettings m_settings;
  std::unique_ptr<hub::HubServer> m_server;
  std::unique_ptr<shopify::InboxProcessor> m_processor;
  QNetworkAccessManager m_network;
  quint16 m_port = 0;
  QDateTime m_t0 = QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);

  struct Sent {
    int status = 0;
  };

  // A delivery as Shopify sends it to kShop, signed with kSecret unless hmac says otherwise.
  struct Delivery : test::WebhookDelivery {
    Delivery(QString topic_, QByteArray body_, QString webhookId_ = {}, QString eventId_ = {},
             std::optional<QByteArray> hmac_ = {})
        : test::WebhookDelivery{std::move(topic_),   std::move(body_), kShop,       std::move(webhookId_),
                                std::move(eventId_), std::move(hmac_), std::nullopt}
    {}
  };

  int send(const Delivery &d) { return test::postWebhook(m_network, test::webhookUrl(m_port), d, kSecret); }

  int post(const QString &topic, const QByteArray &body, const QString &webhookId = {}, const QString &eventId = {},
           std::optional<QByteArray> hmac = {})
  {
    return send(Delivery{topic, body, webhookId, eventId, std::move(hmac)});
  }

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }
  QString text(const QString &sql, const QVariantList &values = {}) { return test::text(m_db, sql, values); }

  // shop/redact as Shopify sends it 48 hours after an uninstall.
  static QJsonObject shopRedact(const QString &shop, double shopId = 81001.0)
  {
    return QJsonObject{{QStringLiteral("shop_id"), shopId}, {QStringLiteral("shop_domain"), shop}};
  }

  void process()
  {
    auto done = m_processor->processPending();
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("webhooks"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_db = scratch->db;
    hub::WebhookSettings webhooks;
    webhooks.shops.add({kShop, {}, kSecret, {}});
    webhooks.shops.add({kSisterShop, {}, kSecret, {}});
    webhooks.maxBodyBytes = 4096;
    webhooks.maxAgeSeconds = 3600;
    m_server = std::make_unique<hub::HubServer>(m_settings, std::move(webhooks), 2);
    auto port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY(port.ok());
    m_port = *port;
    m_processor = std::make_unique<shopify::InboxProcessor>(m_db);
  }

  void init() { QVERIFY(db::exec(m_db, QStringLiteral("DELETE FROM webhook_inbox")).ok()); }

  void badHmac_isRefusedAndNothingStored()
  {
    const QByteArray body = test::compact(test::restOrder(1001, m_t0));
    QCOMPARE(post(QStringLiteral("orders/create"), body, {}, {},
                  QByteArrayLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")),
             401);
    QCOMPARE(post(QStringLiteral("orders/create"), body, {}, {}, QByteArray()), 401);
    // Signed with another secret: authentic-looking but not ours.
    QCOMPARE(post(QStringLiteral("orders/create"), body, {}, {}, test::shopifyHmac("other", body)), 401);
    // Body changed after signing.
    QCOMPARE(post(QStringLiteral("orders/create"), body + ' ', {}, {}, test::shopifyHmac(kSecret, body)), 401);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), 0);
    process();
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE shopify_id = '1001'")), 0);
  }

  void oversizeBody_is413AndNothingStored()
  {
    QJsonObject order = test::restOrder(1002, m_t0);
    order.insert(QStringLiteral("note"), QString(5000, QLatin1Char('x')));
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(order)), 413);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), 0);
  }

  void duplicateDelivery_makesOneOrder()
  {
    const QByteArray body = test::compact(test::restOrder(1003, m_t0));
    QCOMPARE(post(QStringLiteral("orders/create"), body, QStringLiteral("wh-1003"), QStringLiteral("ev-1003")), 200);
    QCOMPARE(post(QStringLiteral("orders/create"), body, QStringLiteral("wh-1003"), QStringLiteral("ev-1003")), 200);
    // Same event through a second subscription: new webhook id, same event id.
    QCOMPARE(post(QStringLiteral("orders/create"), body, QStringLiteral("wh-1003-b"), QStringLiteral("ev-1003")), 200);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), 1);
    process();
    // A redelivery after processing (Shopify retried because our 200 was lost) changes nothing.
    QCOMPARE(post(QStringLiteral("orders/create"), body, QStringLiteral("wh-1003-c")), 200);
    process();
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE shopify_id = '1003'")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                   "WHERE o.shopify_id = '1003'")),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id "
                                   "= l.fulfillment_order_id JOIN orders o ON o.id = f.order_id WHERE o.shopify_id = "
                                   "'1003'")),
             2);
    QCOMPARE(scalar(QStringLiteral("SELECT total_minor FROM orders WHERE shopify_id = '1003'")), 1998);
    // The shipping line's title and code, which the carrier service rules match on.
    QCOMPARE(
        text(QStringLiteral("SELECT shipping_method || '/' || shipping_code FROM orders WHERE shopify_id = '1003'")),
        QStringLiteral("Ground/GROUND"));
  }

  void outOfOrderUpdate_keepsTheNewest()
  {
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(test::restOrder(1004, m_t0))), 200);
    const QByteArray newer =
        test::compact(test::restOrder(1004, m_t0.addSecs(120), 2, QStringLiteral("new@example.com")));
    const QByteArray older =
        test::compact(test::restOrder(1004, m_t0.addSecs(60), 2, QStringLiteral("old@example.com")));
    QCOMPARE(post(QStringLiteral("orders/updated"), newer), 200);
    QCOMPARE(post(QStringLiteral("orders/updated"), older), 200);
    process();
    QCOMPARE(text(QStringLiteral("SELECT email FROM orders WHERE shopify_id = '1004'")),
             QStringLiteral("new@example.com"));
    QCOMPARE(text(QStringLiteral("SELECT error FROM webhook_inbox ORDER BY id DESC LIMIT 1")), QStringLiteral("stale"));
    // The create arriving after its update must not roll the order back either.
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(test::restOrder(1004, m_t0)), QStringLiteral("late")),
             200);
    process();
    QCOMPARE(text(QStringLiteral("SELECT email FROM orders WHERE shopify_id = '1004'")),
             QStringLiteral("new@example.com"));
  }

  void malformedButAuthentic_isDeadLettered()
  {
    QSignalSpy dead(m_processor.get(), &shopify::InboxProcessor::deadLettered);
    QCOMPARE(post(QStringLiteral("orders/create"), QByteArrayLiteral("{\"id\": 12, \"line_items\": ")), 200);
    QJsonObject noId = test::restOrder(1005, m_t0);
    noId.remove(QStringLiteral("id"));
    noId.remove(QStringLiteral("admin_graphql_api_id"));
    QCOMPARE(post(QStringLiteral("orders/updated"), test::compact(noId)), 200);
    QCOMPARE(post(QStringLiteral("orders/teleported"), QByteArrayLiteral("{}")), 200);
    process();
    QCOMPARE(dead.count(), 3);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status = 'dead' AND error <> ''")), 3);
    QVERIFY(text(QStringLiteral("SELECT error FROM webhook_inbox WHERE topic = 'orders/updated'")).contains(u"id"));
    QVERIFY(
        text(QStringLiteral("SELECT error FROM webhook_inbox WHERE topic = 'orders/teleported'")).contains(u"topic"));
  }

  void cancelWhilePacking_alertsTheStation()
  {
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(test::restOrder(1006, m_t0))), 200);
    process();
    const qint64 fo = scalar(QStringLiteral("SELECT f.id FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                            "WHERE o.shopify_id = '1006'"));
    QVERIFY(fo > 0);
    QVERIFY(
        db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'claimed' WHERE id = ?"), {fo}).ok());

    auto listener = db::openDatabase(m_settings, QStringLiteral("station-listener"));
    QVERIFY(listener.ok());
    QSqlDatabase station = *listener;
    QVERIFY(station.driver()->subscribeToNotification(QStringLiteral("packbench_order_changed")));
    QSignalSpy alerts(station.driver(), qOverload<const QString &, QSqlDriver::NotificationSource, const QVariant &>(
                                            &QSqlDriver::notification));

    QJsonObject cancelled = test::restOrder(1006, m_t0.addSecs(300));
    cancelled.insert(QStringLiteral("cancelled_at"), m_t0.addSecs(300).toString(Qt::ISODate));
    QCOMPARE(post(QStringLiteral("orders/cancelled"), test::compact(cancelled)), 200);
    process();
    QVERIFY(alerts.wait(5000));
    QCOMPARE(alerts.first().at(2).toString(), QString::number(fo));
    QCOMPARE(text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo}),
             QStringLiteral("cancelled"));
    station.driver()->unsubscribeFromNotification(QStringLiteral("packbench_order_changed"));
  }

  void editWhilePacking_bumpsVersionAndAlerts()
  {
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(test::restOrder(1007, m_t0, 2))), 200);
    process();
    const qint64 fo = scalar(QStringLiteral("SELECT f.id FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                            "WHERE o.shopify_id = '1007'"));
    QVERIFY(
        db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'claimed' WHERE id = ?"), {fo}).ok());
    auto listener = db::openDatabase(m_settings, QStringLiteral("station-listener-2"));
    QVERIFY(listener.ok());
    QSqlDatabase station = *listener;
    QVERIFY(station.driver()->subscribeToNotification(QStringLiteral("packbench_order_changed")));
    QSignalSpy alerts(station.driver(), qOverload<const QString &, QSqlDriver::NotificationSource, const QVariant &>(
                                            &QSqlDriver::notification));
    const QJsonObject edit{{QStringLiteral("order_edit"),
                            QJsonObject{{QStringLiteral("id"), 55.0},
                                        {QStringLiteral("order_id"), 1007.0},
                                        {QStringLiteral("line_items"),
                                         QJsonObject{{QStringLiteral("additions"), QJsonArray{}},
                                                     {QStringLiteral("removals"),
                                                      QJsonArray{QJsonObject{{QStringLiteral("id"), 100702.0},
                                                                             {QStringLiteral("delta"), 1}}}}}}}}};
    QCOMPARE(post(QStringLiteral("orders/edited"), test::compact(edit)), 200);
    process();
    QVERIFY(alerts.wait(5000));
    QCOMPARE(alerts.first().at(2).toString(), QString::number(fo));
    QCOMPARE(scalar(QStringLiteral("SELECT version FROM fulfillment_orders WHERE id = ?"), {fo}), 2);
    QCOMPARE(scalar(QStringLiteral("SELECT quantity FROM fulfillment_order_lines WHERE fulfillment_order_id = ? AND "
                                   "line_item_shopify_id = '100702'"),
                    {fo}),
             1);
    station.driver()->unsubscribeFromNotification(QStringLiteral("packbench_order_changed"));
  }

  void customersRedact_removesCustomerDataAndAudits()
  {
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(test::restOrder(1008, m_t0))), 200);
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(test::restOrder(1009, m_t0))), 200);
    process();
    const QJsonObject redact{
        {QStringLiteral("shop_id"), 81001.0},
        {QStringLiteral("shop_domain"), kShop},
        {QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), 7001008.0},
                                                 {QStringLiteral("email"), QStringLiteral("ada1008@example.com")}}},
        {QStringLiteral("orders_to_redact"), QJsonArray{1008.0}}};
    QCOMPARE(post(QStringLiteral("customers/redact"), test::compact(redact)), 200);
    process();
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE shopify_id = '1008' AND email IS NULL AND phone "
                                   "IS NULL AND customer_name IS NULL AND shipping_address IS NULL AND "
                                   "billing_address IS NULL AND redacted_at IS NOT NULL")),
             1);
    QCOMPARE(text(QStringLiteral("SELECT email FROM orders WHERE shopify_id = '1009'")),
             QStringLiteral("ada1009@example.com"));
    QCOMPARE(scalar(QStringLiteral("SELECT (details->>'orders_redacted')::int FROM audit_log WHERE action = "
                                   "'customer.redact'")),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE details::text LIKE '%example.com%'")), 0);
    // The stored raw deliveries are scrubbed too: the order's and the redact request's own.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE position('ada1008' in "
                                   "convert_from(body, 'UTF8')) > 0")),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE position('ada1009' in "
                                   "convert_from(body, 'UTF8')) > 0")),
             1);
    // A late update for a redacted order does not bring the data back.
    QCOMPARE(post(QStringLiteral("orders/updated"), test::compact(test::restOrder(1008, m_t0.addSecs(900)))), 200);
    process();
    QCOMPARE(text(QStringLiteral("SELECT coalesce(email, 'null') FROM orders WHERE shopify_id = '1008'")),
             QStringLiteral("null"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE position('ada1008' in "
                                   "convert_from(body, 'UTF8')) > 0")),
             0);

    QCOMPARE(post(QStringLiteral("shop/redact"), test::compact(shopRedact(kShop))), 200);
    QCOMPARE(post(QStringLiteral("customers/data_request"),
                  test::compact(QJsonObject{{QStringLiteral("shop_id"), 81001.0},
                                            {QStringLiteral("shop_domain"), kShop},
                                            {QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), 1.0}}},
                                            {QStringLiteral("orders_requested"), QJsonArray{}}})),
             200);
    process();
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE email IS NOT NULL")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE position('example.com' in "
                                   "convert_from(body, 'UTF8')) > 0")),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action IN ('shop.redact', "
                                   "'customer.data_request')")),
             2);
  }

  void fakeShopify_signedDeliveries_areAccepted()
  {
    test::FakeShopify fake;
    const QUrl hub(QStringLiteral("http://127.0.0.1:%1/webhooks/shopify").arg(m_port));
    const QByteArray body = test::compact(test::restOrder(1010, m_t0, 3));
    QCOMPARE(fake.sendWebhook(hub, kSecret, QStringLiteral("orders/create"), body, QStringLiteral("fk-1"), kShop), 200);
    QCOMPARE(fake.sendWebhook(hub, QByteArrayLiteral("wrong"), QStringLiteral("orders/create"), body,
                              QStringLiteral("fk-2"), kShop),
             401);
    process();
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id "
                                   "= l.fulfillment_order_id JOIN orders o ON o.id = f.order_id WHERE o.shopify_id = "
                                   "'1010'")),
             3);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE webhook_id = 'fk-1' AND triggered_at IS "
                                  "NOT NULL AND event_id IS NOT NULL")) == 1);
  }

  void shopNotServed_isRefused401AndNothingStored()
  {
    // Signed with the app's client secret (another merchant installed the same app), but not our shop.
    const QByteArray body = test::compact(test::restOrder(1101, m_t0));
    Delivery d{QStringLiteral("orders/create"), body};
    d.shop = kStrangerShop;
    QCOMPARE(send(d), 401);
    d.shop = kStrangerShop.toUpper(); // domains compare case-insensitively: no way around by spelling
    QCOMPARE(send(d), 401);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM shops WHERE domain = ?"), {kStrangerShop}), 0);
  }

  void complianceBody_namingAnotherShop_isRefusedAndNothingStored()
  {
    // A captured shop/redact of the sister shop, replayed with our shop's header.
    Delivery d{QStringLiteral("shop/redact"), test::compact(shopRedact(kSisterShop, 82002.0))};
    QCOMPARE(send(d), 400);
    // customers/redact and data_request name their shop too; a body without shop_domain is refused.
    QJsonObject customer{{QStringLiteral("shop_id"), 82002.0},
                         {QStringLiteral("shop_domain"), kSisterShop},
                         {QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), 5.0}}},
                         {QStringLiteral("orders_to_redact"), QJsonArray{}}};
    QCOMPARE(send(Delivery{QStringLiteral("customers/redact"), test::compact(customer)}), 400);
    QCOMPARE(send(Delivery{QStringLiteral("customers/data_request"), test::compact(customer)}), 400);
    customer.remove(QStringLiteral("shop_domain"));
    QCOMPARE(send(Delivery{QStringLiteral("customers/redact"), test::compact(customer)}), 400);
    QCOMPARE(send(Delivery{QStringLiteral("shop/redact"), QByteArrayLiteral("not json")}), 400);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), 0);
  }

  void bodyOfAnotherTopic_isRefused()
  {
    // A signed order relabelled as a privacy request or as a product, and a privacy request as an order.
    const QByteArray order = test::compact(test::restOrder(1102, m_t0));
    QCOMPARE(send(Delivery{QStringLiteral("shop/redact"), order}), 400);
    QCOMPARE(send(Delivery{QStringLiteral("products/update"), order}), 400);
    QCOMPARE(send(Delivery{QStringLiteral("orders/create"), test::compact(shopRedact(kSisterShop))}), 400);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), 0);
    // The same order under its own topic is fine.
    QCOMPARE(send(Delivery{QStringLiteral("orders/create"), order}), 200);
  }

  void shopRedact_actsOnTheShopItsSignedBodyNames()
  {
    // Both shops have an order; a shop/redact for the sister shop arrives, correctly labelled.
    QCOMPARE(post(QStringLiteral("orders/create"), test::compact(test::restOrder(1103, m_t0))), 200);
    Delivery sisterOrder{QStringLiteral("orders/create"), test::compact(test::restOrder(2103, m_t0))};
    sisterOrder.shop = kSisterShop;
    QCOMPARE(send(sisterOrder), 200);
    process();
    Delivery redact{QStringLiteral("shop/redact"), test::compact(shopRedact(kSisterShop, 82002.0))};
    redact.shop = kSisterShop;
    QCOMPARE(send(redact), 200);
    // A row whose header and body disagree (stored before this check existed) is a dead letter, not a wipe.
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, triggered_at, body) "
                                      "VALUES (?, 'shop/redact', 'legacy-relabelled', now(), ?)"),
                       {kShop, test::compact(shopRedact(kSisterShop, 82002.0))}));
    process();
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE shopify_id = '2103' AND email IS NULL")), 1);
    QCOMPARE(text(QStringLiteral("SELECT email FROM orders WHERE shopify_id = '1103'")),
             QStringLiteral("ada1103@example.com"));
    QCOMPARE(text(QStringLiteral("SELECT status FROM webhook_inbox WHERE webhook_id = 'legacy-relabelled'")),
             QStringLiteral("dead"));
    // Once we know the shop's Shopify id, a body naming another id is refused too.
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE shops SET shopify_id = '81001' WHERE domain = ?"), {kShop}));
    QCOMPARE(post(QStringLiteral("shop/redact"), test::compact(shopRedact(kShop, 99999.0))), 200);
    process();
    QCOMPARE(text(QStringLiteral("SELECT email FROM orders WHERE shopify_id = '1103'")),
             QStringLiteral("ada1103@example.com"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE topic = 'shop/redact' AND status = "
                                   "'dead'")),
             2);
  }

  void replayUnderFreshWebhookId_isADuplicate()
  {
    // The webhook id is not signed: a replayer can send a captured delivery again under a new one.
    const QByteArray body = test::compact(test::restOrder(1104, m_t0));
    QCOMPARE(post(QStringLiteral("orders/create"), body, QStringLiteral("genuine-1104")), 200);
    QCOMPARE(post(QStringLiteral("orders/create"), body, QStringLiteral("replayed-1104"), QStringLiteral("ev-x")), 200);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), 1);
    QCOMPARE(text(QStringLiteral("SELECT webhook_id FROM webhook_inbox")), QStringLiteral("genuine-1104"));
  }

  void replayUnderAnotherDeliverysId_doesNotHideIt()
  {
    // A delivery Shopify is still retrying (our 503 was seen), its ids known to whoever watched: a captured
    // older body sent first under those ids must not make the genuine retry look like a duplicate.
    const QByteArray captured = test::compact(test::restOrder(1105, m_t0));
    const QByteArray genuine = test::compact(test::restOrder(1105, m_t0.addSecs(60), 2, QStringLiteral("new@x.test")));
    QCOMPARE(
        post(QStringLiteral("orders/updated"), captured, QStringLiteral("retried-1105"), QStringLiteral("ev-1105")),
        200);
    QCOMPARE(post(QStringLiteral("orders/updated"), genuine, QStringLiteral("retried-1105"), QStringLiteral("ev-1105")),
             200);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE webhook_id = 'retried-1105'")), 2);
    process();
    QCOMPARE(text(QStringLiteral("SELECT email FROM orders WHERE shopify_id = '1105'")), QStringLiteral("new@x.test"));
  }

  void staleOrMissingTriggeredAt_isRefused()
  {
    const QByteArray body = test::compact(test::restOrder(1106, m_t0));
    Delivery d{QStringLiteral("orders/create"), body};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    d.triggeredAt = now.addSecs(-3601).toString(Qt::ISODateWithMs).toUtf8(); // window: 3600 s
    QCOMPARE(send(d), 400);
    d.triggeredAt = QByteArray();
    QCOMPARE(send(d), 400);
    d.triggeredAt = QByteArrayLiteral("yesterday");
    QCOMPARE(send(d), 400);
    d.triggeredAt = now.addSecs(3600).toString(Qt::ISODateWithMs).toUtf8();
    QCOMPARE(send(d), 400);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), 0);
    // Shopify's last retry, four hours on, keeps its original time: inside a window set for it, it is taken.
    d.triggeredAt = now.addSecs(-3500).toString(Qt::ISODateWithMs).toUtf8();
    QCOMPARE(send(d), 200);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox")), 1);
  }

  void cleanupTestCase()
  {
    m_processor.reset();
    m_server.reset();
  }
};

QTEST_GUILESS_MAIN(WebhookIngestTest)
#include "webhook_ingest_test.moc"
