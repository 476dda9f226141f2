// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/webhookadmission.h"

#include <QJsonDocument>
#include <QTest>

using namespace pb::shopify;
using webhookadmission::Refusal;

class WebhookAdmissionTest final : public QObject {
  Q_OBJECT

  static Refusal judge(const QString &topic, const QByteArray &body)
  {
    WebhookDelivery delivery;
    delivery.shopDomain = QStringLiteral("Bench-Shop.myshopify.com");
    delivery.topic = topic;
    delivery.body = body;
    return webhookadmission::checkBody(delivery).refusal;
  }

private Q_SLOTS:
  void resourceBodies_areJudgedByTheirTopLevelFields_data()
  {
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("refused");
    const QString order = QStringLiteral("orders/create");
    QTest::newRow("an order") << order << QByteArray("{\"id\":1,\"admin_graphql_api_id\":\"gid://shopify/Order/1\"}")
                              << false;
    QTest::newRow("a product under an order topic")
        << order << QByteArray("{\"admin_graphql_api_id\":\"gid://shopify/Product/1\"}") << true;
    QTest::newRow("an id that is not a string") << order << QByteArray("{\"admin_graphql_api_id\":7}") << false;
    QTest::newRow("escaped slashes") << order
                                     << QByteArray("{\"admin_graphql_api_id\":\"gid:\\/\\/shopify\\/Order\\/1\"}")
                                     << false;
    QTest::newRow("this shop, other case")
        << order << QByteArray("{\"shop_domain\":\"bench-shop.MYSHOPIFY.com\"}") << false;
    QTest::newRow("another shop") << order << QByteArray("{\"shop_domain\":\"other.myshopify.com\"}") << true;
    QTest::newRow("a shop that is not a string") << order << QByteArray("{\"shop_domain\":5}") << true;
    QTest::newRow("another shop, nested only")
        << order << QByteArray("{\"customer\":{\"shop_domain\":\"other.myshopify.com\"}}") << false;
    QTest::newRow("duplicate keys: the last counts")
        << order
        << QByteArray("{\"admin_graphql_api_id\":\"gid://shopify/Product/1\",\"admin_graphql_api_id\":\"gid://shopify/"
                      "Order/1\"}")
        << false;
    QTest::newRow("not JSON: stored and dead-lettered later") << order << QByteArray("{not json") << false;
    QTest::newRow("an array") << order << QByteArray("[{\"admin_graphql_api_id\":\"gid://shopify/Product/1\"}]")
                              << false;
    // simdjson refuses an integer past 64 bits; Qt reads it as a double, so the verdict is Qt's.
    QTest::newRow("what only Qt reads")
        << order
        << QByteArray("{\"total\":123456789012345678901234567890,\"admin_graphql_api_id\":\"gid://shopify/Product/1\"}")
        << true;
    // Qt refuses the document (its number underflows), simdjson reads it: Qt's verdict, stored as is.
    QTest::newRow("what only simdjson reads")
        << order << QByteArray("{\"f\":-1.5e-300000,\"shop_domain\":\"other.myshopify.com\"}") << false;
    QTest::newRow("app/uninstalled, another shop")
        << QStringLiteral("app/uninstalled") << QByteArray("{\"myshopify_domain\":\"other.myshopify.com\"}") << true;
    QTest::newRow("myshopify_domain elsewhere is not checked")
        << QStringLiteral("products/update") << QByteArray("{\"myshopify_domain\":\"other.myshopify.com\"}") << false;
  }
  void resourceBodies_areJudgedByTheirTopLevelFields()
  {
    QFETCH(QString, topic);
    QFETCH(QByteArray, body);
    QFETCH(bool, refused);
    QCOMPARE(judge(topic, body) == Refusal::BodyMismatch, refused);
  }

  void duplicateKeys_qtKeepsTheLastToo()
  {
    const QJsonDocument document = QJsonDocument::fromJson("{\"a\":\"first\",\"a\":\"last\"}");
    QCOMPARE(document.object().value(QStringLiteral("a")).toString(), QStringLiteral("last"));
  }

  void complianceBodies_stillNeedTheirShopAndCustomer()
  {
    const QString redact = QStringLiteral("customers/redact");
    QCOMPARE(judge(redact, "{\"shop_id\":1,\"shop_domain\":\"bench-shop.myshopify.com\",\"customer\":{\"id\":2}}"),
             Refusal::None);
    QCOMPARE(judge(redact, "{\"shop_id\":1,\"shop_domain\":\"bench-shop.myshopify.com\"}"), Refusal::BodyMismatch);
    QCOMPARE(judge(redact, "not json"), Refusal::BodyMismatch);
  }
};

QTEST_GUILESS_MAIN(WebhookAdmissionTest)
#include "webhook_admission_test.moc"
