// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/documents/slipdata.h"

#include <QByteArray>
#include <QString>

namespace pb::documents {

// A field's text made safe for ZPL: with ^FH, '^', '~' and '_' become _5E, _7E and _5F (UTF-8 via ^CI28).
QByteArray zplFieldText(const QString &text);

// The built-in 4×6 in "house label" at 203 dpi for orders shipped without a carrier label:
// ship-from, ship-to, order name in large type and a Code 128 (^BC) of the order name.
QByteArray houseLabelZpl(const SlipData &slip);

} // namespace pb::documents
