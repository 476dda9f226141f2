// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/scannerinputfilter.h"

#include "core/scanning/scannerlayout.h"
#include "core/scanning/wedgekeys.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QTimer>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcFilter, "packbench.ui.scannerinputfilter")

constexpr quint32 kXcbLockMask = 0x2; // XCB_MOD_MASK_LOCK in an X key event's state: Caps Lock is on
constexpr int kMaxLateGapChecks = 10; // a window that keeps stalling still gets its typing, a little later

// The character a wedge scanner meant. It sends Shift for a capital; with Caps Lock on, X turns that into a small
// letter and the small letters into capitals. Only xcb reports the lock (in the native modifiers).
QString scannerCharacter(const QKeyEvent &key, const QString &text, bool undoCapsLock)
{
  static const bool xcb = QGuiApplication::platformName() == u"xcb";
  if (!undoCapsLock || !xcb || !(key.nativeModifiers() & kXcbLockMask) || text.size() != 1)
    return text;
  const QChar c = text.front();
  return QString(c.isUpper() ? c.toLower() : c.isLower() ? c.toUpper() : c);
}

// The key's text as the scanner meant it: with scanning.scanner_layout=us, the US character at the key's position
// (xcb reports the X keycode as the native scan code), whatever the desktop's layout makes of it.
QString scannerKeyText(const QKeyEvent &key, scanning::ScannerLayout layout)
{
  static const bool xcb = QGuiApplication::platformName() == u"xcb";
  if (layout != scanning::ScannerLayout::Us || !xcb || (key.modifiers() & (Qt::AltModifier | Qt::MetaModifier)))
    return key.text();
  const QString us = scanning::usKeyboardText(key.nativeScanCode(), key.modifiers().testFlag(Qt::ShiftModifier),
                                              key.modifiers().testFlag(Qt::ControlModifier));
  return us.isEmpty() ? key.text() : us;
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
  if (m_replaying || !m_enabled || isPropagating(watched, event))
    return false;
  if (event->type() == QEvent::KeyPress)
    return keyPressed(watched, static_cast<QKeyEvent *>(event));
  if (event->type() == QEvent::InputMethod)
    return inputMethodCommitted(watched, static_cast<QInputMethodEvent *>(event));
  return false;
}

bool ScannerInputFilter::keyPressed(QObject *watched, QKeyEvent *key)
{
  Q_EMIT activity();
  using scanning::WedgeKeyRole;
  using Action = scanning::WedgeDetector::Action;
  const scanning::WedgeSettings &settings = m_detector.settings();
  const bool byPosition = settings.layout == scanning::ScannerLayout::Us;
  const scanning::WedgeKey judged =
      scanning::classifyWedgeKey(key->key(), key->modifiers(), scannerKeyText(*key, settings.layout));
  const qint64 now = burstTime(key->timestamp());
  Action action = Action::PassThrough;
  switch (judged.role) {
  case WedgeKeyRole::Character: // typing is replayed as it came, Caps Lock and all
    // Read by position, Shift alone says the case: Caps Lock has nothing to undo.
    action =
        m_detector.text(byPosition ? judged.text : scannerCharacter(*key, judged.text, settings.undoCapsLock), now);
    break;
  case WedgeKeyRole::Terminator: action = m_detector.terminator(now); break;
  case WedgeKeyRole::Silent: // Shift before a capital, AltGr, a dead key: neither ends nor breaks a burst
    passOn(watched, key);
    return false;
  case WedgeKeyRole::Other:
    if (m_detector.holding())
      action = Action::Replay; // a shortcut or arrow key in the middle: this was typing
    break;
  }
  return apply(action, watched, key, {watched, key->key(), key->modifiers(), key->text(), false});
}

bool ScannerInputFilter::inputMethodCommitted(QObject *watched, QInputMethodEvent *input)
{
  // Only a plain commit (what the compose input context sends for a dead key) is a character.
  if (input->commitString().isEmpty() || !input->preeditString().isEmpty() || input->replacementLength() != 0)
    return false;
  Q_EMIT activity();
  using Action = scanning::WedgeDetector::Action;
  const scanning::WedgeKey judged = scanning::classifyWedgeKey(0, Qt::NoModifier, input->commitString());
  const qint64 now = burstTime(0); // an input-method commit carries no time
  Action action = Action::PassThrough;
  if (judged.role == scanning::WedgeKeyRole::Character)
    action = m_detector.text(judged.text, now);
  else if (m_detector.holding())
    action = Action::Replay;
  return apply(action, watched, input, {watched, 0, Qt::NoModifier, input->commitString(), true});
}

