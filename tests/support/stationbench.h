// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/demopackbench.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"

#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "core/queue/stationregistration.h"
#include "ui/packview.h"
#include "ui/stationwindow.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <memory>

namespace pb::test {

// What the StationWindow tests start from, wired as app/station does it: the demo SQLite database, a clock on
// the demo day (DemoPackBench), a registered bench and the leased workflow over a queue with two-minute leases.
// Inherit it privately next to QObject; the m_ names stay those the tests always used.
class DemoStationBench : protected DemoPackBench {
protected:
  using DemoPackBench::DemoPackBench;

  QString m_bench;
  qint64 m_stationId = 0;
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_workflow;

  // For initTestCase: the demo shop in <name>.sqlite and the bench registered under its name.
  Status openBench(const QString &name, const QString &bench)
  {
    auto db = openDemoSqlite(m_dir.filePath(name + QStringLiteral(".sqlite")), name, m_clock);
    if (!db)
      return db.error();
    m_db = *db;
    auto station = queue::registerStation(m_db, bench, std::nullopt);
    if (!station)
      return station.error();
    m_bench = bench;
    m_stationId = *station;
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock, std::chrono::seconds(120));
    m_workflow = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, m_stationId);
    return {};
  }

  // The bench's window over the workflow, without sounds, shown and asked to be active (Xvfb has no window
  // manager to do it); the caller checks isActiveWindow().
  std::unique_ptr<ui::StationWindow> showWindow(ui::StationOptions options = {})
  {
    options.workflow = m_workflow.get();
    options.stationId = m_stationId;
    options.sounds = false;
    auto window = std::make_unique<ui::StationWindow>(
        m_db, m_clock, ui::StationIdentity{m_bench, QStringLiteral("RNO"), QStringLiteral("demo")}, options);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
      qWarning("window did not become active");
    return window;
  }

  // A new order of `lines` called `name`, queued, taken for the window's signed-in packer as F8 would (a leased
  // claim) and open on the window; its fulfillment order, or 0.
  qint64 openOrderNamed(ui::StationWindow &window, const QString &name, const QList<TestLine> &lines)
  {
    auto fo = createClaimedOrder(m_db, name, lines);
    if (!fo ||
        !db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued' WHERE id = ?"), {*fo}))
      return 0;
    if (!window.packer())
      return 0;
    auto taken = m_workflow->take(*fo, *window.packer());
    if (!taken || !window.openOrder(*taken))
      return 0;
    return *fo;
  }

  // Scans the demo packer's badge and types the PIN; false when the window never shows them signed in.
  static bool signIn(ui::StationWindow &window)
  {
    scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    return QTest::qWaitFor([&]() { return window.packer().has_value(); });
  }

  // F8, then a scan for every item still to verify (a resumed order may be partly scanned already); the
  // order's session, or null when F8 opened none.
  packing::PackSession *scanNextOrder(ui::StationWindow &window)
  {
    press(Qt::Key_F8);
    packing::PackSession *session = window.packView()->session();
    if (!session)
      return nullptr;
    const QList<packing::PackLine> lines = session->lines();
    for (const packing::PackLine &line : lines)
      for (int i = line.verified; i < line.expected; ++i)
        scan(barcodeFor(m_db, line.sku));
    return session;
  }
};

} // namespace pb::test
