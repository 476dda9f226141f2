// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/printjournal.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

#include <QCoreApplication>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace pb::documents {

QString kindName(PrintKind kind)
{
  return kind == PrintKind::Slip ? u"slip"_s : u"label"_s;
}

QString formatName(PrintFormat format)
{
  switch (format) {
  case PrintFormat::Pdf: return u"pdf"_s;
  case PrintFormat::Zpl: return u"zpl"_s;
  case PrintFormat::Png: return u"png"_s;
  }
  return {};
}

QString statusName(PrintStatus status)
{
  switch (status) {
  case PrintStatus::Queued: return u"queued"_s;
  case PrintStatus::Sent: return u"sent"_s;
  case PrintStatus::Failed: return u"failed"_s;
  case PrintStatus::Retrying: return u"retrying"_s;
  case PrintStatus::Moved: return u"moved"_s;
  case PrintStatus::Done: return u"done"_s;
  }
  return {};
}

namespace {

constexpr auto kColumns = "id, fulfillment_order_id, kind, printer, format, status, attempts, last_error, payload, "
                          "reference, moved_to_job_id";

PrintStatus statusFrom(const QString &s)
{
  for (auto st : {PrintStatus::Queued, PrintStatus::Sent, PrintStatus::Failed, PrintStatus::Retrying,
                  PrintStatus::Moved, PrintStatus::Done})
    if (statusName(st) == s)
      return st;
  return PrintStatus::Failed;
}

PrintFormat formatFrom(const QString &format)
{
  return format == u"zpl"_s ? PrintFormat::Zpl : (format == u"png"_s ? PrintFormat::Png : PrintFormat::Pdf);
}

PrintJob fromRow(const QSqlQuery &q)
{
  PrintJob job;
  job.id = q.value(0).toLongLong();
  job.fulfillmentOrderId = q.value(1).toLongLong();
  job.kind = q.value(2).toString() == u"label"_s ? PrintKind::Label : PrintKind::Slip;
  job.printer = q.value(3).toString();
  job.format = formatFrom(q.value(4).toString());
  job.status = statusFrom(q.value(5).toString());
  job.attempts = q.value(6).toInt();
  job.lastError = q.value(7).toString();
  job.payload = q.value(8).toByteArray();
  job.reference = q.value(9).toString();
  job.movedToJobId = q.value(10).toLongLong();
  return job;
}

Result<QList<PrintJob>> listJobs(const QSqlDatabase &db, const QString &where, const QVariantList &values)
{
  auto query =
      db::exec(db, u"SELECT %1 FROM print_jobs WHERE %2 ORDER BY id"_s.arg(QLatin1String(kColumns), where), values);
  if (!query)
    return query.error();
  QList<PrintJob> jobs;
  while (query.value().next())
    jobs.append(fromRow(query.value()));
  return jobs;
}

QString nowSql(const QSqlDatabase &db)
{
  return db::isPostgres(db) ? u"now()"_s : u"strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"_s;
}

} // namespace

