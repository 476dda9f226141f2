// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/sqlvalues.h"

namespace pb::db {

QString isoUtc(const QDateTime &time)
{
  return time.toUTC().toString(Qt::ISODateWithMs);
}

QVariant textOrNull(const QString &text)
{
  return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace pb::db
