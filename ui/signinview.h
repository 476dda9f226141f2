// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/packing/packers.h"

#include <QSqlDatabase>
#include <QWidget>

class QLineEdit;
class QPushButton;

namespace pb::ui {

class StatusBanner;

// Who is at the bench: sign in by scanning a badge, or by badge number and PIN.
class SignInView final : public QWidget {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(SignInView)

public:
  explicit SignInView(QSqlDatabase db, QWidget *parent = nullptr);
  ~SignInView() override;

  // Called when a badge is scanned while this screen shows.
  void badgeScanned(const QString &badgeId);
  // Shown when the station locked itself or the packer signed out.
  void reset(const QString &reason = {});
  StatusBanner *banner() const { return m_banner; }

Q_SIGNALS:
  void signedIn(const pb::packing::Packer &packer);

private:
  void signInWithPin();
  void refuse(const QString &why);

  QSqlDatabase m_db;
  StatusBanner *m_banner = nullptr;
  QLineEdit *m_badge = nullptr;
  QLineEdit *m_pin = nullptr;
  QPushButton *m_signIn = nullptr;
};

} // namespace pb::ui

Q_DECLARE_METATYPE(pb::packing::Packer)
