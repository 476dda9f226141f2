// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The inbox writer stores what waits in one statement and commit, answers each caller with its own
// outcome (stored, duplicate, refused) and loses nothing when one delivery in a batch is refused.
#include "core/db/sql.h"
#include "core/hub/inboxwriter.h"
#include "tests/support/inboxstore.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace pb;
using shopify::StoreOutcome;
using shopify::WebhookDelivery;

namespace {
WebhookDelivery delivery(const QString &webhookId, const QString &eventId = {})
{
  WebhookDelivery d;
  d.shopDomain = QStringLiteral("writer.myshopify.com");
  d.topic = QStringLiteral("orders/create");
  d.webhookId = webhookId;
  d.eventId = eventId;
  d.apiVersion = QStringLiteral("2026-01");
  d.triggeredAt = QDateTime::currentDateTimeUtc();
  // The same event through two subscriptions has the same body; different deliveries differ (dedupe is on
  // the signed body, not on the ids).
  d.body = QStringLiteral("{\"id\": 1, \"delivery\": \"%1\"}").arg(eventId.isEmpty() ? webhookId : eventId).toUtf8();
  return d;
}
} // namespace

class InboxWriterTest final : public QObject {
  Q_OBJECT

private:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_db;
  int m_serial = 0;

  std::unique_ptr<hub::InboxWriter> makeWriter(int writers)
  {
    return std::make_unique<hub::InboxWriter>(
        hub::InboxWriter::Settings{m_settings, writers, 64, QStringLiteral("writer-test-%1").arg(++m_serial)});
  }

  // Holds webhook_inbox locked (as a long migration or VACUUM FULL would) while callers queue up.
  void lockInbox()
  {
    VERIFY_OK(db::execStatic(m_db, QStringLiteral("BEGIN; LOCK TABLE webhook_inbox IN EXCLUSIVE MODE")));
  }
  void unlockInbox() { VERIFY_OK(db::execStatic(m_db, QStringLiteral("COMMIT"))); }

  // Stores every delivery from its own thread, as concurrent ingest threads would; outcomes in order.
  static std::vector<Result<StoreOutcome>> storeConcurrently(hub::InboxWriter &writer,
                                                             const QList<WebhookDelivery> &deliveries)
  {
    std::vector<Result<StoreOutcome>> outcomes(static_cast<size_t>(deliveries.size()),
                                               makeError(ErrorKind::Internal, QStringLiteral("not run")));
    std::vector<std::thread> callers;
    for (qsizetype i = 0; i < deliveries.size(); ++i)
      callers.emplace_back(
          [&, i]() { outcomes[static_cast<size_t>(i)] = test::storeAndWait(writer, deliveries.at(i)); });
    for (auto &caller : callers)
      caller.join();
    return outcomes;
  }

