// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/signinview.h"

#include "ui/statusbanner.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pb::ui {

SignInView::SignInView(QWidget *parent)
    : QWidget(parent)
{
  setObjectName(QStringLiteral("signInView"));
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(24);
  m_banner = new StatusBanner(this);
  m_banner->setObjectName(QStringLiteral("signInBanner"));
  m_banner->setMinimumHeight(160);
  layout->addWidget(m_banner);

  auto *box = new QWidget(this);
  box->setMaximumWidth(620);
  box->setStyleSheet(QStringLiteral("QLabel, QLineEdit, QPushButton { font-size: 18pt; } "
                                    "QLineEdit { padding: 6px; border: 2px solid #2b3440; border-radius: 4px; } "
                                    "QLineEdit:focus { border: 3px solid #1a5fb4; }"));
  auto *form = new QFormLayout(box);
  form->setSpacing(14);
  auto *or_ = new QLabel(tr("No badge? Type your badge number and PIN:"), this);
  or_->setStyleSheet(QStringLiteral("QLabel { font-size: 16pt; color: #2b3440; }"));
  layout->addWidget(or_, 0, Qt::AlignHCenter);
  m_badge = new QLineEdit(box);
  m_badge->setObjectName(QStringLiteral("badgeEdit"));
  m_badge->setAccessibleName(tr("Badge number"));
  m_badge->setPlaceholderText(tr("e.g. PB-1001"));
  form->addRow(tr("&Badge:"), m_badge);
  m_pin = new QLineEdit(box);
  m_pin->setObjectName(QStringLiteral("pinEdit"));
  m_pin->setAccessibleName(tr("PIN"));
  m_pin->setEchoMode(QLineEdit::Password);
  m_pin->setMaxLength(12);
  form->addRow(tr("&PIN:"), m_pin);
  m_signIn = new QPushButton(tr("&Sign in"), box);
  m_signIn->setObjectName(QStringLiteral("signInButton"));
  form->addRow(QString(), m_signIn);
  layout->addWidget(box, 0, Qt::AlignHCenter);
  layout->addStretch(1);

  setTabOrder(m_badge, m_pin);
  setTabOrder(m_pin, m_signIn);
  setFocusProxy(m_badge);
  connect(m_signIn, &QPushButton::clicked, this, &SignInView::submit);
  connect(m_pin, &QLineEdit::returnPressed, this, &SignInView::submit);
  connect(m_badge, &QLineEdit::returnPressed, this, [this]() { m_pin->setFocus(); });
  reset();
}

SignInView::~SignInView() = default;

void SignInView::reset(const QString &reason)
{
  m_banner->show(StatusBanner::Tone::Neutral, tr("Scan your badge, then type your PIN"), reason);
  m_badge->clear();
  m_pin->clear();
  m_badge->setFocus();
}

void SignInView::badgeScanned(const QString &badgeId)
{
  // A badge is half of the credential: it only says who is signing in, the PIN proves it.
  m_badge->setText(badgeId);
  m_pin->clear();
  m_pin->setFocus();
  m_banner->show(StatusBanner::Tone::Neutral, tr("Badge %1 · type your PIN and press Enter").arg(badgeId),
                 tr("Not your badge? Scan yours"));
}

void SignInView::submit()
{
  if (m_badge->text().trimmed().isEmpty()) {
    m_badge->setFocus();
    return;
  }
  if (m_pin->text().isEmpty()) {
    m_pin->setFocus();
    return;
  }
  const QString pin = m_pin->text();
  m_pin->clear();
  m_pin->setFocus(); // where a refused PIN is typed again
  Q_EMIT signInRequested(m_badge->text().trimmed(), pin);
}

void SignInView::refuse(const QString &why, const QString &detail)
{
  const QString again = tr("Scan your badge or type its number, then type your PIN");
  QString reason = detail;
  if (!reason.isEmpty())
    reason[0] = reason[0].toUpper();
  m_banner->show(StatusBanner::Tone::Error, why, reason.isEmpty() ? again : reason + u" · " + again);
}

} // namespace pb::ui
