// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/carriers/requestpacer.h"
#include "core/carriers/shipenginetransport.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>

#include <memory>

namespace pb::carriers {

// The process's RequestPacers, one per carrier API key: the carrier limits the key, not the caller, so labels and
// tracking on one key must draw from one pacer. The hub makes one of these and hands forKey() to every thread that
// builds a carrier adapter (ShipEngineCarrier's pacer argument).
class KeyPacers final {
  Q_DISABLE_COPY_MOVE(KeyPacers)

public:
  explicit KeyPacers(const Clock &clock);

  // The pacer of settings.apiKey, made at the first call with settings.requestsPerMinute (a later call on the same
  // key with another limit gets the first pacer: one key has one limit). Null for an empty key. Thread-safe.
  std::shared_ptr<RequestPacer> forKey(const ShipEngineSettings &settings);
  int size();

private:
  const Clock &m_clock;
  QMutex m_mutex;
  QHash<QByteArray, std::shared_ptr<RequestPacer>> m_pacers; // by the key's SHA-256: no second copy of the secret
};

} // namespace pb::carriers
