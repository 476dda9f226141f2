// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/benchscreen.h"

#include <QCoreApplication>
#include <QLabel>
#include <QScreen>
#include <QWidget>

namespace pb::ui {

QLabel *stationTitle(const QString &stationName, QWidget *parent)
{
  auto *title = new QLabel(QCoreApplication::translate("pb::ui::BenchScreen", "<b>Packbench</b> · station %1")
                               .arg(stationName.toHtmlEscaped()),
                           parent);
  QFont font = title->font();
  font.setPointSize(16);
  title->setFont(font);
  return title;
}

void showOnWholeScreen(QWidget &window)
{
  window.setGeometry(window.screen()->availableGeometry());
  window.showMaximized();
  // Without a window manager (a kiosk X session) no window gets the keyboard: typed scans would still arrive,
  // but the F-keys, which are window shortcuts, would do nothing. Asking for it is what a packer's click does.
  window.activateWindow();
}

} // namespace pb::ui
