// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/slipdata.h"

#include <QString>

namespace pb::documents {

enum class SlipLayout { Page, Thermal4x6 };

// The HTML of a slip, and whether the merchant's template had to be replaced by the built-in one.
struct SlipHtml {
  QString html;
  bool usedFallback = false;
  QString templateError; // the custom template's error (line, column, message) when it fell back
};

// What a merchant's template may cost per slip; past any of these the built-in slip prints instead, with
// the reason. The built-in slip of a 300-line order is 105,000 characters of HTML. The output cap also
// bounds Qt's layout, which the time budget does not cover: 1.5M characters in one paragraph took 258 s.
struct SlipTemplateLimits {
  static constexpr qsizetype kMaxSourceChars = 256 * 1024;
  static constexpr qint64 kMaxIterations = 100'000;
  static constexpr qsizetype kMaxOutputChars = 200'000;
  static constexpr qint64 kMaxRenderMs = 2'000;
};

// A custom template read from its file: the source and the folder its images may come from.
struct CustomSlipTemplate {
  QString source;
  QString folder;
};
// Reads printing.slip_template; refuses a file larger than kMaxSourceChars (in bytes) or one that does not parse
// (the message says the line and column).
Result<CustomSlipTemplate> loadSlipTemplate(const QString &path);

// The built-in Liquid source for a layout (from the resources).
QString builtInSlipTemplate(SlipLayout layout);

// Renders a slip. A custom template that fails to parse or render is replaced by the built-in
// template, so a slip is never blank or half-printed; only a broken built-in template is an error.
Result<SlipHtml> renderSlipHtml(const SlipData &slip, SlipLayout layout, const QString &customTemplate = {});

} // namespace pb::documents
