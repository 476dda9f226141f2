// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// outbox::enqueue and the rows finishing a pack writes, compiled twice: PostgreSQL (label db), where
// packbench_complete writes the fulfillment in PL/pgSQL, and SQLite (label unit, PACKBENCH_OUTBOX_TEST_SQLITE),
// where the station writes it in C++. Either way the row must parse to the message C++ would enqueue.
#include "core/db/sql.h"
#include "core/outbox/enqueue.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/packsession.h"
#include "core/queue/orderqueue.h"
#include "core/scanning/scandecoder.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/verify.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pb;
using namespace std::chrono_literals;

namespace {

#ifdef PACKBENCH_OUTBOX_TEST_SQLITE
constexpr bool kSqlite = true;
#else
constexpr bool kSqlite = false;
#endif

// One outbox row as stored.
struct StoredRow {
  qint64 id = 0;
  QString kind;
  QString key;
  QString aggregate;
  qint64 shopId = 0;
  QJsonObject payload;
};

} // namespace

class OutboxEnqueueTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};
  scanning::ScanDecoder m_decoder;
  qint64 m_stationId = 0;
  qint64 m_packerId = 0;
  int m_orderNo = 0;
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_workflow;
  const QString m_daypack = QStringLiteral("NW-T2D-001");
  const QString m_shell = QStringLiteral("NW-RRS-004");

  qint64 newOrder()
  {
    auto fo = test::createClaimedOrder(m_db, QStringLiteral("#OB%1").arg(++m_orderNo), {{m_daypack, 2}, {m_shell, 1}});
    if (!fo)
      qFatal("createClaimedOrder: %s", qPrintable(fo.error().message));
    if (!db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued' WHERE id = ?"), {*fo}))
      qFatal("could not queue the order");
    return *fo;
  }

  qint64 count(const QString &sql, const QVariantList &values = {})
  {
    auto q = db::exec(m_db, sql, values);
    return q && q.value().next() ? q.value().value(0).toLongLong() : -1;
  }

  qint64 lineOf(qint64 fo, const QString &sku)
  {
    return count(QStringLiteral("SELECT id FROM fulfillment_order_lines WHERE fulfillment_order_id = ? AND sku = ?"),
                 {fo, sku});
  }

  qint64 shopOf(qint64 fo)
  {
    return count(
        QStringLiteral("SELECT o.shop_id FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE f.id = ?"),
        {fo});
  }

  std::optional<StoredRow> row(const QString &key)
  {
    auto q = db::exec(m_db,
                      QStringLiteral("SELECT id, kind, idempotency_key, aggregate_id, shop_id, CAST(payload AS text) "
                                     "FROM outbox WHERE idempotency_key = ?"),
                      {key});
    if (!q || !q.value().next())
      return std::nullopt;
    return StoredRow{q->value(0).toLongLong(), q->value(1).toString(),
                     q->value(2).toString(),   q->value(3).toString(),
                     q->value(4).toLongLong(), QJsonDocument::fromJson(q->value(5).toString().toUtf8()).object()};
  }

  // The typed message a stored row stands for.
  outbox::Message messageOf(const StoredRow &stored)
  {
    auto body = outbox::parse(stored.kind, stored.payload);
    if (!body)
      qFatal("row does not parse: %s", qPrintable(body.error().message));
    return outbox::Message{*body, stored.key, stored.aggregate, stored.shopId};
  }

  // Packs the order through a PackSession as the pack view does: every item, or only one daypack.
  packing::ClaimedOrder pack(qint64 fo, bool everything)
  {
    packing::Packer packer;
    packer.id = m_packerId;
    auto taken = m_workflow->take(fo, packer);
    if (!taken)
      qFatal("take: %s", qPrintable(taken.error().message));
    auto session = packing::PackSession::open(m_db, m_clock, fo, {m_packerId, taken->claimId, m_stationId});
    if (!session)
      qFatal("open: %s", qPrintable(session.error().message));
    (*session)->handleScan(m_decoder.decode(test::barcodeFor(m_db, m_daypack)));
    if (everything) {
      (*session)->handleScan(m_decoder.decode(test::barcodeFor(m_db, m_daypack)));
      (*session)->handleScan(m_decoder.decode(test::barcodeFor(m_db, m_shell)));
    }
    return *taken;
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoDatabase(kSqlite, m_dir.path(), QStringLiteral("outbox"), m_clock);
    VERIFY_OK(db);
    m_db = *db;
    const qint64 probe = newOrder();
    const qint64 location = count(QStringLiteral("SELECT location_id FROM fulfillment_orders WHERE id = ?"), {probe});
    auto station = queue::registerStation(m_db, QStringLiteral("ob-bench"), location);
    VERIFY_OK(station);
    m_stationId = *station;
    m_packerId = test::packerId(m_db, QStringLiteral("PB-1001"));
    QVERIFY(m_packerId > 0);
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock, 120s);
    m_workflow = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, m_stationId);
  }

  // The row finishing a pack writes (PL/pgSQL on PostgreSQL, C++ on SQLite) is the message C++ builds, and
  // the row outbox::enqueue writes for that message is the same row.
  void finish_writesTheFulfillmentMessage_data()
  {
    QTest::addColumn<bool>("partial");
    QTest::newRow("full") << false;
    QTest::newRow("partial") << true;
  }

  void finish_writesTheFulfillmentMessage()
  {
    QFETCH(bool, partial);
    const qint64 fo = newOrder();
    const packing::ClaimedOrder taken = pack(fo, !partial);
    VERIFY_OK(m_workflow->finish(taken, partial));

    outbox::FulfillmentCreate expected;
    expected.fulfillmentOrderId = fo;
    expected.partial = partial;
    expected.claimId = taken.claimId;
    expected.version = taken.orderVersion;
    expected.lines = partial ? QList<outbox::VerifiedLine>{{lineOf(fo, m_daypack), 1}}
                             : QList<outbox::VerifiedLine>{{lineOf(fo, m_daypack), 2}, {lineOf(fo, m_shell), 1}};
    std::sort(expected.lines->begin(), expected.lines->end(),
              [](const outbox::VerifiedLine &a, const outbox::VerifiedLine &b) { return a.lineId < b.lineId; });
    outbox::Message message = outbox::Message::fulfillmentCreate(expected);
    message.shopId = shopOf(fo); // what the row stores: the shop of the fulfillment order's order

    const auto finished = row(message.idempotencyKey);
    QVERIFY(finished.has_value());
    QCOMPARE(finished->kind, QStringLiteral("fulfillment.create"));
    QVERIFY(messageOf(*finished) == message);
    QCOMPARE(finished->payload, outbox::toJson(expected));

    // The same message through outbox::enqueue: an identical row.
    VERIFY_OK(db::exec(m_db, QStringLiteral("DELETE FROM outbox WHERE id = ?"), {finished->id}));
    auto written = outbox::enqueue(m_db, outbox::Message::fulfillmentCreate(expected));
    VERIFY_OK(written);
    QVERIFY(*written);
    const auto enqueued = row(message.idempotencyKey);
    QVERIFY(enqueued.has_value());
    QVERIFY(messageOf(*enqueued) == messageOf(*finished));
    QCOMPARE(enqueued->payload, finished->payload);
#ifndef PACKBENCH_OUTBOX_TEST_SQLITE
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE id = ? AND payload = ?::jsonb"),
                   {enqueued->id, QString::fromUtf8(QJsonDocument(finished->payload).toJson())}),
             1);
