// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/customertextlabel.h"

#include <QFontMetrics>
#include <QResizeEvent>

namespace pb::ui {

namespace {
constexpr int kPadding = 6;            // the style sheets' padding per side; counted twice, the fit is only safer
constexpr double kSmallestFont = 0.75; // of the label's own size: still readable at arm's length
} // namespace

CustomerTextLabel::CustomerTextLabel(const QString &objectName, int pointSize, bool bold, QWidget *parent)
    : QLabel(parent)
    , m_pointSize(pointSize)
{
  setObjectName(objectName);
  setTextFormat(Qt::PlainText); // "<b>" in a note is what the customer typed, not markup
  setWordWrap(true);
  QFont f = font();
  f.setPointSize(pointSize);
  f.setBold(bold);
  setFont(f);
}

CustomerTextLabel::~CustomerTextLabel() = default;

void CustomerTextLabel::setCustomerText(const QString &text)
{
  m_text = text;
  m_whole = false;
  m_fittedWidth = -1;
  fit();
}

void CustomerTextLabel::showWhole(bool whole)
{
  m_whole = whole;
  m_fittedWidth = -1;
  fit();
}

void CustomerTextLabel::resizeEvent(QResizeEvent *event)
{
  QLabel::resizeEvent(event);
  if (event->size().width() != m_fittedWidth)
    fit();
}

int CustomerTextLabel::maxTextHeight() const
{
  QFont f = font();
  f.setPointSize(m_pointSize);
  return kMaxLines * QFontMetrics(f).lineSpacing(); // at a smaller size, more lines fit in the same height
}

bool CustomerTextLabel::fits(const QFont &f, const QString &text, int width) const
{
  const QRect needed = QFontMetrics(f).boundingRect(QRect(0, 0, width, 1 << 20), Qt::TextWordWrap, text);
  return needed.height() <= maxTextHeight();
}

void CustomerTextLabel::fit()
{
  const int width = contentsRect().width() - 2 * kPadding;
  QFont f = font();
  f.setPointSize(m_pointSize);
  m_cut = false;
  if (width < 100 || m_whole) { // not laid out yet (the first resize fits it), or asked for whole
    setFont(f);
    setText(m_text);
    return;
  }
  m_fittedWidth = size().width();
  const int smallest = qMax(9, int(m_pointSize * kSmallestFont));
  for (int points = m_pointSize; points >= smallest; --points) {
    f.setPointSize(points);
    if (fits(f, m_text, width)) {
      setFont(f);
      setText(m_text);
      return;
    }
  }
  // Still too long at the smallest size: the longest start that fits, cut at a word.
  const QString more = tr("… (cut here: F3 shows all of it)");
  qsizetype low = 0;
  qsizetype high = m_text.size();
  while (low < high) {
    const qsizetype mid = (low + high + 1) / 2;
    if (fits(f, m_text.left(mid) + more, width))
      low = mid;
    else
      high = mid - 1;
  }
  qsizetype cutAt = m_text.lastIndexOf(QLatin1Char(' '), low);
  if (cutAt < low / 2)
    cutAt = low;
  m_cut = true;
  setFont(f);
  setText(m_text.left(cutAt).trimmed() + more);
}

} // namespace pb::ui
