// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/scannerinputfilter.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcFilter, "packbench.ui.scannerinputfilter")

bool isTerminator(int key)
{
  return key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Tab;
}

bool isScanCharacter(const QKeyEvent *key)
{
  const Qt::KeyboardModifiers other = key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
  if (other != Qt::NoModifier || key->text().size() != 1)
    return false;
  const QChar c = key->text().at(0);
  return c.isPrint() || c == QChar(0x1D); // GS separates GS1 fields
}
} // namespace

ScannerInputFilter::ScannerInputFilter(const Clock &clock, scanning::WedgeSettings settings, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_detector(std::move(settings))
{
  m_gapTimer = new QTimer(this);
  m_gapTimer->setSingleShot(true);
  m_gapTimer->setInterval(m_detector.settings().maxGapMs);
  connect(m_gapTimer, &QTimer::timeout, this, &ScannerInputFilter::gapElapsed);
}

ScannerInputFilter::~ScannerInputFilter()
{
  if (m_installed && QCoreApplication::instance())
    QCoreApplication::instance()->removeEventFilter(this);
}

void ScannerInputFilter::install()
{
  if (!m_installed)
    QCoreApplication::instance()->installEventFilter(this);
  m_installed = true;
}

bool ScannerInputFilter::eventFilter(QObject *watched, QEvent *event)
{
  if (event->type() == QEvent::MouseButtonPress)
    Q_EMIT activity();
  if (event->type() == QEvent::KeyRelease)
    m_passedOn = nullptr; // the press before it has finished travelling; its address may be reused
  if (event->type() != QEvent::KeyPress || m_replaying || !m_enabled || event == m_passedOn)
    return false;
  auto *key = static_cast<QKeyEvent *>(event);
  Q_EMIT activity();
  const qint64 now = m_clock.monotonicMs();
  using Action = scanning::WedgeDetector::Action;
  Action action = Action::PassThrough;
  if (isTerminator(key->key()) && key->modifiers() == Qt::NoModifier)
    action = m_detector.terminator(now);
  else if (isScanCharacter(key))
    action = m_detector.character(key->text().at(0), now);
  else if (m_detector.holding())
    action = Action::Replay; // a shortcut or arrow key in the middle: this was typing
  m_lastKeyAtMs = now;

  switch (action) {
  case Action::Hold:
    m_held.push_back({watched, key->key(), key->modifiers(), key->text()});
    m_gapTimer->start();
    return true;
  case Action::Scan: {
    m_gapTimer->stop();
    m_held.clear();
    const QString raw = m_detector.takeScan();
    qCDebug(lcFilter) << "scanner burst of" << raw.size() << "characters";
    Q_EMIT scanned(raw);
    return true;
  }
  case Action::Replay:
    m_gapTimer->stop();
    replayHeld();
    m_passedOn = event;
    return false;
  case Action::PassThrough: m_passedOn = event; return false;
  }
  return false;
}

void ScannerInputFilter::gapElapsed()
{
  // The timer is the judge of a gap: it fired after maxGapMs even if the injected clock stood still.
  const qint64 at = std::max(m_clock.monotonicMs(), m_lastKeyAtMs + m_detector.settings().maxGapMs);
  if (m_detector.timeout(at) == scanning::WedgeDetector::Action::Replay)
    replayHeld();
}

void ScannerInputFilter::replayHeld()
{
  m_detector.takeHeld();
  std::vector<HeldKey> held;
  held.swap(m_held);
  m_replaying = true;
  for (const HeldKey &k : held) {
    if (!k.receiver)
      continue;
    QKeyEvent press(QEvent::KeyPress, k.key, k.modifiers, k.text);
    QCoreApplication::sendEvent(k.receiver, &press);
    QKeyEvent release(QEvent::KeyRelease, k.key, k.modifiers, k.text);
    QCoreApplication::sendEvent(k.receiver, &release);
  }
  m_replaying = false;
}

} // namespace pb::ui
