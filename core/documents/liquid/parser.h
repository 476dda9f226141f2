// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/liquid/ast.h"

#include <QString>

#include <memory>

namespace pb::documents::liquid {

// Parses a whole template into its node tree; the first error names line and column.
Result<std::shared_ptr<const NodeList>> parseTemplate(const QString &source);

} // namespace pb::documents::liquid
