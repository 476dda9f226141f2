// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/config/config.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace pb::app {

// Printing settings that cannot work, said before the database is opened or the station registered; empty when none.
QString printingConfigProblem(const config::Config &settings);
// The CUPS queues the configuration names, each with what it is for (read on the window's thread).
QList<std::pair<QString, QString>> configuredQueues(const config::Config &settings);
// The configured CUPS queues that this computer does not have. Not a reason to stop (a queue may be added while the
// station runs; jobs wait in the print-jobs list meanwhile), but the bench is told at once, not at the first order's
// slip. Run off the window's thread: it waits up to 3 s for CUPS, twice at the most.
QStringList missingPrinters(const QList<std::pair<QString, QString>> &queues);

} // namespace pb::app
