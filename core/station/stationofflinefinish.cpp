// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController finishing the held order while the central database is away (issue #15): the completion is
// journaled after the scans and lands with them in the replay's one transaction, through the same finish as online;
// the slip and house labels print at once from the snapshot (stationofflineprint.cpp).
#include "core/db/sql.h"
#include "core/station/offlinejournal.h"
#include "core/station/stationcontroller.h"

#include <QLoggingCategory>
#include <QTimer>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcOfflineFinish, "packbench.core.station.stationofflinefinish")

} // namespace

bool StationController::journalLeavingBench(const QString &kind, QJsonObject event, const QString &notKept)
{
  event.insert(QStringLiteral("fo"), m_order->fulfillmentOrderId);
  event.insert(QStringLiteral("claim"), *m_order->claimId);
  event.insert(QStringLiteral("version"), m_order->orderVersion);
  if (Status kept = m_settings.offlineJournal->append(QUuid::createUuid(), kind, event, m_clock.nowUtc()); !kept) {
    qCWarning(lcOfflineFinish).noquote() << kind << "not journaled:" << kept.error().message;
    // Later: the session's own feedback follows this signal and would cover it.
    QTimer::singleShot(0, this, [this, notKept]() {
      say(Notice::Where::Pack, Tone::Error, notKept, tr("Keep the box on the bench and call the lead"), Cue::Unknown);
    });
    return false;
  }
  return true;
}

void StationController::finishOffline(bool partial)
{
  const bool labels = carrierLabelsOn();
  const QString orderName = m_session->header().orderName;
  if (!journalLeavingBench(packing::kJournalComplete,
                           {{QStringLiteral("labels"), labels}, {QStringLiteral("partial"), partial}},
                           tr("Complete — but NOT kept at this bench")))
    return;
  m_finishedOffline = true;
  qCInfo(lcOfflineFinish) << "fulfillment order" << m_order->fulfillmentOrderId << "completed offline"
                          << (partial ? "(a partial shipment)" : "")
                          << (labels ? "(carrier labels once it has landed)" : "");
  if (m_settings.printer && m_settings.autoPrint)
    printOffline();
  // Later: the session's own COMPLETE feedback follows this signal and would cover it.
  QTimer::singleShot(0, this, [this, orderName, labels]() {
    if (!m_finishedOffline)
      return;
    say(Notice::Where::Pack, Tone::Warning, tr("Packed offline — will be sent when the database is back"),
        labels ? tr("Order %1: its carrier label is bought and printed once the database is back. Keep the box on "
                    "the bench.")
                     .arg(orderName)
        : canOpenPrefetchedOffline()
            ? tr("Order %1: keep the box with its slip. F8 takes the next order, kept for this bench.").arg(orderName)
            : tr("Order %1: keep the box with its slip. The next order is taken once the database is back.")
                  .arg(orderName));
  });
}

void StationController::holdOffline(const QString &reason)
{
  const QString orderName = m_session->header().orderName;
  if (!journalLeavingBench(packing::kJournalHold, {{QStringLiteral("reason"), reason}},
                           tr("On hold — but NOT kept at this bench")))
    return;
  m_finishedOffline = true;
  m_heldOffline = true;
  qCInfo(lcOfflineFinish) << "fulfillment order" << m_order->fulfillmentOrderId << "put on hold offline";
  // Later: the session's own HOLD feedback follows this signal and would cover it.
  QTimer::singleShot(0, this, [this, orderName]() {
    if (!m_heldOffline)
      return;
    say(Notice::Where::Pack, Tone::Warning, tr("On hold offline — recorded when the database is back"),
        canOpenPrefetchedOffline()
            ? tr("Order %1: set the box aside for the lead. F8 takes the next order, kept for this bench.")
                  .arg(orderName)
            : tr("Order %1: set the box aside for the lead. The next order is taken once the database is back.")
                  .arg(orderName));
  });
}

void StationController::settleFinishedOffline(const packing::ClaimedOrder &order, const Replayed &replayed)
{
  m_finishedOffline = false;
  m_heldOffline = false;
  m_session->setOfflineJournal(nullptr);
  if (replayed.held) { // on hold now: the box waits for the lead, the bench takes the next order
    const QString name = m_session->header().orderName;
    m_keepAlive->stop();
    closeSession();
    m_order.reset();
    showQueue();
    say(Notice::Where::Queue, Tone::Neutral, tr("Order %1 is on hold — recorded").arg(name),
        tr("Its box waits for the lead · F8 takes the next order"));
    return;
  }
  if (replayed.labelsFirst) { // the hub buys them now; the pack is recorded once they have printed
    m_keepAlive->start();
    startLabels(replayed.partial);
    return;
  }
  if (!replayed.completed) { // nothing of it was journaled: the packer completes it again, online
    openOrder(order);
    return;
  }
  if (auto waiting = m_settings.offlineJournal->pendingCount(); waiting && *waiting == 0)
    (void)m_settings.offlineJournal->clearHeldOrder();
  m_lastFinished = order.fulfillmentOrderId;
  say(Notice::Where::Pack, Tone::Good, tr("✔ ORDER %1 COMPLETE — recorded").arg(m_session->header().orderName),
      tr("Packed offline and recorded now that the database is back · F8 takes the next order"));
  Q_EMIT orderFinished(order, replayed.partial);
}

} // namespace pb::station
