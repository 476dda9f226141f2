// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/scanning/scannerlayout.h"

#include <QString>

namespace pb::scanning {

struct WedgeSettings {
  int maxGapMs = 40; // scanners send a character every 2–20 ms; people rarely type this fast for long
  int minLength = 4; // shorter bursts are typing (or key rollover), never a scan
  QString suffix;    // when the scanner ends with a suffix instead of Enter/Tab
  int maxLength = 1024;
  bool undoCapsLock = true; // Caps Lock inverts the case of a scanner's letters: undone (where the lock is known)
  ScannerLayout layout = ScannerLayout::Desktop; // Us: keys read by position (where X keycodes are known)
};

// Decides, key by key, whether input is a keyboard-wedge scanner burst or a person typing.
// Pure logic: the caller passes monotonic timestamps (synthetic key events carry none) and owns
// a timer that calls timeout() maxGapMs after the last held key.
class WedgeDetector {
public:
  enum class Action {
    Hold,        // keep this key back: it may be part of a scan (re-arm the gap timer)
    Scan,        // the held keys (and this one) were a scan: takeScan(); deliver nothing
    Replay,      // the held keys were typing: deliver takeHeld() in order, then this event as usual
    PassThrough, // nothing held: deliver this event as usual
  };

  explicit WedgeDetector(WedgeSettings settings = {});

  Action character(QChar c, qint64 atMs) { return text(QStringView(&c, 1), atMs); }
  // One key's (or one composed input's, e.g. a dead key then a letter) characters.
  Action text(QStringView characters, qint64 atMs);
  Action terminator(qint64 atMs); // CR, LF or Tab (see classifyWedgeKey)
  Action timeout(qint64 atMs);

  QString takeScan();
  QString takeHeld();
  bool holding() const { return !m_held.isEmpty(); }
  const WedgeSettings &settings() const { return m_settings; }

private:
  Action finishScan(qsizetype dataLength);

  WedgeSettings m_settings;
  QString m_held;
  QString m_scan;
  qint64 m_lastAtMs = 0;
};

} // namespace pb::scanning
