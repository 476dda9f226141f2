// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Scan-to-screen latency on a 200-line order, side by side with a baseline in the same run:
//   packScan  = scanner burst into the focused widget → filter → decode → PackSession (SQLite write,
//               synchronous=FULL) → model → banner/progress → the window repainted;
//   baseline  = a bare QAbstractTableModel of 200 rows: dataChanged on one row → the window repainted.
// Also: station window start-to-ready and resident memory. Last line: one JSON object.
#include "core/db/sql.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "ui/packview.h"
#include "ui/stationwindow.h"

#include <QAbstractTableModel>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace pb;

namespace {

constexpr int kLines = 200;

double percentile(QList<double> values, double p)
{
  std::sort(values.begin(), values.end());
  const auto at = static_cast<qsizetype>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values.at(std::min(at, values.size() - 1));
}

qint64 rssKb()
{
  QFile status(QStringLiteral("/proc/self/status"));
  if (!status.open(QIODevice::ReadOnly))
    return -1;
  for (const QByteArray &line : status.readAll().split('\n')) {
    if (line.startsWith("VmRSS:"))
      return line.mid(6).trimmed().split(' ').first().toLongLong();
  }
  return -1;
}

class BareModel final : public QAbstractTableModel {
public:
  int rowCount(const QModelIndex &) const override { return kLines; }
  int columnCount(const QModelIndex &) const override { return 6; }
  QVariant data(const QModelIndex &index, int role) const override
  {
    return role == Qt::DisplayRole ? QVariant(index.row() * 10 + index.column() + m_tick) : QVariant();
  }
  void touch(int row)
  {
    ++m_tick;
    Q_EMIT dataChanged(index(row, 0), index(row, 5));
  }

private:
  int m_tick = 0;
};

// 200 catalogue items of our own with SKU barcodes, and one order holding all of them twice.
Result<qint64> createBigOrder(const QSqlDatabase &db)
{
  QList<test::TestLine> lines;
  for (int i = 0; i < kLines; ++i) {
    const QString sku = QStringLiteral("BENCH-%1").arg(i, 3, 10, QLatin1Char('0'));
    auto v = db::exec(db,
                      QStringLiteral("INSERT INTO variants (product_id, title, sku) SELECT id, ?, ? FROM products "
                                     "ORDER BY id LIMIT 1 RETURNING id"),
                      {QStringLiteral("Size %1").arg(i), sku});
    if (!v || !v.value().next())
      return makeError(ErrorKind::Internal, QStringLiteral("variant insert failed"));
    auto b = db::exec(db,
                      QStringLiteral("INSERT INTO barcodes (shop_id, variant_id, kind, code, normalized) "
                                     "SELECT id, ?, 'sku', ?, ? FROM shops ORDER BY id LIMIT 1"),
                      {v.value().value(0), sku, sku});
    if (!b)
      return b.error();
    lines.append({sku, 2});
  }
  return test::createClaimedOrder(db, QStringLiteral("#BENCH"), lines);
}

} // namespace

