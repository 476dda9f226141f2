// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace pb::ui {

// A customer's or merchant's words on the pack screen (the order note, the gift message): shown as plain text,
// never as markup, and never taller than a few lines, so that a long note cannot push the order's lines off the
// screen. The font shrinks first; what still does not fit is cut, and the label says how to see all of it.
class CustomerTextLabel final : public QLabel {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(CustomerTextLabel)

public:
  static constexpr int kMaxLines = 5; // of the label's own font size: the height it may take

  CustomerTextLabel(const QString &objectName, int pointSize, bool bold, QWidget *parent = nullptr);
  ~CustomerTextLabel() override;

  void setCustomerText(const QString &text);
  bool isCut() const { return m_cut; } // the label shows only the start of the text
  // All of the text, however tall (F3 on the pack screen); back to fitted with false or the next setCustomerText.
  void showWhole(bool whole);
  bool showsWhole() const { return m_whole; }
  int maxTextHeight() const;

protected:
  void resizeEvent(QResizeEvent *event) override;

private:
  void fit();
  bool fits(const QFont &font, const QString &text, int width) const;

  QString m_text;
  int m_pointSize;
  int m_fittedWidth = -1;
  bool m_cut = false;
  bool m_whole = false;
};

} // namespace pb::ui
