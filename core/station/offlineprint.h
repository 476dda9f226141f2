// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/documents/printjournal.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace pb::station {

// A slip or label printed while the central database was away, as its offline-journal event carries it: the job
// (its reference names the event, which keeps its journaling single), the claim it was printed under, and how it went.
QJsonObject offlinePrintToJson(const documents::PrintJob &job, qint64 claimId, bool printed, const QString &error);

// Journals such a job in print_jobs as it went (sent, then done or failed) inside the caller's transaction; a job
// with the same reference is there already and is not journaled twice.
Status recordOfflinePrint(const QSqlDatabase &db, const QJsonObject &payload);

} // namespace pb::station
