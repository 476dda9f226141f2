// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/labeldispatcher.h"

#include "core/documents/sliprepository.h"
#include "core/documents/zpl.h"

#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace pb::documents {

namespace {
Q_LOGGING_CATEGORY(lcLabels, "packbench.core.documents.labeldispatcher")
} // namespace

LabelDispatcher::LabelDispatcher(QSqlDatabase db, Policy policy, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_journal(db)
    , m_policy(policy)
{}

LabelDispatcher::~LabelDispatcher() = default;

Result<qint64> LabelDispatcher::printLabel(qint64 fulfillmentOrderId, const QString &printer, const QByteArray &zpl,
                                           const QString &reference)
{
  PrintJob job;
  job.fulfillmentOrderId = fulfillmentOrderId;
  job.kind = PrintKind::Label;
  job.printer = printer;
  job.format = PrintFormat::Zpl;
  job.payload = zpl;
  job.reference = reference;
  auto id = m_journal.create(job);
  if (!id)
    return id.error();
  if (auto status = attempt(id.value(), true); !status)
    return status.error();
  return id.value();
}

Result<qint64> LabelDispatcher::printHouseLabel(qint64 fulfillmentOrderId, const QString &printer)
{
  auto slip = SlipRepository(m_db).load(fulfillmentOrderId);
  if (!slip)
    return slip.error();
  return printLabel(fulfillmentOrderId, printer, houseLabelZpl(slip.value()),
                    u"house-label:fulfillment_order=%1"_s.arg(fulfillmentOrderId));
}

Status LabelDispatcher::retry(qint64 jobId)
{
  return attempt(jobId, false);
}

Result<qint64> LabelDispatcher::moveJob(qint64 jobId, const QString &printer)
{
  auto moved = m_journal.moveTo(jobId, printer);
  if (!moved)
    return moved.error();
  if (auto status = attempt(moved.value(), true); !status)
    return status.error();
  return moved.value();
}

Status LabelDispatcher::attempt(qint64 jobId, bool scheduleRetry)
{
  auto job = m_journal.get(jobId);
  if (!job)
    return job.error();
  auto target = LabelTarget::parse(job.value().printer);
  Status sent = target ? sendRawLabel(target.value(), job.value().payload, m_policy.timeouts) : Status(target.error());
  if (sent) {
    if (auto marked = m_journal.markSent(jobId); !marked)
      return marked;
    // Raw printers give no completion report: accepted bytes are as done as we can know.
    if (auto done = m_journal.markDone(jobId); !done)
      return done;
    qCInfo(lcLabels, "label job %lld printed on %s", static_cast<long long>(jobId),
           qUtf8Printable(job.value().printer));
    Q_EMIT labelPrinted(jobId);
    return {};
  }
  const QString error = sent.error().message;
  if (auto marked = m_journal.markFailed(jobId, error); !marked)
    return marked;
  const bool willRetry = scheduleRetry && target && job.value().attempts + 1 < m_policy.maxAttempts;
  qCWarning(lcLabels, "label job %lld failed (attempt %d): %s", static_cast<long long>(jobId), job.value().attempts + 1,
            qUtf8Printable(error));
  if (willRetry) {
    if (auto retrying = m_journal.markRetrying(jobId); !retrying)
      return retrying;
    QTimer::singleShot(m_policy.retryDelayMs, this, [this, jobId] { (void)attempt(jobId, true); });
  }
  Q_EMIT labelFailed(jobId, error, willRetry);
  return sent;
}

} // namespace pb::documents
