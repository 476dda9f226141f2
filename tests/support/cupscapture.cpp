// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/cupscapture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <map>

using namespace Qt::StringLiterals;

namespace pb::test {

namespace {
// Captured jobs by id; the backend renames a file into place only once it is whole.
std::map<qint64, QString> capturedJobs(const QString &outDir)
{
  static const QRegularExpression name(u"^job-(\\d+)\\.pdf$"_s);
  std::map<qint64, QString> jobs;
  const QDir dir(outDir);
  for (const QString &file : dir.entryList({u"job-*.pdf"_s}, QDir::Files)) {
    const auto match = name.match(file);
    if (match.hasMatch())
      jobs.emplace(match.captured(1).toLongLong(), dir.filePath(file));
  }
  return jobs;
}
} // namespace

CupsCapture::CupsCapture(QString dir)
    : m_dir(std::move(dir))
{}

Result<CupsCapture> CupsCapture::fromEnvironment()
{
  const QString dir = qEnvironmentVariable("PACKBENCH_TEST_CUPS_DIR");
  if (dir.isEmpty())
    return makeError(ErrorKind::Unavailable,
                     u"PACKBENCH_TEST_CUPS_DIR not set: run through ctest so the cups fixture starts"_s);
  if (!QDir(dir + u"/out"_s).exists())
    return makeError(ErrorKind::Unavailable, u"%1/out is missing: the cups fixture did not start"_s.arg(dir));
  return CupsCapture(dir);
}

qint64 CupsCapture::lastJob() const
{
  // A job still being filtered would land after the mark and pass for the next one: wait for an idle queue.
  const QDeadlineTimer deadline(30'000);
  while (!deadline.hasExpired()) {
    QProcess lpstat;
    lpstat.start(u"lpstat"_s, {u"-o"_s, u"packbench-pdf"_s});
    if (!lpstat.waitForFinished(10'000) || lpstat.readAllStandardOutput().trimmed().isEmpty())
      break;
    QTest::qWait(100);
  }
  const auto jobs = capturedJobs(m_dir + u"/out"_s);
  return jobs.empty() ? 0 : jobs.rbegin()->first;
}

Result<QString> CupsCapture::waitForJob(qint64 afterJob, const std::function<bool(const QString &)> &accept,
                                        int timeoutMs) const
{
  const QDeadlineTimer deadline(timeoutMs);
  QStringList seen;
  do {
    seen.clear();
    for (const auto &[id, path] : capturedJobs(m_dir + u"/out"_s)) {
      if (id <= afterJob)
        continue;
      seen << QString::number(id);
      if (accept(path))
        return path;
    }
    QTest::qWait(100);
  } while (!deadline.hasExpired());
  return makeError(ErrorKind::Unavailable,
                   u"no job after %1 printed what was expected within %2 ms (jobs captured since: %3); "
                   "cupsd error_log:\n%4"_s.arg(afterJob)
                       .arg(timeoutMs)
                       .arg(seen.isEmpty() ? u"none"_s : seen.join(u", "_s), errorLog()));
}

Result<QString> CupsCapture::waitForText(qint64 afterJob, const QString &needle, int timeoutMs) const
{
  return waitForJob(
      afterJob, [&needle](const QString &pdf) { return pdfText(pdf).contains(needle); }, timeoutMs);
}

QString CupsCapture::errorLog() const
{
  QFile log(m_dir + u"/logs/error_log"_s);
  if (!log.open(QIODevice::ReadOnly))
    return u"(no error_log: %1)"_s.arg(log.errorString());
  return QString::fromUtf8(log.readAll());
}

QString CupsCapture::pdfText(const QString &pdf, int page)
{
  QStringList args{u"-layout"_s};
  if (page > 0)
    args << u"-f"_s << QString::number(page) << u"-l"_s << QString::number(page);
  QProcess p;
  p.start(u"pdftotext"_s, args << pdf << u"-"_s);
  p.waitForFinished(60'000);
  return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace pb::test
