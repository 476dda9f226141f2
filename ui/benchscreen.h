// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace pb::ui {

// What every full-screen window of a bench shares: the station's own window and the one waiting for the database.

// "Packbench · station bench-07" in the header's font.
QLabel *stationTitle(const QString &stationName, QWidget *parent);
// A bench screen is the station's alone: maximized under a window manager, and filling the screen where none runs
// (a kiosk session started by xinit) instead of sitting in its corner; either way it asks for the keyboard.
void showOnWholeScreen(QWidget &window);

} // namespace pb::ui
