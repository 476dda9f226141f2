// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/documents/slipdata.h"
#include "ui/printing/sliprenderer.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QSpinBox;

namespace pb::ui {

// Shows a packing slip page by page as it will print (`packbench --slip-preview`: the merchant's template on a sample
// order, before a shift prints it 800 times). Print sends it to the printer set with setPrinter, outside the print
// journal (a sample is no order), on a worker thread; the status line says where it went.
class SlipPreviewDialog final : public QDialog {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(SlipPreviewDialog)

public:
  SlipPreviewDialog(documents::SlipData slip, printing::SlipPaper paper, QString customTemplate = {},
                    const QString &templateFolder = {}, QWidget *parent = nullptr);
  ~SlipPreviewDialog() override;

  int pageCount() const { return m_pages; }
  int currentPage() const;
  // Where Print sends the slip (empty: the system's default printer).
  void setPrinter(const QString &printer) { m_printer = printer; }

private:
  void showPage(int page);
  void print();

  documents::SlipData m_slip;
  printing::SlipRenderer m_renderer;
  QLabel *m_image = nullptr;
  QLabel *m_status = nullptr;
  QSpinBox *m_page = nullptr;
  QPushButton *m_printButton = nullptr;
  int m_pages = 0;
  QString m_printer;
};

} // namespace pb::ui
