// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a merchant's packing-slip template, parsed and rendered against a real slip.
// Any input must end in a template or an error, within the render budgets, and never crash.
#include "core/documents/liquid/template.h"
#include "core/documents/slipdata.h"

#include <cstddef>
#include <cstdint>

using namespace pb::documents;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const QVariantMap environment = slipEnvironment(sampleSlip(3));
  const QString source = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  auto parsed = liquid::Template::parse(source);
  if (!parsed)
    return 0;
  liquid::RenderOptions options;
  // Budgets small enough to keep thousands of runs a second once the corpus holds loops over long strings (at 5,000
  // iterations and 200,000 characters the 10^7 run fell to 220 exec/s after 2M executions, at 1,000 and 50,000 to
  // 340 after 3M), large enough to reach every tag, filter and budget.
  options.maxIterations = 200;
  options.maxOutputChars = 4'096;
  options.now = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);
  (void)parsed->render(environment, options);
  options.inlineErrors = true; // lax mode renders past errors: another path through every node
  (void)parsed->render(environment, options);
  return 0;
}
