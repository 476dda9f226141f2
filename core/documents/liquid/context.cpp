// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/liquid/context.h"

using namespace Qt::StringLiterals;

namespace pb::documents::liquid {

Context::Context(const QVariantMap &environment, const RenderOptions &options)
    : m_environment(environment)
    , m_scopes(1)
    , m_options(options)
    , m_deadline(options.maxRenderMs > 0 ? QDeadlineTimer(options.maxRenderMs)
                                         : QDeadlineTimer(QDeadlineTimer::Forever))
{}

QVariant Context::find(const QString &name) const
{
  for (auto it = m_scopes.crbegin(); it != m_scopes.crend(); ++it) {
    const auto found = it->constFind(name);
    if (found != it->cend())
      return found.value();
  }
  const auto counter = m_counters.constFind(name);
  if (counter != m_counters.cend())
    return QVariant(counter.value());
  return m_environment.value(name);
}

void Context::assign(const QString &name, const QVariant &value)
{
  m_scopes.front().insert(name, value);
}

void Context::pushScope()
{
  m_scopes.emplace_back();
}

void Context::popScope()
{
  if (m_scopes.size() > 1)
    m_scopes.pop_back();
}

void Context::setLocal(const QString &name, const QVariant &value)
{
  m_scopes.back().insert(name, value);
}

QDateTime Context::now() const
{
  return m_options.now.isValid() ? m_options.now : QDateTime::currentDateTimeUtc();
}

bool Context::tickIteration(SourcePos pos)
{
  if (++m_iterations > m_options.maxIterations) {
    fail(pos, u"loop budget of %1 iterations exceeded"_s.arg(m_options.maxIterations));
    return false;
  }
  return withinTime(pos);
}

bool Context::withinTime(SourcePos pos)
{
  if (!m_deadline.hasExpired())
    return true;
  fail(pos, u"render time budget of %1 ms exceeded"_s.arg(m_options.maxRenderMs));
  return false;
}

bool Context::write(QString &out, QStringView text)
{
  if (!withinTime(m_errorPos))
    return false;
  m_written += text.size();
  if (m_written > m_options.maxOutputChars) {
    if (!failed())
      fail(m_errorPos, u"output budget of %1 characters exceeded"_s.arg(m_options.maxOutputChars));
    return false;
  }
  out += text;
  return true;
}

void Context::fail(SourcePos pos, const QString &message)
{
  if (m_error)
    return;
  m_errorPos = pos;
  m_error = makeError(ErrorKind::InvalidInput, describe(pos, message));
}

bool Context::takeInlineError(QString &out)
{
  if (!m_error || !m_options.inlineErrors)
    return false;
  QString message = m_error->message;
  const qsizetype colon = message.indexOf(u": "_s);
  out += u"Liquid error (line %1): %2"_s.arg(m_errorPos.line).arg(message.mid(colon + 2));
  m_error.reset();
  return true;
}

} // namespace pb::documents::liquid
