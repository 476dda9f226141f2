// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/wedgedetector.h"

namespace pb::scanning {

WedgeDetector::WedgeDetector(WedgeSettings settings)
    : m_settings(std::move(settings))
{}

WedgeDetector::Action WedgeDetector::text(QStringView characters, qint64 atMs)
{
  if (m_held.isEmpty()) {
    m_held = characters.toString();
    m_lastAtMs = atMs;
    return Action::Hold;
  }
  if (atMs - m_lastAtMs > m_settings.maxGapMs || m_held.size() >= m_settings.maxLength)
    return Action::Replay; // too slow (or endless) for a scanner: it was a person
  m_held += characters;
  m_lastAtMs = atMs;
  if (!m_settings.suffix.isEmpty() && m_held.endsWith(m_settings.suffix))
    return finishScan(m_held.size() - m_settings.suffix.size());
  return Action::Hold;
}

WedgeDetector::Action WedgeDetector::terminator(qint64 atMs)
{
  if (m_held.isEmpty())
    return Action::PassThrough;
  if (atMs - m_lastAtMs > m_settings.maxGapMs)
    return Action::Replay;
  return finishScan(m_held.size());
}

WedgeDetector::Action WedgeDetector::timeout(qint64 atMs)
{
  if (m_held.isEmpty())
    return Action::PassThrough;
  return atMs - m_lastAtMs >= m_settings.maxGapMs ? Action::Replay : Action::Hold;
}

WedgeDetector::Action WedgeDetector::finishScan(qsizetype dataLength)
{
  if (dataLength < m_settings.minLength)
    return Action::Replay;
  m_scan = m_held.first(dataLength);
  m_held.clear();
  return Action::Scan;
}

QString WedgeDetector::takeScan()
{
  return std::exchange(m_scan, {});
}

QString WedgeDetector::takeHeld()
{
  return std::exchange(m_held, {});
}

} // namespace pb::scanning
