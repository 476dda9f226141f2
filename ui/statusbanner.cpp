// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/statusbanner.h"

namespace pb::ui {

namespace {
constexpr int kHeadlinePoints = 28;
constexpr int kSmallestHeadlinePoints = 16;
} // namespace

StatusBanner::StatusBanner(QWidget *parent)
    : QLabel(parent)
{
  setObjectName(QStringLiteral("statusBanner"));
  setAlignment(Qt::AlignCenter);
  setMinimumHeight(96);
  QFont big = font();
  big.setPointSize(kHeadlinePoints);
  big.setBold(true);
  setFont(big);
  setWordWrap(true);
  show(Tone::Neutral, {});
}

StatusBanner::~StatusBanner() = default;

void StatusBanner::show(Tone tone, const QString &text)
{
  show(tone, text, QString());
}

void StatusBanner::show(Tone tone, const QString &text, const QString &hint)
{
  m_tone = tone;
  // Colours chosen for contrast ≥ 7:1 with white text (WCAG AAA).
  const char *background = "#2b3440";
  switch (tone) {
  case Tone::Good: background = "#14632d"; break;
  case Tone::Warning: background = "#8a4b00"; break;
  case Tone::Error: background = "#a01212"; break;
  case Tone::Neutral: break;
  }
  const QString style = QStringLiteral("QLabel { background: %1; color: white; border-radius: 6px; padding: 12px; }")
                            .arg(QLatin1String(background));
  if (style != styleSheet()) // re-polishing costs milliseconds: only when the colour changes
    setStyleSheet(style);
  m_headline = text;
  m_hint = hint;
  if (hint.isEmpty()) {
    setTextFormat(Qt::PlainText);
    setText(text);
    setAccessibleName(text);
  } else {
    setTextFormat(Qt::RichText);
    setText(QStringLiteral("%1<div style=\"font-size:16pt; font-weight:normal;\">%2</div>")
                .arg(text.toHtmlEscaped(), hint.toHtmlEscaped()));
    setAccessibleName(text + QStringLiteral(". ") + hint);
  }
  fitToHeight();
}

void StatusBanner::setShrinksToFit(bool shrinks)
{
  m_shrinksToFit = shrinks;
  fitToHeight();
}

void StatusBanner::resizeEvent(QResizeEvent *event)
{
  QLabel::resizeEvent(event);
  fitToHeight();
}

void StatusBanner::fitToHeight()
{
  if (!m_shrinksToFit || width() <= 0)
    return;
  // Measured once per text when the headline fits at its full size (every scan sets the banner).
  QFont headline = font();
  if (headline.pointSize() != kHeadlinePoints) {
    headline.setPointSize(kHeadlinePoints);
    setFont(headline);
  }
  while (heightForWidth(width()) > height() && headline.pointSize() > kSmallestHeadlinePoints) {
    headline.setPointSize(headline.pointSize() - 2);
    setFont(headline);
  }
}

} // namespace pb::ui
