// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: what the packer is told when the bench's work on an order is refused for good. The refusal
// itself only says the claim no longer holds; where the order stands now says what to do with the items: a
// cancelled order's go back to the shelf, an edited one is packed again from the start.
#include "core/station/orderstanding.h"
#include "core/station/stationcontroller.h"

namespace pb::station {

std::optional<std::pair<QString, QString>> StationController::whyNoLongerOurs(Refused what)
{
  if (!m_order)
    return std::nullopt;
  return whyNoLongerOurs(*m_order, m_session ? m_session->header().orderName : QString(), what);
}

std::pair<QString, QString> StationController::refusalWording(Refused what, const QString &text, const QString &hint)
{
  return whyNoLongerOurs(what).value_or(std::pair{text, hint});
}

std::optional<std::pair<QString, QString>> StationController::whyNoLongerOurs(const packing::ClaimedOrder &order,
                                                                              const QString &name, Refused what)
{
  auto standing = orderStanding(m_db, order);
  if (!standing) {
    noteDatabaseError(standing.error());
    return std::nullopt;
  }
  const QString subject = name.isEmpty() ? tr("This order") : tr("Order %1").arg(name);
  if (standing->kind == OrderStanding::Kind::Cancelled) {
    const QString headline = what == Refused::Hold     ? tr("%1 was cancelled — NOT put on hold")
                             : what == Refused::Finish ? tr("%1 was cancelled — NOT recorded as packed")
                                                       : tr("%1 was cancelled — stop packing it");
    return std::pair{headline.arg(subject), tr("Put its items back on the shelf: it does not ship")};
  }
  if (standing->kind == OrderStanding::Kind::Edited) {
    const QString headline = what == Refused::Hold     ? tr("%1 changed — NOT put on hold")
                             : what == Refused::Finish ? tr("%1 changed — NOT recorded as packed")
                                                       : tr("%1 changed — stop packing it");
    return std::pair{headline.arg(subject), tr("Put its items back: it is packed again from the start")};
  }
  return std::nullopt;
}

QString StationController::whyOfflinePackRefused(const packing::ClaimedOrder &order, const QString &name,
                                                 const QString &otherwise)
{
  auto standing = orderStanding(m_db, order);
  if (!standing)
    noteDatabaseError(standing.error());
  if (!standing || name.isEmpty())
    return otherwise;
  if (standing->kind == OrderStanding::Kind::Cancelled) // packed and closed offline: the box is opened again
    return tr("Order %1 was cancelled meanwhile: its box does not ship. Unpack it and put the items back on the shelf")
        .arg(name);
  if (standing->kind == OrderStanding::Kind::Edited)
    return tr("Order %1 changed meanwhile: set its box aside for the lead; the order is packed again from the start")
        .arg(name);
  return otherwise;
}

} // namespace pb::station
