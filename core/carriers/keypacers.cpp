// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/keypacers.h"

#include <QCryptographicHash>
#include <QMutexLocker>

namespace pb::carriers {

KeyPacers::KeyPacers(const Clock &clock)
    : m_clock(clock)
{}

std::shared_ptr<RequestPacer> KeyPacers::forKey(const ShipEngineSettings &settings)
{
  if (settings.apiKey.isEmpty())
    return nullptr;
  const QByteArray id = QCryptographicHash::hash(settings.apiKey, QCryptographicHash::Sha256);
  QMutexLocker lock(&m_mutex);
  std::shared_ptr<RequestPacer> &pacer = m_pacers[id];
  if (!pacer)
    pacer = std::make_shared<RequestPacer>(settings.requestsPerMinute, 60000, m_clock);
  return pacer;
}

int KeyPacers::size()
{
  QMutexLocker lock(&m_mutex);
  return int(m_pacers.size());
}

} // namespace pb::carriers
