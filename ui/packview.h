// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/packing/packsession.h"

#include <QWidget>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSpinBox;
class QTableView;

namespace pb::station {
class StationController;
}

namespace pb::ui {

class BoxWeightPanel;
class CustomerTextLabel;
class FeedbackSounds;
class PackLinesModel;
class StatusBanner;

// The screen a packer works in: the order, its lines, progress, and a banner readable from three
// metres. It shows the controller's pack session; its keys and panels ask the controller to act.
class PackView final : public QWidget {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(PackView)

public:
  PackView(const Clock &clock, FeedbackSounds &sounds, station::StationController &controller,
           QWidget *parent = nullptr);
  ~PackView() override;

  // The session to show (owned by the controller); null: none.
  void setSession(packing::PackSession *session);
  packing::PackSession *session() const { return m_session; }
  StatusBanner *banner() const { return m_banner; }
  PackLinesModel *linesModel() const { return m_model; }
  // A lead's badge scanned while the manual-quantity panel is open: selects the lead, asks for the PIN.
  void leadBadgeScanned(const QString &badgeId);

public Q_SLOTS:
  void showManualEntry();
  void showHoldPanel();
  void showPartialPanel();

protected:
  void keyPressEvent(QKeyEvent *event) override;

private:
  enum class Keys { Packing, AwaitingLabels, Finished };
  void showKeys(Keys keys); // the keys that act now
  void toggleWholeNote();   // F3: a cut order note or gift message shown whole, or fitted again
  enum class ReasonMode { Hold, Partial };

  void buildUi();
  void buildPanels();
  void showFeedback(const packing::ScanFeedback &feedback);
  QString itemsToGo(int left) const; // "2 items to go", or F9 once every item is verified
  void showRefusal(const QString &text);
  void showReady();
  void updateHeader();
  void updateProgress();
  // Carrier labels scanned at the bench (packviewtracking.cpp).
  void showTrackingFeedback(const packing::ScanFeedback &feedback);
  QString trackingRefusalHint(const packing::ScanFeedback &feedback) const;
  void updateTrackingLabel();
  void closePanels();
  void submitManual();
  void submitReason();
  int currentRow() const;

  const Clock &m_clock;
  FeedbackSounds &m_sounds;
  station::StationController &m_controller;
  packing::PackSession *m_session = nullptr;
  ReasonMode m_reasonMode = ReasonMode::Hold;

  QLabel *m_orderLabel = nullptr;
  QLabel *m_detailsLabel = nullptr;
  CustomerTextLabel *m_noteLabel = nullptr;
  CustomerTextLabel *m_giftLabel = nullptr;
  QLabel *m_trackingLabel = nullptr; // each box's tracking number and carrier
  StatusBanner *m_banner = nullptr;
  BoxWeightPanel *m_weightPanel = nullptr;
  QProgressBar *m_progress = nullptr;
  QLabel *m_boxLabel = nullptr;
  QTableView *m_table = nullptr;
  PackLinesModel *m_model = nullptr;
  QLabel *m_keysLabel = nullptr;

  QFrame *m_manualPanel = nullptr;
  QLabel *m_manualTitle = nullptr;
  QSpinBox *m_manualQuantity = nullptr;
  QComboBox *m_manualReason = nullptr;
  QLineEdit *m_manualApprover = nullptr;
  QLineEdit *m_manualPin = nullptr; // the lead's PIN: the central database checks badge and PIN

  QFrame *m_reasonPanel = nullptr;
  QLabel *m_reasonTitle = nullptr;
  QComboBox *m_reasonCombo = nullptr;
};

} // namespace pb::ui
