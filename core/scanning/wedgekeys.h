// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <Qt>

namespace pb::scanning {

// What one key press means to the wedge detector, judged the way X11 keyboards (and scanners
// posing as one) really send keys: Shift before each capital, AltGr for ']' or '@' on many
// layouts, Ctrl+] for the GS1 separator, Ctrl+J or Linefeed for LF, dead keys that send nothing.
enum class WedgeKeyRole {
  Character,  // text for the burst (possibly typed with Shift/AltGr, or GS under Ctrl)
  Terminator, // ends a scan: CR (Return, keypad Enter, Ctrl+M), LF (Linefeed, Ctrl+J), Tab
  Silent,     // no text and no meaning of its own: modifiers, lock keys, dead keys; never breaks a burst
  Other,      // anything a person does (arrows, Escape, Ctrl+Q, Alt+F): a burst it interrupts was typing
};

struct WedgeKey {
  WedgeKeyRole role = WedgeKeyRole::Other;
  QString text; // the character(s) for Character, the terminator for Terminator
};

// key, modifiers and text as a QKeyEvent carries them (QtCore types only: core stays Widget-free).
WedgeKey classifyWedgeKey(int key, Qt::KeyboardModifiers modifiers, QStringView text);

} // namespace pb::scanning
