// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>
#include <QTextStream>

#include <cstdio>
#include <cstdlib>

// What every benchmark program does with output and failures: print to stdout (the last line is the
// JSON result) and stop with exit code 1 at the first failed step, saying which.
namespace pb::bench {

inline QTextStream &out()
{
  static QTextStream stream(stdout);
  return stream;
}

[[noreturn]] inline void fail(const QString &message)
{
  out() << "FAILED: " << message << Qt::endl;
  std::exit(1);
}

template <typename T> T check(Result<T> result, const char *what)
{
  if (!result)
    fail(QStringLiteral("%1: %2").arg(QLatin1String(what), result.error().message));
  return std::move(result).value();
}

inline void checkStatus(const Status &status, const char *what)
{
  if (!status.ok())
    fail(QStringLiteral("%1: %2").arg(QLatin1String(what), status.error().message));
}

} // namespace pb::bench
