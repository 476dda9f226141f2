// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/packing/packers.h"

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace pb::ui {

class StatusBanner;

// Who is at the bench: a scanned or typed badge selects the packer, their PIN signs them in.
class SignInView final : public QWidget {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(SignInView)

public:
  explicit SignInView(QWidget *parent = nullptr);
  ~SignInView() override;

  // A badge scanned while this screen shows: fills the badge and asks for the PIN (it signs nobody in).
  void badgeScanned(const QString &badgeId);
  // Shown when the station locked itself or the packer signed out.
  void reset(const QString &reason = {});
  // The badge and PIN were not accepted: says why (detail: the check's own reason, e.g. a lockout).
  void refuse(const QString &why, const QString &detail = {});
  StatusBanner *banner() const { return m_banner; }

Q_SIGNALS:
  void signInRequested(const QString &badgeId, const QString &pin);

private:
  void submit();

  StatusBanner *m_banner = nullptr;
  QLineEdit *m_badge = nullptr;
  QLineEdit *m_pin = nullptr;
  QPushButton *m_signIn = nullptr;
};

} // namespace pb::ui

Q_DECLARE_METATYPE(pb::packing::Packer)