bool ScannerInputFilter::apply(scanning::WedgeDetector::Action action, QObject *watched, QEvent *event, HeldKey held)
{
  using Action = scanning::WedgeDetector::Action;
  switch (action) {
  case Action::Hold:
    m_held.push_back(std::move(held));
    armGapTimer();
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
    passOn(watched, event);
    return false;
  case Action::PassThrough: passOn(watched, event); return false;
  }
  return false;
}

void ScannerInputFilter::passOn(QObject *watched, const QEvent *event)
{
  m_passedOn = event;
  m_passedOnTo = watched;
}

bool ScannerInputFilter::isPropagating(QObject *watched, const QEvent *event)
{
  // Qt offers an unaccepted key to each parent in turn: that is the same event seen again. A new
  // event may reuse the address (Qt builds them on the stack), but it starts at a new receiver.
  // One read of the QPointer: read twice, GCC 12 -O2 sees a null dereference (-Wnull-dereference).
  const QObject *passedOnTo = m_passedOnTo.data();
  if (event != m_passedOn || passedOnTo == nullptr || watched != passedOnTo->parent())
    return false;
  m_passedOnTo = watched;
  return true;
}

qint64 ScannerInputFilter::burstTime(quint64 eventTimestamp)
{
  // Only xcb's key times are known to be when the key was pressed (the X server's time; 0 on synthetic events).
  static const bool xcb = QGuiApplication::platformName() == u"xcb";
  const quint64 stamp = xcb ? eventTimestamp : 0;
  const qint64 clockNow = m_clock.monotonicMs();
  // X time is 32-bit milliseconds and wraps every 49.7 days: the difference is taken in 32 bits.
  const auto stampGap = static_cast<quint32>(stamp - m_lastKeyStamp);
  const bool stamped = stamp != 0 && m_lastKeyStamp != 0 && stampGap < (1U << 31);
  m_lastKeyAtMs += stamped ? qint64(stampGap) : clockNow - m_lastKeyClockMs;
  m_lastKeyClockMs = clockNow;
  m_lastKeyStamp = stamp;
  return m_lastKeyAtMs;
}

void ScannerInputFilter::armGapTimer()
{
  m_lateGapChecks = 0;
  m_gapArmed.start();
  m_gapTimer->start();
}

void ScannerInputFilter::gapElapsed()
{
  // A timer that fires well after its time means the window's thread was held up: the rest of the burst may be
  // queued behind it. Look again a gap later, once those keys have been read.
  const int maxGapMs = m_detector.settings().maxGapMs;
  if (m_gapArmed.elapsed() > 2 * qint64(maxGapMs) && m_lateGapChecks < kMaxLateGapChecks) {
    ++m_lateGapChecks;
    m_gapArmed.start();
    m_gapTimer->start();
    return;
  }
  // The timer is the judge of a gap: it fired after maxGapMs even if the injected clock stood still.
  const qint64 at = m_lastKeyAtMs + maxGapMs;
  if (m_detector.timeout(at) == scanning::WedgeDetector::Action::Replay)
    replayHeld();
}

void ScannerInputFilter::replayHeld()
{
  // A run this long and this fast was probably a scan broken by a gap (a stalled machine, a slow scanner setting):
  // the lead needs to know why a scan did nothing. The count only: typed text may be a PIN.
  if (m_held.size() >= std::size_t(m_detector.settings().minLength))
    qCInfo(lcFilter) << m_held.size() << "fast keys were passed on as typing, not as a scan: a gap over"
                     << m_detector.settings().maxGapMs << "ms (scanning.max_gap_ms) or another key broke them";
  m_detector.takeHeld();
  std::vector<HeldKey> held;
  held.swap(m_held);
  m_replaying = true;
  for (const HeldKey &k : held) {
    if (!k.receiver)
      continue;
    if (k.composed) {
      QInputMethodEvent commit;
      commit.setCommitString(k.text);
      QCoreApplication::sendEvent(k.receiver, &commit);
      continue;
    }
    QKeyEvent press(QEvent::KeyPress, k.key, k.modifiers, k.text);
    QCoreApplication::sendEvent(k.receiver, &press);
    QKeyEvent release(QEvent::KeyRelease, k.key, k.modifiers, k.text);
    QCoreApplication::sendEvent(k.receiver, &release);
  }
  m_replaying = false;
}

} // namespace pb::ui