int main(int argc, char *argv[])
{
  QElapsedTimer processClock;
  processClock.start();
  QApplication app(argc, argv);
  QTemporaryDir dir;
  test::ManualClock clock(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
  auto db = test::openDemoSqlite(dir.filePath(QStringLiteral("bench.sqlite")), QStringLiteral("bench"), clock);
  if (!db) {
    qCritical("%s", qPrintable(db.error().message));
    return 1;
  }
  auto fo = createBigOrder(*db);
  if (!fo) {
    qCritical("%s", qPrintable(fo.error().message));
    return 1;
  }
  const qint64 rssBefore = rssKb();

  // Start to ready: window built, queue read, first frame painted.
  QElapsedTimer ready;
  ready.start();
  ui::StationOptions options;
  options.sounds = false;
  ui::StationWindow window(*db, clock, {QStringLiteral("bench"), {}, QStringLiteral("bench")}, options);
  window.resize(1280, 800);
  window.show();
  window.activateWindow();
  if (!QTest::qWaitForWindowExposed(&window))
    return 1;
  window.repaint();
  const double readyMs = static_cast<double>(ready.nsecsElapsed()) / 1e6;

  test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001")); // the sign-in asks for the PIN
  if (!window.openOrder({*fo, std::nullopt})) {
    qCritical("the bench order could not be opened (not signed in?)");
    return 1;
  }
  window.repaint();

  QList<double> packMs;
  QList<double> persistedMs; // burst decoded and the scan committed to SQLite: the rest is model + paint
  QElapsedTimer t;
  QObject::connect(window.packView()->session(), &packing::PackSession::feedbackGiven, &window,
                   [&]() { persistedMs << static_cast<double>(t.nsecsElapsed()) / 1e6; });
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < kLines; ++i) {
      const QString code = QStringLiteral("BENCH-%1").arg(i, 3, 10, QLatin1Char('0'));
      QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
      t.start();
      QTest::keyClicks(target, code);
      QTest::keyClick(target, Qt::Key_Return);
      window.repaint(); // synchronous: the scan is on screen when this returns
      packMs << static_cast<double>(t.nsecsElapsed()) / 1e6;
    }
  }
  const int verified = window.packView()->session()->verifiedTotal();
  const qint64 rssAfter = rssKb();

  // Baseline: the least any table view can do for one changed row, in an identical window.
  QTableView bareView;
  BareModel bare;
  bareView.setModel(&bare);
  bareView.resize(1280, 800);
  bareView.show();
  if (!QTest::qWaitForWindowExposed(&bareView))
    return 1;
  QList<double> baseMs;
  for (int i = 0; i < 2 * kLines; ++i) {
    t.start();
    bare.touch(i % kLines);
    bareView.repaint();
    baseMs << static_cast<double>(t.nsecsElapsed()) / 1e6;
  }

  const double p50 = percentile(packMs, 0.5), p99 = percentile(packMs, 0.99);
  const double b50 = percentile(baseMs, 0.5), b99 = percentile(baseMs, 0.99);
  QTextStream out(stdout);
  out << "scans: " << packMs.size() << " on a " << kLines << "-line order, verified " << verified << "\n"
      << "packScan  p50 " << p50 << " ms  p99 " << p99 << " ms  max " << percentile(packMs, 1.0) << " ms\n"
      << "  of which burst+decode+SQLite commit  p50 " << percentile(persistedMs, 0.5) << " ms  p99 "
      << percentile(persistedMs, 0.99) << " ms\n"
      << "baseline  p50 " << b50 << " ms  p99 " << b99 << " ms\n"
      << "ratio     p50 " << p50 / b50 << "  p99 " << p99 / b99 << "\n"
      << "start-to-ready " << readyMs << " ms; RSS " << rssBefore << " kB before window, " << rssAfter
      << " kB after packing\n";
  QJsonObject json{{QStringLiteral("bench"), QStringLiteral("packscan")},
                   {QStringLiteral("scans"), packMs.size()},
                   {QStringLiteral("lines"), kLines},
                   {QStringLiteral("pack_p50_ms"), p50},
                   {QStringLiteral("pack_p99_ms"), p99},
                   {QStringLiteral("persisted_p50_ms"), percentile(persistedMs, 0.5)},
                   {QStringLiteral("persisted_p99_ms"), percentile(persistedMs, 0.99)},
                   {QStringLiteral("baseline_p50_ms"), b50},
                   {QStringLiteral("baseline_p99_ms"), b99},
                   {QStringLiteral("ratio_p50"), p50 / b50},
                   {QStringLiteral("ratio_p99"), p99 / b99},
                   {QStringLiteral("start_to_ready_ms"), readyMs},
                   {QStringLiteral("rss_kb_after"), rssAfter},
                   {QStringLiteral("process_ms"), static_cast<double>(processClock.nsecsElapsed()) / 1e6},
                   {QStringLiteral("platform"), QGuiApplication::platformName()}};
  out << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
  return verified == 2 * kLines ? 0 : 1;
}
