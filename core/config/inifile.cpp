// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/config/inifile.h"

#include <QCoreApplication>

namespace pb::config {

namespace {

QString unquote(QString value)
{
  if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
    return value.mid(1, value.size() - 2);
  return value;
}

Error syntaxError(const QString &fileName, int line, const QString &what)
{
  return makeError(ErrorKind::InvalidInput, QStringLiteral("%1:%2: %3").arg(fileName).arg(line).arg(what));
}

} // namespace

Result<QList<IniEntry>> parseIni(const QString &text, const QString &fileName)
{
  QList<IniEntry> entries;
  QString section;
  const QStringList lines = text.split(QLatin1Char('\n'));
  for (qsizetype i = 0; i < lines.size(); ++i) {
    const int lineNo = static_cast<int>(i) + 1;
    const QString line = lines.at(i).trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
      continue;
    if (line.startsWith(QLatin1Char('['))) {
      if (!line.endsWith(QLatin1Char(']')) || line.size() < 3)
        return syntaxError(fileName, lineNo, QStringLiteral("malformed section header '%1'").arg(line));
      section = line.mid(1, line.size() - 2).trimmed();
      continue;
    }
    const qsizetype eq = line.indexOf(QLatin1Char('='));
    if (eq <= 0)
      return syntaxError(fileName, lineNo, QStringLiteral("expected 'key = value', got '%1'").arg(line));
    const QString name = line.left(eq).trimmed();
    const QString key = section.isEmpty() ? name : section + QLatin1Char('.') + name;
    entries.append(IniEntry{key, unquote(line.mid(eq + 1).trimmed()), lineNo});
  }
  return entries;
}

} // namespace pb::config
