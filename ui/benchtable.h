// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QAbstractItemModel;
class QTableView;

namespace pb::ui {

// A read-only list at the bench (the queue, the print jobs): whole rows, one at a time, in 13 pt rows of 34 px
// that read at arm's length.
void setUpBenchTable(QTableView *table, const QString &objectName, const QString &accessibleName,
                     QAbstractItemModel *model);
// Column titles in 12 pt bold: the default 9 pt does not read at arm's length above 13 pt rows.
void setBenchHeaderFont(QTableView *table);

} // namespace pb::ui
