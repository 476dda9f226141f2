// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"

#include "core/db/sql.h"
#include "core/scanning/scandecoder.h"

#include <QSqlDatabase>
#include <QTemporaryDir>

namespace pb::test {

// What the packing tests start from, so each test class declares only what is its own: a folder for the
// SQLite file, the demo database, a clock on the demo day, a decoder, and the demo SKUs the orders use.
// Inherit it privately next to QObject; the m_ names stay those the tests always used.
class DemoPackBench {
protected:
  DemoPackBench() = default;
  // A bench whose clock starts at another time than the demo day's 08:00.
  explicit DemoPackBench(const QDateTime &start)
      : m_clock(start)
  {}

  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};
  scanning::ScanDecoder m_decoder;
  int m_orderNo = 0;
  // Demo catalogue: daypack (UPC + SKU) and rain shell (UPC + EAN).
  const QString m_daypack = QStringLiteral("NW-T2D-001");
  const QString m_shell = QStringLiteral("NW-RRS-004");

  // Two daypacks and a shell, named prefix + a running number, back in the queue ('queued') for takeNext or
  // a claim to hand out. Aborts the run: no test can go on without its order.
  qint64 queuedOrder(const QString &prefix)
  {
    auto fo = createClaimedOrder(m_db, prefix + QString::number(++m_orderNo), {{m_daypack, 2}, {m_shell, 1}});
    if (!fo)
      qFatal("createClaimedOrder: %s", qPrintable(fo.error().message));
    if (!db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued' WHERE id = ?"), {*fo}))
      qFatal("could not queue the order");
    return *fo;
  }

  // test::scalar and test::text on this database.
  qint64 scalar(const QString &sql, const QVariantList &values = {}) const { return test::scalar(m_db, sql, values); }
  QString text(const QString &sql, const QVariantList &values = {}) const { return test::text(m_db, sql, values); }
};

} // namespace pb::test
