// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/documents/slipdata.h"
#include "ui/printing/sliprenderer.h"

#include <QDialog>

class QLabel;
class QSpinBox;

namespace pb::ui {

// Shows a packing slip page by page as it will print; Print asks the owner to print it.
class SlipPreviewDialog final : public QDialog {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(SlipPreviewDialog)

public:
  SlipPreviewDialog(documents::SlipData slip, printing::SlipPaper paper, QString customTemplate = {},
                    QWidget *parent = nullptr);
  ~SlipPreviewDialog() override;

  int pageCount() const { return m_pages; }
  int currentPage() const;

Q_SIGNALS:
  void printRequested();

private:
  void showPage(int page);

  documents::SlipData m_slip;
  printing::SlipRenderer m_renderer;
  QLabel *m_image = nullptr;
  QLabel *m_status = nullptr;
  QSpinBox *m_page = nullptr;
  int m_pages = 0;
};

} // namespace pb::ui
