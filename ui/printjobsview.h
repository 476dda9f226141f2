// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QTableView;

namespace pb::station {
class StationController;
}

namespace pb::ui {

class PrintJobsModel;

// The lead's print-jobs list: this bench's recent jobs with their state. R reprints the selected job, M sends it to
// another printer (chosen from a list with the arrow keys); either asks for a lead's badge and PIN first. Keyboard
// only: arrows, letters, Enter and Esc.
class PrintJobsView final : public QWidget {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(PrintJobsView)

public:
  explicit PrintJobsView(station::StationController &controller, QWidget *parent = nullptr);
  ~PrintJobsView() override;

  PrintJobsModel *model() const { return m_model; }
  QTableView *table() const { return m_table; }
  QListWidget *printerList() const { return m_printers; }
  // Reads the list again, keeping the selected job selected.
  void refresh();
  // Keeps the focus on the list (after an approval closed, or when the view opens).
  void focusList();

Q_SIGNALS:
  void closeRequested();

protected:
  bool eventFilter(QObject *watched, QEvent *event) override;

private:
  qint64 selectedJob() const;
  void askForPrinter();
  // Fills the printer chooser for the selected job, keeping the printer that was chosen; how many it offers.
  int fillPrinters();
  void choosePrinter();
  void closePrinters();

  station::StationController &m_controller;
  PrintJobsModel *m_model = nullptr;
  QTableView *m_table = nullptr;
  QLabel *m_problem = nullptr;
  QLabel *m_printerQuestion = nullptr;
  QListWidget *m_printers = nullptr;
  bool m_askingForPrinter = false; // M was pressed: a printer list that comes later fills the chooser
};

} // namespace pb::ui
