// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Migration 0018: a station asks for a box's carrier label through packbench_request_label, under its live claim,
// never without the box's weight; asking again answers the same request; a repacked order retires the earlier
// label; the hub hears NOTIFY packbench_label_request. A station login reads its own orders' labels and writes none.
#include "core/db/sql.h"
#include "core/documents/printjournal.h"
#include "core/packing/packers.h"
#include "core/queue/orderqueue.h"
#include "core/shopify/customerdata.h"
#include "tests/support/labelworld.h"
#include "tests/support/stationlogin.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QSignalSpy>
#include <QSqlDriver>
#include <QTest>
#include <QUuid>

using namespace pb;

class LabelRequestTest final : public QObject, private test::LabelWorldBench {
  Q_OBJECT

private:
  QString text(const QString &sql, const QVariantList &values = {})
  {
    auto q = db::exec(m_db, sql, values);
    return q && q.value().next() ? q->value(0).toString() : QString();
  }

  // A label as the hub stores it once bought (what the worker writes; its own test is label_worker_test).
  void markBought(qint64 request)
  {
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("UPDATE label_requests SET state = 'bought', label_id = 'se-1', label_bytes = "
                                      "'^XA^XZ', tracking_number = '1Z0000000000000001' WHERE id = ?"),
                       {request}));
  }

  // A new order on the bench with box 1's label bought: the order, and the label's request id (0 when it failed).
  std::pair<test::BenchOrder, qint64> orderWithABoughtLabel()
  {
    auto order = test::addBenchOrder(m_db, m_world);
    auto request = order ? test::requestLabel(m_db, m_world, *order) : Result<qint64>(order.error());
    if (!request)
      return {{}, 0};
    markBought(*request);
    return {*order, *request};
  }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openLabelWorld(QStringLiteral("labelreq"))); }

  void request_withoutWeight_isRefused_andNothingIsRequested()
  {
    auto order = test::addBenchOrder(m_db, m_world);
    VERIFY_OK(order);
    auto refused = test::requestLabel(m_db, m_world, *order, 1, 0);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(refused.error().message.contains(QStringLiteral("Weigh box 1")), qPrintable(refused.error().message));
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM label_requests WHERE fulfillment_order_id = ?"),
                          {order->fulfillmentOrderId}),
             0);
  }

  void request_storesTheWeight_andWakesTheHub()
  {
    auto listener = db::openDatabase(m_scratch.settings, QStringLiteral("labelreq-listen"));
    VERIFY_OK(listener);
    QSqlDriver *driver = listener->driver();
    QVERIFY(driver->subscribeToNotification(QStringLiteral("packbench_label_request")));
    QSignalSpy heard(driver, &QSqlDriver::notification);
    auto order = test::addBenchOrder(m_db, m_world);
    VERIFY_OK(order);
    auto id = test::requestLabel(m_db, m_world, *order, 1, 1234);
    VERIFY_OK(id);
    QVERIFY(heard.wait(5000));
    QCOMPARE(heard.first().at(2).toString(), QString::number(*id));
    QCOMPARE(test::labelState(m_db, *id), QStringLiteral("requested"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT weight_grams FROM packages WHERE fulfillment_order_id = ? AND "
                                         "box_no = 1"),
                          {order->fulfillmentOrderId}),
             1234);
    const QString external =
        text(QStringLiteral("SELECT external_shipment_id FROM label_requests WHERE id = ?"), {QVariant(*id)});
    QVERIFY2(external.startsWith(QStringLiteral("pb-")) && external.size() <= 50, qPrintable(external));
    // Asked again (a restart, a reprint): the same request, nothing new to buy.
    auto again = test::requestLabel(m_db, m_world, *order, 1, 0);
    VERIFY_OK(again);
    QCOMPARE(*again, *id);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM label_requests WHERE fulfillment_order_id = ?"),
                          {order->fulfillmentOrderId}),
             1);
  }

  void request_badMeasurements_areRefused()
  {
    auto order = test::addBenchOrder(m_db, m_world);
    VERIFY_OK(order);
    for (const QString &sql :
         {QStringLiteral("SELECT packbench_request_label(?, ?, ?, 1, 'zpl', 0, NULL, NULL, NULL, NULL, NULL)"),
          QStringLiteral("SELECT packbench_request_label(?, ?, ?, 1, 'zpl', 900, 300, NULL, NULL, NULL, NULL)"),
          QStringLiteral("SELECT packbench_request_label(?, ?, ?, 1, 'gif', 900, NULL, NULL, NULL, NULL, NULL)")}) {
      auto refused = db::exec(m_db, sql, {order->claimId, m_world.queue.stationId, order->fulfillmentOrderId});
      QVERIFY2(!refused.ok(), qPrintable(sql));
      QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
    }
  }

  void request_afterTheClaimEnded_isRefused()
  {
    auto order = test::addBenchOrder(m_db, m_world);
    VERIFY_OK(order);
    VERIFY_OK(db::exec(m_db, QStringLiteral("SELECT packbench_release(?, ?, ?, NULL, NULL, NULL, NULL)"),
                       {order->claimId, m_world.queue.stationId, order->fulfillmentOrderId}));
    auto refused = test::requestLabel(m_db, m_world, *order);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Conflict);
  }

  void repackedOrder_retiresTheEarlierLabel_andAsksForANewOne()
  {
    const auto [order, first] = orderWithABoughtLabel();
    QVERIFY(first > 0);
    VERIFY_OK(db::exec(m_db, QStringLiteral("SELECT packbench_release(?, ?, ?, NULL, NULL, NULL, NULL)"),
                       {order.claimId, m_world.queue.stationId, order.fulfillmentOrderId}));
    auto claim = test::scalar(m_db,
                              QStringLiteral("SELECT claim_id FROM packbench_claim_order(?, ?, NULL, 600, NULL, "
                                             "NULL, NULL)"),
                              {m_world.queue.otherStationId, order.fulfillmentOrderId});
    QVERIFY(claim > 0);
    test::BenchOrder again = order;
    again.claimId = claim;
    auto second = test::requestLabel(m_db, m_world, again, 1, 0, QStringLiteral("pdf"), m_world.queue.otherStationId);
    VERIFY_OK(second);
    QVERIFY(*second != first);
    QCOMPARE(test::labelState(m_db, first), QStringLiteral("void_pending"));
    QCOMPARE(text(QStringLiteral("SELECT void_reason FROM label_requests WHERE id = ?"), {first}),
             QStringLiteral("the order was packed again"));
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT generation FROM label_requests WHERE id = ?"), {*second}), 2);
    QVERIFY(text(QStringLiteral("SELECT external_shipment_id FROM label_requests WHERE id = ?"), {first}) !=
            text(QStringLiteral("SELECT external_shipment_id FROM label_requests WHERE id = ?"), {*second}));
    // A request never sent to the carrier is simply cancelled when its attempt ends.
    VERIFY_OK(db::exec(m_db, QStringLiteral("SELECT packbench_retire_label(?, 'test')"), {*second}));
    QCOMPARE(test::labelState(m_db, *second), QStringLiteral("failed"));
  }

  void labelPrinted_marksItPrinted_onlyOnceBought()
  {
    auto order = test::addBenchOrder(m_db, m_world);
    VERIFY_OK(order);
    auto id = test::requestLabel(m_db, m_world, *order);
    VERIFY_OK(id);
    const QString printed = QStringLiteral("SELECT packbench_label_printed(?, ?, NULL, NULL, NULL)");
    auto early = db::exec(m_db, printed, {*id, m_world.queue.stationId});
    QVERIFY(!early.ok());
    QCOMPARE(early.error().kind, ErrorKind::Conflict);
    markBought(*id);
    auto other = db::exec(m_db, printed, {*id, m_world.queue.otherStationId});
    QVERIFY(!other.ok());
    QCOMPARE(other.error().kind, ErrorKind::NotFound);
    VERIFY_OK(db::exec(m_db, printed, {*id, m_world.queue.stationId}));
    QCOMPARE(test::labelState(m_db, *id), QStringLiteral("printed"));
    VERIFY_OK(db::exec(m_db, printed, {*id, m_world.queue.stationId})); // a reprint changes nothing
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'label.printed' AND "
                                         "subject_id = ?"),
                          {QString::number(order->fulfillmentOrderId)}),
             1);
  }

  void customerRedacted_labelBytesAndTracking_areGone()
  {
    const auto [order, id] = orderWithABoughtLabel();
    QVERIFY(id > 0);
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE orders SET shopify_id = '990001' WHERE id = ?"), {order.orderId}));
    shopify::customerdata::Subject subject;
    subject.shopId = m_world.queue.shopId;
    subject.orderIds = {QStringLiteral("990001")};
    auto scrubbed = shopify::customerdata::scrub(m_db, subject);
    VERIFY_OK(scrubbed);
    QCOMPARE(scrubbed->orders, 1);
    QCOMPARE(text(QStringLiteral("SELECT coalesce(length(label_bytes), -1) || '/' || coalesce(tracking_number, '-') "
                                 "|| '/' || state FROM label_requests WHERE id = ?"),
                  {QVariant(id)}),
             QStringLiteral("-1/-/bought"));
    QCOMPARE(scrubbed->carrierLabels, 1);
  }

  // Migration 0030: a label to be voided (here: the order put on hold) takes the bytes of every print job made of it,
  // the first send and a reprint alike, so no reprint, move or retry puts it on a box. Another label keeps its jobs.
  void voidedLabel_itsPrintJobsLoseTheirBytes_soNoneIsPrintedAgain()
  {
    const auto [order, label] = orderWithABoughtLabel();
    QVERIFY(label > 0);
    auto printJob = [&](const QString &reference, const QString &status) {
      return test::scalar(
          m_db,
          QStringLiteral("INSERT INTO print_jobs (fulfillment_order_id, kind, printer, format, status, "
                         "payload, reference) VALUES (?, 'label', 'zebra', 'zpl', ?, '\\x5e58415e585a', "
                         "?) RETURNING id"),
          {order.fulfillmentOrderId, status, reference});
    };
    const QString itsReference = QStringLiteral("carrier-label:request=%1").arg(label);
    const qint64 sent = printJob(itsReference, QStringLiteral("done"));
    const qint64 reprint = printJob(itsReference, QStringLiteral("failed"));
    const qint64 another =
        printJob(QStringLiteral("carrier-label:request=%1").arg(label + 100000), QStringLiteral("failed"));
    QVERIFY(sent > 0 && reprint > 0 && another > 0);

    VERIFY_OK(db::exec(m_db, QStringLiteral("SELECT packbench_retire_label(?, 'the order was put on hold')"), {label}));
    QCOMPARE(test::labelState(m_db, label), QStringLiteral("void_pending"));
    const QString kept = QStringLiteral("SELECT count(*) FROM print_jobs WHERE id = ? AND payload IS NOT NULL");
    QCOMPARE(test::scalar(m_db, kept, {sent}), 0);
    QCOMPARE(test::scalar(m_db, kept, {reprint}), 0);
    QCOMPARE(test::scalar(m_db, kept, {another}), 1);
    auto job = documents::PrintJournal(m_db).get(reprint);
    VERIFY_OK(job);
    const Status refused = documents::refuseIfLabelGone(*job);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("a voided label")), qPrintable(refused.error().message));
  }

  void stationLogin_readsItsLabels_butWritesNone()
  {
    auto login = test::createStationLogin(m_db, m_scratch.settings, QStringLiteral("pbt_label_"), m_world.queue.shopId,
                                          {m_world.queue.locationId});
    VERIFY_OK(login);
    auto station = queue::registerStation(login->db, QUuid::createUuid().toString(QUuid::WithoutBraces),
                                          QStringLiteral("Label bench"), m_world.queue.locationId);
    VERIFY_OK(station);
    auto order = test::addBenchOrder(m_db, m_world, QStringLiteral("Standard"), test::testShipTo(), *station);
    VERIFY_OK(order);
    // A station asks only under a packer signed in at the bench (migration 0016).
    auto unsigned_ = test::requestLabel(login->db, m_world, *order, 1, 700, QStringLiteral("zpl"), *station);
    QVERIFY(!unsigned_.ok());
    QCOMPARE(unsigned_.error().kind, ErrorKind::SignedOut);
    VERIFY_OK(db::exec(m_db, QStringLiteral("INSERT INTO packers (badge_id, name, role, pin_hash) VALUES "
                                            "('PB-L1', 'Lou', 'packer', crypt('4321', gen_salt('bf', 4))) "
                                            "ON CONFLICT (badge_id) DO NOTHING")));
    auto lou = packing::signInWithPin(login->db, QStringLiteral("PB-L1"), QStringLiteral("4321"), *station);
    VERIFY_OK(lou);
    auto id = test::requestLabel(login->db, m_world, *order, 1, 700, QStringLiteral("zpl"), *station, lou->signInToken);
    VERIFY_OK(id);
    markBought(*id);
    auto seen =
        db::exec(login->db, QStringLiteral("SELECT label_bytes FROM label_requests WHERE id = ?"), {QVariant(*id)});
    VERIFY_OK(seen);
    QVERIFY(seen.value().next());
    QCOMPARE(seen->value(0).toByteArray(), QByteArray("^XA^XZ"));
    // Only the hub writes results.
    for (const QString &sql :
         {QStringLiteral("UPDATE label_requests SET state = 'voided' WHERE id = ?"),
          QStringLiteral("UPDATE label_requests SET tracking_number = 'X' WHERE id = ?"),
          QStringLiteral("INSERT INTO label_requests (package_id, fulfillment_order_id, box_no, external_shipment_id, "
                         "label_format) SELECT package_id, fulfillment_order_id, 2, 'forged', 'zpl' FROM "
                         "label_requests WHERE id = ?"),
          QStringLiteral("SELECT packbench_retire_label(?, 'forged')")}) {
      auto refused = db::exec(login->db, sql, {QVariant(*id)});
      QVERIFY2(!refused.ok(), qPrintable(QStringLiteral("allowed: ") + sql));
      QCOMPARE(refused.error().kind, ErrorKind::Permission);
    }
    // Another bench's claim is not this login's to ask under.
    auto other = test::addBenchOrder(m_db, m_world);
    VERIFY_OK(other);
    auto foreign = test::requestLabel(login->db, m_world, *other, 1, 700, QStringLiteral("zpl"), 0, lou->signInToken);
    QVERIFY(!foreign.ok());
    QCOMPARE(foreign.error().kind, ErrorKind::Permission);
    test::dropStationLogin(m_db, login.value());
  }
};

QTEST_GUILESS_MAIN(LabelRequestTest)
#include "label_request_test.moc"
