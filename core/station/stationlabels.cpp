// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: carrier labels. A complete order asks the hub for each box's label (the box's weight first,
// never guessed), shows "Buying label…" while the hub buys, prints each label as it arrives through the journaled
// printer, and is recorded as packed only when every box has its label. A carrier that is down leaves the order
// waiting at the bench with the packer told; F9 asks again, F4 puts it on hold for the lead.
#include "core/station/stationcontroller.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcLabels, "packbench.core.station.stationlabels")

constexpr qint64 kMarkWithoutOutcomeMs = 10000; // longer than a raw send's connect and stall limits

const BoxLabel *labelOfBox(const QList<BoxLabel> &labels, int boxNo)
{
  for (const BoxLabel &label : labels) {
    if (label.boxNo == boxNo)
      return &label;
  }
  return nullptr;
}
} // namespace

bool StationController::carrierLabelsOn() const
{
  return !m_settings.carrierLabelFormat.isEmpty() && m_settings.printer && m_settings.workflow &&
         m_settings.stationId && m_order && m_order->claimId;
}

void StationController::startLabels(bool partial)
{
  LabelWait wait;
  wait.partial = partial;
  wait.boxes = m_session ? std::max(1, m_session->boxesWithItems()) : 1;
  m_labelWait = wait;
  Q_EMIT labelsAwaited();
  qCInfo(lcLabels) << "fulfillment order" << m_order->fulfillmentOrderId << "waits for" << wait.boxes
                   << "carrier label(s)";
  // Later: the session that finished is still on the stack, and its COMPLETE feedback comes first.
  QTimer::singleShot(0, this, [this]() { continueLabels(false); });
}

void StationController::stopWaitingForLabels()
{
  m_labelWait.reset();
  m_labelPoll->stop();
}

void StationController::enterBoxWeight(int boxNo, int grams)
{
  if (!m_labelWait || !m_order || boxNo < 1 || boxNo > m_labelWait->boxes)
    return;
  if (grams < 1 || grams > 150000) {
    say(Notice::Where::Pack, Tone::Error, tr("Not a weight: %1 g").arg(grams),
        tr("Enter the box's weight in grams (1 g to 150 kg)"), Cue::Unknown);
    Q_EMIT weightRequested(boxNo);
    return;
  }
  m_labelWait->weighing = 0;
  if (askForLabel(boxNo, grams))
    continueLabels(false);
}

void StationController::askForWeight(int boxNo, const QString &refusal)
{
  m_labelPoll->stop();
  m_labelWait->weighing = boxNo;
  qCInfo(lcLabels) << "fulfillment order" << m_order->fulfillmentOrderId << "box" << boxNo
                   << (refusal.isEmpty() ? "weight asked" : "weight asked again: the carrier refused it");
  if (refusal.isEmpty())
    say(Notice::Where::Pack, Tone::Warning, tr("Weigh box %1").arg(boxNo),
        tr("A carrier label needs the box's weight: enter it in grams"), Cue::Notice);
  else
    say(Notice::Where::Pack, Tone::Error, tr("Weigh box %1 again").arg(boxNo),
        tr("%1 · enter its weight in grams · F4 puts the order on hold for the lead").arg(refusal), Cue::Unknown);
  Q_EMIT weightRequested(boxNo);
}

bool StationController::askForLabel(int boxNo, int grams)
{
  auto requested = carrierlabels::request(m_db, *m_order->claimId, *m_settings.stationId, m_order->fulfillmentOrderId,
                                          boxNo, m_settings.carrierLabelFormat, grams, m_order->signInToken);
  if (requested)
    return true;
  noteDatabaseError(requested.error());
  qCWarning(lcLabels).noquote() << "label not requested:" << requested.error().message;
  if (endedSignIn(requested.error())) { // the order stays at the bench; asked again once the packer is back
    m_labelPoll->stop();
    return false;
  }
  if (requested.error().kind == ErrorKind::InvalidInput) { // no weight on record, or a weight out of range
    askForWeight(boxNo, {});
  } else if (requested.error().kind == ErrorKind::Conflict) { // let its claim go now
    abandonRefused(requested.error());
  } else {
    say(Notice::Where::Pack, Tone::Error, tr("Database problem: the label could not be asked for"),
        tr("The order waits; press F9 to try again"), Cue::Unknown);
  }
  return false;
}

