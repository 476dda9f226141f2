// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Retention of stored webhook bodies (webhookinbox::expireBodies) on a real PostgreSQL: a settled delivery's body, a
// copy of the customer's data, is blanked once past the retention, and nothing else is touched. The hub's own pass is
// walked through the real binary in hub_inbox_retention_test.
#include "core/db/sql.h"
#include "core/shopify/webhookinbox.h"
#include "tests/support/inboxstore.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;
namespace inbox = pb::shopify::webhookinbox;

namespace {
const QString kShop = u"expiry.myshopify.com"_s;

shopify::WebhookDelivery delivery(const QString &webhookId, const QByteArray &body)
{
  return {kShop, u"orders/create"_s, webhookId, {}, u"2026-01"_s, QDateTime::currentDateTimeUtc(), body};
}
} // namespace

class InboxExpiryTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;

  // Stores a delivery as the hub does, then settles and dates it as a running hub would have.
  qint64 stored(const QString &webhookId, const QByteArray &body, const QString &status, int daysAgo,
                const QString &error = {})
  {
    auto outcome = test::storeWebhook(m_db, delivery(webhookId, body));
    if (!outcome || *outcome != shopify::StoreOutcome::Stored)
      return -1;
    const qint64 id = test::scalar(m_db, u"SELECT id FROM webhook_inbox WHERE webhook_id = ?"_s, {webhookId});
    auto dated = db::exec(m_db,
                          u"UPDATE webhook_inbox SET status = ?, error = nullif(?, ''), received_at = now() - "
                          "make_interval(days => ?), processed_at = CASE WHEN ? = 'pending' THEN NULL ELSE now() - "
                          "make_interval(days => ?) END WHERE id = ?"_s,
                          {status, error, daysAgo, status, daysAgo, id});
    return dated ? id : -1;
  }

  QString bodyOf(qint64 id)
  {
    return test::text(m_db, u"SELECT convert_from(body, 'UTF8') FROM webhook_inbox WHERE id = ?"_s, {id});
  }
  QString errorOf(qint64 id)
  {
    return test::text(m_db, u"SELECT coalesce(error, '') FROM webhook_inbox WHERE id = ?"_s, {id});
  }
  QDateTime thirtyDaysAgo() const { return QDateTime::currentDateTimeUtc().addDays(-30); }

private Q_SLOTS:
  void init()
  {
    auto scratch = test::createMigratedDatabase(u"expiry"_s);
    VERIFY_OK(scratch);
    m_db = scratch->db;
  }

  void settledBodiesPastTheRetention_areBlanked_andNothingElse()
  {
    const QByteArray customer =
        R"({"id": 501, "email": "ada.marker@example.com", "shipping_address": {"zip": "89501"}})";
    const qint64 processed = stored(u"w-processed"_s, customer, u"processed"_s, 40);
    const qint64 dead = stored(u"w-dead"_s, R"({"id": "not a number", "email": "ada.marker@example.com"})", u"dead"_s,
                               40, u"unusable order from ada.marker@example.com"_s);
    const qint64 pending =
        stored(u"w-pending"_s, R"({"id": 503, "email": "ada.marker@example.com"})", u"pending"_s, 40);
    const qint64 recent = stored(u"w-recent"_s, R"({"id": 504, "email": "ada.marker@example.com"})", u"processed"_s, 5);
    const qint64 redacted = stored(u"w-redacted"_s, inbox::kRedactedBody, u"processed"_s, 40);
    for (qint64 id : {processed, dead, pending, recent, redacted})
      QVERIFY(id > 0);
    const QString hashBefore =
        test::text(m_db, u"SELECT encode(body_sha256, 'hex') FROM webhook_inbox WHERE id = ?"_s, {processed});

    auto expired = inbox::expireBodies(m_db, thirtyDaysAgo(), 0, 1000);
    VERIFY_OK(expired);
    QCOMPARE(expired->rows, 2);
    QCOMPARE(expired->lastId, dead);

    QCOMPARE(bodyOf(processed), QString::fromLatin1(inbox::kExpiredBody));
    QCOMPARE(bodyOf(dead), QString::fromLatin1(inbox::kExpiredBody));
    QCOMPARE(errorOf(dead), u"dead letter; its body expired"_s);           // the reason quoted the customer
    QVERIFY(bodyOf(pending).contains(u"ada.marker"_s));                    // still to be mapped
    QVERIFY(bodyOf(recent).contains(u"ada.marker"_s));                     // inside the retention
    QCOMPARE(bodyOf(redacted), QString::fromLatin1(inbox::kRedactedBody)); // the redaction stays on record
    QCOMPARE(test::scalar(m_db, u"SELECT count(*) FROM webhook_inbox WHERE status = 'pending'"_s), 1);
    QCOMPARE(test::text(m_db, u"SELECT encode(body_sha256, 'hex') FROM webhook_inbox WHERE id = ?"_s, {processed}),
             hashBefore);

    // The signed hash stayed: the same body sent again under a fresh webhook id is still a duplicate, not new work.
    auto replay = test::storeWebhook(m_db, delivery(u"w-replayed"_s, customer));
    VERIFY_OK(replay);
    QCOMPARE(*replay, shopify::StoreOutcome::Duplicate);

    auto again = inbox::expireBodies(m_db, thirtyDaysAgo(), 0, 1000);
    VERIFY_OK(again);
    QCOMPARE(again->rows, 0); // already blank: nothing to do
  }

  void aLargeBacklog_isWalkedInBatches_fromWhereTheLastStopped()
  {
    VERIFY_OK(db::exec(m_db,
                       u"INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, body, status, received_at, "
                       "processed_at) SELECT ?, 'orders/updated', 'b-' || i, convert_to('{\"id\": ' || i || '}', "
                       "'UTF8'), 'processed', now() - interval '90 days', now() - interval '90 days' "
                       "FROM generate_series(1, 2500) i"_s,
                       {kShop}));
    QList<int> batches;
    qint64 after = 0;
    for (int pass = 0; pass < 5; ++pass) {
      auto batch = inbox::expireBodies(m_db, thirtyDaysAgo(), after, 1000);
      VERIFY_OK(batch);
      batches.append(batch->rows);
      QVERIFY(batch->lastId >= after);
      after = batch->lastId;
      if (batch->rows < 1000)
        break;
    }
    QCOMPARE(batches, (QList<int>{1000, 1000, 500}));
    QCOMPARE(after, test::scalar(m_db, u"SELECT max(id) FROM webhook_inbox"_s));
    QCOMPARE(test::scalar(m_db, u"SELECT count(*) FROM webhook_inbox WHERE body <> convert_to(?, 'UTF8')"_s,
                          {QString::fromLatin1(inbox::kExpiredBody)}),
             0);
    // A pass starting after the last blanked row finds nothing and keeps its place.
    auto done = inbox::expireBodies(m_db, thirtyDaysAgo(), after, 1000);
    VERIFY_OK(done);
    QCOMPARE(done->rows, 0);
    QCOMPARE(done->lastId, after);
  }
};

QTEST_GUILESS_MAIN(InboxExpiryTest)
#include "inbox_expiry_test.moc"
