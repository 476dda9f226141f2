// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The poppler command-line tools, for tests that check what a PDF really holds rather than what we meant to
// write. Header only, so the print tests that link no test-support library can use it.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace pb::test {

// A tool's standard output; "<program failed>" when it does not exit 0 within a minute, so a broken tool
// fails the comparison that uses it instead of passing on empty text.
inline QString runTool(const QString &program, const QStringList &args)
{
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(60'000) || p.exitCode() != 0)
    return QStringLiteral("<%1 failed>").arg(program);
  return QString::fromUtf8(p.readAllStandardOutput());
}

// pdftotext -layout of one page (1-based), or of every page when page is 0.
inline QString pdfText(const QString &pdf, int page = 0)
{
  QStringList args{QStringLiteral("-layout")};
  if (page > 0)
    args << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l") << QString::number(page);
  return runTool(QStringLiteral("pdftotext"), args << pdf << QStringLiteral("-"));
}

// The page count pdfinfo reports; 0 when it cannot read the file.
inline int pdfPageCount(const QString &pdf)
{
  const auto m =
      QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(runTool(QStringLiteral("pdfinfo"), {pdf}));
  return m.hasMatch() ? m.captured(1).toInt() : 0;
}

// Writes bytes to path for the tools to read; the path, or empty when it could not be written whole.
inline QString writeFile(const QString &path, const QByteArray &bytes)
{
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
    return {};
  return path;
}

} // namespace pb::test