void StationController::abandonRefused(const Error &refusal)
{
  if (!m_order)
    return;
  // Unless cancelled or edited, the bench's claim is gone: the refusal says by what.
  const auto [text, hint] =
      refusalWording(Refused::Work, tr("This order was taken back — stop packing it"), refusal.message);
  releaseAndAbandon(*m_order, text, hint);
}

void StationController::continueLabels(bool retryFailed)
{
  if (!m_labelWait || !m_order || m_labelWait->weighing > 0)
    return;
  auto labels = carrierlabels::forOrder(m_db, m_order->fulfillmentOrderId);
  if (!labels) {
    noteDatabaseError(labels.error());
    qCWarning(lcLabels).noquote() << "labels not read:" << labels.error().message;
    m_labelPoll->start(); // read again shortly (or once the database is back)
    return;
  }
  bool waiting = false; // a label handed to the printer and not marked printed yet
  for (int box = 1; box <= m_labelWait->boxes; ++box) {
    const BoxLabel *label = labelOfBox(*labels, box);
    // Only this pack attempt's labels count: one of an earlier attempt is being voided by the hub.
    const bool ours = label && label->claimId == *m_order->claimId;
    const bool live = ours && (label->state == u"requested" || label->state == u"bought" || label->state == u"printed");
    // F9 asks again with the weight on record; a refused weight is typed again instead (below).
    const bool askAgain = ours && label->state == u"failed" &&
                          ((retryFailed && label->errorKind != u"needs_weight") || label->errorKind == u"cancelled");
    if (!live && (!ours || askAgain || label->state != u"failed")) {
      const auto weight = carrierlabels::boxWeight(m_db, m_order->fulfillmentOrderId, box);
      if (weight && !weight->has_value()) {
        askForWeight(box, {});
        return;
      }
      if (!askForLabel(box, 0))
        return;
      say(Notice::Where::Pack, Tone::Neutral, tr("Buying label…"),
          tr("Box %1 of %2 · the hub is buying it from the carrier").arg(box).arg(m_labelWait->boxes));
      m_labelPoll->start();
      return;
    }
    if (label->state == u"failed" && label->errorKind == u"needs_weight") {
      // The carrier would not take the weight (mistyped, or over its limit): the packer weighs the box again, and the
      // label is asked for with the new weight (enterBoxWeight). F9 would only send the same weight again.
      askForWeight(box, label->error);
      return;
    }
    if (label->state == u"failed") {
      m_labelPoll->stop();
      say(Notice::Where::Pack, Tone::Error, tr("No label for box %1: the carrier refused it").arg(box),
          tr("%1 · F9 asks again · F4 puts the order on hold for the lead").arg(label->error), Cue::Unknown);
      return;
    }
    if (label->state == u"requested") {
      if (label->errorKind == u"carrier_unavailable")
        say(Notice::Where::Pack, Tone::Warning, tr("Carrier not answering — buying the label as soon as it does"),
            tr("The order waits here and nothing is lost: keep box %1 on the bench, or F4 to put it on hold").arg(box),
            Cue::Notice);
      else if (label->errorKind == u"configuration")
        say(Notice::Where::Pack, Tone::Error, tr("No label yet: the carrier is not set up for this order"),
            tr("%1 · F4 puts the order on hold").arg(label->error), Cue::Notice);
      else
        say(Notice::Where::Pack, Tone::Neutral, tr("Buying label…"),
            tr("Box %1 of %2 · the hub is buying it from the carrier").arg(box).arg(m_labelWait->boxes));
      m_labelPoll->start();
      return;
    }
    if (label->state == u"bought") {
      const auto sent = m_labelWait->sent.find(label->requestId);
      if (sent != m_labelWait->sent.end()) {
        // Marked once the printer answers (labelJobEnded), or after a grace if it never does (a CUPS queue that hangs).
        const bool due = sent->answered || sent->since.elapsed() >= kMarkWithoutOutcomeMs;
        if (!sent->marked && due && !markLabelPrinted(label->requestId))
          return;
        waiting = waiting || !sent->marked;
        continue;
      }
      // ZPL raw to the label printer, PDF/PNG through CUPS; journaled, so a reprint sends these bytes again.
      const bool zpl = label->format == u"zpl";
      const auto format = zpl                       ? documents::PrintFormat::Zpl
                          : label->format == u"png" ? documents::PrintFormat::Png
                                                    : documents::PrintFormat::Pdf;
      auto job = m_settings.printer->printLabel(m_order->fulfillmentOrderId,
                                                zpl ? m_settings.labelPrinter : m_settings.labelPdfPrinter,
                                                label->bytes, format, carrierlabels::printReference(label->requestId));
      if (!job) {
        qCWarning(lcLabels).noquote() << "label not printed:" << job.error().message;
        m_labelPoll->stop();
        say(Notice::Where::Pack, Tone::Error, tr("Label bought but not printed"),
            tr("Check the label printer, then press F9 to print it again"), Cue::Unknown);
        return;
      }
      m_carrierLabelJobs.insert(*job, box);
      // The bytes go out before the label is marked printed and the pack recorded: a station stopped in between
      // finds the label still bought, its job journaled and its order claimed, so it prints the same bytes again and
      // records the pack then; nothing is lost and nothing bought twice.
      SentLabel sentLabel;
      sentLabel.jobId = *job;
      sentLabel.since.start();
      m_labelWait->sent.insert(label->requestId, sentLabel);
      waiting = true;
      Q_EMIT printJobsChanged();
      say(Notice::Where::Pack, Tone::Good,
          tr("Label sent to the printer · box %1 of %2").arg(box).arg(m_labelWait->boxes), {}, Cue::Notice);
    }
  }
  if (waiting) {
    m_labelPoll->start(); // the printer's answer goes on (labelJobEnded); the poll covers one that never comes
    return;
  }
  // Every box has its label: now the pack is recorded (and the fulfillment carries their tracking).
  const bool partial = m_labelWait->partial;
  const int boxes = m_labelWait->boxes;
  const QString name = m_session ? m_session->header().orderName : QString();
  const qint64 fo = m_order ? m_order->fulfillmentOrderId : 0;
  const bool allPrinted =
      !m_labelWait->sent.isEmpty() && std::all_of(m_labelWait->sent.cbegin(), m_labelWait->sent.cend(),
                                                  [](const SentLabel &sent) { return sent.answered && sent.printed; });
  stopWaitingForLabels();
  if (!recordFinish(partial))
    return; // it said why
  qCInfo(lcLabels).noquote() << "fulfillment order" << fo << "recorded with its" << boxes
                             << (partial ? "label(s), shipped partial" : "label(s)");
  if (!allPrinted)
    return; // a label that did not print (or never answered) keeps its warning on the screen
  // The last word at the bench: the order is done and what comes next (the label notices said only "sent").
  say(Notice::Where::Pack, Tone::Good, tr("✔ ORDER %1 COMPLETE — %n label(s) printed", nullptr, boxes).arg(name),
      partial ? tr("Shipped partial: the rest stays open in Shopify and is not queued here again · F8 takes the next "
                   "order")
      : boxes == 1 ? tr("Put the label on the box · F8 takes the next order")
                   : tr("Put each label on its box · F8 takes the next order"));
}

