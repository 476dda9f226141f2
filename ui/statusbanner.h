// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace pb::ui {

// The large, high-contrast line at the top a packer can read from three metres.
class StatusBanner final : public QLabel {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(StatusBanner)

public:
  enum class Tone { Neutral, Good, Warning, Error };

  explicit StatusBanner(QWidget *parent = nullptr);
  ~StatusBanner() override;

  void show(Tone tone, const QString &text);
  // A headline with a smaller line under it saying what to do next.
  void show(Tone tone, const QString &text, const QString &hint);
  const QString &headline() const { return m_headline; }
  const QString &hint() const { return m_hint; } // the smaller line; empty when none
  Tone tone() const { return m_tone; }

  // For a banner whose height is fixed (the pack screen's): a headline too long for it is set smaller (28 pt down to
  // 16 pt) rather than cut off at the bottom with its hint. A banner in a layout grows instead; leave it off there.
  void setShrinksToFit(bool shrinks);

protected:
  void resizeEvent(QResizeEvent *event) override;

private:
  void fitToHeight();

  bool m_shrinksToFit = false;
  Tone m_tone = Tone::Neutral;
  QString m_headline;
  QString m_hint;
};

} // namespace pb::ui
