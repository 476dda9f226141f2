// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <atomic>
#include <memory>

namespace pb::hub {

// Counters every ingest thread bumps and any thread's /metrics reads: lock-free, shared by the hub.
class IngestCounters final {
public:
  explicit IngestCounters(int threads);
  Q_DISABLE_COPY_MOVE(IngestCounters)

  std::atomic<quint64> healthChecks{0};
  std::atomic<quint64> stored{0};
  std::atomic<quint64> duplicate{0};
  std::atomic<quint64> rejected{0};
  std::atomic<quint64> unavailable{0};
  // Of the rejected: a shop this hub does not serve, a stale X-Shopify-Triggered-At, headers the body denies.
  std::atomic<quint64> unknownShop{0};
  std::atomic<quint64> stale{0};
  std::atomic<quint64> mismatched{0};

  int threads() const { return m_threads; }
  // Requests answered by one ingest thread: shows how evenly the kernel spreads connections.
  std::atomic<quint64> &requests(int thread) { return m_requests[thread]; }

  // Prometheus text for the counters above (without the database gauges).
  QString prometheusText(const QString &version) const;

private:
  int m_threads;
  std::unique_ptr<std::atomic<quint64>[]> m_requests;
};

} // namespace pb::hub
