// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/liquid/lexer.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QString>
#include <QVariantMap>

#include <optional>
#include <vector>

namespace pb::documents::liquid {

// Limits and knobs for one render. The budgets turn runaway templates into errors, not hangs.
struct RenderOptions {
  qint64 maxIterations = 200'000;           // loop bodies over the whole render
  qsizetype maxOutputChars = 8'000'000;     // characters written, captures included
  qint64 maxRenderMs = 0;                   // wall-clock time of one render; 0 = no limit
  bool inlineErrors = false;                // lax: render "Liquid error (line N): …" and carry on
  QDateTime now;                            // 'now' / 'today' in the date filter; invalid = current time
  QString currency = QStringLiteral("USD"); // default currency of the money filters
};

// Variable scopes, counters, budgets and the first error of one render.
class Context final {
public:
  Context(const QVariantMap &environment, const RenderOptions &options);
  Q_DISABLE_COPY_MOVE(Context)

  enum class Interrupt { None, Break, Continue };

  QVariant find(const QString &name) const;
  void assign(const QString &name, const QVariant &value); // global, as Liquid does
  void pushScope();
  void popScope();
  void setLocal(const QString &name, const QVariant &value);

  QHash<QString, qint64> &counters() { return m_counters; }
  QHash<QString, qint64> &cycles() { return m_cycles; }
  QHash<QString, qint64> &loopOffsets() { return m_loopOffsets; }

  const RenderOptions &options() const { return m_options; }
  QDateTime now() const;

  bool tickIteration(SourcePos pos);
  // False (and the render fails) once the render has run longer than maxRenderMs.
  bool withinTime(SourcePos pos);
  bool write(QString &out, QStringView text);

  void fail(SourcePos pos, const QString &message);
  bool failed() const { return m_error.has_value(); }
  const std::optional<Error> &error() const { return m_error; }
  // Inline-error mode: turns the pending error into output text.
  bool takeInlineError(QString &out);

  Interrupt interrupt = Interrupt::None;

private:
  QVariantMap m_environment;
  std::vector<QVariantMap> m_scopes; // [0] = assigns; later entries are loop scopes
  QHash<QString, qint64> m_counters;
  QHash<QString, qint64> m_cycles;
  QHash<QString, qint64> m_loopOffsets;
  RenderOptions m_options;
  qint64 m_iterations = 0;
  QDeadlineTimer m_deadline;
  qsizetype m_written = 0;
  std::optional<Error> m_error;
  SourcePos m_errorPos;
};

} // namespace pb::documents::liquid
