// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>

#include <functional>

namespace pb::test {

// What the sandboxed cupsd's packbench-pdf queue printed (tests/support/cups-fixture.sh): every job's
// output, whole, in its own file out/job-<id>.pdf. A wait that times out says why, with the lines of
// the scheduler's error_log, so a stopped queue is not just "the PDF never arrived".
class CupsCapture final {
public:
  // From PACKBENCH_TEST_CUPS_DIR; an error when the variable is missing (run through ctest).
  static Result<CupsCapture> fromEnvironment();

  // The newest job captured once the queue is idle (0: none): a mark to wait for jobs printed after it.
  qint64 lastJob() const;
  // Waits until a job after `afterJob` is captured and `accept`s its file; that job's PDF path.
  Result<QString> waitForJob(qint64 afterJob, const std::function<bool(const QString &pdf)> &accept,
                             int timeoutMs = 30'000) const;
  // Waits for a job after `afterJob` whose text (pdftotext) contains `needle`.
  Result<QString> waitForText(qint64 afterJob, const QString &needle, int timeoutMs = 30'000) const;
  // The scheduler's error_log, whole (LogLevel warn: the reasons a job stopped).
  QString errorLog() const;

  // Text of a PDF (all pages, or one page counted from 1), laid out as on paper.
  static QString pdfText(const QString &pdf, int page = 0);

private:
  explicit CupsCapture(QString dir);
  QString m_dir;
};

} // namespace pb::test
