// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/boxweightpanel.h"

#include "core/station/stationcontroller.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace pb::ui {

BoxWeightPanel::BoxWeightPanel(station::StationController &controller, QWidget *parent)
    : QFrame(parent)
    , m_controller(controller)
{
  setObjectName(QStringLiteral("weightPanel"));
  setStyleSheet(QStringLiteral("QFrame#weightPanel { border: 3px solid #b5650d; border-radius: 8px; background: "
                               "#fff3e0; } QLabel, QSpinBox, QPushButton { font-size: 15pt; }"));
  auto *row = new QHBoxLayout(this);
  m_title = new QLabel(this);
  m_title->setObjectName(QStringLiteral("weightTitle"));
  row->addWidget(m_title, 1);
  auto *label = new QLabel(tr("&Weight:"), this);
  m_grams = new QSpinBox(this);
  m_grams->setObjectName(QStringLiteral("weightGrams"));
  m_grams->setAccessibleName(tr("Weight in grams"));
  m_grams->setRange(0, 150000);
  m_grams->setSuffix(tr(" g"));
  m_grams->setSpecialValueText(tr("— g"));
  label->setBuddy(m_grams);
  row->addWidget(label);
  row->addWidget(m_grams);
  auto *confirm = new QPushButton(tr("Buy label"), this);
  confirm->setObjectName(QStringLiteral("weightConfirm"));
  connect(confirm, &QPushButton::clicked, this, &BoxWeightPanel::submit);
  connect(m_grams, &QSpinBox::editingFinished, this, [this]() {
    if (m_grams->hasFocus() && m_grams->value() > 0)
      submit();
  });
  row->addWidget(confirm);
  hide();
}

BoxWeightPanel::~BoxWeightPanel() = default;

void BoxWeightPanel::ask(int boxNo)
{
  m_boxNo = boxNo;
  m_title->setText(tr("Weigh box <b>%1</b> for its carrier label").arg(boxNo));
  m_grams->setValue(0);
  show();
  m_grams->setFocus();
  m_grams->selectAll();
}

void BoxWeightPanel::submit()
{
  if (!isVisible() || m_grams->value() <= 0)
    return;
  const int grams = m_grams->value();
  hide();
  m_controller.enterBoxWeight(m_boxNo, grams); // may ask again (weightRequested) for the next box
}

void BoxWeightPanel::keyPressEvent(QKeyEvent *event)
{
  if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
    submit();
    return;
  }
  QFrame::keyPressEvent(event);
}

} // namespace pb::ui
