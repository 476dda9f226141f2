// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QImage>
#include <QList>
#include <QRectF>
#include <QString>

namespace pb::printing {

// A Code 128 symbol as libzint lays it out: black bars in module units (one unit = one narrow bar),
// quiet zones included in `width`.
struct Code128Bars {
  double width = 0;
  double height = 0;
  QList<QRectF> bars;
};

Result<Code128Bars> code128Bars(const QString &data, int heightModules = 36);

// A Code 128 symbol drawn by libzint: black bars on white, with quiet zones, `modulePixels` per
// narrow bar and `heightModules` narrow bars tall. Sharp edges: no scaling, no anti-aliasing.
Result<QImage> code128Image(const QString &data, int modulePixels = 4, int heightModules = 36);

} // namespace pb::printing