#endif
  }

  // Enqueued inside the caller's transaction: rolled back with it, committed with it.
  void enqueue_followsTheCallersTransaction()
  {
    const qint64 fo = newOrder();
    const outbox::Message message =
        outbox::Message::withKey(outbox::TrackingUpdate{fo, true}, QStringLiteral("tracking:%1:1").arg(fo));
    const Status rolledBack = db::inTransaction(m_db, [&]() -> Status {
      auto written = outbox::enqueue(m_db, message);
      if (!written)
        return written.error();
      return makeError(ErrorKind::Conflict, QStringLiteral("the caller's next write failed"));
    });
    QVERIFY(!rolledBack.ok());
    QVERIFY(!row(message.idempotencyKey).has_value());

    VERIFY_OK(db::inTransaction(m_db, [&]() -> Status {
      auto written = outbox::enqueue(m_db, message);
      return written ? Status{} : Status{written.error()};
    }));
    const auto stored = row(message.idempotencyKey);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->shopId, shopOf(fo));
    QCOMPARE(stored->aggregate, QString::number(fo));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE id = ? AND status = 'pending' AND attempts = 0"),
                   {stored->id}),
             1);
  }

  void duplicateKey_refusedOrIgnored()
  {
    const outbox::Message sync =
        outbox::Message::orderSync({shopOf(newOrder()), QStringLiteral("777001")}, QStringLiteral("v1"));
    auto first = outbox::enqueue(m_db, sync, outbox::OnDuplicate::Ignore);
    VERIFY_OK(first);
    QVERIFY(*first);
    auto ignored = outbox::enqueue(m_db, sync, outbox::OnDuplicate::Ignore);
    VERIFY_OK(ignored);
    QVERIFY(!*ignored);
    auto refused = outbox::enqueue(m_db, sync);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Conflict);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE idempotency_key = ?"), {sync.idempotencyKey}), 1);
    const auto stored = row(sync.idempotencyKey);
    QVERIFY(stored.has_value());
    QVERIFY(messageOf(*stored) == sync);
  }

  void unknownFulfillmentOrder_writesNothing()
  {
    outbox::FulfillmentCreate unknown;
    unknown.fulfillmentOrderId = 987654321;
    auto written = outbox::enqueue(m_db, outbox::Message::fulfillmentCreate(unknown));
    VERIFY_OK(written);
    QVERIFY(!*written);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = '987654321'")), 0);
    auto keyless = outbox::enqueue(m_db, outbox::Message::withKey(outbox::ReleaseHold{1}, QString()));
    QVERIFY(!keyless.ok());
    QCOMPARE(keyless.error().kind, ErrorKind::InvalidInput);
  }
};

QTEST_GUILESS_MAIN(OutboxEnqueueTest)
#include "outbox_enqueue_test.moc"
