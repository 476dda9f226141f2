// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QSpinBox;

namespace pb::station {
class StationController;
}

namespace pb::ui {

// The box's weight, typed in grams (or sent by a scale as keystrokes) when a carrier label needs it: Enter gives it
// to the controller, which asks the hub for the label with it. The hub never guesses a weight.
class BoxWeightPanel final : public QFrame {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(BoxWeightPanel)

public:
  explicit BoxWeightPanel(station::StationController &controller, QWidget *parent = nullptr);
  ~BoxWeightPanel() override;

  // Shows the panel for box boxNo with the cursor in the weight field.
  void ask(int boxNo);
  int boxNo() const { return m_boxNo; }

protected:
  void keyPressEvent(QKeyEvent *event) override;

private:
  void submit();

  station::StationController &m_controller;
  QLabel *m_title = nullptr;
  QSpinBox *m_grams = nullptr;
  int m_boxNo = 0;
};

} // namespace pb::ui
