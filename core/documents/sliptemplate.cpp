// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/sliptemplate.h"

#include "core/documents/liquid/template.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>

using namespace Qt::StringLiterals;

namespace pb::documents {

namespace {

Q_LOGGING_CATEGORY(lcSlipTemplate, "packbench.core.documents.sliptemplate")

Result<QString> renderWith(const liquid::Template &tpl, const SlipData &slip, bool merchant)
{
  liquid::RenderOptions options;
  options.currency = slip.currency;
  if (merchant) {
    options.maxIterations = SlipTemplateLimits::kMaxIterations;
    options.maxOutputChars = SlipTemplateLimits::kMaxOutputChars;
    options.maxRenderMs = SlipTemplateLimits::kMaxRenderMs;
  }
  return tpl.render(slipEnvironment(slip), options);
}

Result<QString> renderCustom(const QString &source, const SlipData &slip)
{
  if (source.size() > SlipTemplateLimits::kMaxSourceChars)
    return makeError(
        ErrorKind::InvalidInput,
        QCoreApplication::translate("pb::documents::SlipTemplate", "template of %1 characters exceeds the limit of %2")
            .arg(source.size())
            .arg(SlipTemplateLimits::kMaxSourceChars));
  auto parsed = liquid::Template::parse(source);
  if (!parsed)
    return parsed.error();
  return renderWith(parsed.value(), slip, true);
}

// Parsed once per process: the built-ins never change at run time.
Result<liquid::Template> builtIn(SlipLayout layout)
{
  static QMutex mutex;
  static QHash<int, liquid::Template> cache;
  const QMutexLocker lock(&mutex);
  const auto found = cache.constFind(static_cast<int>(layout));
  if (found != cache.cend())
    return found.value();
  auto parsed = liquid::Template::parse(builtInSlipTemplate(layout));
  if (parsed)
    cache.insert(static_cast<int>(layout), parsed.value());
  return parsed;
}

} // namespace

Result<CustomSlipTemplate> loadSlipTemplate(const QString &path)
{
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return makeError(ErrorKind::Unavailable,
                     QCoreApplication::translate("pb::documents::SlipTemplate", "cannot read the slip template %1: %2")
                         .arg(path, file.errorString()));
  if (file.size() > SlipTemplateLimits::kMaxSourceChars)
    return makeError(
        ErrorKind::InvalidInput,
        QCoreApplication::translate("pb::documents::SlipTemplate", "the slip template %1 is larger than %2 bytes")
            .arg(path)
            .arg(SlipTemplateLimits::kMaxSourceChars));
  CustomSlipTemplate loaded{QString::fromUtf8(file.read(SlipTemplateLimits::kMaxSourceChars)),
                            QFileInfo(path).absolutePath()};
  // Parsed here too, so that a broken template is found when it is configured, not on every slip.
  if (auto parsed = liquid::Template::parse(loaded.source); !parsed)
    return makeError(ErrorKind::InvalidInput,
                     QCoreApplication::translate("pb::documents::SlipTemplate", "the slip template %1 is broken: %2")
                         .arg(path, parsed.error().message));
  return loaded;
}

QString builtInSlipTemplate(SlipLayout layout)
{
  QFile file(layout == SlipLayout::Thermal4x6 ? u":/templates/packing-slip-4x6.liquid"_s
                                              : u":/templates/packing-slip.liquid"_s);
  if (!file.open(QIODevice::ReadOnly))
    return {};
  return QString::fromUtf8(file.readAll());
}

Result<SlipHtml> renderSlipHtml(const SlipData &slip, SlipLayout layout, const QString &customTemplate)
{
  SlipHtml out;
  if (!customTemplate.trimmed().isEmpty()) {
    auto rendered = renderCustom(customTemplate, slip);
    if (rendered) {
      out.html = std::move(rendered).value();
      return out;
    }
    out.usedFallback = true;
    out.templateError = rendered.error().message;
    qCWarning(lcSlipTemplate, "custom slip template failed (%s); using the built-in template",
              qUtf8Printable(out.templateError));
  }
  auto tpl = builtIn(layout);
  if (!tpl)
    return makeError(ErrorKind::Internal, u"built-in slip template: "_s + tpl.error().message);
  auto rendered = renderWith(tpl.value(), slip, false);
  if (!rendered)
    return makeError(ErrorKind::Internal, u"built-in slip template: "_s + rendered.error().message);
  out.html = std::move(rendered).value();
  return out;
}

} // namespace pb::documents
