// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/printjobsview.h"

#include "core/station/stationcontroller.h"
#include "ui/benchtable.h"
#include "ui/printjobsmodel.h"

#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace pb::ui {

PrintJobsView::PrintJobsView(station::StationController &controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
  setObjectName(QStringLiteral("printJobsView"));
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(8);
  QFont big = font();
  big.setPointSize(13);

  m_model = new PrintJobsModel(this);
  m_table = new QTableView(this);
  setUpBenchTable(m_table, QStringLiteral("printJobsTable"), tr("Print jobs at this bench"), m_model);
  m_table->installEventFilter(this); // R and M would otherwise start the table's type-ahead search
  layout->addWidget(m_table, 1);

  m_problem = new QLabel(this);
  m_problem->setTextFormat(Qt::PlainText); // a printer's own words
  m_problem->setObjectName(QStringLiteral("printJobProblem"));
  m_problem->setWordWrap(true);
  m_problem->setFont(big);
  layout->addWidget(m_problem);
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
    m_askingForPrinter = false; // a list that comes later is not for this job
    const bool valid = current.isValid() && current.row() < m_model->jobs().size();
    m_problem->setText(valid && !m_model->jobs().at(current.row()).lastError.isEmpty()
                           ? tr("Last problem: %1").arg(m_model->jobs().at(current.row()).lastError)
                           : QString());
  });

  m_printerQuestion = new QLabel(tr("Send it to which printer? ↑ ↓ then Enter · Esc goes back"), this);
  m_printerQuestion->setFont(big);
  m_printerQuestion->hide();
  layout->addWidget(m_printerQuestion);
  m_printers = new QListWidget(this);
  m_printers->setObjectName(QStringLiteral("printJobPrinters"));
  m_printers->setAccessibleName(tr("Printers"));
  QFont listFont = big;
  listFont.setPointSize(15);
  m_printers->setFont(listFont);
  m_printers->setMaximumHeight(180);
  m_printers->installEventFilter(this);
  m_printers->hide();
  connect(m_printers, &QListWidget::itemActivated, this, &PrintJobsView::choosePrinter);
  layout->addWidget(m_printers);
  // The CUPS queues are listed off the window's thread when M asks for them: they join the chooser when they come.
  connect(&m_controller, &station::StationController::printersListed, this, [this] {
    if (!m_askingForPrinter || fillPrinters() == 0 || !m_printers->isHidden())
      return;
    m_problem->clear();
    m_printerQuestion->show();
    m_printers->show();
    m_printers->setFocus();
  });

  auto *keys = new QLabel(tr("R reprint · M send to another printer · a lead approves with badge and PIN · "
                             "F5 refresh · Esc back to the orders"),
                          this);
  keys->setObjectName(QStringLiteral("printJobsKeysLabel"));
  keys->setFont(big);
  keys->setWordWrap(true);
  layout->addWidget(keys);
}

PrintJobsView::~PrintJobsView() = default;

void PrintJobsView::refresh()
{
  const qint64 selected = selectedJob();
  auto jobs = m_controller.recentPrintJobs();
  if (!jobs) {
    m_problem->setText(tr("The print journal could not be read: %1").arg(jobs.error().message));
    return;
  }
  m_model->setJobs(*std::move(jobs));
  int row = 0;
  for (int i = 0; i < m_model->jobs().size(); ++i)
    if (m_model->jobs().at(i).id == selected)
      row = i;
  if (m_model->rowCount() > 0)
    m_table->selectRow(row);
}

void PrintJobsView::focusList()
{
  if (m_printers->isVisible())
    m_printers->setFocus();
  else
    m_table->setFocus();
}

qint64 PrintJobsView::selectedJob() const
{
  const QModelIndex current = m_table->currentIndex();
  return current.isValid() && current.row() < m_model->jobs().size() ? m_model->jobs().at(current.row()).id : 0;
}

void PrintJobsView::askForPrinter()
{
  const QModelIndex current = m_table->currentIndex();
  if (!current.isValid() || current.row() >= m_model->jobs().size())
    return;
  m_askingForPrinter = true;
  m_printers->clear(); // a new question starts at the top; a list that comes later keeps the lead's place
  if (fillPrinters() == 0) {
    m_problem->setText(tr("There is no other printer to send it to"));
    return;
  }
  m_printerQuestion->show();
  m_printers->show();
  m_printers->setFocus();
}

int PrintJobsView::fillPrinters()
{
  const QModelIndex current = m_table->currentIndex();
  if (!current.isValid() || current.row() >= m_model->jobs().size())
    return 0;
  const QString chosen = m_printers->currentItem() ? m_printers->currentItem()->text() : QString();
  m_printers->clear();
  m_printers->addItems(m_controller.printersFor(m_model->jobs().at(current.row())));
  const QList<QListWidgetItem *> same = m_printers->findItems(chosen, Qt::MatchExactly);
  if (!same.isEmpty())
    m_printers->setCurrentItem(same.first());
  else if (m_printers->count() > 0)
    m_printers->setCurrentRow(0);
  return m_printers->count();
}

void PrintJobsView::choosePrinter()
{
  const qint64 job = selectedJob();
  const QString printer = m_printers->currentItem() ? m_printers->currentItem()->text() : QString();
  closePrinters();
  if (job > 0 && !printer.isEmpty())
    m_controller.requestMove(job, printer);
}

void PrintJobsView::closePrinters()
{
  m_askingForPrinter = false;
  m_printers->hide();
  m_printerQuestion->hide();
  m_table->setFocus();
}

bool PrintJobsView::eventFilter(QObject *watched, QEvent *event)
{
  if (event->type() != QEvent::KeyPress)
    return QWidget::eventFilter(watched, event);
  const int key = static_cast<QKeyEvent *>(event)->key();
  if (watched == m_printers) {
    if (key == Qt::Key_Escape) {
      closePrinters();
      return true;
    }
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
      choosePrinter();
      return true;
    }
    return false;
  }
  switch (key) {
  case Qt::Key_R:
    if (const qint64 job = selectedJob(); job > 0)
      m_controller.requestReprint(job);
    return true;
  case Qt::Key_M: askForPrinter(); return true;
  case Qt::Key_Escape: Q_EMIT closeRequested(); return true;
  default: return false;
  }
}

} // namespace pb::ui
