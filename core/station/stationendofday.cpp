// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: the end of day. A lead (badge and PIN) asks for the carrier manifests of the warehouse on
// screen; the hub sends the day's labels to the carriers and stores one manifest per carrier; this bench prints
// each manifest's PDF and its own driver hand-off sheet through the journaled printer. A failure is said in the
// hub's words, with what the lead checks before asking again (docs/carriers.md "End of day").
#include "core/station/stationcontroller.h"

#include "core/db/sql.h"

#include <QLoggingCategory>
#include <QTimer>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcEndOfDay, "packbench.core.station.stationendofday")
} // namespace

void StationController::requestEndOfDay()
{
  if (!m_packer || m_offline || m_screen != Screen::Queue)
    return;
  const qint64 location = currentLocationId();
  if (!m_settings.printer || !m_settings.stationId || !db::isPostgres(m_db) || location == 0) {
    say(Notice::Where::Queue, Tone::Warning, tr("No end of day at this station"),
        tr("Carrier manifests need the central database and a printer"), Cue::Notice);
    return;
  }
  if (m_endOfDay) {
    say(Notice::Where::Queue, Tone::Neutral, tr("The end of day is under way"),
        tr("The hub is making the carrier manifests of %1").arg(m_endOfDay->warehouse));
    return;
  }
  LeadAction action;
  action.kind = LeadAction::Kind::EndOfDay;
  action.locationId = location;
  const QString warehouse = m_locations.at(m_locationIndex).code;
  askLeadAboutJob(action, tr("End the day at %1? The carrier manifests of today's labels are made and printed here "
                             "with the driver hand-off sheet.")
                              .arg(warehouse));
}

void StationController::startEndOfDay(const LeadAction &action, const packing::Packer &lead)
{
  auto requested = carriermanifests::request(m_db, *m_settings.stationId, action.locationId, lead.approvalToken,
                                             m_packer->signInToken);
  if (!requested && endedSignIn(requested.error()))
    return;
  if (!requested) {
    noteDatabaseError(requested.error());
    qCWarning(lcEndOfDay).noquote() << "end of day not asked for:" << requested.error().message;
    say(Notice::Where::Queue, Tone::Error, tr("The end of day was not started"),
        isDatabaseFault(requested.error().kind) ? tr("Database problem — try again") : requested.error().message,
        Cue::Unknown);
    return;
  }
  QString warehouse;
  for (const queue::Location &l : std::as_const(m_locations))
    if (l.id == action.locationId)
      warehouse = QStringLiteral("%1 — %2").arg(l.code, l.name);
  m_endOfDay = EndOfDayWait{*requested, warehouse};
  qCInfo(lcEndOfDay) << "lead" << lead.id << "asked for end of day" << *requested;
  say(Notice::Where::Queue, Tone::Neutral, tr("Making the carrier manifests…"),
      tr("The hub sends today's labels of %1 to the carriers").arg(warehouse));
  m_endOfDayPoll->start();
  continueEndOfDay();
}

void StationController::manifestChanged(qint64 requestId)
{
  if (m_endOfDay && m_endOfDay->requestId == requestId)
    continueEndOfDay();
}

void StationController::continueEndOfDay()
{
  if (!m_endOfDay)
    return;
  auto end = carriermanifests::read(m_db, m_endOfDay->requestId);
  if (!end) {
    noteDatabaseError(end.error()); // read again at the next poll (or once the database is back)
    return;
  }
  if (end->state == u"requested")
    return;
  m_endOfDayPoll->stop();
  const QString warehouse = m_endOfDay->warehouse;
  m_endOfDay.reset();
  if (end->state == u"done") {
    printEndOfDay(*end);
    return;
  }
  qCWarning(lcEndOfDay).noquote() << "end of day" << end->requestId << "failed:" << end->errorKind;
  if (end->errorKind == u"nothing_to_manifest") {
    say(Notice::Where::Queue, Tone::Warning, tr("No parcels to put on a manifest at %1").arg(warehouse), end->error,
        Cue::Notice);
    return;
  }
  say(Notice::Where::Queue, Tone::Error, tr("End of day not done: no manifest printed"),
      tr("%1 · F10 asks again").arg(end->error), Cue::Unknown);
}

void StationController::printEndOfDay(const EndOfDay &done)
{
  documents::HandoffSheet sheet;
  sheet.madeAt = m_clock.nowUtc().toLocalTime();
  sheet.station = m_settings.stationName;
  if (m_locationIndex < m_locations.size())
    sheet.warehouse =
        QStringLiteral("%1 — %2").arg(m_locations.at(m_locationIndex).code, m_locations.at(m_locationIndex).name);
  QStringList perCarrier;
  QStringList failed;
  int recovered = 0;
  for (const CarrierManifest &m : done.manifests) {
    sheet.carriers.append({m.carrierName, m.manifestId, m.labelCount});
    perCarrier.append(tr("%1 %n parcel(s)", nullptr, m.labelCount).arg(m.carrierName));
    recovered += m.recovered ? 1 : 0;
    // The carrier's own PDF, on the page printer; journaled, so the print-jobs list can reprint it.
    auto job = m_settings.printer->printLabel(0, m_settings.slipPrinter, m.pdf, documents::PrintFormat::Pdf,
                                              QStringLiteral("carrier-manifest:%1").arg(m.manifestId));
    if (!job) {
      qCWarning(lcEndOfDay).noquote() << "manifest" << m.manifestId << "not printed:" << job.error().message;
      failed.append(m.manifestId);
    }
  }
  auto sheetJob = m_settings.printer->printHandoffSheet(sheet, m_settings.slipPrinter);
  if (!sheetJob) {
    qCWarning(lcEndOfDay).noquote() << "hand-off sheet not printed:" << sheetJob.error().message;
    failed.append(tr("the hand-off sheet"));
  }
  Q_EMIT printJobsChanged();
  if (!failed.isEmpty()) {
    say(Notice::Where::Queue, Tone::Error, tr("Manifests made, but not everything printed"),
        tr("Not printed: %1 · F4 shows the print jobs").arg(failed.join(QStringLiteral(", "))), Cue::Unknown);
    return;
  }
  // Manifests the carrier had made in an attempt whose answer was lost: the lead sees they were found, not made twice.
  if (recovered > 0)
    perCarrier.append(tr("%n found at the carrier after a lost answer", nullptr, recovered));
  say(Notice::Where::Queue, Tone::Good,
      tr("End of day: %n parcel(s) on %1", nullptr, sheet.totalParcels())
          .arg(tr("%n manifest(s)", nullptr, static_cast<int>(done.manifests.size()))),
      tr("%1 · the manifests and the driver hand-off sheet are printing").arg(perCarrier.join(QStringLiteral(" · "))),
      Cue::Complete);
}

} // namespace pb::station