void StationController::labelJobEnded(qint64 jobId, bool printed)
{
  if (!m_labelWait)
    return;
  for (SentLabel &sent : m_labelWait->sent) {
    if (sent.jobId == jobId && !sent.answered) {
      sent.answered = true;
      sent.printed = printed;
      continueLabels(false);
      return;
    }
  }
}

bool StationController::markLabelPrinted(qint64 requestId)
{
  SentLabel &sent = m_labelWait->sent[requestId];
  Status marked = carrierlabels::markPrinted(m_db, requestId, *m_settings.stationId, sent.jobId, m_order->signInToken);
  if (!marked) {
    qCWarning(lcLabels).noquote() << "label printed but not marked:" << marked.error().message;
    noteDatabaseError(marked.error());
    if (endedSignIn(marked.error()))
      return false; // marked once the packer is back; the job is journaled (a reprint never buys)
  }
  sent.marked = true; // a database failure is not asked again: the pack is recorded as before
  return true;
}

void StationController::labelChanged(qint64 fulfillmentOrderId)
{
  if (m_labelWait && m_order && m_order->fulfillmentOrderId == fulfillmentOrderId) {
    continueLabels(false);
    return;
  }
  if (fulfillmentOrderId != m_lastFinished || m_lastFinished == 0)
    return;
  // A label of the order this bench just finished is being voided: the box must not ship with it.
  auto labels = carrierlabels::forOrder(m_db, fulfillmentOrderId);
  if (!labels)
    return;
  for (const BoxLabel &label : *labels) {
    if (label.state == u"void_pending" || label.state == u"voided")
      say(screenArea(), Tone::Warning, tr("Label of box %1 voided — do not ship it").arg(label.boxNo),
          tr("%1; the lead is told").arg(label.voidReason), Cue::Notice);
  }
}

} // namespace pb::station
