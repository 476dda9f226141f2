// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Where an order a bench packed stands now: what the station tells a packer after its work on the order is refused.
#include "core/db/sql.h"
#include "core/station/orderstanding.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/verify.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using Kind = station::OrderStanding::Kind;

class OrderStandingTest final : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  test::ManualClock m_clock{QDateTime(QDate(2026, 12, 5), QTime(9, 0), Qt::UTC)};

private Q_SLOTS:
  void orderStanding_tellsCancelledEditedAndMovedApart_data()
  {
    QTest::addColumn<QString>("change");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("packState");
    QTest::newRow("untouched") << QString() << int(Kind::Unchanged) << QStringLiteral("claimed");
    QTest::newRow("edited at Shopify") << QStringLiteral("UPDATE fulfillment_orders SET version = version + 1")
                                       << int(Kind::Edited) << QStringLiteral("claimed");
    QTest::newRow("cancelled") << QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled'")
                               << int(Kind::Cancelled) << QStringLiteral("cancelled");
    QTest::newRow("back in the queue") << QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued'")
                                       << int(Kind::Moved) << QStringLiteral("queued");
    QTest::newRow("packed") << QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'packed'") << int(Kind::Moved)
                            << QStringLiteral("packed");
  }
  void orderStanding_tellsCancelledEditedAndMovedApart()
  {
    QFETCH(QString, change);
    QFETCH(int, kind);
    QFETCH(QString, packState);
    const QString name = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
    auto db = test::openDemoSqlite(m_dir.filePath(name + QStringLiteral(".sqlite")), name, m_clock);
    VERIFY_OK(db);
    auto fo = test::createClaimedOrder(*db, QStringLiteral("#2001"), {{QStringLiteral("NW-T2D-001"), 1}});
    VERIFY_OK(fo);
    packing::ClaimedOrder order;
    order.fulfillmentOrderId = *fo;
    auto claimed = station::orderStanding(*db, order); // the version the bench opened it at
    VERIFY_OK(claimed);
    order.orderVersion = claimed->version;
    if (!change.isEmpty())
      VERIFY_OK(db::exec(*db, change + QStringLiteral(" WHERE id = ?"), {*fo}));

    auto standing = station::orderStanding(*db, order);
    VERIFY_OK(standing);
    QCOMPARE(int(standing->kind), kind);
    QCOMPARE(standing->packState, packState);
  }

  void orderStanding_ofAnOrderThatIsGone_isMoved()
  {
    auto db = test::openDemoSqlite(m_dir.filePath(QStringLiteral("gone.sqlite")), QStringLiteral("gone"), m_clock);
    VERIFY_OK(db);
    packing::ClaimedOrder order;
    order.fulfillmentOrderId = 987654;
    auto standing = station::orderStanding(*db, order);
    VERIFY_OK(standing);
    QCOMPARE(standing->kind, Kind::Moved);
    QVERIFY(standing->packState.isEmpty());
  }
};

QTEST_GUILESS_MAIN(OrderStandingTest)
#include "orderstanding_test.moc"
