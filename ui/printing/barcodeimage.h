// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QImage>
#include <QString>

namespace pb::printing {

// A Code 128 symbol drawn by libzint: black bars on white, with quiet zones, `modulePixels` per
// narrow bar and `heightModules` narrow bars tall. Sharp edges: no scaling, no anti-aliasing.
Result<QImage> code128Image(const QString &data, int modulePixels = 4, int heightModules = 36);

} // namespace pb::printing
