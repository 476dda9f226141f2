// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>

class QSoundEffect;

namespace pb::ui {

// Short, distinct tones for what happened at the bench; silent (never blocking, never failing)
// when the machine has no audio output or sounds are switched off.
class FeedbackSounds final : public QObject {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(FeedbackSounds)

public:
  enum class Cue { None, Good, WrongItem, OverScan, Unknown, Complete, Notice };

  explicit FeedbackSounds(bool enabled, QObject *parent = nullptr);
  ~FeedbackSounds() override;

  void play(Cue cue);
  bool audible() const { return !m_effects.isEmpty(); }
  // The last cue asked for, audible or not (what tests and the operator log check).
  Cue lastCue() const { return m_lastCue; }

private:
  QHash<Cue, QSoundEffect *> m_effects;
  Cue m_lastCue = Cue::None;
};

} // namespace pb::ui
