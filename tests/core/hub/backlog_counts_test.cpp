// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The backlog the hub's probe counts every 2 s for /healthz and /metrics, on a real PostgreSQL: right per status, and
// read from the unsettled rows alone. Before migration 0024 each count read the whole inbox and outbox, so its cost
// grew with every webhook ever stored (the soak's climbing p99) until it would pass the probe's statement timeout.
#include "core/db/sql.h"
#include "core/outbox/backlog.h"
#include "core/shopify/webhookinbox.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

class BacklogCountsTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;

  // Sequential scans of `table` this session has not reported yet (pg_stat_xact_user_tables: before the stats flush,
  // so a difference taken inside one transaction is exact).
  qint64 scansOf(const QString &table)
  {
    return test::scalar(m_db, u"SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = ?"_s, {table});
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(u"backlog"_s);
    VERIFY_OK(scratch);
    m_db = scratch->db;
    // A long-running hub: thousands of settled rows, a handful waiting or dead.
    VERIFY_OK(db::exec(m_db, u"INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, body, status, processed_at) "
                             "SELECT 'backlog.myshopify.com', 'orders/create', 'w-' || i, "
                             "convert_to(repeat('x', 1200) || i, 'UTF8'), "
                             "CASE WHEN i <= 3 THEN 'pending' WHEN i <= 5 THEN 'dead' ELSE 'processed' END, now() "
                             "FROM generate_series(1, 5000) i"_s));
    VERIFY_OK(db::exec(m_db, u"INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload, status) "
                             "SELECT 'fulfillment.create', i::text, 'k-' || i, '{}'::jsonb, "
                             "CASE WHEN i <= 2 THEN 'pending' WHEN i <= 3 THEN 'failed' ELSE 'done' END "
                             "FROM generate_series(1, 5000) i"_s));
    VERIFY_OK(db::execStatic(m_db, u"ANALYZE webhook_inbox"_s)); // utility statements cannot be prepared
    VERIFY_OK(db::execStatic(m_db, u"ANALYZE outbox"_s));
  }

  void inboxBacklog_isCounted_fromTheUnsettledRowsAlone()
  {
    QVERIFY(m_db.transaction());
    const qint64 before = scansOf(u"webhook_inbox"_s);
    auto counts = shopify::webhookinbox::unsettledCounts(m_db);
    const qint64 scans = scansOf(u"webhook_inbox"_s) - before;
    m_db.rollback();
    VERIFY_OK(counts);
    const db::KeyedCounts expected{{u"dead"_s, 2}, {u"pending"_s, 3}};
    QCOMPARE(*counts, expected);
    QCOMPARE(scans, 0);
  }

  void outboxBacklog_isCounted_fromTheUnsettledRowsAlone()
  {
    QVERIFY(m_db.transaction());
    const qint64 before = scansOf(u"outbox"_s);
    auto counts = outbox::unsettledCounts(m_db);
    const qint64 scans = scansOf(u"outbox"_s) - before;
    m_db.rollback();
    VERIFY_OK(counts);
    const db::KeyedCounts expected{{u"failed"_s, 1}, {u"pending"_s, 2}};
    QCOMPARE(*counts, expected);
    QCOMPARE(scans, 0);
  }
};

QTEST_GUILESS_MAIN(BacklogCountsTest)
#include "backlog_counts_test.moc"
