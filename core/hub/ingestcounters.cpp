// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/ingestcounters.h"

namespace pb::hub {

IngestCounters::IngestCounters(int threads)
    : m_threads(threads)
    , m_requests(std::make_unique<std::atomic<quint64>[]>(static_cast<size_t>(threads)))
{}

QString IngestCounters::prometheusText(const QString &version) const
{
  QString text = QStringLiteral("# TYPE packbench_build_info gauge\n"
                                "packbench_build_info{version=\"%1\"} 1\n"
                                "# TYPE packbench_health_checks_total counter\n"
                                "packbench_health_checks_total %2\n"
                                "# TYPE packbench_webhooks_total counter\n"
                                "packbench_webhooks_total{result=\"stored\"} %3\n"
                                "packbench_webhooks_total{result=\"duplicate\"} %4\n"
                                "packbench_webhooks_total{result=\"rejected\"} %5\n"
                                "packbench_webhooks_total{result=\"unavailable\"} %6\n"
                                "# TYPE packbench_webhooks_refused_total counter\n"
                                "packbench_webhooks_refused_total{reason=\"unknown_shop\"} %8\n"
                                "packbench_webhooks_refused_total{reason=\"stale\"} %9\n"
                                "packbench_webhooks_refused_total{reason=\"body_mismatch\"} %10\n"
                                "# TYPE packbench_ingest_threads gauge\n"
                                "packbench_ingest_threads %7\n"
                                "# TYPE packbench_ingest_requests_total counter\n")
                     .arg(version)
                     .arg(healthChecks.load())
                     .arg(stored.load())
                     .arg(duplicate.load())
                     .arg(rejected.load())
                     .arg(unavailable.load())
                     .arg(m_threads)
                     .arg(unknownShop.load())
                     .arg(stale.load())
                     .arg(mismatched.load());
  for (int i = 0; i < m_threads; ++i)
    text += QStringLiteral("packbench_ingest_requests_total{thread=\"%1\"} %2\n").arg(i).arg(m_requests[i].load());
  return text;
}

} // namespace pb::hub
