// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QJsonObject>
#include <QString>

namespace pb::shopify::graphqlpaging {

// The cursor to continue a connection after, empty on its last page. A "next page" without a new
// cursor is an error (Unavailable): following it would loop.
Result<QString> nextCursor(const QJsonObject &connection, const QString &previous);

} // namespace pb::shopify::graphqlpaging
