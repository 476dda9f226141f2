// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/liquid/context.h"

#include <QString>
#include <QVariantMap>

#include <memory>
#include <vector>

namespace pb::documents::liquid {

class Node;

// A parsed Liquid template: parse once, render many times (thread-compatible: render is const).
class Template final {
public:
  // Errors name line and column: unknown tags and filters, unclosed tags, bad syntax.
  static Result<Template> parse(const QString &source);

  // Errors name line and column too: division by zero, bad comparisons, exhausted budgets.
  Result<QString> render(const QVariantMap &environment, const RenderOptions &options = {}) const;

private:
  explicit Template(std::shared_ptr<const std::vector<std::unique_ptr<Node>>> root);
  std::shared_ptr<const std::vector<std::unique_ptr<Node>>> m_root;
};

} // namespace pb::documents::liquid
