// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

// Values bound into SQL the same way everywhere: both drivers store times as ISO-8601 UTC text or
// timestamptz, and an empty optional text is SQL NULL.
namespace pb::db {

// "2026-11-26T08:00:00.000Z"
QString isoUtc(const QDateTime &time);
// NULL for an empty string, the text otherwise.
QVariant textOrNull(const QString &text);

} // namespace pb::db
