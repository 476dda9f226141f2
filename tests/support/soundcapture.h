// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace pb::test {

// What a stretch of sound holds: how long from its first loud sample to its last, and how loud at most.
struct Heard {
  double seconds = 0;
  int peak = 0; // of 32767
};

// PULSE_SERVER for the `pulse` fixture's server (PACKBENCH_TEST_PULSE_DIR), or empty when it is not running.
QByteArray pulseServer();
// Mono signed 16-bit samples at the cues' rate, 22,050 Hz.
Heard listen(const QByteArray &pcm);
// A station cue's own WAV (resources/sounds/<name>.wav in the source tree).
Heard cueFile(const QString &name);
// Records the fixture's null sink (its monitor, through parec) while `play` runs and for `afterMs` after it; empty
// when the recording could not start.
QByteArray recordWhile(const std::function<void()> &play, int afterMs = 1200);

} // namespace pb::test
