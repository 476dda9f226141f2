// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Which stored webhook deliveries belong to a customer being redacted: decided by JSON structure, never by
// a substring of the raw body.
#include "core/shopify/customerdata.h"

#include <QTest>

using namespace pb::shopify;
using namespace Qt::StringLiterals;

namespace {
// Test bodies are written with single quotes (moc reads this file too).
QByteArray json(const char *singleQuoted)
{
  return QByteArray(singleQuoted).replace('\'', '"');
}
} // namespace

class CustomerDeliveryTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void deliveryBelongsTo_data()
  {
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("belongs");
    QTest::newRow("the order itself") << u"orders/updated"_s << json("{'id': 1001, 'email': 'x@y.example'}") << true;
    QTest::newRow("the order as a gid") << u"orders/create"_s << json("{'id': 'gid://shopify/Order/1001'}") << true;
    QTest::newRow("another order") << u"orders/updated"_s << json("{'id': 1002}") << false;
    QTest::newRow("short id in a price and a zip")
        << u"orders/create"_s << json("{'id': 5, 'total_price': '512.00', 'shipping_address': {'zip': '51234'}}")
        << false;
    QTest::newRow("the customer object") << u"orders/create"_s
                                         << json("{'id': 7, 'customer': {'id': 512, 'first_name': 'A'}}") << true;
    QTest::newRow("another customer") << u"orders/create"_s << json("{'id': 7, 'customer': {'id': 5120}}") << false;
    QTest::newRow("an edit of the order")
        << u"orders/edited"_s << json("{'order_edit': {'id': 9, 'order_id': 1001}}") << true;
    QTest::newRow("an order_id deep inside")
        << u"fulfillment_orders/hold_released"_s << json("{'fulfillment_order': {'id': 3, 'order_id': 1001}}") << true;
    QTest::newRow("a product whose id is the order's") << u"products/update"_s << json("{'id': 1001}") << false;
    QTest::newRow("the email, other case")
        << u"orders/create"_s << json("{'id': 8, 'email': 'Wren@Example.ORG'}") << true;
    QTest::newRow("the email inside a longer one")
        << u"orders/create"_s << json("{'id': 8, 'email': 'not-wren@example.org'}") << false;
    QTest::newRow("the phone in an address")
        << u"orders/create"_s << json("{'id': 8, 'billing_address': {'phone': '+44 7700 900417'}}") << true;
    QTest::newRow("a request of the same customer")
        << u"customers/data_request"_s << json("{'customer': {'id': 512}}") << true;
    QTest::newRow("not JSON, with the email")
        << u"orders/create"_s << json("{'id': 8, 'email': 'wren@example.org', 'note") << true;
    QTest::newRow("not JSON, with only the short id")
        << u"orders/create"_s << json("{'id': 512, 'customer': {'id': 512") << false;
  }

  void deliveryBelongsTo()
  {
    QFETCH(QString, topic);
    QFETCH(QByteArray, body);
    QFETCH(bool, belongs);
    customerdata::Subject subject;
    subject.customerId = u"512"_s;
    subject.orderIds = {u"1001"_s};
    subject.email = u"wren@example.org"_s;
    subject.phone = u"+44 7700 900417"_s;
    QCOMPARE(customerdata::deliveryBelongsTo(topic, body, subject), belongs);
  }

  void wholeShop_ownsEveryDelivery()
  {
    customerdata::Subject shop;
    shop.wholeShop = true;
    QVERIFY(customerdata::deliveryBelongsTo(u"products/update"_s, QByteArray("not json"), shop));
  }
};

QTEST_GUILESS_MAIN(CustomerDeliveryTest)
#include "customer_delivery_test.moc"