  // Stores the deliveries concurrently while the table is locked, so all but the first wait in the queue
  // together; the outcomes in order once the lock is gone.
  std::vector<Result<StoreOutcome>> storeBehindLock(hub::InboxWriter &writer, const QList<WebhookDelivery> &deliveries)
  {
    lockInbox();
    const quint64 before = writer.batches();
    std::vector<Result<StoreOutcome>> outcomes;
    std::thread storing([&]() { outcomes = storeConcurrently(writer, deliveries); });
    // The writer's first statement waits on the lock; the other callers reach the queue meanwhile.
    const bool blocked = QTest::qWaitFor([&]() { return writer.batches() > before; }, 5000);
    QTest::qWait(200);
    unlockInbox();
    storing.join();
    if (!blocked)
      qWarning("the writer never started a batch while the table was locked");
    return outcomes;
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("inboxwriter"));
    VERIFY_OK(scratch);
    m_settings = scratch->settings;
    m_db = scratch->db;
  }

  void init() { VERIFY_OK(db::execStatic(m_db, QStringLiteral("DELETE FROM webhook_inbox"))); }

  void single_isStoredThenDuplicate()
  {
    auto writer = makeWriter(1);
    auto first = test::storeAndWait(*writer, delivery(QStringLiteral("one")));
    VERIFY_OK(first);
    QCOMPARE(*first, StoreOutcome::Stored);
    auto again = test::storeAndWait(*writer, delivery(QStringLiteral("one")));
    VERIFY_OK(again);
    QCOMPARE(*again, StoreOutcome::Duplicate);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox")), 1);
  }

  void burst_isStoredInFewStatements()
  {
    auto writer = makeWriter(1);
    QList<WebhookDelivery> burst;
    for (int i = 0; i < 40; ++i)
      burst.append(delivery(QStringLiteral("burst-%1").arg(i)));
    const quint64 before = writer->batches();
    const auto outcomes = storeBehindLock(*writer, burst);
    for (const auto &outcome : outcomes) {
      VERIFY_OK(outcome);
      QCOMPARE(*outcome, StoreOutcome::Stored);
    }
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE webhook_id LIKE 'burst-%'")),
             40);
    // One statement blocked on the lock, then the rest together (a late thread may make a third).
    QVERIFY2(writer->batches() - before <= 3, qPrintable(QString::number(writer->batches() - before)));
  }

  void repeatsWithinOneBatch_storedOnce()
  {
    auto writer = makeWriter(1);
    const auto outcomes =
        storeBehindLock(*writer, {delivery(QStringLiteral("blocker")), delivery(QStringLiteral("same")),
                                  delivery(QStringLiteral("same")), delivery(QStringLiteral("same")),
                                  delivery(QStringLiteral("ev-a"), QStringLiteral("event-1")),
                                  delivery(QStringLiteral("ev-b"), QStringLiteral("event-1"))});
    int sameStored = 0;
    int eventStored = 0;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      VERIFY_OK(outcomes[i]);
      if (i >= 1 && i <= 3 && *outcomes[i] == StoreOutcome::Stored)
        ++sameStored;
      if (i >= 4 && *outcomes[i] == StoreOutcome::Stored)
        ++eventStored;
    }
    QCOMPARE(sameStored, 1);
    QCOMPARE(eventStored, 1);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox")), 3);
  }

  void refusedDelivery_doesNotCostTheOthers()
  {
    auto writer = makeWriter(1);
    WebhookDelivery broken = delivery(QStringLiteral("broken"));
    broken.topic = QStringLiteral("orders/create\u0000evil"); // text cannot hold NUL
    QList<WebhookDelivery> batch{delivery(QStringLiteral("blocker-2"))};
    for (int i = 0; i < 5; ++i)
      batch.append(delivery(QStringLiteral("good-%1").arg(i)));
    batch.insert(3, broken);
    const auto outcomes = storeBehindLock(*writer, batch);
    for (size_t i = 0; i < outcomes.size(); ++i) {
      if (i == 3) {
        QVERIFY(!outcomes[i]);
        QCOMPARE(outcomes[i].error().kind, ErrorKind::InvalidInput);
      } else {
        VERIFY_OK(outcomes[i]);
        QCOMPARE(*outcomes[i], StoreOutcome::Stored);
      }
    }
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox")), 6);
  }

  void stalledDatabase_refusesBeyondTheQueueLimit_atOnce()
  {
    hub::InboxWriter writer(hub::InboxWriter::Settings{m_settings, 1, 64, QStringLiteral("writer-test-limit"), 100});
    auto sized = [](const QString &id) {
      WebhookDelivery d = delivery(id);
      d.body = QByteArray(id.toUtf8() + QByteArray(60, 'x')).left(60);
      return d;
    };
    lockInbox();
    const quint64 before = writer.batches();
    std::vector<Result<StoreOutcome>> outcomes(2, makeError(ErrorKind::Internal, QStringLiteral("not run")));
    std::thread first([&]() { outcomes[0] = test::storeAndWait(writer, sized(QStringLiteral("limit-1"))); });
    QTRY_VERIFY(writer.batches() > before); // the first waits on the lock, out of the queue
    std::thread second([&]() { outcomes[1] = test::storeAndWait(writer, sized(QStringLiteral("limit-2"))); });
    QTest::qWait(200); // the second waits in the queue: 60 of 100 bytes
    auto refused = test::storeAndWait(writer, sized(QStringLiteral("limit-3")));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, ErrorKind::Unavailable);
    unlockInbox();
    first.join();
    second.join();
    VERIFY_OK(outcomes[0]);
    VERIFY_OK(outcomes[1]);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox")), 2);
    VERIFY_OK(test::storeAndWait(writer, sized(QStringLiteral("limit-3")))); // room again once the queue drained
  }

  void unreachableDatabase_isUnavailable_notAHang()
  {
    db::ConnectionSettings nowhere = m_settings;
    nowhere.port = 1; // nothing listens there
    hub::InboxWriter writer(hub::InboxWriter::Settings{nowhere, 1, 64, QStringLiteral("writer-nowhere")});
    auto stored = test::storeAndWait(writer, delivery(QStringLiteral("lost")));
    QVERIFY(!stored);
    QCOMPARE(stored.error().kind, ErrorKind::Unavailable);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM webhook_inbox")), 0);
  }
};

QTEST_GUILESS_MAIN(InboxWriterTest)
#include "inbox_writer_test.moc"
