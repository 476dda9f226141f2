// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/documents/slipdata.h"

#include <QJsonObject>

namespace pb::documents {

// A slip's data as JSON and back: the station keeps it with the held order, so the slip prints while the central
// database is away (the offline journal's snapshot, on the station's own disk).
QJsonObject slipToJson(const SlipData &slip);
SlipData slipFromJson(const QJsonObject &json);

} // namespace pb::documents
