// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/scanning/wedgedetector.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <vector>

class QInputMethodEvent;
class QKeyEvent;
class QTimer;

namespace pb::ui {

// Application-wide key filter: catches keyboard-wedge scanner bursts whatever widget has focus
// and emits them as scans, and gives ordinary typing back to the widget it was meant for.
// Gaps between keys are measured by the X server's key times where xcb gives them (a window held up in the middle of
// a burst must not split a scan), and by the injected monotonic clock for events without one (synthetic ones).
// Keys are judged as an X11 keyboard sends them (scanning::classifyWedgeKey): Shift, AltGr and dead
// keys inside a burst neither end nor break it, and a dead key's composed character (delivered
// as an input-method commit) counts like a typed one.
class ScannerInputFilter final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(ScannerInputFilter)

public:
  ScannerInputFilter(const Clock &clock, scanning::WedgeSettings settings, QObject *parent = nullptr);
  ~ScannerInputFilter() override;

  // Installs on the application; removed again by the destructor.
  void install();
  void setEnabled(bool enabled) { m_enabled = enabled; }

Q_SIGNALS:
  void scanned(const QString &raw);
  // Any key or click: for the idle lock.
  void activity();

protected:
  bool eventFilter(QObject *watched, QEvent *event) override;

private:
  struct HeldKey {
    QPointer<QObject> receiver;
    int key = 0;
    Qt::KeyboardModifiers modifiers;
    QString text;
    bool composed = false; // an input-method commit (dead key + letter), replayed as one
  };

  bool keyPressed(QObject *watched, QKeyEvent *key);
  bool inputMethodCommitted(QObject *watched, QInputMethodEvent *input);
  bool apply(scanning::WedgeDetector::Action action, QObject *watched, QEvent *event, HeldKey held);
  void passOn(QObject *watched, const QEvent *event);
  bool isPropagating(QObject *watched, const QEvent *event);
  qint64 burstTime(quint64 eventTimestamp);
  void armGapTimer();
  void gapElapsed();
  void replayHeld();

  const Clock &m_clock;
  scanning::WedgeDetector m_detector;
  std::vector<HeldKey> m_held;
  QTimer *m_gapTimer = nullptr;
  const QEvent *m_passedOn = nullptr; // seen again while propagating to parents: leave it alone
  QPointer<QObject> m_passedOnTo;     // where it was last seen (the next stop is its parent)
  qint64 m_lastKeyAtMs = 0;           // on the burst's clock (see burstTime)
  qint64 m_lastKeyClockMs = 0;        // the injected clock's time of that key
  quint64 m_lastKeyStamp = 0;         // the X server's time of that key (0: the event had none)
  QElapsedTimer m_gapArmed;           // real time since the gap timer was armed: did it fire late?
  int m_lateGapChecks = 0;            // gap checks put off in a row because the timer fired late
  bool m_replaying = false;
  bool m_enabled = true;
  bool m_installed = false;
};

} // namespace pb::ui
