// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/statusbanner.h"

namespace pb::ui {

StatusBanner::StatusBanner(QWidget *parent)
    : QLabel(parent)
{
  setObjectName(QStringLiteral("statusBanner"));
  setAlignment(Qt::AlignCenter);
  setMinimumHeight(96);
  QFont big = font();
  big.setPointSize(28);
  big.setBold(true);
  setFont(big);
  setWordWrap(true);
  show(Tone::Neutral, {});
}

StatusBanner::~StatusBanner() = default;

void StatusBanner::show(Tone tone, const QString &text)
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
  setTextFormat(Qt::PlainText);
  setText(text);
  setAccessibleName(text);
  m_headline = text;
  m_hint.clear();
}

void StatusBanner::show(Tone tone, const QString &text, const QString &hint)
{
  show(tone, text);
  if (hint.isEmpty())
    return;
  setTextFormat(Qt::RichText);
  setText(QStringLiteral("%1<div style=\"font-size:16pt; font-weight:normal;\">%2</div>")
              .arg(text.toHtmlEscaped(), hint.toHtmlEscaped()));
  setAccessibleName(text + QStringLiteral(". ") + hint);
  m_hint = hint;
}

} // namespace pb::ui
