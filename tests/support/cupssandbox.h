// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/cupscapture.h"

#include <QFileInfo>
#include <QPrinterInfo>

namespace pb::test {

// The sandboxed cupsd (FIXTURES cups) as a print test needs it: answering on CUPS_SERVER, its packbench-pdf queue
// visible to Qt; the capture of what that queue prints. Header-only: only tests that link Qt PrintSupport use it.
inline Result<CupsCapture> cupsSandbox()
{
  auto cups = CupsCapture::fromEnvironment();
  if (!cups)
    return cups.error();
  if (!QFileInfo::exists(qEnvironmentVariable("CUPS_SERVER")))
    return makeError(ErrorKind::Unavailable, QStringLiteral("sandboxed cupsd socket missing"));
  if (!QPrinterInfo::availablePrinterNames().contains(QStringLiteral("packbench-pdf")))
    return makeError(ErrorKind::Unavailable, QStringLiteral("the sandboxed cupsd offers no packbench-pdf queue"));
  return cups;
}

} // namespace pb::test
