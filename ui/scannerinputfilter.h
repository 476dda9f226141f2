// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/scanning/wedgedetector.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QInputMethodEvent;
class QKeyEvent;
class QTimer;

namespace pb::ui {

// Application-wide key filter: catches keyboard-wedge scanner bursts whatever widget has focus
// and emits them as scans, and gives ordinary typing back to the widget it was meant for.
// Key events carry no useful timestamps, so gaps are measured with the injected monotonic clock.
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
  void gapElapsed();
  void replayHeld();

  const Clock &m_clock;
  scanning::WedgeDetector m_detector;
  std::vector<HeldKey> m_held;
  QTimer *m_gapTimer = nullptr;
  const QEvent *m_passedOn = nullptr; // seen again while propagating to parents: leave it alone
  QPointer<QObject> m_passedOnTo;     // where it was last seen (the next stop is its parent)
  qint64 m_lastKeyAtMs = 0;
  bool m_replaying = false;
  bool m_enabled = true;
  bool m_installed = false;
};

} // namespace pb::ui
