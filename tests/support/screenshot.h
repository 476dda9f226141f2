// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QPixmap>
#include <QWidget>

namespace pb::test {

// The widget as PACKBENCH_SCREENSHOT_DIR/name when that variable is set (the pictures of README.md and docs/);
// true when it is not set or the picture was saved.
inline bool saveScreenshot(QWidget &widget, const QString &name)
{
  const QString dir = qEnvironmentVariable("PACKBENCH_SCREENSHOT_DIR");
  return dir.isEmpty() || widget.grab().save(QDir(dir).filePath(name));
}

} // namespace pb::test
