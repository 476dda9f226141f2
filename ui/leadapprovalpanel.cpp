// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/leadapprovalpanel.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace pb::ui {

LeadApprovalPanel::LeadApprovalPanel(QWidget *parent)
    : QFrame(parent)
{
  setObjectName(QStringLiteral("leadPanel"));
  setStyleSheet(QStringLiteral("QFrame#leadPanel { border: 3px solid #a35200; border-radius: 8px; "
                               "background: #fff3e0; } QLabel, QLineEdit, QPushButton { font-size: 15pt; }"));
  auto *layout = new QGridLayout(this);
  m_question = new QLabel(this);
  m_question->setTextFormat(Qt::PlainText); // it names the shop's order
  m_question->setObjectName(QStringLiteral("leadQuestion"));
  m_question->setWordWrap(true);
  layout->addWidget(m_question, 0, 0, 1, 5);
  auto *badgeLabel = new QLabel(tr("Lead &badge:"), this);
  m_badge = new QLineEdit(this);
  m_badge->setObjectName(QStringLiteral("leadBadge"));
  m_badge->setAccessibleName(tr("Lead badge"));
  m_badge->setPlaceholderText(tr("scan lead badge"));
  badgeLabel->setBuddy(m_badge);
  auto *pinLabel = new QLabel(tr("&PIN:"), this);
  m_pin = new QLineEdit(this);
  m_pin->setObjectName(QStringLiteral("leadPin"));
  m_pin->setAccessibleName(tr("Lead PIN"));
  m_pin->setEchoMode(QLineEdit::Password);
  pinLabel->setBuddy(m_pin);
  auto *confirm = new QPushButton(tr("Approve"), this);
  confirm->setObjectName(QStringLiteral("leadConfirm"));
  layout->addWidget(badgeLabel, 1, 0);
  layout->addWidget(m_badge, 1, 1);
  layout->addWidget(pinLabel, 1, 2);
  layout->addWidget(m_pin, 1, 3);
  layout->addWidget(confirm, 1, 4);
  m_problem = new QLabel(this);
  m_problem->setTextFormat(Qt::PlainText);
  m_problem->setObjectName(QStringLiteral("leadProblem"));
  m_problem->setStyleSheet(QStringLiteral("QLabel { color: #a4000f; font-weight: bold; }"));
  layout->addWidget(m_problem, 2, 0, 1, 5);
  connect(m_badge, &QLineEdit::returnPressed, m_pin, qOverload<>(&QWidget::setFocus));
  connect(m_pin, &QLineEdit::returnPressed, this, &LeadApprovalPanel::submit);
  connect(confirm, &QPushButton::clicked, this, &LeadApprovalPanel::submit);
  setTabOrder(m_badge, m_pin);
  setTabOrder(m_pin, confirm);
  hide();
}

LeadApprovalPanel::~LeadApprovalPanel() = default;

void LeadApprovalPanel::ask(const QString &question)
{
  m_question->setText(question);
  m_problem->clear();
  m_badge->clear();
  m_pin->clear();
  show();
  m_badge->setFocus();
}

void LeadApprovalPanel::badgeScanned(const QString &badgeId)
{
  m_badge->setText(badgeId);
  m_problem->clear();
  m_pin->setFocus();
}

void LeadApprovalPanel::refuse(const QString &why)
{
  m_problem->setText(why);
  m_pin->clear();
  (m_badge->text().trimmed().isEmpty() ? m_badge : m_pin)->setFocus();
}

QString LeadApprovalPanel::question() const
{
  return m_question->text();
}

void LeadApprovalPanel::submit()
{
  if (m_badge->text().trimmed().isEmpty()) {
    refuse(tr("Scan a lead badge first"));
    return;
  }
  if (m_pin->text().isEmpty()) { // a badge alone approves nothing
    m_problem->setText(tr("Type the lead's PIN"));
    m_pin->setFocus();
    return;
  }
  Q_EMIT approvalGiven(m_badge->text().trimmed(), m_pin->text());
}

void LeadApprovalPanel::keyPressEvent(QKeyEvent *event)
{
  if (event->key() == Qt::Key_Escape) {
    hide();
    Q_EMIT cancelled();
    return;
  }
  QFrame::keyPressEvent(event);
}

} // namespace pb::ui
