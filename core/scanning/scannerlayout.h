// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace pb::scanning {

// The keyboard layout a wedge scanner types in. Scanners leave the factory set to a US keyboard: on a German desktop
// such a scanner's '-' arrives as 'ß', '*' as '(' and Y and Z swap, so badges, commands and most SKUs no longer read.
// Desktop: the scanner is set to the desktop's layout (what X makes of its keys stands). Us: its keys are read by
// position as a US keyboard's, whatever the desktop's layout (scanning.scanner_layout).
enum class ScannerLayout { Desktop, Us };

// "desktop" or "us" (the config value); nullopt for anything else.
std::optional<ScannerLayout> scannerLayoutNamed(QStringView name);

// What a US keyboard sends for the key with this X keycode (the Linux evdev code + 8, the same on every PC
// keyboard), with Shift and Control as held: printable characters of the main block and the space bar, and under
// Control the GS1 separator (Ctrl+]), LF (Ctrl+J) and CR (Ctrl+M). Empty for every other key (Return, keypad,
// function keys), which a layout does not move.
QString usKeyboardText(quint32 xKeycode, bool shift, bool control);

// The characters in a scan that no barcode a bench meets carries (Code 128, EAN/UPC and GS1 are ASCII), each once: a
// scan with them came through a keyboard layout the scanner is not set to. Empty for an ordinary scan.
QString charactersNoBarcodeHas(QStringView scan);

} // namespace pb::scanning
