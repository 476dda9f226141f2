// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PackView and carrier labels printed elsewhere: the banner for a scanned tracking number, and the line that
// shows each box's tracking number and carrier.
#include "ui/feedbacksounds.h"
#include "ui/packview.h"
#include "ui/statusbanner.h"

#include <QLabel>

namespace pb::ui {

using packing::Outcome;
using Cue = FeedbackSounds::Cue;

void PackView::showTrackingFeedback(const packing::ScanFeedback &f)
{
  const int left = f.remaining;
  switch (f.outcome) {
  case Outcome::TrackingAttached:
    m_banner->show(StatusBanner::Tone::Good, tr("✔ %1 label %2 on box %3").arg(f.company, f.code).arg(f.box),
                   !f.detail.isEmpty() ? tr("Already on this box · %1").arg(itemsToGo(left))
                   : m_session->isOffline()
                       ? tr("Kept at this bench until the database is back · %1").arg(itemsToGo(left))
                       : itemsToGo(left));
    m_sounds.play(Cue::Good);
    break;
  case Outcome::TrackingRefused:
    m_banner->show(StatusBanner::Tone::Error, tr("✖ LABEL NOT ATTACHED: %1 %2").arg(f.company, f.code),
                   trackingRefusalHint(f));
    m_sounds.play(Cue::WrongItem);
    break;
  default: break;
  }
}

QString PackView::trackingRefusalHint(const packing::ScanFeedback &f) const
{
  const QMap<int, packing::BoxTracking> &boxes = m_session->boxTracking();
  if (const auto here = boxes.constFind(f.box); here != boxes.cend() && here->number != f.code)
    return tr("Box %1 already has %2 %3 — press F6 to start a new box for this label")
        .arg(f.box)
        .arg(here->company, here->number);
  for (const packing::BoxTracking &other : boxes) {
    if (other.number == f.code)
      return tr("That label is already on box %1").arg(other.boxNo);
    if (other.company != f.company)
      return tr("Box %1 ships with %2: all boxes of an order go with one carrier").arg(other.boxNo).arg(other.company);
  }
  return tr("The database did not take it — scan it again; call the lead if this repeats");
}

void PackView::updateTrackingLabel()
{
  QStringList boxes;
  for (const packing::BoxTracking &box : m_session->boxTracking())
    boxes.append(tr("Box %1: %2 %3").arg(box.boxNo).arg(box.company, box.number));
  m_trackingLabel->setText(tr("Tracking — %1").arg(boxes.join(QStringLiteral("  ·  "))));
  m_trackingLabel->setVisible(!boxes.isEmpty());
}

} // namespace pb::ui
