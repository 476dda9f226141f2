// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QLineEdit;

namespace pb::ui {

// Asks for a lead's approval at the bench: scan (or type) the lead badge, type the PIN, Enter. It only
// collects (both are needed); StationController checks them (packing::approveAsLead) and acts.
class LeadApprovalPanel final : public QFrame {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(LeadApprovalPanel)

public:
  explicit LeadApprovalPanel(QWidget *parent = nullptr);
  ~LeadApprovalPanel() override;

  // Shows the panel with what the lead is asked to approve, and clears both fields.
  void ask(const QString &question);
  // A badge scanned while the panel shows: fills the badge and moves on to the PIN.
  void badgeScanned(const QString &badgeId);
  // Approval refused: says why, clears the PIN and asks again.
  void refuse(const QString &why);
  QString question() const;

Q_SIGNALS:
  void approvalGiven(const QString &badgeId, const QString &pin);
  void cancelled();

protected:
  void keyPressEvent(QKeyEvent *event) override;

private:
  void submit();

  QLabel *m_question = nullptr;
  QLabel *m_problem = nullptr;
  QLineEdit *m_badge = nullptr;
  QLineEdit *m_pin = nullptr;
};

} // namespace pb::ui
