// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/documents/handoffsheet.h"

#include <QByteArray>
#include <QCoreApplication>

namespace pb::printing {

// The driver hand-off sheet as a one-page Letter PDF (QPdfWriter): date, warehouse, per carrier the manifest and its
// parcel count, the total, and lines for the driver's name, signature and time. In the packers' language (tr()).
class HandoffSheetDocument final {
  Q_DECLARE_TR_FUNCTIONS(pb::printing::HandoffSheetDocument)

public:
  static QByteArray render(const documents::HandoffSheet &sheet);
};

} // namespace pb::printing
