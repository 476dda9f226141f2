// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/template.h"

#include "core/documents/liquid/ast.h"
#include "core/documents/liquid/parser.h"

namespace pb::documents::liquid {

Template::Template(std::shared_ptr<const std::vector<std::unique_ptr<Node>>> root)
    : m_root(std::move(root))
{}

Result<Template> Template::parse(const QString &source)
{
  auto root = parseTemplate(source);
  if (!root)
    return root.error();
  return Template(std::move(root).value());
}

Result<QString> Template::render(const QVariantMap &environment, const RenderOptions &options) const
{
  Context ctx(environment, options);
  QString out;
  renderNodes(*m_root, ctx, out);
  if (ctx.failed())
    return *ctx.error();
  return out;
}

} // namespace pb::documents::liquid
