// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QList>
#include <QString>

namespace pb::config {

struct IniEntry {
  QString key; // "section.name"
  QString value;
  int line = 0;
};

// Parses the small INI dialect of Packbench config files: [section], key = value, # comments.
// Unlike QSettings it keeps line numbers, so errors can point at the offending line.
Result<QList<IniEntry>> parseIni(const QString &text, const QString &fileName);

} // namespace pb::config
