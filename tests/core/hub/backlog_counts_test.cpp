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

#include <functional>

using namespace pb;
using namespace Qt::StringLiterals;

class BacklogCountsTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;

  struct Counted {
    Result<db::KeyedCounts> counts;
    qint64 sequentialScans = 0;
  };
  // Runs count() in one transaction and says how many sequential scans of `table` it made: pg_stat_xact_user_tables
  // holds what this session has not reported yet, so a difference taken inside the transaction is exact.
  Counted countOn(const QString &table, const std::function<Result<db::KeyedCounts>()> &count)
  {
    const QString scans = u"SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = ?"_s;
    if (!m_db.transaction())
      return {makeError(ErrorKind::Internal, u"BEGIN failed"_s), -1};
    const qint64 before = test::scalar(m_db, scans, {table});
    Counted counted{count(), 0};
    counted.sequentialScans = test::scalar(m_db, scans, {table}) - before;
    m_db.rollback();
    return counted;
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
    const Counted counted =
        countOn(u"webhook_inbox"_s, [this] { return shopify::webhookinbox::unsettledCounts(m_db); });
    VERIFY_OK(counted.counts);
    QCOMPARE(*counted.counts, (db::KeyedCounts{{u"dead"_s, 2}, {u"pending"_s, 3}}));
    QCOMPARE(counted.sequentialScans, 0);
  }

  void outboxBacklog_isCounted_fromTheUnsettledRowsAlone()
  {
    const Counted counted = countOn(u"outbox"_s, [this] { return outbox::unsettledCounts(m_db); });
    VERIFY_OK(counted.counts);
    QCOMPARE(*counted.counts, (db::KeyedCounts{{u"failed"_s, 1}, {u"pending"_s, 2}}));
    QCOMPARE(counted.sequentialScans, 0);
  }
};

QTEST_GUILESS_MAIN(BacklogCountsTest)
#include "backlog_counts_test.moc"
