// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/documents/slipdata.h"

#include <QByteArray>
#include <QString>

namespace pb::documents {

// A field's text made safe for ZPL: with ^FH, '^', '~' and '_' become _5E, _7E and _5F (UTF-8 via ^CI28).
QByteArray zplFieldText(const QString &text);

// The built-in 4×6 in "house label" at 203 dpi for orders shipped without a carrier label, one for each box:
// ship-from, ship-to, order name in large type, a Code 128 (^BC) of the order name and "BOX 2 OF 3" (so no box of a
// split order leaves without an address, and the courier knows how many to expect).
QByteArray houseLabelZpl(const SlipData &slip, int box = 1, int boxes = 1);

} // namespace pb::documents
