// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/runningprogram.h"

#include "core/carriers/shipenginetransport.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace pb::bench {

// The carrier fake as its own process (packbench-fake-carrier), as the carrier is another machine: its answers
// never wait for the benchmark's event loop, and the benchmark's work never waits for the fake's.
class FakeCarrierProcess final {
public:
  // Fails the benchmark when it does not start. rateLimit: "N/WINDOW_MS". contractCheck off: the fake answers without
  // checking requests and answers against the OpenAPI definition (its own check is synchronous and slow).
  FakeCarrierProcess(int latencyMs, const QString &rateLimit, bool contractCheck = true);
  Q_DISABLE_COPY_MOVE(FakeCarrierProcess)

  QUrl baseUrl() const { return m_baseUrl; }
  // The hub's adapter settings for this fake; requestsPerMinute is the pacer's limit.
  carriers::ShipEngineSettings clientSettings(int requestsPerMinute) const;
  // GET /fake/stats (FakeCarrier::statsJson), waited for on a local event loop.
  QJsonObject stats() const;

private:
  QTemporaryDir m_dir;
  std::unique_ptr<test::RunningProgram> m_program;
  QUrl m_baseUrl;
};

} // namespace pb::bench