PrintJournal::PrintJournal(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<qint64> PrintJournal::create(const PrintJob &job)
{
  // PostgreSQL: stations journal only through packbench_print_job_create (migration 0012).
  auto query = db::exec(m_db,
                        db::isPostgres(m_db)
                            ? u"SELECT packbench_print_job_create(?::bigint, ?, ?, ?, ?::bytea, ?)"_s
                            : u"INSERT INTO print_jobs (fulfillment_order_id, kind, printer, format, status, payload, "
                              "reference) VALUES (?, ?, ?, ?, 'queued', ?, ?) RETURNING id"_s,
                        {db::idOrNull(job.fulfillmentOrderId), kindName(job.kind), db::textOrEmpty(job.printer),
                         formatName(job.format), db::bytesOrNull(job.payload), job.reference});
  if (!query)
    return query.error();
  if (!query.value().next())
    return makeError(ErrorKind::Internal, u"print job insert returned no id"_s);
  return query.value().value(0).toLongLong();
}

Result<PrintJob> PrintJournal::get(qint64 id) const
{
  auto jobs = listJobs(m_db, u"id = ?"_s, {id});
  if (!jobs)
    return jobs.error();
  if (jobs.value().isEmpty())
    return makeError(ErrorKind::NotFound,
                     QCoreApplication::translate("pb::documents::PrintJournal", "print job %1 not found").arg(id));
  return jobs.value().constFirst();
}

Result<QList<PrintJob>> PrintJournal::openJobs() const
{
  return listJobs(m_db, u"status IN ('queued', 'failed', 'retrying')"_s, {});
}

Result<QList<PrintJob>> PrintJournal::forFulfillmentOrder(qint64 fulfillmentOrderId) const
{
  return listJobs(m_db, u"fulfillment_order_id = ?"_s, {fulfillmentOrderId});
}

Result<QList<PrintJobSummary>> PrintJournal::recentJobs(int limit) const
{
  const bool postgres = db::isPostgres(m_db);
  const QString mine = postgres ? u"j.login = session_user"_s : u"1 = 1"_s;
  // A carrier label's box is its label request's (PostgreSQL only: the hub buys them); a house label names its own.
  // (substring's capture is NULL for any other reference: no label request, no box.)
  const QString carrierBox = postgres ? u"(SELECT r.box_no FROM label_requests r WHERE r.id = CAST(substring("
                                        "j.reference FROM '^carrier-label:request=([0-9]+)$') AS bigint))"_s
                                      : u"NULL"_s;
  auto query =
      db::exec(m_db,
               u"SELECT j.id, j.fulfillment_order_id, o.name, j.kind, j.format, j.printer, j.status, j.attempts, "
               "j.last_error, j.moved_to_job_id, j.created_at, j.reference, %2 FROM print_jobs j "
               "LEFT JOIN fulfillment_orders f ON f.id = j.fulfillment_order_id "
               "LEFT JOIN orders o ON o.id = f.order_id WHERE %1 ORDER BY j.id DESC LIMIT ?"_s.arg(mine, carrierBox),
               {limit});
  if (!query)
    return query.error();
  QList<PrintJobSummary> jobs;
  while (query.value().next()) {
    const QSqlQuery &q = query.value();
    PrintJobSummary job;
    job.id = q.value(0).toLongLong();
    job.fulfillmentOrderId = q.value(1).toLongLong();
    job.orderName = q.value(2).toString();
    job.kind = q.value(3).toString() == u"label"_s ? PrintKind::Label : PrintKind::Slip;
    job.format = formatFrom(q.value(4).toString());
    job.printer = q.value(5).toString();
    job.status = statusFrom(q.value(6).toString());
    job.attempts = q.value(7).toInt();
    job.lastError = q.value(8).toString();
    job.movedToJobId = q.value(9).toLongLong();
    const QVariant created = q.value(10);
    job.createdAt = created.typeId() == QMetaType::QDateTime
                        ? created.toDateTime()
                        : QDateTime::fromString(created.toString(), Qt::ISODateWithMs);
    if (job.kind == PrintKind::Label)
      job.boxNo =
          q.value(12).isNull() ? houseLabelBox(q.value(11).toString(), job.fulfillmentOrderId) : q.value(12).toInt();
    jobs.append(job);
  }
  return jobs;
}

Status PrintJournal::setStatus(qint64 id, PrintStatus status, bool countAttempt, const QString &error)
{
  const QVariant lastError = db::textOrNull(error);
  if (db::isPostgres(m_db)) {
    auto query = db::exec(m_db, u"SELECT packbench_print_job_set_status(?::bigint, ?, ?::boolean, ?)"_s,
                          {id, statusName(status), countAttempt, lastError});
    if (!query)
      return query.error();
    if (!query.value().next() || !query.value().value(0).toBool())
      return makeError(ErrorKind::NotFound,
                       QCoreApplication::translate("pb::documents::PrintJournal", "print job %1 not found").arg(id));
    return {};
  }
  const QString sql = u"UPDATE print_jobs SET status = ?, attempts = attempts + ?, "
                      "last_error = COALESCE(?, last_error), updated_at = %1, "
                      "sent_at = CASE WHEN ? THEN %1 ELSE sent_at END WHERE id = ?"_s.arg(nowSql(m_db));
  auto query =
      db::exec(m_db, sql, {statusName(status), countAttempt ? 1 : 0, lastError, status == PrintStatus::Sent, id});
  if (!query)
    return query.error();
  if (query.value().numRowsAffected() != 1)
    return makeError(ErrorKind::NotFound,
                     QCoreApplication::translate("pb::documents::PrintJournal", "print job %1 not found").arg(id));
  return {};
}

Status PrintJournal::markSent(qint64 id)
{
  return setStatus(id, PrintStatus::Sent, true);
}

Status PrintJournal::markDone(qint64 id)
{
  return setStatus(id, PrintStatus::Done, false);
}

Status PrintJournal::markFailed(qint64 id, const QString &error)
{
  return setStatus(id, PrintStatus::Failed, true, error);
}

Status PrintJournal::markIncomplete(qint64 id, const QString &what)
{
  return setStatus(id, PrintStatus::Failed, false, what);
}

Status PrintJournal::markRetrying(qint64 id)
{
  return setStatus(id, PrintStatus::Retrying, false);
}

Result<int> PrintJournal::failLeftUnsent()
{
  const QString reason = QCoreApplication::translate(
      "pb::documents::PrintJournal", "Not printed: the station stopped before this job went out. R reprints it, M "
                                     "sends it to another printer.");
  if (db::isPostgres(m_db)) { // the calling login's jobs only (migration 0029)
    auto failed = db::execOneRow(m_db, u"SELECT packbench_print_jobs_left_unsent(?)"_s, {reason},
                                 u"packbench_print_jobs_left_unsent answered nothing"_s);
    if (!failed)
      return failed.error();
    return failed.value().value(0).toInt();
  }
  auto failed = db::exec(m_db,
                         u"UPDATE print_jobs SET status = 'failed', last_error = ?, updated_at = %1 "
                         "WHERE status IN ('queued', 'sent', 'retrying')"_s.arg(nowSql(m_db)),
                         {reason});
  if (!failed)
    return failed.error();
  return failed.value().numRowsAffected();
}

Status PrintJournal::recordDefaultPrinter(qint64 id, const QString &printer)
{
  if (printer.isEmpty())
    return {};
  auto recorded =
      db::isPostgres(m_db)
          ? db::exec(m_db, u"SELECT packbench_print_job_default_printer(?::bigint, ?)"_s, {id, printer})
          : db::exec(m_db, u"UPDATE print_jobs SET printer = ? WHERE id = ? AND printer = ''"_s, {printer, id});
  if (!recorded)
    return recorded.error();
  return {};
}

Result<qint64> PrintJournal::moveTo(qint64 id, const QString &printer)
{
  qint64 newId = 0;
  const Status status = db::inTransaction(m_db, [&]() -> Status {
    auto job = get(id);
    if (!job)
      return job.error();
    if (job.value().status == PrintStatus::Moved || job.value().status == PrintStatus::Done)
      return makeError(ErrorKind::Conflict,
                       QCoreApplication::translate("pb::documents::PrintJournal", "print job %1 is already %2")
                           .arg(id)
                           .arg(statusName(job.value().status)));
    PrintJob copy = job.value();
    copy.printer = printer;
    auto created = create(copy);
    if (!created)
      return created.error();
    newId = created.value();
    auto moved =
        db::isPostgres(m_db)
            ? db::exec(m_db, u"SELECT packbench_print_job_moved(?::bigint, ?::bigint)"_s, {id, newId})
            : db::exec(
                  m_db,
                  u"UPDATE print_jobs SET status = 'moved', moved_to_job_id = ?, updated_at = %1 WHERE id = ?"_s.arg(
                      nowSql(m_db)),
                  {newId, id});
    if (!moved)
      return moved.error();
    return {};
  });
  if (!status)
    return status.error();
  return newId;
}

QString houseLabelReference(qint64 fulfillmentOrderId, int box)
{
  return QStringLiteral("house-label:fulfillment_order=%1;box=%2").arg(fulfillmentOrderId).arg(box);
}

int houseLabelBox(const QString &reference, qint64 fulfillmentOrderId)
{
  const QString prefix = QStringLiteral("house-label:fulfillment_order=%1;box=").arg(fulfillmentOrderId);
  if (!reference.startsWith(prefix))
    return 0;
  const QStringView rest = QStringView(reference).mid(prefix.size());
  const qsizetype end = rest.indexOf(u';'); // an offline print adds ";offline=<event id>"
  bool ok = false;
  const int box = (end < 0 ? rest : rest.first(end)).toInt(&ok);
  return ok && box > 0 ? box : 0;
}

namespace {
const QString kOfflineMark = QStringLiteral(";offline=");
} // namespace

QString offlinePrintReference(const QString &document, const QUuid &event)
{
  return document + kOfflineMark + event.toString(QUuid::WithoutBraces);
}

QString printedDocument(const QString &reference)
{
  return reference.section(kOfflineMark, 0, 0);
}

Status refuseIfLabelGone(const PrintJob &job)
{
  if (job.kind == PrintKind::Slip || !job.payload.isEmpty())
    return {};
  return makeError(ErrorKind::NotFound,
                   QCoreApplication::translate(
                       "pb::documents::PrintJournal",
                       "Print job %1 cannot be printed again: its label is no longer kept (a voided label at once, "
                       "others a while after printing, and when the customer asks to be forgotten). Buy a new label if "
                       "the box still needs one.")
                       .arg(job.id));
}

} // namespace pb::documents
