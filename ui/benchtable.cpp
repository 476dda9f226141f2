// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/benchtable.h"

#include <QHeaderView>
#include <QTableView>

namespace pb::ui {

void setUpBenchTable(QTableView *table, const QString &objectName, const QString &accessibleName,
                     QAbstractItemModel *model)
{
  table->setObjectName(objectName);
  table->setAccessibleName(accessibleName);
  table->setModel(model);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setAlternatingRowColors(true);
  table->verticalHeader()->hide();
  table->horizontalHeader()->setStretchLastSection(true);
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  QFont font = table->font();
  font.setPointSize(13);
  table->setFont(font);
  table->verticalHeader()->setDefaultSectionSize(34);
  setBenchHeaderFont(table);
}

void setBenchHeaderFont(QTableView *table)
{
  QFont headerFont = table->horizontalHeader()->font();
  headerFont.setPointSize(12);
  headerFont.setBold(true);
  table->horizontalHeader()->setFont(headerFont);
}

} // namespace pb::ui
